import type { CaseStage } from '../app/db/schema.js';
import type { Tx } from '../app/db/database.js';
import type { Random } from './random.js';

// Time for the demo county's dispute cases: Beijing days, working days (weekends off, the
// calendar_days overrides honoured) and the stage deadlines, all read from the rules the bureau
// keeps as data, so the generated cases are due when the product says they are.

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const BJ = 8 * HOUR;

export const bjDay = (t: number): string => new Date(t + BJ).toISOString().slice(0, 10);
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00Z`) - BJ;
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
export const bjYear = (t: number): number => new Date(t + BJ).getUTCFullYear();

export interface CaseRules {
  /** 'from>to' → action. */
  actions: Map<string, string>;
  deadlines: { stage: CaseStage; from_stage: CaseStage | null; days: number; working_days: boolean }[];
  workdays: Map<string, boolean>;
  ackWorkingDays: number;
  finishWorkingDays: number;
  judicialDays: number;
  plan: { kind: 'phone' | 'field' | 'community'; offset: number }[];
}

function setting<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export async function loadCaseRules(trx: Tx): Promise<CaseRules> {
  const [transitions, deadlines, calendar, settings, plan] = await Promise.all([
    trx.selectFrom('case_transitions').select(['action', 'from_stage', 'to_stage']).execute(),
    trx.selectFrom('case_stage_deadlines').select(['stage', 'from_stage', 'days', 'working_days']).execute(),
    trx.selectFrom('calendar_days').select(['day', 'workday']).execute(),
    trx.selectFrom('app_settings').select(['key', 'value']).where('key', 'in', ['cases.transfers', 'cases.agreements']).execute(),
    trx.selectFrom('followup_plan').select(['kind', 'offset_days']).orderBy('sort').execute(),
  ]);
  const transfers = setting<{ ackWorkingDays?: number; finishWorkingDays?: number }>(settings.find((s) => s.key === 'cases.transfers')?.value ?? {});
  const agreements = setting<{ judicialDays?: number }>(settings.find((s) => s.key === 'cases.agreements')?.value ?? {});
  return {
    actions: new Map(transitions.map((t) => [`${t.from_stage}>${t.to_stage}`, t.action])),
    deadlines,
    workdays: new Map(calendar.map((c) => [c.day, c.workday])),
    ackWorkingDays: transfers.ackWorkingDays ?? 1,
    finishWorkingDays: transfers.finishWorkingDays ?? 15,
    judicialDays: agreements.judicialDays ?? 30,
    plan: plan.map((p) => ({ kind: p.kind, offset: p.offset_days })),
  };
}

export class CaseCalendar {
  constructor(private readonly rules: CaseRules) {}

  isWorkday(day: string): boolean {
    const o = this.rules.workdays.get(day);
    if (o !== undefined) return o;
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** `n` working days after `t`, same time of day (as cases.deadlines.ts counts them). */
  addWorking(t: number, n: number): number {
    let k = 0;
    let counted = 0;
    while (counted < n) {
      k++;
      if (this.isWorkday(bjDay(t + k * DAY))) counted++;
    }
    return t + k * DAY;
  }

  /** The Beijing day `n` working days before `day`. */
  workdayBefore(day: string, n: number): string {
    let d = day;
    let counted = 0;
    while (counted < n) {
      d = addDays(d, -1);
      if (this.isWorkday(d)) counted++;
    }
    return d;
  }

  /** When a stage entered at `at` from `from` is due (null: no deadline). */
  dueAt(stage: CaseStage, from: CaseStage | null, at: number): number | null {
    const rule = this.rules.deadlines.find((r) => r.stage === stage && from !== null && r.from_stage === from) ?? this.rules.deadlines.find((r) => r.stage === stage && r.from_stage === null);
    if (!rule) return null;
    return rule.working_days ? this.addWorking(at, rule.days) : at + rule.days * DAY;
  }
}

/** Moves a time at night to the next morning's office hours: officers record their work by day. */
export function officeHours(rng: Random, t: number): number {
  const hour = ((t + BJ) % DAY) / HOUR;
  if (hour >= 8 && hour < 19) return t;
  const day = hour < 8 ? bjDay(t) : addDays(bjDay(t), 1);
  return Math.max(t, dayStart(day) + rng.float(8.3, 10.8) * HOUR);
}
