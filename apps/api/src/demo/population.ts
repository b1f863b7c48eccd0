import { sql } from 'kysely';
import { creditCodeCheckCharacter, idCheckCharacter } from '@fengqiao/shared';
import type { HouseUse, PersonCategory, UnitKind } from '../app/db/schema.js';
import { sealIdNumber, type IdentityColumns } from '../modules/people/people.core.js';
import type { DemoContext, DemoDwelling, DemoHouse, DemoPerson } from './context.js';
import { mobile, personName } from './names.js';
import type { Random } from './random.js';

// 实有人口、实有房屋、实有单位 of the demo county, hung on the dwellings of the places step.

const COUNTY_CODE = '140871';
const SHANXI = ['140824', '140881', '140802', '140821', '140822', '140823', '140825', '140826', '140827', '140828', '140829', '140830', '140882', '140105', '141002', '140502'];
// Where people who come to work in a Shanxi county come from: Henan, Shaanxi, Hebei, Shandong, Sichuan, Anhui, Hubei, Gansu, Inner Mongolia.
const ELSEWHERE = ['410102', '411302', '411625', '411324', '410823', '411421', '610104', '610502', '610581', '610528', '130102', '370102', '510104', '341221', '420111', '620102', '150102'];
// Births per five-year cohort, 1940 → 2010 (after the 2020 census, in millions): the pyramid's waist and its two bulges.
const COHORTS: [number, number][] = [
  [1940, 20], [1945, 31], [1950, 50], [1955, 74], [1960, 73], [1965, 101], [1970, 121], [1975, 115], [1980, 93], [1985, 99], [1990, 124], [1995, 92], [2000, 75], [2005, 72],
];
const SHOP_TYPES = ['面馆', '超市', '便利店', '五金店', '理发店', '大药房', '水果店', '小吃店', '烟酒店', '手机通讯店', '服装店', '干洗店', '早餐店', '家常菜馆', '文具店', '粮油店', '母婴店', '电动车行'];
const SHOP_PREFIXES = ['惠民', '家家乐', '顺发', '兴隆', '福满多', '百姓', '鑫源', '万家', '如意', '金顺', '好运来', '益民'];
const ENTERPRISE_NAMES = ['农副产品加工有限公司', '建材有限公司', '物流有限公司', '果业专业合作社', '机械制造有限公司', '商贸有限公司', '建筑工程有限公司'];

const day = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function birthYear(rng: Random, from: number, to: number): number {
  const cohorts = COHORTS.filter(([y]) => y + 4 >= from && y <= to);
  const total = cohorts.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [y, w] of cohorts) {
    r -= w;
    if (r <= 0) return Math.min(to, Math.max(from, y + rng.int(0, 4)));
  }
  return to;
}

interface Draft {
  name: string;
  gender: 'male' | 'female';
  birth: string;
  category: PersonCategory;
  area: string;
  adult: boolean;
}

/** A household: a head, a partner, children (or the head's parent when a child would be born after 2010). */
function family(rng: Random, size: number, category: PersonCategory, from: number, to: number, areaOf: () => string): Draft[] {
  const headYear = birthYear(rng, from, to);
  const headName = personName(rng);
  const surname = headName[0]!;
  const gender = rng.chance(0.6) ? 'male' : 'female';
  const area = areaOf();
  const make = (name: string, g: 'male' | 'female', year: number, a = area): Draft => ({ name, gender: g, birth: `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`, category, area: a, adult: year <= 2007 });
  const out = [make(headName, gender, headYear)];
  if (size >= 2) out.push(make(personName(rng), gender === 'male' ? 'female' : 'male', Math.min(2004, Math.max(1940, headYear + rng.int(-4, 4))), rng.chance(0.7) ? area : areaOf()));
  while (out.length < size) {
    const childYear = headYear + rng.int(23, 33);
    const g = rng.chance(0.52) ? 'male' : 'female';
    if (childYear <= 2010) out.push(make(surname + personName(rng).slice(1), g, childYear));
    else if (headYear - 26 >= 1940) out.push(make(surname + personName(rng).slice(1), g, headYear - rng.int(24, 30)));
    else out.push(make(personName(rng), g, birthYear(rng, 1975, 2004), areaOf()));
  }
  return out;
}

/** People sharing a let flat: a couple (with a child when they are old enough) or unrelated workers. */
function tenants(rng: Random, size: number, areaOf: () => string): Draft[] {
  const category = (): PersonCategory => (rng.chance(0.9) ? 'tenant' : 'floating');
  if (size >= 2 && rng.chance(0.45)) return family(rng, size, category(), 1968, 2000, areaOf);
  return Array.from({ length: size }, () => family(rng, 1, category(), 1972, 2004, areaOf)[0]!);
}

function weighted(rng: Random, weights: number[]): number {
  let r = rng.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((r -= w) <= 0) return i;
  return weights.length - 1;
}

/** A unified social credit code: authority and type, area, a 9-character organisation code (GB 11714), check character. */
function creditCode(rng: Random, prefix: string): string {
  const digits = Array.from({ length: 8 }, () => rng.int(0, 9));
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - (digits.reduce((s, d, i) => s + d * w[i]!, 0) % 11);
  const org = digits.join('') + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  const first17 = `${prefix}${COUNTY_CODE}${org}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}

/** Rows of one statement at most 1000 (PostgreSQL's parameter limit stays far away). */
async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

async function nextIds(ctx: DemoContext, table: 'persons' | 'houses', n: number): Promise<number[]> {
  if (n === 0) return [];
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`.execute(ctx.trx);
  return rows.map((r) => r.id);
}

/** 山西省运城市稷山县 for 140824, from the shipped GB/T 2260 table. */
async function placeNames(ctx: DemoContext, codes: string[]): Promise<Map<string, string>> {
  const all = [...new Set(codes.flatMap((c) => [c.slice(0, 2), c.slice(0, 4), c]))];
  const rows = await ctx.trx.selectFrom('divisions').select(['code', 'name']).where('code', 'in', all).execute();
  const name = new Map(rows.map((r) => [r.code, r.name]));
  return new Map(codes.map((c) => [c, [c.slice(0, 2), c.slice(0, 4), c].map((k) => name.get(k) ?? '').join('')]));
}

type PersonRow = IdentityColumns & { id: number; name: string; category: PersonCategory; ethnicity_code: string; phone: string | null; household_place: string | null; current_address_id: number; jurisdiction_id: number };
type AddressRow = { person_id: number; address_id: number; kind: 'residence' | 'household'; from_date: string; to_date: string | null; source: string };

// Column arrays through unnest: one short statement per thousand rows instead of thousands of parameters.
function insertPersons(ctx: DemoContext, rows: PersonRow[]) {
  const col = <K extends keyof PersonRow>(k: K) => rows.map((r) => r[k]);
  return sql`
    insert into persons (id, name, category, id_number_enc, id_number_hash, id_number_masked, gender, birth_date, ethnicity_code, phone, household_place, current_address_id, jurisdiction_id)
    select * from unnest(${col('id')}::bigint[], ${col('name')}::text[], ${col('category')}::text[], ${col('id_number_enc')}::text[], ${col('id_number_hash')}::text[], ${col('id_number_masked')}::text[],
      ${col('gender')}::text[], ${col('birth_date')}::date[], ${col('ethnicity_code')}::text[], ${col('phone')}::text[], ${col('household_place')}::text[], ${col('current_address_id')}::bigint[], ${col('jurisdiction_id')}::int[])`.execute(ctx.trx);
}

function insertPersonAddresses(ctx: DemoContext, rows: AddressRow[]) {
  const col = <K extends keyof AddressRow>(k: K) => rows.map((r) => r[k]);
  return sql`
    insert into person_addresses (person_id, address_id, kind, from_date, to_date, source)
    select * from unnest(${col('person_id')}::bigint[], ${col('address_id')}::bigint[], ${col('kind')}::text[], ${col('from_date')}::date[], ${col('to_date')}::date[], ${col('source')}::text[])`.execute(ctx.trx);
}

interface Household {
  dwelling: DemoDwelling;
  use: HouseUse;
  members: Draft[];
  since: string;
}

function planHouseholds(ctx: DemoContext, rng: Random): Household[] {
  const now = ctx.today.getTime();
  const pick = (list: string[]) => () => rng.pick(list);
  const registeredArea = () => (rng.chance(0.82) ? COUNTY_CODE : rng.pick(SHANXI));
  const movedArea = () => (rng.chance(0.35) ? rng.pick(SHANXI) : rng.chance(0.15) ? COUNTY_CODE : rng.pick(ELSEWHERE));
  return ctx.county.dwellings.map((dwelling): Household => {
    if (dwelling.kind === 'shopfront') return { dwelling, use: 'business', members: [], since: iso(now) };
    const r = rng.next();
    const [rental, vacant] = dwelling.kind === 'apartment' ? [0.12, 0.18] : [0.08, 0.12];
    const use: HouseUse = r < rental ? 'rental' : r < vacant ? 'vacant' : 'own';
    const size = [1, 2, 3, 4][weighted(rng, use === 'rental' ? [30, 35, 20, 15] : [16, 34, 30, 20])]!;
    if (use === 'vacant') return { dwelling, use, members: [], since: iso(now) };
    if (use === 'rental') return { dwelling, use, members: tenants(rng, size, movedArea), since: iso(now - rng.int(20, 900) * day) };
    const floating = rng.chance(0.14);
    const members = floating ? family(rng, size, 'floating', 1960, 1998, pick(ELSEWHERE.concat(SHANXI))) : family(rng, size, 'registered', 1940, 1992, registeredArea);
    return { dwelling, use, members, since: iso(now - (floating ? rng.int(90, 2200) : rng.int(200, 11_000)) * day) };
  });
}

export async function seedPopulation(ctx: DemoContext): Promise<void> {
  const rng = ctx.rng.fork('population');
  const households = planHouseholds(ctx, rng);

  const drafts = households.flatMap((h) => h.members);
  const personIds = await nextIds(ctx, 'persons', drafts.length);
  const places = await placeNames(ctx, [...new Set([COUNTY_CODE, ...drafts.map((d) => d.area)])]);
  const dwellingsToMoveFrom = ctx.county.dwellings.filter((d) => d.kind !== 'shopfront');

  const taken = new Set<string>();
  const personRows: PersonRow[] = [];
  const addressRows: AddressRow[] = [];
  const people: DemoPerson[] = [];
  const personsByAddress = new Map<number, number[]>();
  let k = 0;
  for (const h of households) {
    const ids: number[] = [];
    const movedBefore = h.members.length > 0 && rng.chance(0.15);
    const earlier = movedBefore ? rng.pick(dwellingsToMoveFrom) : null;
    for (const d of h.members) {
      const id = personIds[k++]!;
      let number = '';
      do {
        const seq = String(rng.int(0, 99)).padStart(2, '0') + String(rng.int(0, 4) * 2 + (d.gender === 'male' ? 1 : 0));
        const first17 = `${d.area}${d.birth.replace(/-/g, '')}${seq}`;
        number = first17 + idCheckCharacter(first17);
      } while (taken.has(number));
      taken.add(number);
      const sealed = sealIdNumber(ctx.identity, number);
      const since = h.since > d.birth ? h.since : d.birth;
      const phone = d.adult && rng.chance(0.92) ? mobile(rng) : null;
      personRows.push({
        id,
        name: d.name,
        category: d.category,
        ...sealed,
        ethnicity_code: rng.chance(0.97) ? '01' : rng.pick(['03', '02', '06', '08', '15']),
        phone,
        household_place: d.category === 'registered' ? places.get(COUNTY_CODE)! : (places.get(d.area) ?? null),
        current_address_id: h.dwelling.addressId,
        jurisdiction_id: h.dwelling.jurisdictionId,
      });
      if (earlier && earlier.addressId !== h.dwelling.addressId) {
        const before = iso(Math.max(Date.parse(d.birth), Date.parse(since) - rng.int(365, 3000) * day));
        if (before < since) addressRows.push({ person_id: id, address_id: earlier.addressId, kind: 'residence', from_date: before, to_date: since, source: 'demo' });
      }
      addressRows.push({ person_id: id, address_id: h.dwelling.addressId, kind: 'residence', from_date: since, to_date: null, source: 'demo' });
      if (d.category === 'registered') addressRows.push({ person_id: id, address_id: h.dwelling.addressId, kind: 'household', from_date: since, to_date: null, source: 'demo' });
      ids.push(id);
      people.push({ id, name: d.name, category: d.category, gender: d.gender, birthDate: d.birth, phone, addressId: h.dwelling.addressId, jurisdictionId: h.dwelling.jurisdictionId, since });
    }
    if (ids.length) personsByAddress.set(h.dwelling.addressId, ids);
  }
  await insertChunks(personRows, (chunk) => insertPersons(ctx, chunk));
  await insertChunks(addressRows, (chunk) => insertPersonAddresses(ctx, chunk));

  const houses = await seedHouses(ctx, rng, households, people, personsByAddress);
  await seedUnits(ctx, rng, houses, people);
  ctx.county.population = { houses, people, personsByAddress };
}

/** Adults registered in a community, who own the let, empty and business houses there. */
function ownersByCommunity(people: DemoPerson[], communityOf: Map<number, number>, today: number): Map<number, DemoPerson[]> {
  const out = new Map<number, DemoPerson[]>();
  for (const p of people) {
    if (p.category !== 'registered' || today - Date.parse(p.birthDate) < 30 * 365 * day) continue;
    const c = communityOf.get(p.addressId)!;
    if (!out.has(c)) out.set(c, []);
    out.get(c)!.push(p);
  }
  return out;
}

async function seedHouses(ctx: DemoContext, rng: Random, households: Household[], people: DemoPerson[], personsByAddress: Map<number, number[]>): Promise<DemoHouse[]> {
  const ids = await nextIds(ctx, 'houses', households.length);
  const communityOf = new Map(ctx.county.dwellings.map((d) => [d.addressId, d.communityId]));
  const owners = ownersByCommunity(people, communityOf, ctx.today.getTime());
  const byId = new Map(people.map((p) => [p.id, p]));
  const houses: DemoHouse[] = households.map((h, i) => {
    const d = h.dwelling;
    const residents = personsByAddress.get(d.addressId) ?? [];
    let owner: number | null = null;
    if (h.use === 'own') owner = residents.find((id) => byId.get(id)!.category === 'registered' && Date.parse(byId.get(id)!.birthDate) < ctx.today.getTime() - 25 * 365 * day) ?? residents[0] ?? null;
    else {
      const pool = (owners.get(d.communityId) ?? []).filter((p) => p.addressId !== d.addressId);
      owner = pool.length && (h.use !== 'business' || rng.chance(0.6)) ? rng.pick(pool).id : null;
    }
    // Most let flats keep to their limit; a few are over it, which the rentals checks should flag.
    const limit = h.use === 'rental' ? (residents.length >= 2 && rng.chance(0.08) ? residents.length - 1 : Math.max(residents.length, rng.int(2, 6))) : null;
    const area = d.kind === 'apartment' ? rng.int(55, 140) : d.kind === 'courtyard' ? rng.int(120, 300) : rng.int(20, 120);
    return { id: ids[i]!, addressId: d.addressId, use: h.use, occupantLimit: limit, ownerPersonId: owner, jurisdictionId: d.jurisdictionId, communityId: d.communityId, stationId: d.stationId, kind: d.kind, areaM2: area };
  });
  await insertChunks(houses, (chunk) =>
    ctx.trx
      .insertInto('houses')
      .values(chunk.map((h) => ({ id: h.id, address_id: h.addressId, jurisdiction_id: h.jurisdictionId, use: h.use, owner_person_id: h.ownerPersonId, area_m2: h.areaM2, occupant_limit: h.occupantLimit })))
      .execute(),
  );
  return houses;
}

interface UnitPlan {
  name: string;
  kind: UnitKind;
  prefix: string | null;
  keyPlace: boolean;
  employees: [number, number];
}

/** What stands at a station's shopfronts: a school, a market and an internet café in every town; county services in the first. */
function stationUnits(rng: Random, town: string, first: boolean): UnitPlan[] {
  const plans: UnitPlan[] = [
    { name: `枫源县${town}中心小学`, kind: 'school', prefix: '12', keyPlace: true, employees: [30, 80] },
    { name: `${town}农贸市场`, kind: 'venue', prefix: '91', keyPlace: true, employees: [10, 40] },
    { name: `${rng.pick(['星际', '极速', '天网', '蓝海', '飞跃'])}网吧`, kind: 'venue', prefix: '92', keyPlace: true, employees: [3, 8] },
    { name: `枫源县${rng.pick(['鑫达', '宏远', '丰源', '晋南', '河东'])}${rng.pick(ENTERPRISE_NAMES)}`, kind: 'enterprise', prefix: '91', keyPlace: false, employees: [15, 200] },
  ];
  if (rng.chance(0.5)) plans.push({ name: `枫源县${rng.pick(['永盛', '金穗', '晋丰', '嘉禾'])}${rng.pick(ENTERPRISE_NAMES)}`, kind: 'enterprise', prefix: '91', keyPlace: false, employees: [8, 120] });
  if (first) {
    plans.push(
      { name: '枫源县人民医院', kind: 'key_place', prefix: '12', keyPlace: true, employees: [300, 600] },
      { name: '中国农业银行枫源县支行', kind: 'key_place', prefix: '91', keyPlace: true, employees: [20, 45] },
      { name: '枫源宾馆', kind: 'venue', prefix: '91', keyPlace: true, employees: [12, 30] },
      { name: '中国石化枫源城关加油站', kind: 'key_place', prefix: '91', keyPlace: true, employees: [6, 15] },
    );
  }
  return plans;
}

async function seedUnits(ctx: DemoContext, rng: Random, houses: DemoHouse[], people: DemoPerson[]): Promise<void> {
  const towns = await ctx.trx.selectFrom('addresses').select(['jurisdiction_id', 'name']).where('level', '=', 'town').execute();
  const townOf = new Map(towns.map((t) => [t.jurisdiction_id, t.name]));
  const byStation = new Map<number, DemoHouse[]>();
  for (const h of houses) if (h.kind === 'shopfront') byStation.set(h.stationId, [...(byStation.get(h.stationId) ?? []), h]);
  const ownerName = new Map(people.map((p) => [p.id, p.name]));
  const rows: { name: string; kind: UnitKind; credit_code: string | null; credit_code_ok: boolean | null; address_id: number; jurisdiction_id: number; legal_representative: string; contact_phone: string; employees: number; key_place: boolean }[] = [];
  for (const [si, station] of ctx.county.stations.entries()) {
    const fronts = byStation.get(station.unit.id) ?? [];
    const special = stationUnits(rng, townOf.get(station.unit.id) ?? station.unit.name.replace(/派出所$/, ''), si === 0);
    fronts.forEach((h, i) => {
      const plan: UnitPlan | null = special[i] ?? (rng.chance(0.88) ? { name: `${rng.chance(0.5) ? `${personName(rng)[0]!}记` : rng.pick(SHOP_PREFIXES)}${rng.pick(SHOP_TYPES)}`, kind: 'shop', prefix: rng.chance(0.9) ? '92' : null, keyPlace: false, employees: [1, 6] } : null);
      if (!plan) return;
      rows.push({
        name: plan.name,
        kind: plan.kind,
        credit_code: plan.prefix ? creditCode(rng, plan.prefix) : null,
        credit_code_ok: plan.prefix ? true : null,
        address_id: h.addressId,
        jurisdiction_id: h.jurisdictionId,
        legal_representative: (h.ownerPersonId && plan.kind === 'shop' ? ownerName.get(h.ownerPersonId) : null) ?? personName(rng),
        contact_phone: mobile(rng),
        employees: rng.int(...plan.employees),
        key_place: plan.keyPlace,
      });
    });
  }
  // Three licences with a mistyped check character, as stations meet them: kept, with a warning.
  const shops = rows.filter((r) => r.kind === 'shop' && r.credit_code);
  for (const r of [shops[2], shops[Math.floor(shops.length / 2)], shops[shops.length - 3]]) {
    if (!r?.credit_code || r.credit_code_ok === false) continue;
    const last = r.credit_code[17]!;
    r.credit_code = r.credit_code.slice(0, 17) + (last === '7' ? '8' : '7');
    r.credit_code_ok = false;
  }
  await insertChunks(rows, (chunk) => ctx.trx.insertInto('units').values(chunk).execute());
}
