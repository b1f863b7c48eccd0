import { sql } from 'kysely';
import type { IncidentKind, IncidentOutcome, IncidentStatus, PartyRole } from '../app/db/schema.js';
import type { DemoContext } from './context.js';
import { daysFromSpringFestival, INCIDENT_STREAMS, ITEMS, OUTCOME_NOTES, timePhrase, UNMATCHED_PLACES, type Story, type Stream } from './incident-stories.js';
import { linkRecentIncidents } from './incident-warnings.js';
import { buildIncidentWorld, callerAt, textPlace, weightedPick, type Caller, type IncidentPlace, type IncidentWorld } from './incident-world.js';
import { partyLinkKey } from '../modules/incidents/incidents.parties.js';
import { mobile, personName } from './names.js';
import type { Random } from './random.js';

// Two years of incidents (警情) ending now, on every channel: a background that follows the
// rhythm of the day, the week and the year, plus the repeats that make a station's work —
// troubled households with episodes of quarrels, and callers who ring again and again. The
// last weeks are linked into repeat clusters and warnings by the intake's own logic.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BEIJING = 8 * HOUR;
const YEARS = 2;
/** Days at the end linked into repeat clusters, in received order, by warnings/repeats.ts. */
export const LINKED_DAYS = 60;

interface Draft {
  at: number;
  stream: Stream;
  story: Story;
  place: IncidentPlace;
  caller: Caller;
  channel?: string;
  /** Scripted timing for today's last incidents: minutes from receipt to dispatch, arrival, handling, closing. */
  timing?: [number, number, number, number];
}

const streamOf = (kind: IncidentKind) => INCIDENT_STREAMS.find((s) => s.kind === kind)!;
const storyOf = (stream: Stream, test: (s: Story) => boolean) => stream.stories.find(test)!;

function poisson(rng: Random, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

function placeFor(world: IncidentWorld, rng: Random, stream: Stream, story: Story): IncidentPlace {
  const kind = weightedPick(rng, stream.places);
  if (kind === 'home' || (kind === 'shop' && story.only === 'village')) {
    const pool = story.only === 'village' ? world.homes.village : story.only === 'town' ? world.homes.town : world.homes.all;
    if (!pool.empty) return pool.pick(rng);
  }
  if (kind === 'shop' && !world.shops.empty) return world.shops.pick(rng);
  if (kind === 'street' && !world.streets.empty) return world.streets.pick(rng);
  return textPlace(world, rng, UNMATCHED_PLACES);
}

function pickStory(rng: Random, stream: Stream, month: number, sf: number): Story {
  return weightedPick(
    rng,
    stream.stories.map((s) => [s, s.weight * (s.season?.(month, sf) ?? 1)] as const),
  );
}

/** The Poisson background: per day, per stream, per hour. */
function background(ctx: DemoContext, world: IncidentWorld, rng: Random, start: number, end: number): Draft[] {
  const drafts: Draft[] = [];
  const perStation = ctx.county.stations.length / 4;
  for (let day = start; day < end; day += DAY) {
    const local = new Date(day + BEIJING);
    const month = local.getUTCMonth() + 1;
    const dow = local.getUTCDay();
    const sf = daysFromSpringFestival(day);
    for (const stream of INCIDENT_STREAMS) {
      const total = stream.hours.reduce((a, b) => a + b, 0);
      const daily = stream.perDay * perStation * stream.seasonal(month, sf);
      for (let h = 0; h < 24; h++) {
        const n = poisson(rng, (daily * stream.hours[h]! * stream.weekly(dow, h)) / total);
        for (let i = 0; i < n; i++) {
          const at = day + h * HOUR + rng.int(0, HOUR - 1);
          if (at > end) continue;
          const story = pickStory(rng, stream, month, sf);
          const place = placeFor(world, rng, stream, story);
          drafts.push({ at, stream, story, place, caller: callerAt(world, rng, place, 0.55) });
        }
      }
    }
  }
  return drafts;
}

/** A night hour for a quarrel, Beijing time. */
function nightHour(rng: Random): number {
  return weightedPick(rng, [[19, 2], [20, 3], [21, 4], [22, 4], [23, 3], [0, 2], [1, 1], [12, 1], [18, 1]] as const);
}

/** Episodes at troubled households: 3 to 8 quarrels in a few weeks, the same caller most of the time. */
function episodes(world: IncidentWorld, rng: Random, start: number, now: number, scale: number): Draft[] {
  const drafts: Draft[] = [];
  const dispute = streamOf('dispute');
  const publicOrder = streamOf('public_order');
  const violence = storyOf(publicOrder, (s) => s.code === '200600');
  const episode = (place: IncidentPlace, lastAt: number, count: number, spanDays: number) => {
    const residents = (world.residents.get(place.addressId!) ?? []).filter((p) => p.phone);
    const usual = residents[0] ? { name: residents[0].name, phone: residents[0].phone, personId: residents[0].id } : callerAt(world, rng, place, 1);
    const story = rng.chance(0.7) ? dispute.stories[0]! : storyOf(dispute, (s) => s.disputeType === 'neighbour');
    for (let i = 0; i < count; i++) {
      const dayOffset = i === count - 1 ? 0 : Math.round(((count - 1 - i) / (count - 1)) * spanDays);
      const base = lastAt - dayOffset * DAY;
      const local = new Date(base + BEIJING);
      const at = Math.min(lastAt, Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), nightHour(rng), rng.int(0, 59), rng.int(0, 59)) - BEIJING);
      if (at < start || at > now) continue;
      const worse = i >= 2 && rng.chance(0.2);
      drafts.push({ at, stream: worse ? publicOrder : dispute, story: worse ? violence : story, place, caller: rng.chance(0.8) ? usual : callerAt(world, rng, place, 0.6) });
    }
  };
  // Episodes spread over the two years …
  for (const place of world.troubled) {
    const n = poisson(rng, 1.1);
    for (let e = 0; e < n; e++) episode(place, rng.int(start + 30 * DAY, now - 70 * DAY), rng.int(3, 6), rng.int(8, 26));
  }
  // … and some in the linked weeks, ending at set distances from now so that the warnings they
  // raise are of every age (closed, overdue, planned, fresh).
  const recent = [50, 41, 33, 26, 19, 12, 8, 4, 1];
  const chosen = rng.shuffle(world.troubled);
  for (let k = 0; k < recent.length * scale && k < chosen.length; k++) {
    const lastAt = now - (recent[k % recent.length]! + rng.float(0, 0.6)) * DAY;
    const count = k % recent.length === recent.length - 1 ? 3 : weightedPick(rng, [[3, 4], [4, 3], [5, 2], [6, 1], [8, 1]] as const);
    episode(chosen[k]!, Math.min(lastAt, now - 2 * HOUR), count, rng.int(6, 20));
  }
  return drafts;
}

/** People who call often: lonely elderly, people in long quarrels, 12345 regulars. */
function frequentCallers(ctx: DemoContext, world: IncidentWorld, rng: Random, start: number, now: number): Draft[] {
  const drafts: Draft[] = [];
  const people = (ctx.county.population?.people ?? []).filter((p) => p.phone && Date.parse(p.birthDate) < now - 40 * 365 * DAY);
  const streams = [streamOf('help'), streamOf('complaint'), streamOf('other'), streamOf('dispute')];
  const count = 14 * ctx.scale;
  for (let i = 0; i < count; i++) {
    const person = i % 3 !== 2 && people.length ? rng.pick(people) : null;
    const caller: Caller = person ? { name: person.name, phone: person.phone, personId: person.id } : { name: personName(rng), phone: mobile(rng), personId: null };
    const home = person ? ([...world.homes.all.items].find((h) => h.addressId === person.addressId) ?? null) : null;
    const perMonth = rng.float(0.4, 1.6);
    const stream = rng.pick(streams);
    const channel = stream.kind === 'complaint' || stream.kind === 'other' ? rng.pick(['12345', '12345', '110', 'web']) : '110';
    const calls: number[] = [];
    for (let t = start; t < now; t += 30 * DAY) for (let k = poisson(rng, perMonth); k > 0; k--) calls.push(t + rng.int(0, 30 * DAY));
    // A burst in the linked weeks for every other caller: three or more calls within a fortnight.
    if (i % 2 === 0) {
      const end = now - rng.float(0.3, 40) * DAY;
      for (let k = rng.int(3, 6); k > 0; k--) calls.push(end - rng.float(0, 14) * DAY);
    }
    for (const at0 of calls) {
      if (at0 > now || at0 < start) continue;
      const local = new Date(at0 + BEIJING);
      const story = pickStory(rng, stream, local.getUTCMonth() + 1, daysFromSpringFestival(at0));
      const place = home && rng.chance(0.75) ? home : placeFor(world, rng, stream, story);
      drafts.push({ at: Math.round(at0), stream, story, place, caller, channel });
    }
  }
  return drafts;
}

/** Today's last incidents, one in each state of the 1-3-5 chain. */
function scriptedToday(world: IncidentWorld, rng: Random, now: number): Draft[] {
  const dispute = streamOf('dispute');
  const help = streamOf('help');
  const mk = (minutesAgo: number, stream: Stream, timing: [number, number, number, number]): Draft => {
    const story = stream.stories[0]!;
    const place = world.homes.town.empty ? world.homes.all.pick(rng) : world.homes.town.pick(rng);
    return { at: now - minutesAgo * MIN, stream, story, place, caller: callerAt(world, rng, place, 0.6), channel: '110', timing };
  };
  return [mk(0.7, dispute, [2, 6, 40, 120]), mk(3, help, [0.6, 6, 40, 120]), mk(9, dispute, [0.7, 4.5, 40, 120]), mk(35, help, [0.5, 3.5, 22, 180])];
}

export async function seedIncidents(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('incidents');
  const now = ctx.today.getTime();
  // Whole Beijing days from two years ago; the last one ends now.
  const todayStart = Math.floor((now + BEIJING) / DAY) * DAY - BEIJING;
  const start = todayStart - YEARS * 365 * DAY;
  const world = await buildIncidentWorld(ctx, rng.fork('world'));
  const drafts = [
    ...background(ctx, world, rng.fork('background'), start, now - HOUR),
    ...episodes(world, rng.fork('episodes'), start, now, ctx.scale),
    ...frequentCallers(ctx, world, rng.fork('callers'), start, now - HOUR),
    ...scriptedToday(world, rng.fork('today'), now),
  ].sort((a, b) => a.at - b.at);
  // Distinct receipt times: intake in received order is then one order.
  for (let i = 1; i < drafts.length; i++) if (drafts[i]!.at <= drafts[i - 1]!.at) drafts[i]!.at = drafts[i - 1]!.at + 1000;
  const { rows, parties } = buildRows(world, rng.fork('rows'), drafts, now);
  const ids = await insertIncidents(ctx, rows);
  await sealPartyKeys(ctx, parties);
  await insertParties(ctx, parties.map((p) => ({ ...p, incident_id: ids[p.index]! })));
  const keysOf = new Map<number, string[]>();
  for (const p of parties) if (p.link_key && !keysOf.get(p.index)?.includes(p.link_key)) keysOf.set(p.index, [...(keysOf.get(p.index) ?? []), p.link_key]);
  const linkFrom = now - LINKED_DAYS * DAY;
  await linkRecentIncidents(
    ctx,
    rows.flatMap((r, i) => (r.received_at.getTime() >= linkFrom ? [{ id: ids[i]!, receivedAt: r.received_at, addressId: r.address_id, callerPhone: r.caller_phone, partyKeys: keysOf.get(i) ?? [], jurisdictionId: r.jurisdiction_id }] : [])),
    rng.fork('warnings'),
    new Set(rows.flatMap((r, i) => (r.kind === 'dispute' && r.received_at.getTime() >= linkFrom ? [ids[i]!] : []))),
  );
}

export interface IncidentRowDraft {
  channel: string;
  external_ref: string | null;
  received_at: Date;
  category_code: string;
  kind: IncidentKind;
  risk_domain: string | null;
  dispute_type: string | null;
  summary: string;
  narrative: string;
  caller_name: string | null;
  caller_phone: string | null;
  address_text: string | null;
  address_id: number | null;
  address_confidence: number | null;
  lat: number | null;
  lon: number | null;
  jurisdiction_id: number;
  status: IncidentStatus;
  dispatched_at: Date | null;
  arrived_at: Date | null;
  handled_at: Date | null;
  closed_at: Date | null;
  created_by: number | null;
  created_at: Date;
  outcome: IncidentOutcome | null;
  case_number: string | null;
  outcome_note: string | null;
  outcome_at: Date | null;
  outcome_by: number | null;
}

interface PartyDraft {
  index: number;
  role: PartyRole;
  name: string;
  phone: string | null;
  person_id: number | null;
  injured: boolean;
  id_number_hash: string | null;
  link_key: string | null;
}

/** As intake's prepareParties does: a party linked to a person takes the person's identity hash and its link key. */
async function sealPartyKeys(ctx: DemoContext, parties: PartyDraft[]): Promise<void> {
  const personIds = [...new Set(parties.flatMap((p) => (p.person_id === null ? [] : [p.person_id])))];
  const hashes = new Map<number, string | null>();
  for (let i = 0; i < personIds.length; i += 5000) {
    const rows = await ctx.trx.selectFrom('persons').select(['id', 'id_number_hash']).where('id', 'in', personIds.slice(i, i + 5000)).execute();
    for (const r of rows) hashes.set(r.id, r.id_number_hash);
  }
  for (const p of parties) {
    if (p.person_id === null) continue;
    p.id_number_hash = hashes.get(p.person_id) ?? null;
    p.link_key = partyLinkKey(p.id_number_hash, p.person_id);
  }
}

const EMERGENCY = new Set(['110']);

/** Minutes from receipt to dispatch, arrival, handling and closing: most within 1-3-5, some late. */
function timing(rng: Random, d: Draft, channel: string): [number, number, number, number] {
  if (d.timing) return d.timing;
  const slowClose = d.stream.kind === 'criminal' ? rng.float(24 * 60, 5 * 24 * 60) : rng.float(20, 36 * 60);
  // A walk-in report is handled at the desk: no dispatch, no arrival.
  if (channel === 'walkin') return [0, 0, rng.float(15, 90), 0];
  // Work orders from the hotlines and platforms are dispatched by the station less promptly than 110 calls.
  const late = EMERGENCY.has(channel) ? 0 : 0.25;
  const r = rng.next();
  const dispatch = r < 0.86 - late ? rng.float(0.2, 1) : r < 0.97 ? rng.float(1, 3) : rng.float(3, 10);
  const a = rng.next() + late;
  // The arrival standard is 3 minutes in the town and its communities, 5 in the villages (response_standards).
  const travel = !d.place.village
    ? a < 0.74 ? rng.float(1, 2.6) : a < 0.9 ? rng.float(2.6, 5) : rng.float(5, 14)
    : a < 0.7 ? rng.float(2, 4.5) : a < 0.9 ? rng.float(4.5, 10) : rng.float(10, 30);
  const arrive = Math.max(dispatch + 0.5, travel + dispatch * 0.3);
  return [dispatch, arrive, arrive + rng.float(10, 120), slowClose];
}

function addressText(rng: Random, place: IncidentPlace): { text: string; confidence: number | null } {
  if (place.addressId === null) return { text: place.fullName, confidence: rng.chance(0.5) ? null : Math.round(rng.float(0.25, 0.55) * 1000) / 1000 };
  const r = rng.next();
  const text = r < 0.5 ? place.fullName.replace(/^枫源县/, '') : r < 0.8 ? place.short : place.fullName;
  return { text, confidence: Math.round((r < 0.5 ? rng.float(0.9, 1) : r < 0.8 ? rng.float(0.78, 0.96) : 1) * 1000) / 1000 };
}

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => slots[k] ?? m);
}

function partiesFor(world: IncidentWorld, rng: Random, d: Draft, index: number): PartyDraft[] {
  const out: PartyDraft[] = [];
  const person = (p: { id: number; name: string; phone: string | null }, role: PartyRole, injured = false): PartyDraft => ({ index, role, name: p.name, phone: p.phone, person_id: p.id, injured, id_number_hash: null, link_key: null });
  const stranger = (role: PartyRole, injured = false): PartyDraft => ({ index, role, name: personName(rng), phone: rng.chance(0.6) ? mobile(rng) : null, person_id: null, injured, id_number_hash: null, link_key: null });
  const c = d.caller;
  // Officers link a caller to the person record now and then (when they check the identity), not every time.
  if (c.personId !== null && rng.chance(0.35)) out.push(person({ id: c.personId, name: c.name, phone: c.phone }, 'caller'));
  else out.push({ index, role: 'caller', name: c.name, phone: c.phone, person_id: null, injured: false, id_number_hash: null, link_key: null });
  if (!d.story.parties || rng.chance(0.15)) return out;
  const household = d.place.addressId !== null ? (world.residents.get(d.place.addressId) ?? []).filter((p) => p.id !== c.personId) : [];
  switch (d.story.parties) {
    case 'family':
      out.push(household.length ? person(household[0]!, 'party') : stranger('party'));
      break;
    case 'neighbour': {
      const near = world.neighboursOf(d.place).filter((p) => p.addressId !== d.place.addressId);
      out.push(near.length && rng.chance(0.5) ? person(rng.pick(near), 'party') : stranger('party'));
      break;
    }
    case 'fight':
      out.push(stranger(rng.chance(0.5) ? 'suspect' : 'party', rng.chance(0.25)));
      if (rng.chance(0.3)) out.push(stranger('witness'));
      break;
    case 'other':
      out.push(stranger('party'));
      break;
  }
  return out;
}

function buildRows(world: IncidentWorld, rng: Random, drafts: Draft[], now: number) {
  const rows: IncidentRowDraft[] = [];
  const parties: PartyDraft[] = [];
  const caseSeq = new Map<string, number>();
  const refSeq = new Map<string, number>();
  for (const [index, d] of drafts.entries()) {
    const channel = d.channel ?? weightedPick(rng, d.story.code === '950200' ? ([['12389', 80], ['110', 20]] as const) : d.stream.channels);
    const [tDispatch, tArrive, tHandle, tClose] = timing(rng, d, channel);
    const at = (m: number) => new Date(d.at + m * MIN);
    const desk = channel === 'walkin';
    const dispatched = at(tDispatch);
    const arrived = at(tArrive);
    const handled = at(Math.max(tArrive + 1, tHandle));
    const closed = at(Math.max(tArrive + 1, tHandle) + (tClose || rng.float(10, 60)));
    const stage = (t: Date) => t.getTime() <= now;
    const status: IncidentStatus = stage(closed) ? 'closed' : stage(handled) ? 'handled' : desk ? 'received' : stage(arrived) ? 'arrived' : stage(dispatched) ? 'dispatched' : 'received';
    const local = new Date(d.at + BEIJING);
    const ymd = local.toISOString().slice(0, 10).replace(/-/g, '');
    const station = world.staff.get(d.place.stationId);
    const officer = world.officerOf(d.place.areaId) ?? station?.chief ?? null;

    let outcome: IncidentOutcome | null = null;
    let caseNumber: string | null = null;
    if (status === 'closed' && rng.chance(now - closed.getTime() > 3 * DAY ? 0.95 : 0.5)) {
      outcome = weightedPick(rng, d.stream.outcomes);
      if (outcome === 'administrative_case' || outcome === 'criminal_case') {
        const key = `${outcome}:${d.place.stationId}:${ymd.slice(0, 6)}`;
        const n = (caseSeq.get(key) ?? 0) + 1;
        caseSeq.set(key, n);
        caseNumber = `${outcome === 'criminal_case' ? 'A' : 'X'}${world.stationCode.get(d.place.stationId)}${ymd.slice(0, 6)}${String(n).padStart(4, '0')}`;
      }
    }
    const ref = channel === '110' || channel === '12345' ? `${channel === '110' ? 'J' : 'R'}${ymd}${String((refSeq.set(channel + ymd, (refSeq.get(channel + ymd) ?? 0) + 1), refSeq.get(channel + ymd))).padStart(4, '0')}` : null;

    const mine = partiesFor(world, rng, d, index);
    parties.push(...mine);
    const other = mine.find((p) => p.role !== 'caller');
    const slots = {
      caller: d.caller.name,
      party: other?.name ?? '对方',
      time: timePhrase(local.getUTCHours()),
      place: d.place.short,
      topic: d.story.topics?.length ? rng.pick(d.story.topics) : '琐事',
      item: rng.pick(ITEMS),
      money: String(rng.pick([200, 500, 800, 1200, 2000, 3500, 5000, 8000, 12000, 30000])),
    };
    const { text, confidence } = addressText(rng, d.place);
    const summaryPlace = d.place.addressId !== null ? d.place.short.replace(/\d+单元\d+室$/, '').replace(/\d+室$/, '') : '';
    rows.push({
      channel,
      external_ref: ref,
      received_at: new Date(d.at),
      category_code: d.story.code,
      kind: d.stream.kind,
      risk_domain: d.story.riskDomain ?? null,
      dispute_type: d.story.disputeType ?? null,
      summary: `${summaryPlace}${fill(rng.pick(d.story.summaries), slots)}`.slice(0, 200),
      narrative: fill(rng.pick(d.story.narratives), slots),
      caller_name: channel === 'online' && rng.chance(0.5) ? null : d.caller.name,
      caller_phone: channel === 'online' ? null : d.caller.phone,
      address_text: text,
      address_id: d.place.addressId,
      address_confidence: confidence,
      lat: d.place.lat,
      lon: d.place.lon,
      jurisdiction_id: d.place.jurisdictionId,
      status,
      dispatched_at: status === 'received' || desk ? null : dispatched,
      arrived_at: status === 'received' || status === 'dispatched' || desk ? null : arrived,
      handled_at: status === 'handled' || status === 'closed' ? handled : null,
      closed_at: status === 'closed' ? closed : null,
      created_by: channel === 'walkin' ? (officer?.id ?? null) : null,
      created_at: new Date(d.at + rng.int(1000, 40_000)),
      outcome,
      case_number: caseNumber,
      outcome_note: outcome ? rng.pick(OUTCOME_NOTES[outcome]) : null,
      outcome_at: outcome ? closed : null,
      outcome_by: outcome ? (officer?.id ?? null) : null,
    });
  }
  return { rows, parties };
}

async function insertIncidents(ctx: DemoContext, rows: IncidentRowDraft[]): Promise<number[]> {
  const { rows: idRows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('incidents', 'id'))::bigint as id from generate_series(1, ${rows.length})`.execute(ctx.trx);
  const ids = idRows.map((r) => Number(r.id));
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    const col = <K extends keyof IncidentRowDraft>(k: K) => chunk.map((r) => r[k]);
    await sql`
      insert into incidents (id, channel, external_ref, received_at, category_code, kind, risk_domain, dispute_type, summary, narrative, caller_name, caller_phone,
        address_text, address_id, address_confidence, lat, lon, jurisdiction_id, status, dispatched_at, arrived_at, handled_at, closed_at, created_by, created_at,
        outcome, case_number, outcome_note, outcome_at, outcome_by)
      select * from unnest(${ids.slice(i, i + 2000)}::bigint[], ${col('channel')}::text[], ${col('external_ref')}::text[], ${col('received_at')}::timestamptz[], ${col('category_code')}::text[], ${col('kind')}::text[],
        ${col('risk_domain')}::text[], ${col('dispute_type')}::text[], ${col('summary')}::text[], ${col('narrative')}::text[], ${col('caller_name')}::text[], ${col('caller_phone')}::text[],
        ${col('address_text')}::text[], ${col('address_id')}::bigint[], ${col('address_confidence')}::real[], ${col('lat')}::float8[], ${col('lon')}::float8[], ${col('jurisdiction_id')}::int[],
        ${col('status')}::text[], ${col('dispatched_at')}::timestamptz[], ${col('arrived_at')}::timestamptz[], ${col('handled_at')}::timestamptz[], ${col('closed_at')}::timestamptz[],
        ${col('created_by')}::int[], ${col('created_at')}::timestamptz[], ${col('outcome')}::text[], ${col('case_number')}::text[], ${col('outcome_note')}::text[],
        ${col('outcome_at')}::timestamptz[], ${col('outcome_by')}::int[])`.execute(ctx.trx);
  }
  return ids;
}

async function insertParties(ctx: DemoContext, rows: (PartyDraft & { incident_id: number })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const col = <K extends keyof (PartyDraft & { incident_id: number })>(k: K) => chunk.map((r) => r[k]);
    await sql`
      insert into incident_parties (incident_id, role, name, phone, person_id, injured, id_number_hash, link_key)
      select * from unnest(${col('incident_id')}::bigint[], ${col('role')}::text[], ${col('name')}::text[], ${col('phone')}::text[], ${col('person_id')}::bigint[], ${col('injured')}::boolean[],
        ${col('id_number_hash')}::text[], ${col('link_key')}::text[])`.execute(ctx.trx);
  }
}
