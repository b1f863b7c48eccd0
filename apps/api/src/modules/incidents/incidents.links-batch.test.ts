import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { intakeCodes } from './incidents.intake-state.js';

// The intake batch (incident_intake_batch) inserts all its incidents first and links them after,
// skipping the links that can do nothing. Whatever the batches, the clusters, grades, warnings,
// warning events and audit events must be those of linking each incident alone (incident_intake
// with finish): the same history (with quiet spells, warnings closed, raised again, upgraded and
// live across an episode) is replayed both ways on two disjoint sets of addresses and phones and
// compared with the link values renamed.

let t: TestApp;

const DAY = 24 * 60 * 60 * 1000;

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

interface Step {
  at: Date;
  /** Index into the run's addresses / phones, or null. */
  address: number | null;
  phone: number | null;
}

/** A history at 6 addresses and 6 phones, strictly increasing in time, with a quiet spell longer than every window. */
function history(seed: number, n: number): Step[] {
  const rnd = random(seed);
  let at = Date.UTC(2016, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    at += i === Math.floor(n * 0.75) ? 40 * DAY : Math.floor((0.1 + rnd() * 2.5) * DAY);
    return { at: new Date(at), address: rnd() < 0.75 ? Math.floor(rnd() * 6) : null, phone: rnd() < 0.6 ? Math.floor(rnd() * 6) : null };
  });
}

interface Run {
  addresses: { id: number; full_name: string }[];
  phones: string[];
  ids: number[];
}

describe('repeat linking of intake batches', () => {
  let jurisdictionId: number;
  let calls: (run: Run, steps: Step[], from: number) => unknown[];

  beforeAll(async () => {
    t = await createTestApp();
    const state = await intakeCodes(t.db);
    jurisdictionId = (await t.db.selectFrom('jurisdictions').select('id').where('name', '=', '城关派出所').executeTakeFirstOrThrow()).id;
    let serial = 0;
    calls = (run, steps, from) =>
      steps.map((s, i) => ({
        scope: 'test:links-set',
        key: `links-set-${Date.now()}-${++serial}`,
        hash: String(serial),
        incident: {
          channel: '110', externalRef: null, receivedAt: s.at.toISOString(), categoryCode: '100100', kind: state.categories.get('100100')!.kind, riskDomain: null, disputeType: null,
          summary: `连锁测试${from + i}`, narrative: '', callerName: null, callerPhone: s.phone === null ? null : run.phones[s.phone], addressText: null,
          addressId: s.address === null ? null : run.addresses[s.address]!.id, addressConfidence: s.address === null ? null : 1, lat: null, lon: null,
          jurisdictionId, createdBy: null, apiKeyId: null,
        },
        finish: true,
        partyKeys: [],
        actor: { userId: null, apiKeyId: null, name: 'test', role: 'test', ip: null, requestId: null },
        versions: state.versions,
        prefix: '/%',
      }));
  });
  afterAll(async () => {
    await t.close();
  });

  /** Warnings of the run's clusters closed by an officer (between two parts of the history). */
  async function closeLive(run: Run) {
    await sql`
      update warnings set status = 'closed', closed_reason = '测试关闭' where status <> 'closed' and cluster_id in (
        select id from repeat_clusters where (link_by = 'address' and link_value = any (${run.addresses.map((a) => String(a.id))}::text[])) or (link_by = 'phone' and link_value = any (${run.phones}::text[])))`.execute(t.db);
  }

  /** Everything linking wrote for the run, with the link values renamed to their indexes. */
  async function outcome(run: Run) {
    const rename = (text: string | null) => {
      let out = text ?? '';
      run.addresses.forEach((a, i) => (out = out.split(a.full_name).join(`A${i}`).split(`地址 #${a.id}`).join(`A${i}`)));
      run.phones.forEach((p, i) => (out = out.split(p).join(`P${i}`)));
      return out;
    };
    const valueOf = (by: string, value: string) => (by === 'address' ? `A${run.addresses.findIndex((a) => String(a.id) === value)}` : `P${run.phones.indexOf(value)}`);
    const index = new Map(run.ids.map((id, i) => [String(id), i]));
    const clusters = (
      await sql<{ id: string; link_by: string; link_value: string; first_at: Date; last_at: Date; incident_count: number; level: string | null; members: string[] }>`
        select c.id, c.link_by, c.link_value, c.first_at, c.last_at, c.incident_count, c.level, array(select ci.incident_id::text from repeat_cluster_incidents ci where ci.cluster_id = c.id) as members
        from repeat_clusters c
        where (c.link_by = 'address' and c.link_value = any (${run.addresses.map((a) => String(a.id))}::text[])) or (c.link_by = 'phone' and c.link_value = any (${run.phones}::text[]))`.execute(t.db)
    ).rows;
    const warnings = (
      await sql<{ cluster_id: string; level: string; status: string; reason: string; events: string[] }>`
        select w.cluster_id, w.level, w.status, w.reason,
          array(select coalesce(e.from_status, '-') || '>' || e.to_status || ':' || coalesce(e.note, '') from warning_events e where e.warning_id = w.id order by e.id) as events
        from warnings w where w.cluster_id = any (${clusters.map((c) => c.id)}::bigint[]) order by w.id`.execute(t.db)
    ).rows;
    const audits = (
      await sql<{ action: string; entity_type: string; incident: string; change: Record<string, unknown> }>`
        select e.action, e.entity_type, coalesce(e.change ->> 'incidentId', e.entity_id) as incident, e.change
        from audit_events e
        where (e.action = 'incident.created' and e.entity_id = any (${run.ids.map(String)}::text[]))
           or (e.action = 'warning.raised' and e.change ->> 'incidentId' = any (${run.ids.map(String)}::text[]))
        order by e.id`.execute(t.db)
    ).rows;
    const clusterName = new Map(clusters.map((c) => [c.id, valueOf(c.link_by, c.link_value)]));
    return {
      clusters: clusters
        .map((c) => ({
          link: valueOf(c.link_by, c.link_value),
          firstAt: c.first_at.toISOString(),
          lastAt: c.last_at.toISOString(),
          count: c.incident_count,
          level: c.level,
          members: c.members.map((m) => index.get(m)).sort((a, b) => a! - b!),
        }))
        .sort((a, b) => a.link.localeCompare(b.link)),
      warnings: warnings.map((w) => ({ link: clusterName.get(w.cluster_id), level: w.level, status: w.status, reason: rename(w.reason), events: w.events.map(rename) })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      audits: audits.map((a) => {
        const { reason, incidentId: _incidentId, ownerUserId, ...rest } = a.change as { reason?: string; incidentId?: unknown; ownerUserId?: unknown };
        return { incident: index.get(a.incident), action: a.action, reason: rename(reason ?? null), owner: ownerUserId ?? null, ...(a.action === 'warning.raised' ? rest : {}) };
      }),
    };
  }

  it('gives the clusters, grades, warnings and audit events of linking one incident at a time, whatever the batches', async () => {
    const places = await t.db.selectFrom('addresses').select(['id', 'full_name']).where('level', '=', 'building').orderBy('id').limit(12).execute();
    expect(places).toHaveLength(12);
    const tag = String(Date.now()).slice(-6);
    const one: Run = { addresses: places.slice(0, 6).map((p) => ({ id: Number(p.id), full_name: p.full_name })), phones: Array.from({ length: 6 }, (_, i) => `1391${tag}${i}`), ids: [] };
    const batched: Run = { addresses: places.slice(6).map((p) => ({ id: Number(p.id), full_name: p.full_name })), phones: Array.from({ length: 6 }, (_, i) => `1392${tag}${i}`), ids: [] };
    const steps = history(20261124, 160);
    const half = 80;

    // One at a time: each incident its own incident_intake with linking.
    for (const [from, part] of [[0, steps.slice(0, half)], [half, steps.slice(half)]] as const) {
      for (const call of calls(one, part, from)) {
        const { rows } = await sql<{ r: { status: string; id: number } }>`select incident_intake(${JSON.stringify(call)}::jsonb) as r`.execute(t.db);
        expect(rows[0]!.r.status).toBe('created');
        one.ids.push(rows[0]!.r.id);
      }
      if (from === 0) await closeLive(one);
    }

    // In batches of 1 to 12 (several incidents of a batch often share a link).
    const rnd = random(7);
    for (const [from, part] of [[0, steps.slice(0, half)], [half, steps.slice(half)]] as const) {
      const all = calls(batched, part, from);
      for (let i = 0; i < all.length; ) {
        const size = 1 + Math.floor(rnd() * 12);
        const chunk = all.slice(i, i + size);
        const { rows } = await sql<{ r: { status: string; id: number }[] }>`select incident_intake_batch(${JSON.stringify(chunk)}::jsonb) as r`.execute(t.db);
        expect(rows[0]!.r.map((r) => r.status)).toEqual(chunk.map(() => 'created'));
        batched.ids.push(...rows[0]!.r.map((r) => r.id));
        i += size;
      }
      if (from === 0) await closeLive(batched);
    }

    const expected = await outcome(one);
    const got = await outcome(batched);
    // The history exercises every path: warnings raised, upgraded, closed and raised again, live across a quiet spell.
    expect(expected.warnings.some((w) => w.status === 'closed')).toBe(true);
    expect(expected.warnings.some((w) => w.events.some((e) => e.includes('升级为')))).toBe(true);
    expect(expected.warnings.some((w) => w.events.some((e) => e.includes('再次达到预警条件')))).toBe(true);
    expect(expected.warnings.filter((w) => w.status !== 'closed').length).toBeGreaterThan(3);
    expect(got.clusters).toEqual(expected.clusters);
    expect(got.warnings).toEqual(expected.warnings);
    expect(got.audits).toEqual(expected.audits);
  });
});
