import { sql, type RawBuilder } from 'kysely';

/**
 * The 1-3-5 minute standard of the jurisdiction aliased `j` in the surrounding query: the
 * `response_standards` row of its own kind, else of the nearest ancestor's kind that has one (a
 * grid or police room takes its village's or community's). The tree is at most four levels deep
 * (bureau → station → community/village → grid/police room, CHILD_KINDS), so four parent steps
 * cover every node; each step is a primary-key look-up, cheap enough to run per listed incident.
 */
export function standardSeconds(column: 'dispatch_seconds' | 'arrive_seconds', alias = 'j'): RawBuilder<number | null> {
  const value = sql.ref(`rs.${column}`);
  const kind = sql.ref(`${alias}.kind`);
  const parent = sql.ref(`${alias}.parent_id`);
  return sql<number | null>`coalesce(
    (select ${value} from response_standards rs where rs.area_kind = ${kind}),
    (select ${value} from jurisdictions p1 join response_standards rs on rs.area_kind = p1.kind where p1.id = ${parent}),
    (select ${value} from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join response_standards rs on rs.area_kind = p2.kind where p1.id = ${parent}),
    (select ${value} from jurisdictions p1 join jurisdictions p2 on p2.id = p1.parent_id join jurisdictions p3 on p3.id = p2.parent_id join response_standards rs on rs.area_kind = p3.kind where p1.id = ${parent})
  )`;
}

export interface TimingInput {
  receivedAt: Date;
  dispatchedAt: Date | null;
  arrivedAt: Date | null;
  dispatchLimitSeconds: number | null;
  arriveLimitSeconds: number | null;
}

export interface IncidentTiming {
  dispatchSeconds: number | null;
  arriveSeconds: number | null;
  dispatchLimitSeconds: number | null;
  arriveLimitSeconds: number | null;
  /** Null until the police arrived (or when no standard applies). */
  compliant: boolean | null;
}

/** Whole seconds from receipt, as the aggregate SQL counts them (floor), so both always agree. */
export const secondsBetween = (from: Date, to: Date | null): number | null => (to ? Math.floor((to.getTime() - from.getTime()) / 1000) : null);

export function timingOf(t: TimingInput): IncidentTiming {
  const dispatchSeconds = secondsBetween(t.receivedAt, t.dispatchedAt);
  const arriveSeconds = secondsBetween(t.receivedAt, t.arrivedAt);
  const { dispatchLimitSeconds, arriveLimitSeconds } = t;
  let compliant: boolean | null = null;
  if (arriveSeconds !== null && dispatchSeconds !== null && dispatchLimitSeconds !== null && arriveLimitSeconds !== null) {
    compliant = dispatchSeconds <= dispatchLimitSeconds && arriveSeconds <= arriveLimitSeconds;
  }
  return { dispatchSeconds, arriveSeconds, dispatchLimitSeconds, arriveLimitSeconds, compliant };
}
