import { z } from 'zod';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');

export const statsQuery = z.object({
  /** The jurisdiction looked at (default: the viewer's own). */
  node: z.coerce.number().int().positive().optional(),
  period: z.enum(['day', 'week', 'month', 'quarter', 'year', 'custom']).default('year'),
  /** Any date inside the period (default today, Beijing). */
  date: day.optional(),
  /** Custom period: first and last day, both included. */
  from: day.optional(),
  to: day.optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

export const METRICS = ['valid', 'criminal', 'publicOrder', 'help', 'filed', 'solved', 'disputesScreened', 'disputesResolved', 'arrived', 'compliant'] as const;
export type Metric = (typeof METRICS)[number];
export const RATES = ['criminalShare', 'publicOrderShare', 'helpShare', 'resolutionRate', 'complianceRate'] as const;
export type Rate = (typeof RATES)[number];

const changeSchema = z.object({ current: z.number(), previous: z.number(), delta: z.number(), ratio: z.number().nullable(), direction: z.enum(['up', 'down', 'flat']) });
const metricSchema = z.object({ value: z.number(), yoy: changeSchema, mom: changeSchema });
const rateSchema = z.object({ value: z.number().nullable(), yearEarlier: z.number().nullable(), previous: z.number().nullable() });

export const figuresSchema = z.object({
  metrics: z.object(Object.fromEntries(METRICS.map((m) => [m, metricSchema])) as Record<Metric, typeof metricSchema>),
  rates: z.object(Object.fromEntries(RATES.map((r) => [r, rateSchema])) as Record<Rate, typeof rateSchema>),
});
export type Figures = z.infer<typeof figuresSchema>;

const rangeSchema = z.object({ from: z.string(), to: z.string() });
const nodeSchema = z.object({ id: z.number(), name: z.string(), kind: z.string() });

export const overviewSchema = z.object({
  node: nodeSchema,
  /** From the viewer's own jurisdiction down to the node. */
  breadcrumbs: z.array(nodeSchema),
  period: z.object({ kind: z.string(), current: rangeSchema, yearEarlier: rangeSchema, previous: rangeSchema, toDate: z.boolean() }),
  total: figuresSchema,
  rows: z.array(nodeSchema.extend({ direct: z.boolean(), drillable: z.boolean(), figures: figuresSchema })),
  byKind: z.array(z.object({ kind: z.string(), label: z.string(), yoy: changeSchema, mom: changeSchema })),
});
export type Overview = z.infer<typeof overviewSchema>;

export const categoriesSchema = z.array(z.object({ code: z.string(), label: z.string(), kind: z.string(), yoy: changeSchema }));
export type Categories = z.infer<typeof categoriesSchema>;

export const trendSchema = z.object({
  bucket: z.enum(['day', 'week', 'month']),
  points: z.array(z.object({ key: z.string(), valid: z.number(), validYearEarlier: z.number(), criminal: z.number(), publicOrder: z.number(), help: z.number(), filed: z.number(), solved: z.number() })),
});
export type Trend = z.infer<typeof trendSchema>;

export const caseSolvedBody = z.object({ solvedAt: z.iso.datetime({ offset: true }).optional() });
export const caseSolvedSchema = z.object({ id: z.number(), caseSolvedAt: z.string() });
/** Where an incident stands for 破案: filed as a case (criminal or administrative), when filed, when solved. */
export const caseSolvedStateSchema = z.object({ id: z.number(), filed: z.boolean(), outcomeAt: z.string().nullable(), caseSolvedAt: z.string().nullable() });
export type CaseSolvedState = z.infer<typeof caseSolvedStateSchema>;
