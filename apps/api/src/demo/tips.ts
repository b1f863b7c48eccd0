import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Queryable } from '../app/db/database.js';
import type { IncidentKind, TipCategory } from '../app/db/schema.js';
import type { FileStore } from '../app/files.js';
import type { DemoContext } from './context.js';
import type { Random } from './random.js';

// Tips (线索) of the demo county: a few hundred over the last 60 days from the volunteers (and a
// few grid workers) in every state: accepted ones with their incident on channel 'tip' (inserted
// directly here, not through the intake), dismissed ones with a reason, and new ones of today and
// yesterday waiting in the officers' queue. demo-volunteer has tips in each state. Points for
// submitting and for an accepted tip are entered as the app would award them.

const DAY = 86_400_000;
const MINUTE = 60_000;

// ----- Demo photos -----
// Small PNGs drawn here (a coloured block with a stripe on a grey ground, one colour per kind of
// picture): real image files that pass the store's content check, no copied images. The demo
// records their rows in stored_files; the bytes go into a file store with ensureDemoPhotos (the
// server calls it at start, tests with their own store), content-addressed like any upload.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width×height RGB PNG: grey ground, a block of `rgb` in the middle, a darker stripe across it. */
export function drawPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const inBlock = x >= width / 5 && x < (width * 4) / 5 && y >= height / 5 && y < (height * 4) / 5;
      const stripe = inBlock && Math.abs(y - height / 2) < height / 20;
      const shade = 200 + Math.round((x / width) * 30);
      const px = inBlock ? (stripe ? rgb.map((v) => Math.round(v * 0.55)) : rgb) : [shade, shade, shade + 8];
      raw.set(px, row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method extras, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const PHOTO_COLOURS: Record<string, [number, number, number]> = {
  security: [46, 94, 170],
  dispute: [190, 120, 40],
  hazard: [230, 140, 20],
  fraud: [170, 40, 60],
  drugs: [90, 60, 130],
  traffic: [40, 150, 90],
  other: [110, 110, 110],
  task: [30, 130, 140],
};

export interface DemoPhoto {
  key: string;
  name: string;
  data: Buffer;
  sha256: string;
}
let photos: Map<string, DemoPhoto> | null = null;
/** The demo's photos by key (a tip category, or 'task' for completion photos), drawn once per process. */
export function demoPhotos(): Map<string, DemoPhoto> {
  if (!photos) {
    photos = new Map(
      Object.entries(PHOTO_COLOURS).map(([key, rgb]) => {
        const data = drawPng(160, 120, rgb);
        return [key, { key, name: `demo-${key}.png`, data, sha256: createHash('sha256').update(data).digest('hex') }];
      }),
    );
  }
  return photos;
}

/** The stored_files rows of the demo photos (ids by key), without the bytes. */
export async function recordDemoPhotos(trx: Queryable): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const p of demoPhotos().values()) {
    const row = await trx
      .insertInto('stored_files')
      .values({ sha256: p.sha256, mime: 'image/png', size_bytes: p.data.length, original_name: p.name, created_by: null })
      .onConflict((oc) => oc.column('sha256').doUpdateSet({ sha256: p.sha256 }))
      .returning('id')
      .executeTakeFirstOrThrow();
    out.set(p.key, row.id);
  }
  return out;
}

/** Puts the demo photos' bytes into a file store (idempotent: content-addressed, rows upserted). */
export async function ensureDemoPhotos(db: Queryable, files: FileStore): Promise<void> {
  for (const p of demoPhotos().values()) await files.put(db, { data: p.data, originalName: p.name, allowed: ['image/png'], maxBytes: 1024 * 1024, createdBy: null });
}

const TEXTS: Record<TipCategory, string[]> = {
  security: [
    '{place}附近最近几晚有陌生人反复查看电动车，形迹可疑',
    '{place}楼道里有人深夜撬门，住户听到响动',
    '{place}有人聚集饮酒吵闹，已持续一个多小时',
    '{place}停车场有车辆车窗被砸',
  ],
  dispute: [
    '{place}两户邻居因楼上漏水发生争吵，情绪激动',
    '{place}商户与顾客因退款问题争执，围观人员较多',
    '{place}工地工人称被拖欠工资，聚集在项目部门口',
    '{place}因停车位问题两家多次发生口角',
  ],
  hazard: [
    '{place}路口井盖缺失，夜间没有警示标志',
    '{place}楼道堆放大量纸箱杂物，堵塞消防通道',
    '{place}有电动车在楼道内充电，电线私拉乱接',
    '{place}广告牌松动，大风天有坠落危险',
  ],
  fraud: [
    '{place}有人以“免费领鸡蛋”为名向老人推销高价保健品',
    '{place}有老人说接到自称公检法的电话，要求转账到“安全账户”',
    '{place}有人在小区门口发放“高息理财”传单',
    '{place}有人冒充燃气公司上门收费',
  ],
  drugs: ['{place}出租屋常有人深夜进出，屋内有异味', '{place}附近发现丢弃的锡纸和吸管，疑似吸毒工具'],
  traffic: ['{place}早高峰有车辆长时间违停堵住学校门口', '{place}路口信号灯故障，车辆通行混乱', '{place}有货车超载行驶，货物掉落在路面'],
  other: ['{place}有一名老人独自徘徊，说不清家在哪里', '{place}发现一只走失的大型犬，无人看管', '{place}路灯连续几晚不亮，居民出行不便'],
};
const PLACES = ['菜市场北门', '3幢楼下', '小区东门', '公交站台', '夜市路口', '学校门口', '超市停车场', '河边步道', '快递驿站', '社区广场'];
const DISMISS_REASONS = [
  '经民警现场核实，系正常经营活动',
  '经核实为住户亲属来访，无异常',
  '与此前线索重复，已并入处理',
  '不属于公安管辖，已告知向城管部门反映',
  '现场未发现所述情况',
  '经联系上报人补充说明，属误会',
];
/**
 * The incident kind an accepted tip of each category is registered as. Dispute-kind incidents of
 * the demo come from the incidents step, which scores their escalation risk and raises warnings;
 * a quarrel reported as a tip is registered here as a public-order call so those stay consistent.
 */
const INCIDENT_KIND: Record<TipCategory, IncidentKind[]> = {
  security: ['public_order', 'criminal'],
  dispute: ['public_order'],
  hazard: ['help', 'fire', 'other'],
  fraud: ['criminal'],
  drugs: ['criminal'],
  traffic: ['traffic'],
  other: ['help', 'other'],
};
const CATEGORY_WEIGHTS: [TipCategory, number][] = [
  ['security', 24],
  ['dispute', 22],
  ['hazard', 20],
  ['fraud', 14],
  ['traffic', 10],
  ['drugs', 3],
  ['other', 7],
];
const CATEGORY_ZH: Record<TipCategory, string> = { security: '治安', dispute: '矛盾纠纷', hazard: '安全隐患', fraud: '诈骗', drugs: '涉毒', traffic: '交通', other: '其他' };

function weighted<T>(rng: Random, options: [T, number][]): T {
  let r = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return options[options.length - 1]![0];
}

interface Reporter {
  volunteerId: number | null;
  userId: number | null;
  jurisdictionId: number;
  lat: number | null;
  lon: number | null;
}
interface TipDraft {
  reporter: Reporter;
  category: TipCategory;
  status: 'new' | 'accepted' | 'dismissed';
  at: Date;
}

export async function seedTips(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('tips');
  const { trx, today } = ctx;
  const now = today.getTime();

  const volunteers = await trx
    .selectFrom('volunteers')
    .select(['id', 'user_id', 'jurisdiction_id', 'last_lat', 'last_lon'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  if (volunteers.length === 0) return;
  const paths = new Map((await trx.selectFrom('jurisdictions').select(['id', 'path']).execute()).map((j) => [j.id, j.path]));
  const centres = new Map<number, { lat: number; lon: number }>();
  for (const station of ctx.county.stations) for (const area of station.areas) for (const u of [area.unit, ...area.grids]) if (u.center) centres.set(u.id, u.center);
  const police = ctx.county.users.filter((u) => u.role === 'officer' || u.role === 'auxiliary');
  /** An officer whose jurisdiction holds the tip's. */
  const triagerFor = (jurisdictionId: number) => {
    const path = paths.get(jurisdictionId) ?? '';
    const near = police.filter((u) => path.startsWith(paths.get(u.jurisdictionId) ?? '#'));
    return near.length > 0 ? rng.pick(near).id : null;
  };

  // Categories of incident by kind: leaf categories of the 110 taxonomy.
  const categories = await trx.selectFrom('incident_categories as c').select(['c.code', 'c.kind', 'c.name_zh']).where('c.active', '=', true).where('c.source', '=', 'jcj110').where((eb) => eb.not(eb.exists(eb.selectFrom('incident_categories as k').select('k.code').whereRef('k.parent_code', '=', 'c.code')))).orderBy('c.code').execute();
  const byKind = new Map<string, typeof categories>();
  for (const c of categories) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  const categoryFor = (tip: TipCategory) => {
    const kinds = INCIDENT_KIND[tip].filter((k) => byKind.has(k));
    return kinds.length > 0 ? rng.pick(byKind.get(rng.pick(kinds))!) : (categories[0] ?? null);
  };

  const asReporter = (v: (typeof volunteers)[number]): Reporter => ({ volunteerId: v.id, userId: v.user_id, jurisdictionId: v.jurisdiction_id, lat: v.last_lat, lon: v.last_lon });
  const withAccount = volunteers.filter((v) => v.user_id !== null);
  const grids = ctx.county.users.filter((u) => u.role === 'grid');
  const demoVolunteer = ctx.county.users.find((u) => u.username === 'demo-volunteer');
  const demoMember = demoVolunteer ? volunteers.find((v) => v.user_id === demoVolunteer.id) : undefined;

  const drafts: TipDraft[] = [];
  const statusFor = (ageDays: number): TipDraft['status'] => {
    if (ageDays < 1) return 'new';
    if (ageDays < 3) return rng.chance(0.55) ? 'new' : rng.chance(0.6) ? 'accepted' : 'dismissed';
    return weighted(rng, [
      ['accepted', 52],
      ['dismissed', 44],
      ['new', 4],
    ]);
  };
  const total = 320 * ctx.scale;
  for (let i = 0; i < total; i++) {
    const ageDays = rng.float(0.02, 60);
    const roll = rng.next();
    // Mostly the volunteers with the app; some members without it phoned theirs in; a few grid workers.
    const reporter: Reporter =
      roll < 0.6 && withAccount.length > 0
        ? asReporter(rng.pick(withAccount))
        : roll < 0.92 || grids.length === 0
          ? asReporter(rng.pick(volunteers))
          : (() => {
              const g = rng.pick(grids);
              return { volunteerId: null, userId: g.id, jurisdictionId: g.jurisdictionId, lat: null, lon: null };
            })();
    drafts.push({ reporter, category: weighted(rng, CATEGORY_WEIGHTS), status: statusFor(ageDays), at: new Date(now - ageDays * DAY) });
  }
  // The officers' queue this morning: new tips of today, and demo-volunteer's tips in every state.
  const cgFirst = ctx.county.stations[0]?.areas[0]?.unit.id;
  const local = withAccount.filter((v) => v.jurisdiction_id === cgFirst);
  for (let i = 0; i < 6 && local.length > 0; i++) drafts.push({ reporter: asReporter(rng.pick(local)), category: weighted(rng, CATEGORY_WEIGHTS), status: 'new', at: new Date(now - rng.float(5, 600) * MINUTE) });
  if (demoMember) {
    const me = asReporter(demoMember);
    const mine: [TipDraft['status'], number, TipCategory][] = [
      ['new', 0.03, 'hazard'],
      ['new', 1.4, 'security'],
      ['accepted', 4.2, 'fraud'],
      ['accepted', 19, 'dispute'],
      ['dismissed', 8.5, 'security'],
      ['dismissed', 33, 'other'],
    ];
    for (const [status, ageDays, category] of mine) drafts.push({ reporter: me, category, status, at: new Date(now - ageDays * DAY) });
  }
  drafts.sort((a, b) => a.at.getTime() - b.at.getTime());

  const pointsOf = new Map((await trx.selectFrom('point_rules').select(['code', 'points']).where('active', '=', true).execute()).map((r) => [r.code, r.points]));
  const entries: { volunteer_id: number; rule_code: string; points: number; entity_type: string; entity_id: string; at: Date }[] = [];

  const photoIds = await recordDemoPhotos(trx);
  const tipPhotos: { tip_id: number; file_id: number }[] = [];

  for (const d of drafts) {
    const place = rng.pick(PLACES);
    const text = rng.pick(TEXTS[d.category]).replace('{place}', place);
    const centre = centres.get(d.reporter.jurisdictionId);
    const base = d.reporter.lat !== null && d.reporter.lon !== null ? { lat: d.reporter.lat, lon: d.reporter.lon } : (centre ?? null);
    const located = base !== null && rng.chance(0.85);
    const lat = located ? base.lat + rng.float(-0.003, 0.003) : null;
    const lon = located ? base.lon + rng.float(-0.004, 0.004) : null;
    const accuracy = located ? rng.int(5, 60) : null;
    const addressText = !located || rng.chance(0.5) ? place : null;
    const triagedAt = d.status === 'new' ? null : new Date(Math.min(now - MINUTE, d.at.getTime() + rng.float(10, 600) * MINUTE));
    const triagedBy = d.status === 'new' ? null : triagerFor(d.reporter.jurisdictionId);

    let incidentId: number | null = null;
    if (d.status === 'accepted' && triagedAt) {
      const category = categoryFor(d.category);
      if (category) {
        const received = triagedAt.getTime();
        const ageDays = (now - received) / DAY;
        // Older ones have been worked through; the last days' still move along the 1-3-5 chain.
        const stage = ageDays > 2 ? 4 : ageDays > 1 ? rng.int(2, 4) : rng.int(0, 2);
        const at = (m: number, k: number) => (stage >= k ? new Date(Math.min(now - MINUTE, received + m * MINUTE)) : null);
        const status = (['received', 'dispatched', 'arrived', 'handled', 'closed'] as const)[stage]!;
        const located = lat !== null && lon !== null ? `${lat.toFixed(6)}, ${lon.toFixed(6)}（±${accuracy} 米）` : '未提供';
        const row = await trx
          .insertInto('incidents')
          .values({
            channel: 'tip',
            received_at: new Date(received),
            category_code: category.code,
            kind: category.kind,
            summary: `${CATEGORY_ZH[d.category]}线索：${text.slice(0, 60)}`,
            narrative: [`群众线索（${CATEGORY_ZH[d.category]}）：${text}`, `手机定位：${located}`, `地址：${addressText ?? '未填写'}`].join('\n'),
            address_text: addressText,
            lat,
            lon,
            jurisdiction_id: d.reporter.jurisdictionId,
            status,
            dispatched_at: at(rng.int(2, 6), 1),
            arrived_at: at(rng.int(10, 25), 2),
            handled_at: at(rng.int(40, 120), 3),
            closed_at: at(rng.int(150, 600), 4),
            created_by: triagedBy,
            created_at: new Date(received),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        incidentId = row.id;
      }
    }
    const tip = await trx
      .insertInto('tips')
      .values({
        volunteer_id: d.reporter.volunteerId,
        reporter_user_id: d.reporter.userId,
        category: d.category,
        text,
        lat,
        lon,
        accuracy_m: accuracy,
        address_text: addressText,
        jurisdiction_id: d.reporter.jurisdictionId,
        status: incidentId === null && d.status === 'accepted' ? 'new' : d.status,
        triaged_by: incidentId === null && d.status === 'accepted' ? null : triagedBy,
        triaged_at: incidentId === null && d.status === 'accepted' ? null : triagedAt,
        dismiss_reason: d.status === 'dismissed' ? rng.pick(DISMISS_REASONS) : null,
        incident_id: incidentId,
        created_at: d.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // About two tips in five carry a photo (all of demo-volunteer's), chosen by id so the random sequence is unchanged.
    const photo = photoIds.get(d.category);
    if (photo !== undefined && (tip.id % 5 < 2 || (demoVolunteer !== undefined && d.reporter.userId === demoVolunteer.id))) tipPhotos.push({ tip_id: tip.id, file_id: photo });
    if (d.reporter.volunteerId !== null) {
      entries.push({ volunteer_id: d.reporter.volunteerId, rule_code: 'tip_submitted', points: pointsOf.get('tip_submitted') ?? 0, entity_type: 'tip', entity_id: String(tip.id), at: d.at });
      if (incidentId !== null && triagedAt) entries.push({ volunteer_id: d.reporter.volunteerId, rule_code: 'tip_accepted', points: pointsOf.get('tip_accepted') ?? 0, entity_type: 'tip', entity_id: String(tip.id), at: triagedAt });
    }
  }
  for (let i = 0; i < tipPhotos.length; i += 2000) await trx.insertInto('tip_files').values(tipPhotos.slice(i, i + 2000)).execute();
  const awarded = entries.filter((e) => pointsOf.has(e.rule_code));
  for (let i = 0; i < awarded.length; i += 2000) await trx.insertInto('point_entries').values(awarded.slice(i, i + 2000)).execute();
}
