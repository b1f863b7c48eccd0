import { change } from '@fengqiao/shared';
import type { Queryable } from '../../app/db/database.js';
import { shanghaiDay } from '../followups/followups.days.js';
import { forecastHotspots } from '../hotspots/hotspots.forecast.js';
import * as q from './reviews.figures.js';
import { loadReviewRules, suggestInterventions } from './reviews.rules.js';
import { incidentKinds, type CategoryRow, type KindRow, type ReviewContent } from './reviews.types.js';
import { bounds, reviewedWeek, sameWeekLastYear, weekBefore, type Week } from './reviews.weeks.js';

export interface ReviewedUnit {
  id: number;
  name: string;
  kind: string;
  path: string;
}

/** 'YYYY-MM-DD HH:mm' in Beijing time. */
export function beijingMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

function row(cur: number, prev: number, ly: number) {
  return { current: cur, previousWeek: prev, lastYear: ly, wow: change(cur, prev), yoy: change(cur, ly) };
}

/**
 * The Monday review of a jurisdiction (a station or the county, with everything below it) as of
 * `now`: the last full week before `now` against the week before (环比) and the same weekdays 364
 * days earlier (同比); overdue items as of `now`; hotspots predicted for the week after (by the
 * engine's default method unless `options.forecastMethod` names another; the review states which).
 */
export async function buildReview(db: Queryable, unit: ReviewedUnit, now: Date, week: Week = reviewedWeek(now), options: { forecastMethod?: string } = {}): Promise<ReviewContent> {
  const prefix = `${unit.path}%`;
  const periods = { week, previousWeek: weekBefore(week), lastYearWeek: sameWeekLastYear(week) };
  const weekEnd = bounds(week).end;
  const [kinds, categories, hours, clusters, warnings, listed, transfers, cases, followups, forecast] = await Promise.all([
    q.countsByKind(db, prefix, periods),
    q.countsByCategory(db, prefix, periods),
    q.hourCounts(db, prefix, week),
    q.activeClusters(db, prefix, week),
    q.openWarnings(db, prefix, weekEnd),
    q.complaintsAndReports(db, prefix, week),
    q.overdueTransfers(db, prefix, now),
    q.overdueCases(db, prefix, now),
    q.overdueFollowups(db, prefix, shanghaiDay(now)),
    forecastHotspots(db, unit.path, { at: weekEnd, horizonDays: 7, top: 10, ...(options.forecastMethod ? { method: options.forecastMethod } : {}) }),
  ]);

  const byKind: KindRow[] = incidentKinds.map((kind) => {
    const k = kinds.find((r) => r.kind === kind);
    return { kind, ...row(k?.cur ?? 0, k?.prev ?? 0, k?.ly ?? 0) };
  });
  const sum = (f: (r: (typeof kinds)[number]) => number) => kinds.reduce((s, r) => s + f(r), 0);
  const totals = row(
    sum((r) => r.cur),
    sum((r) => r.prev),
    sum((r) => r.ly),
  );
  const risingCategories: CategoryRow[] = categories
    .filter((c) => c.cur > c.prev)
    .sort((a, b) => b.cur - b.prev - (a.cur - a.prev) || b.cur - a.cur || a.code.localeCompare(b.code))
    .slice(0, 10)
    .map((c) => ({ code: c.code, name: c.name, kind: c.kind, ...row(c.cur, c.prev, c.ly) }));
  const today = shanghaiDay(now);

  const content: Omit<ReviewContent, 'suggestions'> = {
    version: 1,
    jurisdiction: { id: unit.id, name: unit.name, kind: unit.kind },
    week: periods.week,
    previousWeek: periods.previousWeek,
    lastYearWeek: periods.lastYearWeek,
    asOf: now.toISOString(),
    totals,
    byKind,
    risingCategories,
    clusters: clusters.map((c) => ({
      id: c.id,
      linkBy: c.link_by,
      label: c.link_by === 'address' ? (c.address_name ?? `地址 #${c.link_value}`) : c.link_by === 'phone' ? `来电 ${maskPhone(c.link_value)}` : '同一当事人',
      level: c.level,
      incidentsInWeek: c.n,
      incidentCount: c.incident_count,
      jurisdictionName: c.jurisdiction_name,
    })),
    warnings: warnings.map((w) => ({
      id: w.id,
      level: w.level,
      reason: w.reason,
      ownerName: w.owner_name,
      deadline: w.deadline,
      status: w.status,
      hasPlan: w.plan !== null && w.plan.trim() !== '',
      overdue: w.deadline < today,
      jurisdictionName: w.jurisdiction_name,
    })),
    complaintsAndReports: listed.map((i) => ({
      id: i.id,
      kind: i.kind as 'complaint' | 'report',
      receivedAt: beijingMinute(i.received_at),
      categoryName: i.category_name ?? i.category_code,
      summary: i.summary,
      status: i.status,
      jurisdictionName: i.jurisdiction_name,
    })),
    overdue: {
      transfers: transfers.map((t) => {
        const state = t.status === 'sent' ? ('unacknowledged' as const) : ('overdue' as const);
        return { id: t.id, caseId: t.case_id, caseNo: t.case_no, docNo: t.doc_no, departmentName: t.department_name, state, deadline: beijingMinute(state === 'unacknowledged' ? t.ack_due_at : t.due_at) };
      }),
      cases: cases.map((c) => ({ id: c.id, caseNo: c.case_no, title: c.title, stageName: c.stage_name, stageDueAt: beijingMinute(c.stage_due_at!), officerName: c.officer_name })),
      followups: followups.map((f) => ({ id: f.id, caseId: f.case_id, caseNo: f.case_no, kind: f.kind, dueOn: f.due_on, assigneeName: f.assignee_name })),
    },
    hours,
    hotspots: {
      method: forecast.method,
      params: forecast.params,
      cellM: forecast.cellM,
      trainStart: forecast.trainStart.toISOString(),
      trainEnd: forecast.trainEnd.toISOString(),
      targetStart: forecast.targetStart.toISOString(),
      targetEnd: forecast.targetEnd.toISOString(),
      eventCount: forecast.eventCount,
      cells: forecast.cells.map((c) => ({ rank: c.rank, cell: c.cell, lat: c.lat, lon: c.lon, risk: c.risk })),
    },
  };
  return { ...content, suggestions: suggestInterventions(content, (await loadReviewRules(db)).rules) };
}

/** Stations and the county (the bureau's root) that get a review. */
export function reviewedUnits(db: Queryable) {
  return db
    .selectFrom('jurisdictions')
    .select(['id', 'name', 'kind', 'path'])
    .where('archived_at', 'is', null)
    .where((eb) => eb.or([eb('kind', '=', 'station'), eb.and([eb('kind', '=', 'bureau'), eb('parent_id', 'is', null)])]))
    .orderBy('path')
    .execute();
}

/** Stores a review; `replace` overwrites that week's review, otherwise an existing one is kept. Returns the id, or null when kept. */
export async function saveReview(db: Queryable, v: { jurisdictionId: number; content: ReviewContent; generatedBy: number | null; now: Date; replace: boolean }): Promise<number | null> {
  const values = { jurisdiction_id: v.jurisdictionId, week_start: v.content.week.from, content: JSON.stringify(v.content), generated_by: v.generatedBy, generated_at: v.now };
  const row = await db
    .insertInto('weekly_reviews')
    .values(values)
    .onConflict((oc) =>
      v.replace
        ? oc.columns(['jurisdiction_id', 'week_start']).doUpdateSet({ content: values.content, generated_by: v.generatedBy, generated_at: v.now })
        : oc.columns(['jurisdiction_id', 'week_start']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}
