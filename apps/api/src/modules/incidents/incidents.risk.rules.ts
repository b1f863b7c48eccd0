import { add_word, cut } from 'jieba-wasm';
import { z } from 'zod';
import type { RiskFactor, RiskTermKind, WarningLevel } from '../../app/db/schema.js';

/**
 * The escalation (民转刑) score: pure arithmetic over evidence the caller gathered. Weights, the
 * threshold and the words are data (`app_settings` key `incidents.risk`, table `risk_terms`).
 */

const points = z.number().int().min(0).max(100);

export const riskSettingsSchema = z
  .object({
    /** A score at or over this raises a yellow escalation warning. */
    threshold: z.number().int().min(1).max(100),
    /** Scores at or over these raise orange and red warnings. */
    levels: z.object({ orange: z.number().int().min(1).max(100), red: z.number().int().min(1).max(100) }).strict(),
    /** Days the station chief has to act, by grade. */
    deadlineDays: z.object({ yellow: z.number().int().min(0).max(90), orange: z.number().int().min(0).max(90), red: z.number().int().min(0).max(90) }).strict(),
    /** How far back earlier incidents at the same address or phone count as repetition. */
    windowDays: z.number().int().min(1).max(3650),
    /** Points by people's-mediation dispute type (code → points). */
    disputeTypes: z.record(z.string().min(1).max(40), points),
    /** Points of a dispute without a dispute type. */
    untypedDispute: points,
    /** Extra category points by incident category code (or its parent's code). */
    categories: z.record(z.string().min(1).max(20), points),
    /** Points per earlier linked incident, and at most. */
    repetition: z.object({ perIncident: points, max: points }).strict(),
    /** The matched words' own points add up to at most this. */
    threat: z.object({ max: points }).strict(),
    violence: z.object({ max: points }).strict(),
    /** An injured party plus injury words, at most. */
    injury: z.object({ partyInjured: points, max: points }).strict(),
    /** Points per earlier incident of an identified party, and at most. */
    history: z.object({ perIncident: points, max: points }).strict(),
  })
  .strict();
export type RiskSettings = z.infer<typeof riskSettingsSchema>;

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  threshold: 60,
  levels: { orange: 70, red: 85 },
  deadlineDays: { yellow: 7, orange: 3, red: 1 },
  windowDays: 90,
  disputeTypes: { marriage_family: 20, neighbour: 18, housing_homestead: 18 },
  untypedDispute: 5,
  categories: {},
  repetition: { perIncident: 10, max: 30 },
  threat: { max: 40 },
  violence: { max: 40 },
  injury: { partyInjured: 20, max: 30 },
  history: { perIncident: 5, max: 20 },
};

/** The stored settings, or the defaults where the stored value does not parse. */
export function readRiskSettings(value: unknown): RiskSettings {
  const parsed = riskSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_RISK_SETTINGS;
}

export const RISK_TERM_KINDS = ['threat', 'violence', 'injury'] as const satisfies readonly RiskTermKind[];
export interface RiskTerm {
  term: string;
  kind: RiskTermKind;
  points: number;
}

export const FACTOR_KEYS = ['category', 'repetition', 'threat_words', 'violence_words', 'injury', 'party_history'] as const;
export type FactorKey = (typeof FACTOR_KEYS)[number];
export const FACTOR_ZH: Record<FactorKey, string> = {
  category: '纠纷类型',
  repetition: '重复报警',
  threat_words: '威胁用语',
  violence_words: '暴力用语',
  injury: '伤情',
  party_history: '当事人前科警情',
};

// jieba's dictionary is process-wide: a configured word is added once so that it segments whole.
const added = new Set<string>();
function ensureWords(terms: readonly RiskTerm[]): void {
  for (const t of terms) {
    if (t.term.length > 1 && !added.has(t.term)) {
      add_word(t.term);
      added.add(t.term);
    }
  }
}

/** Loads the segmenter's dictionary (about half a second, once per process). */
export function warmUpSegmenter(): void {
  cut('预热分词词典', false);
}

/** The words of a text; HMM guessing is off so an unknown pair of characters never fuses into one "word". */
export function segment(text: string, terms: readonly RiskTerm[] = []): string[] {
  ensureWords(terms);
  return cut(text, false);
}

export interface TermMatch {
  term: string;
  points: number;
  count: number;
}

/** Configured terms that occur as whole words (not as parts of words: 砍价 is not 砍). */
export function matchTerms(words: readonly string[], terms: readonly RiskTerm[]): Record<RiskTermKind, TermMatch[]> {
  const byWord = new Map(terms.map((t) => [t.term, t]));
  const found = new Map<string, TermMatch & { kind: RiskTermKind }>();
  for (const w of words) {
    const t = byWord.get(w);
    if (!t) continue;
    const m = found.get(w) ?? { term: w, points: t.points, count: 0, kind: t.kind };
    m.count += 1;
    found.set(w, m);
  }
  const out: Record<RiskTermKind, TermMatch[]> = { threat: [], violence: [], injury: [] };
  for (const { kind, ...m } of found.values()) out[kind].push(m);
  for (const list of Object.values(out)) list.sort((a, b) => b.points - a.points || a.term.localeCompare(b.term));
  return out;
}

/** What the scorer knows about one dispute incident. */
export interface RiskEvidence {
  categoryCode: string;
  parentCategoryCode: string | null;
  categoryName: string;
  disputeType: string | null;
  disputeTypeName: string | null;
  text: string;
  /** Distinct earlier incidents linked to this one, and how many by each link. */
  repetition: { total: number; address: number; phone: number; cluster: number };
  injuredParties: string[];
  /** Parties linked to person records, with their earlier incidents. */
  partyHistory: { name: string; earlier: number }[];
}

const words = (list: TermMatch[]) => list.map((m) => (m.count > 1 ? `${m.term}×${m.count}` : m.term)).join('、');
const sumPoints = (list: TermMatch[]) => list.reduce((s, m) => s + m.points, 0);

function categoryFactor(e: RiskEvidence, s: RiskSettings): RiskFactor {
  const typePoints = e.disputeType ? (s.disputeTypes[e.disputeType] ?? s.untypedDispute) : s.untypedDispute;
  const catPoints = s.categories[e.categoryCode] ?? (e.parentCategoryCode ? s.categories[e.parentCategoryCode] : undefined) ?? 0;
  const type = e.disputeType ? (e.disputeTypeName ?? e.disputeType) : '未填纠纷类型';
  return { key: 'category', points: typePoints + catPoints, detail: catPoints > 0 ? `${type}；警情类别：${e.categoryName}（+${catPoints}）` : type };
}

function repetitionFactor(e: RiskEvidence, s: RiskSettings): RiskFactor {
  const r = e.repetition;
  if (r.total === 0) return { key: 'repetition', points: 0, detail: `${s.windowDays}天内无关联警情` };
  const parts = [r.address ? `同一地址${r.address}起` : '', r.phone ? `同一电话${r.phone}起` : '', r.cluster ? `重复警情簇${r.cluster}起` : ''].filter(Boolean);
  return { key: 'repetition', points: Math.min(s.repetition.max, r.total * s.repetition.perIncident), detail: `${s.windowDays}天内此前关联警情${r.total}起（${parts.join('，')}）` };
}

function wordFactor(key: 'threat_words' | 'violence_words', found: TermMatch[], max: number): RiskFactor {
  const none = key === 'threat_words' ? '未发现威胁用语' : '未发现暴力用语';
  return found.length === 0 ? { key, points: 0, detail: none } : { key, points: Math.min(max, sumPoints(found)), detail: `发现：${words(found)}` };
}

function injuryFactor(e: RiskEvidence, found: TermMatch[], s: RiskSettings): RiskFactor {
  const parts: string[] = [];
  let total = 0;
  if (e.injuredParties.length > 0) {
    total += s.injury.partyInjured;
    parts.push(`当事人受伤：${e.injuredParties.join('、')}`);
  }
  if (found.length > 0) {
    total += sumPoints(found);
    parts.push(`伤情用语：${words(found)}`);
  }
  return { key: 'injury', points: Math.min(s.injury.max, total), detail: parts.length ? parts.join('；') : '未发现伤情' };
}

function historyFactor(e: RiskEvidence, s: RiskSettings): RiskFactor {
  const withHistory = e.partyHistory.filter((p) => p.earlier > 0);
  if (withHistory.length === 0) return { key: 'party_history', points: 0, detail: e.partyHistory.length ? '已识别当事人此前无涉警记录' : '无已识别身份的当事人' };
  const total = withHistory.reduce((n, p) => n + p.earlier, 0);
  return { key: 'party_history', points: Math.min(s.history.max, total * s.history.perIncident), detail: `此前涉警：${withHistory.map((p) => `${p.name}${p.earlier}起`).join('、')}` };
}

/** The factors in a fixed order and their sum, capped at 100. */
export function computeRisk(e: RiskEvidence, s: RiskSettings, terms: readonly RiskTerm[]): { score: number; factors: RiskFactor[] } {
  const found = matchTerms(segment(e.text, terms), terms);
  const factors = [
    categoryFactor(e, s),
    repetitionFactor(e, s),
    wordFactor('threat_words', found.threat, s.threat.max),
    wordFactor('violence_words', found.violence, s.violence.max),
    injuryFactor(e, found.injury, s),
    historyFactor(e, s),
  ];
  return { score: Math.min(100, factors.reduce((n, f) => n + f.points, 0)), factors };
}

export type EscalationLevel = Exclude<WarningLevel, 'blue'>;

/** The grade a score earns, or null below the threshold. */
export function levelFor(score: number, s: RiskSettings): EscalationLevel | null {
  if (score >= s.levels.red) return 'red';
  if (score >= s.levels.orange) return 'orange';
  if (score >= s.threshold) return 'yellow';
  return null;
}

/** "民转刑风险 78 分：威胁用语 25 分（同归于尽）…" — the three heaviest factors. */
export function warningReason(score: number, factors: readonly RiskFactor[]): string {
  const top = [...factors]
    .filter((f) => f.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .map((f) => `${FACTOR_ZH[f.key as FactorKey] ?? f.key}${f.points}分（${f.detail}）`);
  return `民转刑风险${score}分：${top.join('；')}`;
}
