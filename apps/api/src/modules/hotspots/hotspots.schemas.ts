import { z } from 'zod';
import { INCIDENT_KINDS } from '../incidents/incidents.schemas.js';

/** A time-of-day band 'HH:MM-HH:MM' (Asia/Shanghai); an end not after the start wraps midnight. */
export const bandText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'time_band');
const label = z.object({ zh: z.string(), en: z.string() });

/** Most cells a map answer carries (cells with risk > 0, highest first). */
export const MAP_CELLS_MAX = 2500;

export const methodSchema = z.object({
  name: z.string(),
  label,
  summary: label,
  params: z.array(z.object({ key: z.string(), label, unit: z.string(), default: z.number(), min: z.number(), max: z.number() })),
  isDefault: z.boolean(),
});

export const forecastBody = z
  .object({
    jurisdictionId: z.number().int().positive().optional(),
    kind: z.enum(INCIDENT_KINDS).nullable().optional(),
    band: bandText.nullable().optional(),
    method: z.string().min(1).max(40).optional(),
    params: z.record(z.string(), z.number()).optional(),
    cellM: z.number().int().min(50).max(2000).default(250),
    horizonDays: z.number().int().min(1).max(90).default(7),
    /** start of the predicted period (default now); only incidents before it train the forecast */
    at: z.iso.datetime({ offset: true }).optional(),
    top: z.number().int().min(1).max(100).default(10),
    save: z.boolean().default(false),
  })
  .strict();
export type ForecastInput = z.infer<typeof forecastBody>;

const cellSchema = z.object({ cell: z.number(), lat: z.number(), lon: z.number(), risk: z.number(), rank: z.number() });
const gridSchema = z.object({ originLat: z.number(), originLon: z.number(), cellM: z.number(), cols: z.number(), rows: z.number() });

export const forecastSchema = z.object({
  runId: z.number().nullable(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  method: z.string(),
  methodLabel: label,
  params: z.array(z.object({ key: z.string(), label, unit: z.string(), value: z.number() })),
  kind: z.enum(INCIDENT_KINDS).nullable(),
  band: z.string().nullable(),
  cellM: z.number(),
  trainStart: z.string(),
  trainEnd: z.string(),
  targetStart: z.string(),
  targetEnd: z.string(),
  eventCount: z.number(),
  grid: gridSchema,
  /** every cell with risk > 0 (up to MAP_CELLS_MAX), highest first */
  cells: z.array(cellSchema),
  cellsTruncated: z.boolean(),
  /** the top cells, highest first */
  top: z.array(cellSchema),
  createdAt: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export type ForecastDto = z.infer<typeof forecastSchema>;

export const runsQuery = z.object({ jurisdictionId: z.coerce.number().int().positive().optional() });
export const runSummarySchema = z.object({
  id: z.number(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  method: z.string(),
  kind: z.enum(INCIDENT_KINDS).nullable(),
  band: z.string().nullable(),
  cellM: z.number(),
  eventCount: z.number(),
  targetStart: z.string(),
  targetEnd: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const heatQuery = z.object({
  jurisdictionId: z.coerce.number().int().positive().optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** Without `from`: the period is the `days` days ending with `to` (365 when neither is given). */
  days: z.coerce.number().int().min(1).max(730).optional(),
  cellM: z.coerce.number().int().min(50).max(2000).default(250),
});
export const heatSchema = z.object({
  jurisdictionId: z.number(),
  from: z.string(),
  to: z.string(),
  cellM: z.number(),
  /** incidents in the period and scope, and those of them with coordinates (drawn) */
  incidentCount: z.number(),
  locatedCount: z.number(),
  maxCount: z.number(),
  cells: z.array(z.object({ south: z.number(), west: z.number(), north: z.number(), east: z.number(), count: z.number() })),
});

export const shiftInput = z.object({ band: bandText, units: z.number().int().min(1).max(50), mode: z.enum(['vehicle', 'foot']) }).strict();
export const proposalBody = z
  .object({
    /** a saved run to start from; otherwise the forecast fields below make a fresh one */
    runId: z.number().int().positive().optional(),
    jurisdictionId: z.number().int().positive().optional(),
    kind: z.enum(INCIDENT_KINDS).nullable().optional(),
    method: z.string().min(1).max(40).optional(),
    params: z.record(z.string(), z.number()).optional(),
    cellM: z.number().int().min(50).max(2000).optional(),
    horizonDays: z.number().int().min(1).max(90).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    units: z.number().int().min(1).max(200),
    shifts: z.array(shiftInput).min(1).max(6),
  })
  .strict();
export type ProposalInput = z.infer<typeof proposalBody>;

const areaSchema = z.object({
  index: z.number(),
  band: z.string(),
  mode: z.enum(['vehicle', 'foot']),
  cells: z.array(z.number()),
  cellCentres: z.array(z.object({ lat: z.number(), lon: z.number() })),
  cellM: z.number(),
  centre: z.object({ lat: z.number(), lon: z.number() }),
  checkpoints: z.array(z.object({ name: z.string(), lat: z.number(), lon: z.number() })),
  expectedCoverage: z.number(),
});
export const proposalSchema = z.object({
  id: z.number(),
  jurisdictionId: z.number(),
  jurisdictionName: z.string(),
  runId: z.number().nullable(),
  units: z.number(),
  shifts: z.array(
    z.object({
      band: z.string(),
      units: z.number(),
      mode: z.enum(['vehicle', 'foot']),
      method: z.string(),
      eventCount: z.number(),
      trainStart: z.string(),
      trainEnd: z.string(),
      /** share of the band's predicted risk inside this shift's areas */
      coverage: z.number(),
      /** share of the study area (cells with an incident in the training period) the areas take */
      areaShare: z.number(),
    }),
  ),
  areas: z.array(areaSchema),
  expectedCoverage: z.number(),
  status: z.enum(['proposed', 'adopted', 'dismissed']),
  adoptedPlanIds: z.array(z.number()),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ProposalDto = z.infer<typeof proposalSchema>;
export const proposalsQuery = runsQuery;

export const jurisdictionsSchema = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      parentId: z.number().nullable(),
      kind: z.string(),
      name: z.string(),
      boundary: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }).nullable(),
      centerLat: z.number().nullable(),
      centerLon: z.number().nullable(),
    }),
  ),
});
