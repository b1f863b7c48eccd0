import { z } from 'zod';
import { INCIDENT_OUTCOMES, INCIDENT_STATUSES } from './incidents.schemas.js';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** The next step of an incident; `at` (when it happened) defaults to now. */
export const statusBody = z.object({
  to: z.enum(INCIDENT_STATUSES),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type StatusInput = z.infer<typeof statusBody>;

export const outcomeBody = z.object({
  outcome: z.enum(INCIDENT_OUTCOMES),
  /** Required for an administrative or criminal case. */
  caseNumber: optionalText(50),
  /** A GA 240.1 category ('GA' + code) of a criminal case. */
  caseCategoryCode: optionalText(20),
  note: optionalText(2000),
});
export type OutcomeInput = z.infer<typeof outcomeBody>;

export const transitionsSchema = z.object({
  items: z.array(z.object({ fromStatus: z.enum(INCIDENT_STATUSES), toStatus: z.enum(INCIDENT_STATUSES), channel: z.string().nullable() })),
});
export type TransitionsDto = z.infer<typeof transitionsSchema>;

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const timelineSchema = z.object({
  items: z.array(
    z.object({
      /** When it happened (a status step's own time, which an officer may enter after the fact). */
      at: z.string(),
      /** An audit action ('incident.status_changed' …) or a warning step ('warning.raised' …). */
      action: z.string(),
      actorName: z.string().nullable(),
      summary: bilingual,
      /** Set on the entries of a warning of a cluster the incident belongs to. */
      warningId: z.number().nullable(),
    }),
  ),
});
export type TimelineDto = z.infer<typeof timelineSchema>;
export type TimelineEntry = TimelineDto['items'][number];

export const TIMING_GROUPS = ['station', 'day'] as const;
/** At most a year at once; without dates, the last 30 days. */
export const TIMING_MAX_DAYS = 366;

export const timingQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  groupBy: z.enum(TIMING_GROUPS).default('station'),
});
export type TimingQuery = z.infer<typeof timingQuery>;

const figures = {
  count: z.number(),
  dispatched: z.number(),
  arrived: z.number(),
  /** Dispatched within the limit and arrived within the limit. */
  compliant: z.number(),
  /** compliant / arrived; null when none arrived. */
  complianceRate: z.number().nullable(),
  dispatchMedianSeconds: z.number().nullable(),
  dispatchP90Seconds: z.number().nullable(),
  arriveMedianSeconds: z.number().nullable(),
  arriveP90Seconds: z.number().nullable(),
};

export const timingReportSchema = z.object({
  groupBy: z.enum(TIMING_GROUPS),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      /** Station id (null: incidents kept at county level), or the day 'YYYY-MM-DD' in Beijing time. */
      key: z.union([z.number(), z.string()]).nullable(),
      label: z.string(),
      ...figures,
    }),
  ),
  total: z.object(figures),
  standards: z.array(z.object({ areaKind: z.string(), dispatchSeconds: z.number(), arriveSeconds: z.number() })),
});
export type TimingReport = z.infer<typeof timingReportSchema>;
