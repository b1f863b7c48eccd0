import { JURISDICTION_KINDS } from '@fengqiao/shared';
import { z } from 'zod';
import { INCIDENT_KINDS, INCIDENT_STATUSES } from '../incidents/incidents.schemas.js';
import { warningLevel, warningStatus } from '../warnings/warnings.schemas.js';

export const boardQuery = z.object({
  stationId: z.coerce.number().int().positive().optional(),
  /** An incident kind (刑事 criminal, 治安 public_order …). */
  category: z.enum(INCIDENT_KINDS).optional(),
});
export type BoardQuery = z.infer<typeof boardQuery>;

/** One incident as the board lists and maps it; `incident.created` events carry the same shape. */
export const boardIncidentSchema = z.object({
  id: z.number(),
  receivedAt: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  status: z.enum(INCIDENT_STATUSES),
  channel: z.string(),
  summary: z.string(),
  addressText: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  stationId: z.number().nullable(),
  stationName: z.string().nullable(),
});
export type BoardIncident = z.infer<typeof boardIncidentSchema>;

/** One open warning on the board; `warning.*` events carry the same shape. */
export const boardWarningSchema = z.object({
  id: z.number(),
  source: z.enum(['repeat', 'escalation']),
  level: warningLevel,
  status: warningStatus,
  reason: z.string(),
  deadline: z.string(),
  ownerName: z.string().nullable(),
  incidentCount: z.number(),
  incidentId: z.number().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  stationId: z.number().nullable(),
  stationName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BoardWarning = z.infer<typeof boardWarningSchema>;

const geoPolygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) });

/** A station or community/village for the filter and the map's outlines. */
export const boardAreaSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  kind: z.enum(JURISDICTION_KINDS),
  name: z.string(),
  centerLat: z.number().nullable(),
  centerLon: z.number().nullable(),
  boundary: geoPolygon.nullable(),
});

export const boardSchema = z.object({
  /** Local midnight (Asia/Shanghai) of today: the board lists incidents received since then. */
  since: z.string(),
  incidents: z.array(boardIncidentSchema),
  /** True when more incidents matched than the board lists. */
  incidentsTruncated: z.boolean(),
  warnings: z.array(boardWarningSchema),
  stations: z.array(z.object({ id: z.number(), name: z.string() })),
  areas: z.array(boardAreaSchema),
});
export type BoardDto = z.infer<typeof boardSchema>;

export const BOARD_EVENT_TYPES = ['incident.created', 'incident.updated', 'warning.raised', 'warning.upgraded', 'warning.changed'] as const;
export type BoardEventType = (typeof BOARD_EVENT_TYPES)[number];
