import { sql } from 'kysely';
import type { BroadcastKind } from '../app/db/schema.js';
import { resolveRecipients } from '../modules/broadcasts/broadcasts.targeting.js';
import { awardPoints } from '../modules/volunteers/points.js';
import type { DemoContext } from './context.js';

// Broadcasts (协查广播) of the demo county: closed ones of the last weeks with their replies and
// found times — the old man found 18 minutes after the broadcast (seed 003) among them — and one
// open missing-child broadcast of this morning addressed to demo-volunteer and demo-grid, with
// some acknowledgements and a sighting. Recipients are resolved by the same targeting code the
// API uses; points are awarded as the app would.

const MINUTE = 60_000;
const DAY = 86_400_000;

interface Story {
  kind: BroadcastKind;
  title: string;
  body: string;
  daysAgo: number;
  radiusM: number;
  /** Minutes from broadcast to found; null: closed without a find. */
  foundAfter: number | null;
  closeNote: string;
  sightings: string[];
  found: string;
}

const CLOSED: Story[] = [
  {
    kind: 'missing_person',
    title: '寻找走失老人：男，82岁，患阿尔茨海默症',
    body: '老人身高约1.65米，身穿深蓝色棉袄、灰色裤子，拄拐杖，今天上午9时许从家中走失，家属焦急万分。如有发现请立即回复或拨打110。',
    daysAgo: 12,
    radiusM: 3000,
    foundAfter: 18,
    closeNote: '老人已由快递小哥在菜市场附近发现并安全送回家，感谢大家！',
    sightings: ['9点半左右在公交站见过一位拄拐杖的老人，往菜市场方向走了', '超市门口监控里好像有类似的老人'],
    found: '在菜市场北门找到老人，已陪同等候民警',
  },
  {
    kind: 'wanted_vehicle',
    title: '协查车辆：白色面包车，车牌尾号 37',
    body: '一辆白色五菱面包车涉嫌盗窃电动车电瓶，车尾有明显刮痕。请留意辖区道路和停车场，发现后请勿靠近，回复位置即可。',
    daysAgo: 25,
    radiusM: 5000,
    foundAfter: 95,
    closeNote: '车辆已在城郊停车场找到，嫌疑人已到案。',
    sightings: ['加油站附近看到一辆白色面包车，车尾有刮痕'],
    found: '城郊停车场东侧停着这辆车，车牌尾号37',
  },
  {
    kind: 'fraud_alert',
    title: '反诈预警：冒充燃气公司上门收费',
    body: '近期有人冒充燃气公司工作人员上门以“安全检查”为名收取费用、推销报警器。燃气公司上门不收现金，请提醒身边的老人。',
    daysAgo: 6,
    radiusM: 4000,
    foundAfter: null,
    closeNote: '预警期结束，相关线索已转侦查。',
    sightings: ['3号楼有老人说今天上午有人来敲门说要检查燃气'],
    found: '',
  },
  {
    kind: 'missing_child',
    title: '寻找走失儿童：女孩，6岁，穿粉色外套',
    body: '女孩扎两个小辫，穿粉色外套、白色运动鞋，下午4点在小区游乐场与家人走散。',
    daysAgo: 40,
    radiusM: 2000,
    foundAfter: 31,
    closeNote: '孩子已找到，与家人团聚。',
    sightings: ['小区东门看到一个穿粉色外套的小女孩在哭'],
    found: '孩子在便利店里，店员陪着，已通知家长',
  },
];

export async function seedBroadcasts(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('broadcasts');
  const { trx, today } = ctx;
  const now = today.getTime();
  const byName = new Map(ctx.county.users.map((u) => [u.username, u]));
  const officer = byName.get('demo-officer');
  const volunteerUser = byName.get('demo-volunteer');
  const gridUser = byName.get('demo-grid');
  if (!officer || !volunteerUser || !gridUser) return;
  const officerUnit = await trx.selectFrom('jurisdictions').select(['id', 'path', 'center_lat', 'center_lon']).where('id', '=', officer.jurisdictionId).executeTakeFirstOrThrow();
  const station = ctx.county.stations[0]!;
  const chief = byName.get('demo-chief') ?? officer;
  if (officerUnit.center_lat === null || officerUnit.center_lon === null) return;
  const centre = { lat: officerUnit.center_lat, lon: officerUnit.center_lon };

  const volunteerIds = new Map((await trx.selectFrom('volunteers').select(['id', 'user_id']).where('user_id', 'is not', null).execute()).map((v) => [v.user_id!, v.id]));

  async function broadcast(s: { kind: BroadcastKind; title: string; body: string; at: Date; radiusM: number; sender: { id: number; jurisdictionId: number }; path: string; status: 'open' | 'closed' }) {
    const row = await trx
      .insertInto('broadcasts')
      .values({
        kind: s.kind,
        title: s.title,
        body: s.body,
        target: 'radius',
        center_lat: centre.lat,
        center_lon: centre.lon,
        radius_m: s.radiusM,
        include_grid: true,
        status: s.status,
        jurisdiction_id: s.sender.jurisdictionId,
        created_by: s.sender.id,
        created_at: s.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stationPath = station.unit.path;
    const recipients = await resolveRecipients(trx, { area: { type: 'radius', center: centre, radiusM: s.radiusM }, teamIds: [], includeGrid: true, scopePath: s.path, stationPath });
    return { id: row.id, recipients };
  }

  async function addRecipients(id: number, users: number[], at: Date, delivered: number, acked: number) {
    const values = users.map((userId) => {
      const r = rng.float(0, 1);
      const deliveredAt = r < delivered ? new Date(at.getTime() + rng.int(2, 90) * 1000) : null;
      const ackAt = deliveredAt && r < acked ? new Date(deliveredAt.getTime() + rng.int(1, 20) * MINUTE) : null;
      return { broadcast_id: id, user_id: userId, delivered_at: deliveredAt, acknowledged_at: ackAt };
    });
    if (values.length) await trx.insertInto('broadcast_recipients').values(values).execute();
    for (const v of values) {
      const vid = volunteerIds.get(v.user_id);
      if (v.acknowledged_at && vid) await awardPoints(trx, vid, 'broadcast_ack', 'broadcast', id);
    }
    await sql`update point_entries p set at = r.acknowledged_at from broadcast_recipients r, volunteers v
      where r.broadcast_id = ${id} and v.user_id = r.user_id and p.volunteer_id = v.id and p.rule_code = 'broadcast_ack' and p.entity_id = ${String(id)} and r.acknowledged_at is not null`.execute(trx);
    return values;
  }

  const jitter = () => ({ lat: centre.lat + rng.float(-0.01, 0.01), lon: centre.lon + rng.float(-0.01, 0.01) });

  for (const s of CLOSED) {
    const at = new Date(now - s.daysAgo * DAY - rng.int(60, 600) * MINUTE);
    const b = await broadcast({ ...s, at, sender: chief, path: station.unit.path, status: 'closed' });
    const users = [...new Set([...b.recipients, volunteerUser.id, gridUser.id])];
    const rows = await addRecipients(b.id, users, at, 0.95, 0.7);
    const acked = rows.filter((r) => r.acknowledged_at).map((r) => r.user_id);
    const repliers = acked.length ? acked : users;
    for (const [i, text] of s.sightings.entries()) {
      const p = jitter();
      await trx
        .insertInto('broadcast_replies')
        .values({ broadcast_id: b.id, user_id: repliers[(i + 1) % repliers.length]!, kind: 'sighting', text, lat: p.lat, lon: p.lon, at: new Date(at.getTime() + (i + 1) * 4 * MINUTE) })
        .execute();
    }
    let closedAt = new Date(at.getTime() + rng.int(120, 300) * MINUTE);
    if (s.foundAfter !== null) {
      const finder = repliers[0]!;
      const foundAt = new Date(at.getTime() + s.foundAfter * MINUTE);
      const p = jitter();
      const reply = await trx.insertInto('broadcast_replies').values({ broadcast_id: b.id, user_id: finder, kind: 'found', text: s.found, lat: p.lat, lon: p.lon, at: foundAt }).returning('id').executeTakeFirstOrThrow();
      await trx.updateTable('broadcasts').set({ found_at: foundAt, found_reply_id: reply.id }).where('id', '=', b.id).execute();
      const vid = volunteerIds.get(finder);
      if (vid) {
        await awardPoints(trx, vid, 'broadcast_found', 'broadcast', b.id);
        await trx.updateTable('point_entries').set({ at: foundAt }).where('volunteer_id', '=', vid).where('rule_code', '=', 'broadcast_found').where('entity_id', '=', String(b.id)).execute();
      }
      closedAt = new Date(foundAt.getTime() + rng.int(10, 40) * MINUTE);
    }
    await trx.updateTable('broadcasts').set({ closed_at: closedAt, close_note: s.closeNote }).where('id', '=', b.id).execute();
  }

  // This morning: a missing child, still open.
  const at = new Date(now - 42 * MINUTE);
  const open = await broadcast({
    kind: 'missing_child',
    title: '寻找走失儿童：男孩，5岁，穿黄色雨衣',
    body: '男孩身高约1.1米，穿黄色雨衣、蓝色雨靴，背小恐龙书包，今早8点在幼儿园门口与奶奶走散。请留意附近街巷、商店和公交站，发现请回复位置，不要强行带离。',
    at,
    radiusM: 3000,
    sender: officer,
    path: officerUnit.path,
    status: 'open',
  });
  const others = open.recipients.filter((u) => u !== volunteerUser.id && u !== gridUser.id);
  const rows = await addRecipients(open.id, others, at, 0.8, 0.5);
  // demo-volunteer has it delivered but not yet acknowledged; demo-grid has acknowledged.
  await trx
    .insertInto('broadcast_recipients')
    .values([
      { broadcast_id: open.id, user_id: volunteerUser.id, delivered_at: new Date(at.getTime() + 5000), acknowledged_at: null },
      { broadcast_id: open.id, user_id: gridUser.id, delivered_at: new Date(at.getTime() + 3000), acknowledged_at: new Date(at.getTime() + 6 * MINUTE) },
    ])
    .execute();
  const sighter = rows.find((r) => r.acknowledged_at)?.user_id ?? gridUser.id;
  const p = jitter();
  await trx
    .insertInto('broadcast_replies')
    .values({ broadcast_id: open.id, user_id: sighter, kind: 'sighting', text: '二十分钟前在文化路公交站看到一个穿黄色雨衣的小男孩，一个人往西走', lat: p.lat, lon: p.lon, at: new Date(at.getTime() + 19 * MINUTE) })
    .execute();
}
