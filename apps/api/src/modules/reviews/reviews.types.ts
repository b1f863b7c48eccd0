import { z } from 'zod';

// The Monday review (每周研判) as stored in weekly_reviews.content: the page, the PDF and the DOCX
// all read this one document, so what was shown on Monday is what is printed later.

const changeSchema = z.object({
  current: z.number(),
  previous: z.number(),
  delta: z.number(),
  /** fraction (-0.084 = down 8.4 %); null when the base is 0 */
  ratio: z.number().nullable(),
  direction: z.enum(['up', 'down', 'flat']),
});

const period = z.object({ from: z.string(), to: z.string() });

export const incidentKinds = ['criminal', 'public_order', 'traffic', 'fire', 'help', 'dispute', 'report', 'complaint', 'other'] as const;

export const kindRowSchema = z.object({
  kind: z.enum(incidentKinds),
  /** last week */
  current: z.number(),
  /** the week before */
  previousWeek: z.number(),
  /** the same weekdays 364 days earlier */
  lastYear: z.number(),
  wow: changeSchema,
  yoy: changeSchema,
});

export const categoryRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  current: z.number(),
  previousWeek: z.number(),
  lastYear: z.number(),
  wow: changeSchema,
  yoy: changeSchema,
});

export const clusterSchema = z.object({
  id: z.number(),
  linkBy: z.enum(['address', 'phone', 'party']),
  /** address text, a masked phone number or a party name */
  label: z.string(),
  level: z.enum(['red', 'orange', 'yellow', 'blue']).nullable(),
  incidentsInWeek: z.number(),
  incidentCount: z.number(),
  jurisdictionName: z.string(),
});

export const warningItemSchema = z.object({
  id: z.number(),
  level: z.enum(['red', 'orange', 'yellow', 'blue']),
  reason: z.string(),
  ownerName: z.string().nullable(),
  deadline: z.string(),
  status: z.enum(['open', 'acknowledged', 'planned', 'closed']),
  hasPlan: z.boolean(),
  overdue: z.boolean(),
  jurisdictionName: z.string(),
});

export const incidentItemSchema = z.object({
  id: z.number(),
  kind: z.enum(['complaint', 'report']),
  receivedAt: z.string(),
  categoryName: z.string(),
  summary: z.string(),
  status: z.string(),
  jurisdictionName: z.string(),
});

export const overdueTransferSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  caseNo: z.string(),
  docNo: z.string(),
  departmentName: z.string(),
  /** unacknowledged: still 'sent' past the acknowledgement deadline; overdue: accepted and unfinished past the deadline */
  state: z.enum(['unacknowledged', 'overdue']),
  deadline: z.string(),
});

export const overdueCaseSchema = z.object({
  id: z.number(),
  caseNo: z.string(),
  title: z.string(),
  stageName: z.string(),
  stageDueAt: z.string(),
  officerName: z.string().nullable(),
});

export const overdueFollowupSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  caseNo: z.string(),
  kind: z.enum(['phone', 'field', 'community']),
  dueOn: z.string(),
  assigneeName: z.string().nullable(),
});

export const hotspotCellSchema = z.object({ rank: z.number(), cell: z.number(), lat: z.number(), lon: z.number(), risk: z.number() });

export const suggestionSchema = z.object({
  /** the rule that produced it (docs/analysis.md, "Monday review") */
  rule: z.enum(['campaign', 'patrol_focus', 'staggered_patrol', 'warning_plan', 'transfer_supervision', 'case_supervision']),
  title: z.string(),
  detail: z.string(),
  /** a page of the product the suggestion is about */
  link: z.string().nullable(),
});

export const reviewContentSchema = z.object({
  version: z.literal(1),
  jurisdiction: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  /** the reviewed week, Monday to Sunday (Asia/Shanghai); `to` exclusive (the next Monday) */
  week: period,
  previousWeek: period,
  /** 同比 base: the same weekdays 364 days earlier (Monday to Sunday), not the same calendar dates */
  lastYearWeek: period,
  /** the instant the figures were taken (overdue items are as of this instant) */
  asOf: z.string(),
  totals: kindRowSchema.omit({ kind: true }),
  byKind: z.array(kindRowSchema),
  /** categories up on the week before, largest rise first (at most 10) */
  risingCategories: z.array(categoryRowSchema),
  clusters: z.array(clusterSchema),
  warnings: z.array(warningItemSchema),
  complaintsAndReports: z.array(incidentItemSchema),
  overdue: z.object({
    transfers: z.array(overdueTransferSchema),
    cases: z.array(overdueCaseSchema),
    followups: z.array(overdueFollowupSchema),
  }),
  /** incidents by hour of day (0–23, Asia/Shanghai) over the four weeks up to the end of the reviewed week */
  hours: z.array(z.number()).length(24),
  hotspots: z.object({
    method: z.string(),
    params: z.record(z.string(), z.number()),
    cellM: z.number(),
    trainStart: z.string(),
    trainEnd: z.string(),
    targetStart: z.string(),
    targetEnd: z.string(),
    eventCount: z.number(),
    cells: z.array(hotspotCellSchema),
  }),
  suggestions: z.array(suggestionSchema),
});

export type ReviewContent = z.infer<typeof reviewContentSchema>;
export type ReviewSuggestion = z.infer<typeof suggestionSchema>;
export type KindRow = z.infer<typeof kindRowSchema>;
export type CategoryRow = z.infer<typeof categoryRowSchema>;
