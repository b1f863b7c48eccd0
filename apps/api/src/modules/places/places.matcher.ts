import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { pathIds, scopePrefix } from '../../app/policy.js';
import { createPlacesRepository, type MatchNode, type PlacesRepository } from './places.repository.js';
import type { AddressLevelName, AddressSummary } from './places.schemas.js';
import { bigrams, coreName, normaliseAddress, parseAddressNumbers, type ParsedNumbers } from './places.text.js';

/**
 * Free text → standard address (地址匹配). Used by the places API and by other modules
 * (imports, incidents): `matchAddress(db, actor, text)`; only addresses inside the actor's scope
 * are considered.
 *
 * 1. Normalise the text and take the building / unit / room numbers off its end; what is left is
 *    the place part (the stem).
 * 2. Candidates: named places (county … compound) whose grams share a bigram with the stem,
 *    through the GIN index on `grams`, most shared bigrams first.
 * 3. Descend from the best candidates with the numbers: building (directly under a compound, or
 *    under any compound of a community), unit, room (under the unit, or under any unit of the
 *    building when the text names no unit). Where a number finds nothing, the match stops there.
 * 4. Score every address reached: how much of the stem its chain of names explains (bigrams and
 *    characters), how much of its community's and compound's own names the stem contains, and
 *    the bigram Dice similarity; times the share of numbers matched, times 0.85 when the
 *    address still has children (less specific than asked, e.g. a room was missing).
 * 5. Confidence: an address with a close rival that is not its ancestor or descendant (姚村 has a
 *    12号 in each of its groups) keeps only part of its score.
 */

export interface AddressMatchItem {
  address: AddressSummary;
  confidence: number;
}

export interface AddressMatch {
  best: AddressMatchItem | null;
  alternatives: AddressMatchItem[];
  parsed: ParsedNumbers;
}

const CANDIDATES = 40;
const DESCEND_FROM = 8;
const BEST_AT_LEAST = 0.2;
const ALTERNATIVES = 5;
const NAMED_LEVELS: readonly AddressLevelName[] = ['county', 'town', 'community', 'compound'];

interface Query {
  stem: string;
  grams: Set<string>;
  chars: Set<string>;
}

interface Reached {
  node: MatchNode;
  /** Numbers of the text this address agrees with. */
  matched: number;
}

// Province and prefecture names above a county: static data, read once per county code.
const divisionPrefixes = new Map<string, string>();

async function divisionPrefix(repo: PlacesRepository, code: string | null): Promise<string> {
  if (!code) return '';
  let prefix = divisionPrefixes.get(code);
  if (prefix === undefined) {
    const chain = await repo.divisionChain(code);
    prefix = chain
      .filter((d) => d.code !== code)
      .map((d) => d.name)
      .join('');
    divisionPrefixes.set(code, prefix);
  }
  return prefix;
}

// Place names repeat from query to query (every chain starts 枫源县…): their normal forms are kept.
const nameCache = new Map<string, { normal: string; core: string[] }>();
function nameForms(name: string) {
  let forms = nameCache.get(name);
  if (!forms) {
    if (nameCache.size > 20_000) nameCache.clear();
    forms = { normal: normaliseAddress(name), core: bigrams(coreName(name)) };
    nameCache.set(name, forms);
  }
  return forms;
}

function overlap(a: Set<string>, b: Iterable<string>): number {
  let n = 0;
  for (const x of b) if (a.has(x)) n++;
  return n;
}

/** 0–1: how well a chain of place names (county first) explains the stem. */
export function textScore(query: Query, chain: { level: AddressLevelName; name: string }[], prefix: string): number {
  if (query.grams.size === 0) return 0;
  const chainText = chain.map((c) => nameForms(c.name).normal).join('');
  const context = nameForms(prefix).normal + chainText;
  const contextGrams = new Set(bigrams(context));
  const contextChars = new Set(Array.from(context));
  const gramCoverage = overlap(contextGrams, query.grams) / query.grams.size;
  const charCoverage = overlap(contextChars, query.chars) / Math.max(1, query.chars.size);
  const coverage = 0.6 * gramCoverage + 0.4 * charCoverage;

  const named = chain.filter((c) => c.level === 'community' || c.level === 'compound');
  const segments = named.length > 0 ? named : chain.slice(-1);
  const own =
    segments.reduce((sum, s) => {
      const g = nameForms(s.name).core;
      return sum + (g.length ? overlap(query.grams, g) / g.length : 0);
    }, 0) / segments.length;

  const chainGrams = new Set(bigrams(chainText));
  const dice = (2 * overlap(chainGrams, query.grams)) / (query.grams.size + chainGrams.size);
  return coverage * (0.6 + 0.3 * own + 0.1 * dice);
}

const numberOf = (n: MatchNode) => {
  const m = /^(\d+)/.exec(nameForms(n.name).normal);
  return m ? String(Number(m[1])) : null;
};

function toSummary(n: MatchNode): AddressSummary {
  return { id: n.id, parentId: n.parent_id, level: n.level, name: n.name, fullName: n.full_name, divisionCode: n.division_code, jurisdictionId: n.jurisdiction_id, lat: n.lat, lon: n.lon };
}

/** Follows the numbers down from the candidates; returns every address where a path stopped. */
async function descend(repo: PlacesRepository, actor: Actor, candidates: MatchNode[], parsed: ParsedNumbers, known: Map<number, MatchNode>): Promise<Reached[]> {
  if (!parsed.building) return candidates.map((node) => ({ node, matched: 0 }));
  const remember = (rows: MatchNode[]) => {
    for (const r of rows) known.set(r.id, r);
    return rows;
  };
  // A community's buildings sit one level further down, in its compounds.
  const communityIds = candidates.filter((c) => c.level === 'community').map((c) => c.id);
  const below = remember(await repo.childrenOf(actor, candidates.map((c) => c.id), communityIds));
  const buildings = below.filter((n) => n.level === 'building' && numberOf(n) === parsed.building);

  const reached: Reached[] = [];
  for (const c of candidates) {
    if (!buildings.some((b) => b.path.startsWith(c.path))) reached.push({ node: c, matched: 0 });
  }
  let frontier: Reached[] = buildings.map((node) => ({ node, matched: 1 }));
  if (!parsed.unit && !parsed.room) return [...reached, ...frontier];

  // Units and rooms of the buildings found: a room sits in a unit, or directly in a building without units.
  const inside = remember(await repo.childrenOf(actor, buildings.map((b) => b.id), buildings.map((b) => b.id)));
  const step = (level: AddressLevelName, number: string, under: (f: Reached, n: MatchNode) => boolean) => {
    const next: Reached[] = [];
    for (const f of frontier) {
      const found = inside.filter((n) => n.level === level && under(f, n) && numberOf(n) === number);
      if (found.length === 0) reached.push(f);
      else next.push(...found.map((node) => ({ node, matched: f.matched + 1 })));
    }
    frontier = next;
  };
  if (parsed.unit) step('unit', parsed.unit, (f, n) => n.parent_id === f.node.id);
  // Without a unit in the text, a building's room may be in any of its units.
  if (parsed.room) step('room', parsed.room, (f, n) => n.path.startsWith(f.node.path));
  return [...reached, ...frontier];
}

// Answers already computed, per database handle, keyed by scope and normal form; valid while the
// database's address_match_version (bumped by any write to addresses or jurisdictions, migration
// 0009) is unchanged. Channels send the same places again and again; the fuzzy match is the
// costliest part of intake. A transaction's handle gets its own, short-lived cache.
const MATCH_CACHE_SIZE = 20_000;
const matchCaches = new WeakMap<Queryable, { version: number; entries: Map<string, AddressMatch> }>();

async function cacheFor(db: Queryable, known?: number) {
  const version = known ?? Number((await db.selectFrom('address_match_version').select('version').executeTakeFirst())?.version ?? -1);
  let cache = matchCaches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, entries: new Map() };
    matchCaches.set(db, cache);
  }
  return cache;
}

// Exact standard names, per database handle and address_match_version: the normal form of each
// address's full name, also without its county's name and with the province and prefecture
// before it. A channel that geocodes from the standard address library sends these; they need no
// fuzzy match. Built with one query when the version changes (13,000 addresses: ~60 ms, ~5 MB).
interface ExactEntry {
  node: MatchNode;
  jurisdictionPath: string;
}
const exactIndexes = new WeakMap<Queryable, { version: number; byName: Promise<Map<string, ExactEntry[]>> }>();

async function buildExactIndex(db: Queryable): Promise<Map<string, ExactEntry[]>> {
  const rows = await db
    .selectFrom('addresses as a')
    .innerJoin('jurisdictions as j', 'j.id', 'a.jurisdiction_id')
    .select(['a.id', 'a.parent_id', 'a.level', 'a.name', 'a.full_name', 'a.division_code', 'a.jurisdiction_id', 'a.lat', 'a.lon', 'a.path', 'j.path as jurisdiction_path'])
    .select((eb) => eb.exists(eb.selectFrom('addresses as c').select('c.id').whereRef('c.parent_id', '=', 'a.id').where('c.archived_at', 'is', null)).as('has_children'))
    .where('a.archived_at', 'is', null)
    .execute();
  const repo = createPlacesRepository(db);
  const counties = new Map<string, { name: string; prefix: string }>();
  for (const r of rows) if (r.level === 'county') counties.set(r.path, { name: r.name, prefix: await divisionPrefix(repo, r.division_code) });
  const byName = new Map<string, ExactEntry[]>();
  const add = (key: string, entry: ExactEntry) => {
    const list = byName.get(key);
    if (!list) byName.set(key, [entry]);
    else if (!list.some((e) => e.node.id === entry.node.id)) list.push(entry);
  };
  for (const r of rows) {
    const { jurisdiction_path, ...node } = r;
    const entry = { node: { ...node, has_children: Boolean(node.has_children) }, jurisdictionPath: jurisdiction_path };
    add(normaliseAddress(r.full_name), entry);
    const county = [...counties.entries()].find(([path]) => r.path.startsWith(path))?.[1];
    if (county && r.full_name.startsWith(county.name) && r.full_name.length > county.name.length) add(normaliseAddress(r.full_name.slice(county.name.length)), entry);
    if (county?.prefix) add(normaliseAddress(county.prefix + r.full_name), entry);
  }
  return byName;
}

/** The one standard address in the actor's scope whose name is exactly this text, if any. */
async function exactMatch(db: Queryable, actor: Actor, normalised: string, version: number): Promise<MatchNode | null> {
  let index = exactIndexes.get(db);
  if (!index || index.version !== version) {
    index = { version, byName: buildExactIndex(db) };
    exactIndexes.set(db, index);
    index.byName.catch(() => exactIndexes.delete(db));
  }
  const found = ((await index.byName).get(normalised) ?? []).filter((e) => e.jurisdictionPath.startsWith(actor.jurisdictionPath));
  return found.length === 1 ? found[0]!.node : null;
}

export interface MatchOptions {
  /**
   * Answer a text that is exactly a standard address's name with that address (confidence 1, no
   * alternatives) before any fuzzy matching. For intake and imports, which keep only the best
   * match; the address search box wants the alternatives and leaves it off.
   */
  exactFirst?: boolean;
  /**
   * The address_match_version the caller already knows (intake reads it with its code tables and
   * has its write refused when it changed meanwhile): saves reading it here.
   */
  version?: number;
}

// Normal forms of texts seen lately: channels send the same places again and again, and the
// normal form (NFKC and a dozen replacements) is a measurable part of an intake's CPU.
const NORMAL_CACHE_SIZE = 20_000;
const normalForms = new Map<string, string>();
function normalisedText(text: string): string {
  let normal = normalForms.get(text);
  if (normal === undefined) {
    normal = normaliseAddress(text);
    if (normalForms.size >= NORMAL_CACHE_SIZE) normalForms.clear();
    normalForms.set(text, normal);
  }
  return normal;
}

export async function matchAddress(db: Queryable, actor: Actor, text: string, options: MatchOptions = {}): Promise<AddressMatch> {
  const normalised = normalisedText(text);
  const cache = await cacheFor(db, options.version);
  if (options.exactFirst) {
    const node = await exactMatch(db, actor, normalised, cache.version);
    if (node) {
      const { stem: _stem, ...parsed } = parseAddressNumbers(normalised);
      return { best: { address: toSummary(node), confidence: 1 }, alternatives: [], parsed };
    }
  }
  const key = `${scopePrefix(actor)}|${normalised}`;
  const hit = cache.entries.get(key);
  if (hit) {
    // Most recently used last: the oldest entry is the first to go.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return structuredClone(hit);
  }
  const result = await matchNormalised(db, actor, normalised);
  if (cache.entries.size >= MATCH_CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, result);
  return structuredClone(result);
}

async function matchNormalised(db: Queryable, actor: Actor, normalised: string): Promise<AddressMatch> {
  const repo = createPlacesRepository(db);
  const { stem, ...parsed } = parseAddressNumbers(normalised);
  const query: Query = { stem, grams: new Set(bigrams(stem)), chars: new Set(Array.from(stem)) };
  const none: AddressMatch = { best: null, alternatives: [], parsed };
  if (Array.from(stem).length < 2) return none;

  const candidates = await repo.candidatePlaces(actor, [...query.grams], CANDIDATES);
  if (candidates.length === 0) return none;
  const known = new Map<number, MatchNode>(candidates.map((c) => [c.id, c]));

  // Names of every ancestor on the candidates' paths, for chains of names.
  const names = new Map<number, { level: AddressLevelName; name: string; division_code: string | null }>();
  for (const n of await repo.namesOf([...new Set(candidates.flatMap((c) => pathIds(c.path)))])) names.set(n.id, n);
  const county = [...names.values()].find((n) => n.level === 'county');
  const prefix = await divisionPrefix(repo, county?.division_code ?? null);

  const chainOf = (node: MatchNode) =>
    pathIds(node.path)
      .map((id) => names.get(id) ?? known.get(id))
      .filter((n): n is NonNullable<typeof n> => !!n && NAMED_LEVELS.includes(n.level));

  const ranked = candidates.map((c) => ({ c, score: textScore(query, chainOf(c), prefix) })).sort((a, b) => b.score - a.score);
  const top = ranked.slice(0, DESCEND_FROM).filter((r) => r.score > 0.1).map((r) => r.c);
  if (top.length === 0) return none;

  const reached = await descend(repo, actor, top, parsed, known);
  const asked = [parsed.building, parsed.unit, parsed.room].filter(Boolean).length;
  const scored = new Map<number, { node: MatchNode; raw: number }>();
  for (const r of reached) {
    const numbers = asked === 0 ? 1 : r.matched / asked;
    const raw = textScore(query, chainOf(r.node), prefix) * (0.7 + 0.3 * numbers) * (r.node.has_children ? 0.85 : 1);
    const before = scored.get(r.node.id);
    if (!before || before.raw < raw) scored.set(r.node.id, { node: r.node, raw });
  }

  const results = [...scored.values()].sort((a, b) => b.raw - a.raw).slice(0, 20);
  const related = (a: MatchNode, b: MatchNode) => a.path.startsWith(b.path) || b.path.startsWith(a.path);
  const items = results
    .map((r) => {
      const rival = Math.max(0, ...results.filter((o) => o !== r && !related(o.node, r.node)).map((o) => o.raw));
      const clear = Math.min(1, Math.max(0, (r.raw - rival) / 0.15));
      return { node: r.node, confidence: Math.round(r.raw * (0.5 + 0.5 * clear) * 1000) / 1000 };
    })
    .sort((a, b) => b.confidence - a.confidence || a.node.path.length - b.node.path.length);

  const first = items[0];
  const best = first && first.confidence >= BEST_AT_LEAST ? first : null;
  const alternatives = items
    .filter((i) => i !== best && !(best && best.node.path.startsWith(i.node.path)) && i.confidence >= 0.05)
    .slice(0, ALTERNATIVES)
    .map((i) => ({ address: toSummary(i.node), confidence: i.confidence }));
  return { best: best ? { address: toSummary(best.node), confidence: best.confidence } : null, alternatives, parsed };
}
