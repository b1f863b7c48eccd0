import { z } from 'zod';

export const followupKind = z.enum(['phone', 'field', 'community']);
const day = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date')
  .refine((v) => {
    // 2026-02-30 passes the pattern but is no day (Date would roll it over to March).
    const t = Date.parse(`${v}T00:00:00Z`);
    return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) === v;
  }, 'date');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month');

export const followupSchema = z.object({
  id: z.number(),
  caseId: z.number(),
  kind: followupKind,
  /** 'YYYY-MM-DD' (Beijing). */
  dueOn: z.string(),
  assignedUserId: z.number().nullable(),
  assignedName: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  finding: z.string().nullable(),
  relapse: z.boolean(),
  relapseIncidentId: z.number().nullable(),
  /** Not done and its day has passed (Beijing). */
  overdue: z.boolean(),
  /** The closure this visit belongs to (rows of earlier closures stay as history once done). */
  scheduledAt: z.string(),
});
export type FollowupDto = z.infer<typeof followupSchema>;

export const caseFollowupsSchema = z.object({
  caseId: z.number(),
  stage: z.string(),
  items: z.array(followupSchema),
  abilities: z.object({ record: z.boolean() }),
});
export type CaseFollowupsDto = z.infer<typeof caseFollowupsSchema>;

export const recordBody = z.object({
  finding: z.string().trim().min(1).max(5000),
  relapse: z.boolean().default(false),
  /** The new incident that shows the relapse; only with relapse. */
  incidentId: z.number().int().positive().optional(),
});
export type RecordInput = z.infer<typeof recordBody>;

export const recordResultSchema = caseFollowupsSchema.extend({ relapsed: z.boolean() });

export const planItemSchema = z.object({ kind: followupKind, offsetDays: z.number().int().min(0).max(365) });
export const planSchema = z.object({ items: z.array(planItemSchema.extend({ sort: z.number() })) });
export const planBody = z.object({ items: z.array(planItemSchema).min(1).max(3) });
export type PlanInput = z.infer<typeof planBody>;

// 日清: the daily list.
export const myDayQuery = z.object({ date: day.optional() });
export const myDayItemSchema = z.object({
  /** followup: a visit; stage: the case's stage deadline; transfer: a transfer of the case; new: a case assigned recently. */
  type: z.enum(['followup', 'stage', 'transfer', 'new']),
  caseId: z.number(),
  caseNo: z.string(),
  title: z.string(),
  stage: z.string(),
  disputeType: z.string(),
  /** A day (follow-ups) or an instant (stage, transfer deadlines; new: created at). */
  due: z.string().nullable(),
  followupId: z.number().nullable(),
  followupKind: followupKind.nullable(),
  transferId: z.number().nullable(),
  departmentName: z.string().nullable(),
  /** For transfers: the partner has not acknowledged in time, or has not finished in time. */
  late: z.enum(['unacknowledged', 'overdue']).nullable(),
});
export type MyDayItem = z.infer<typeof myDayItemSchema>;
const counts = z.object({ dueToday: z.number(), overdue: z.number(), new: z.number(), upcoming: z.number() });
export const myDayGroupSchema = z.object({
  officerId: z.number().nullable(),
  officerName: z.string().nullable(),
  counts,
  dueToday: z.array(myDayItemSchema),
  overdue: z.array(myDayItemSchema),
  new: z.array(myDayItemSchema),
  /** Visits scheduled after the day (so a closure's three visits show at once). */
  upcoming: z.array(myDayItemSchema),
});
export type MyDayGroup = z.infer<typeof myDayGroupSchema>;
export const myDaySchema = z.object({
  date: z.string(),
  /** own: the signed-in officer's list; station: every officer in the viewer's jurisdiction, grouped. */
  mode: z.enum(['own', 'station']),
  counts,
  groups: z.array(myDayGroupSchema),
  canRecord: z.boolean(),
});
export type MyDayDto = z.infer<typeof myDaySchema>;

// 月结: the monthly ledger.
export const ledgerQuery = z.object({ month, jurisdictionId: z.coerce.number().int().positive().optional() });
export type LedgerQuery = z.infer<typeof ledgerQuery>;
export const ledgerFiguresSchema = z.object({
  registered: z.number(),
  closed: z.number(),
  resolved: z.number(),
  transferred: z.number(),
  relapsed: z.number(),
  openAtMonthEnd: z.number(),
  /** 化解率 = resolved / closed in the month; null when nothing closed. */
  resolutionRate: z.number().nullable(),
});
export type LedgerFigures = z.infer<typeof ledgerFiguresSchema>;
export const ledgerSchema = z.object({
  month: z.string(),
  jurisdiction: z.object({ id: z.number(), name: z.string(), kind: z.string() }),
  /** What the rows are: stations (under a bureau), communities and villages (under a station), or the unit itself. */
  unitKind: z.string(),
  total: ledgerFiguresSchema,
  byUnit: z.array(ledgerFiguresSchema.extend({ jurisdictionId: z.number(), name: z.string() })),
  byType: z.array(ledgerFiguresSchema.extend({ code: z.string(), name: z.string() })),
  cases: z.array(
    z.object({
      id: z.number(),
      caseNo: z.string(),
      registeredOn: z.string(),
      disputeType: z.string(),
      disputeTypeName: z.string(),
      title: z.string(),
      summary: z.string(),
      parties: z.array(z.string()),
      leaderName: z.string().nullable(),
      officerName: z.string().nullable(),
      jurisdictionName: z.string(),
      /** Stage at month end, or the resolution when closed by then. */
      statusAtMonthEnd: z.string(),
      statusName: z.string(),
      closedOn: z.string().nullable(),
      registered: z.boolean(),
      closed: z.boolean(),
      resolved: z.boolean(),
      transferred: z.boolean(),
      relapsed: z.boolean(),
    }),
  ),
});
export type LedgerDto = z.infer<typeof ledgerSchema>;

// Notifications.
export const notificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const notificationsQuery = z.object({ unreadOnly: z.enum(['true', 'false', '1', '0']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
export const notificationsSchema = z.object({ items: z.array(notificationSchema), unread: z.number() });
