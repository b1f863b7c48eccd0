import type { DemoContext, DemoPerson, DemoUnit, DemoUser } from './context.js';
import { mobile, personName } from './names.js';
import type { PlaceKind } from './incident-stories.js';
import type { Random } from './random.js';

// Where the demo county's incidents happen and who calls: weighted places (a few troubled
// households, busy venues and market streets draw far more than their share), the staff of each
// station, and the people who call again and again.

export interface IncidentPlace {
  kind: PlaceKind;
  addressId: number | null;
  /** What the caller said (matched places: a form of the standard name). */
  fullName: string;
  /** The place as a narrative names it. */
  short: string;
  jurisdictionId: number;
  areaId: number;
  stationId: number;
  lat: number | null;
  lon: number | null;
  village: boolean;
  /** Town centre (key area for the 3-minute arrival) or out in the villages. */
  keyArea: boolean;
}

export interface Caller {
  name: string;
  phone: string | null;
  personId: number | null;
}

/** Weighted sampling by binary search over cumulative weights. */
export class Weighted<T> {
  private readonly sums: number[] = [];
  constructor(
    readonly items: T[],
    weight: (t: T) => number,
  ) {
    let s = 0;
    for (const it of items) this.sums.push((s += Math.max(0, weight(it))));
  }
  get empty() {
    return this.items.length === 0 || this.sums[this.sums.length - 1]! <= 0;
  }
  pick(rng: Random): T {
    const r = rng.next() * this.sums[this.sums.length - 1]!;
    let lo = 0;
    let hi = this.sums.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sums[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

export function weightedPick<T>(rng: Random, options: readonly (readonly [T, number])[]): T {
  let r = rng.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of options) if ((r -= w) < 0) return v;
  return options[options.length - 1]![0];
}

export interface IncidentWorld {
  homes: { all: Weighted<IncidentPlace>; village: Weighted<IncidentPlace>; town: Weighted<IncidentPlace> };
  shops: Weighted<IncidentPlace>;
  streets: Weighted<IncidentPlace>;
  /** Stations by size, for places given only as text. */
  areas: Weighted<{ station: DemoUnit; area: DemoUnit; village: boolean; streets: string[]; town: string }>;
  troubled: IncidentPlace[];
  residents: Map<number, DemoPerson[]>;
  neighboursOf: (p: IncidentPlace) => DemoPerson[];
  staff: Map<number, { chief: DemoUser | null; officers: DemoUser[] }>;
  officerOf: (areaId: number) => DemoUser | null;
  stationCode: Map<number, string>;
}

export async function buildIncidentWorld(ctx: DemoContext, rng: Random): Promise<IncidentWorld> {
  const { stations } = ctx.county;
  const people = ctx.county.population?.people ?? [];
  const areaOf = new Map<number, { station: DemoUnit; area: DemoUnit }>();
  for (const s of stations) for (const a of s.areas) for (const u of [a.unit, ...a.grids, ...a.policeRooms]) areaOf.set(u.id, { station: s.unit, area: a.unit });

  const towns = await ctx.trx.selectFrom('addresses').select(['name', 'level', 'jurisdiction_id']).where('level', 'in', ['county', 'town', 'community']).execute();
  const county = towns.find((t) => t.level === 'county')?.name ?? '';
  const townName = new Map(towns.filter((t) => t.level === 'town').map((t) => [t.jurisdiction_id, t.name]));
  const communityName = new Map(towns.filter((t) => t.level === 'community').map((t) => [t.jurisdiction_id, t.name]));
  const shortOf = (fullName: string, stationId: number, areaId: number) => fullName.replace(`${county}${townName.get(stationId) ?? ''}${communityName.get(areaId) ?? ''}`, '') || fullName;

  const byAddress = new Map<number, DemoPerson[]>();
  for (const p of people) {
    if (!byAddress.has(p.addressId)) byAddress.set(p.addressId, []);
    byAddress.get(p.addressId)!.push(p);
  }

  const homes: IncidentPlace[] = [];
  const shops: IncidentPlace[] = [];
  for (const d of ctx.county.dwellings) {
    const { station, area } = areaOf.get(d.communityId) ?? areaOf.get(d.jurisdictionId)!;
    const village = area.kind === 'village';
    const place: IncidentPlace = { kind: d.kind === 'shopfront' ? 'shop' : 'home', addressId: d.addressId, fullName: d.fullName, short: shortOf(d.fullName, station.id, area.id), jurisdictionId: d.jurisdictionId, areaId: area.id, stationId: station.id, lat: d.lat, lon: d.lon, village, keyArea: !village };
    (place.kind === 'shop' ? shops : homes).push(place);
  }
  // 1.5 % of the households with two or more people are troubled: they call and are called about again and again.
  const troubled = rng.shuffle(homes.filter((h) => (byAddress.get(h.addressId!)?.length ?? 0) >= 2)).slice(0, Math.max(6, Math.round(homes.length * 0.015)));
  const troubledIds = new Set(troubled.map((t) => t.addressId));
  const homeWeight = (h: IncidentPlace) => (troubledIds.has(h.addressId) ? 12 : 1) * (h.village ? 0.8 : 1);
  // Busy venues: a fifth of the shopfronts (markets, internet cafés, restaurants) draw five times more.
  const hotShops = new Set(rng.shuffle(shops).slice(0, Math.ceil(shops.length / 5)).map((s) => s.addressId));

  const streetRows = await ctx.trx
    .selectFrom('addresses')
    .select(['id', 'name', 'full_name', 'jurisdiction_id', 'lat', 'lon'])
    .where('level', '=', 'compound')
    .where('archived_at', 'is', null)
    .where((eb) => eb.or([eb('name', 'like', '%路'), eb('name', 'like', '%街')]))
    .orderBy('id')
    .execute();
  const streets: IncidentPlace[] = streetRows.flatMap((r) => {
    const at = areaOf.get(r.jurisdiction_id);
    if (!at) return [];
    const village = at.area.kind === 'village';
    return [{ kind: 'street' as const, addressId: r.id, fullName: r.full_name, short: r.name, jurisdictionId: r.jurisdiction_id, areaId: at.area.id, stationId: at.station.id, lat: r.lat, lon: r.lon, village, keyArea: !village }];
  });
  // Market streets (大街 of a village, 商贸街 …) are the busiest.
  const streetWeight = (s: IncidentPlace) => (/大街|商贸|北大街|南关/.test(s.short) ? 3 : 1);

  const staff = new Map<number, { chief: DemoUser | null; officers: DemoUser[] }>();
  for (const s of stations) staff.set(s.unit.id, { chief: ctx.county.users.find((u) => u.role === 'chief' && u.jurisdictionId === s.unit.id) ?? null, officers: ctx.county.users.filter((u) => (u.role === 'officer' || u.role === 'auxiliary') && areaOf.get(u.jurisdictionId)?.station.id === s.unit.id) });
  const officerByArea = new Map<number, DemoUser>();
  for (const u of ctx.county.users) if (u.role === 'officer' && !officerByArea.has(u.jurisdictionId)) officerByArea.set(u.jurisdictionId, u);

  const communityPeople = new Map<number, DemoPerson[]>();
  const homeArea = new Map(homes.map((h) => [h.addressId!, h.areaId]));
  for (const p of people) {
    const a = homeArea.get(p.addressId);
    if (a === undefined || !p.phone) continue;
    if (!communityPeople.has(a)) communityPeople.set(a, []);
    communityPeople.get(a)!.push(p);
  }

  const areaList = stations.flatMap((s) =>
    s.areas.map((a) => ({
      station: s.unit,
      area: a.unit,
      village: a.unit.kind === 'village',
      streets: streets.filter((st) => st.areaId === a.unit.id).map((st) => st.short),
      town: (townName.get(s.unit.id) ?? s.unit.name.replace(/派出所$/, '')).replace(/[镇乡]$/, ''),
    })),
  );

  return {
    homes: { all: new Weighted(homes, homeWeight), village: new Weighted(homes.filter((h) => h.village), homeWeight), town: new Weighted(homes.filter((h) => !h.village), homeWeight) },
    shops: new Weighted(shops, (s) => (hotShops.has(s.addressId) ? 5 : 1)),
    streets: new Weighted(streets, streetWeight),
    areas: new Weighted(areaList, (a) => (a.village ? 1 : 1.6)),
    troubled,
    residents: byAddress,
    neighboursOf: (p) => communityPeople.get(p.areaId) ?? [],
    staff,
    officerOf: (areaId) => officerByArea.get(areaId) ?? null,
    stationCode: new Map(stations.map((s) => [s.unit.id, s.unit.code ?? String(s.unit.id)])),
  };
}

/** A place given only as text (a crossing, a road, a field): no standard address; sometimes a rough point. */
export function textPlace(world: IncidentWorld, rng: Random, templates: readonly string[]): IncidentPlace {
  const a = world.areas.pick(rng);
  const street = a.streets.length ? rng.pick(a.streets) : '中心街';
  const other = a.streets.length > 1 ? rng.pick(a.streets.filter((s) => s !== street)) : '新华路';
  const text = rng
    .pick(templates)
    .replace('{street2}', other)
    .replace('{street}', street)
    .replace('{town}', a.town)
    .replace('{village}', a.area.name.replace(/村$/, ''))
    .replace('{n}', String(rng.int(3, 58)));
  const c = a.area.center;
  const point = c && rng.chance(0.7) ? { lat: Math.round((c.lat + rng.float(-0.004, 0.004)) * 1e6) / 1e6, lon: Math.round((c.lon + rng.float(-0.004, 0.004)) * 1e6) / 1e6 } : { lat: null, lon: null };
  return { kind: 'open', addressId: null, fullName: text, short: text, jurisdictionId: a.area.id, areaId: a.area.id, stationId: a.station.id, ...point, village: a.village, keyArea: !a.village };
}

/** Someone of the household (an adult with a phone) or a passer-by. */
export function callerAt(world: IncidentWorld, rng: Random, place: IncidentPlace, residentChance: number): Caller {
  const residents = place.addressId !== null ? (world.residents.get(place.addressId) ?? []).filter((p) => p.phone) : [];
  if (residents.length && rng.chance(residentChance)) {
    const p = rng.pick(residents);
    return { name: p.name, phone: p.phone, personId: p.id };
  }
  return { name: personName(rng), phone: rng.chance(0.93) ? mobile(rng) : `0359-${rng.int(2000000, 8999999)}`, personId: null };
}
