import { sql } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { Queryable } from '../../app/db/database.js';
import { scopePrefix } from '../../app/policy.js';
import { flaggedRentalHouses } from './rentals.flags.js';
import type { RentalAccess } from './rentals.policies.js';
import type { FlagClock } from './rentals.rules.js';
import type { DashboardFigures } from './rentals.schemas.js';

/**
 * 底数清、情况明: per community and village, how many houses are let, how many people live in
 * them, what waits for the officer and what is flagged. Read-only; the same relation as the list.
 */
export function createRentalsDashboardPresenter(db: Queryable) {
  return {
    async byCommunity(actor: Actor, access: RentalAccess, clock: FlagClock, subtreePath: string | null) {
      let houses = flaggedRentalHouses(db, access, clock);
      if (subtreePath) houses = houses.where('b.jurisdiction_path', 'like', `${subtreePath}%`);
      const active = sql<boolean>`f.status = 'active'`;
      const [groups, communities] = await Promise.all([
        db
          .selectFrom(houses.as('f'))
          .select([
            'f.community_id',
            'f.community_name',
            'f.community_kind',
            sql<number>`count(*) filter (where ${active})::int`.as('rental_houses'),
            sql<number>`coalesce(sum(f.open_tenancies), 0)::int`.as('current_tenants'),
            sql<number>`coalesce(sum(f.pending), 0)::int`.as('pending'),
            sql<number>`coalesce(sum(f.overdue), 0)::int`.as('overdue'),
            sql<number>`count(*) filter (where f.flag_unverified or f.flag_agreement_missing or f.flag_agreement_expired or f.flag_agreement_expiring or f.flag_over_limit)::int`.as('flagged'),
            sql<number>`count(*) filter (where f.flag_unverified)::int`.as('unverified'),
            sql<number>`count(*) filter (where f.flag_agreement_missing)::int`.as('agreement_missing'),
            sql<number>`count(*) filter (where f.flag_agreement_expired)::int`.as('agreement_expired'),
            sql<number>`count(*) filter (where f.flag_agreement_expiring)::int`.as('agreement_expiring'),
            sql<number>`count(*) filter (where f.flag_over_limit)::int`.as('over_limit'),
          ])
          .groupBy(['f.community_id', 'f.community_name', 'f.community_kind'])
          .execute(),
        // Communities without a single rental house still belong on the board (as zeros).
        db
          .selectFrom('jurisdictions')
          .select(['id', 'name', 'kind', 'path'])
          .where('kind', 'in', ['community', 'village'])
          .where('archived_at', 'is', null)
          .where('path', 'like', subtreePath ? `${subtreePath}%` : scopePrefix(actor))
          .orderBy('path')
          .execute(),
      ]);
      const figures = (g: (typeof groups)[number] | undefined): DashboardFigures => ({
        rentalHouses: g?.rental_houses ?? 0,
        currentTenants: g?.current_tenants ?? 0,
        pendingVerification: g?.pending ?? 0,
        unverified: g?.overdue ?? 0,
        flaggedHouses: g?.flagged ?? 0,
        flagged: {
          unverified: g?.unverified ?? 0,
          agreement_missing: g?.agreement_missing ?? 0,
          agreement_expired: g?.agreement_expired ?? 0,
          agreement_expiring: g?.agreement_expiring ?? 0,
          over_limit: g?.over_limit ?? 0,
        },
        agreementsExpiring: g?.agreement_expiring ?? 0,
      });
      const byId = new Map(groups.map((g) => [g.community_id, g]));
      type Row = DashboardFigures & { communityId: number | null; name: string; kind: string | null };
      const rows: Row[] = communities.map((c) => ({ communityId: c.id, name: c.name, kind: c.kind, ...figures(byId.get(c.id)) }));
      const listed = new Set(communities.map((c) => c.id));
      // A grid worker's houses lie in a community above their own scope: it still gets its row.
      for (const g of groups) {
        if (g.community_id !== null && listed.has(g.community_id)) continue;
        rows.push({ communityId: g.community_id, name: g.community_name ?? '（未划入社区/村）', kind: g.community_kind, ...figures(g) });
      }
      const totals = rows.reduce<DashboardFigures>((sum, r) => add(sum, r), figures(undefined));
      return { totals, communities: rows };
    },
  };
}

function add(a: DashboardFigures, b: DashboardFigures): DashboardFigures {
  return {
    rentalHouses: a.rentalHouses + b.rentalHouses,
    currentTenants: a.currentTenants + b.currentTenants,
    pendingVerification: a.pendingVerification + b.pendingVerification,
    unverified: a.unverified + b.unverified,
    flaggedHouses: a.flaggedHouses + b.flaggedHouses,
    flagged: {
      unverified: a.flagged.unverified + b.flagged.unverified,
      agreement_missing: a.flagged.agreement_missing + b.flagged.agreement_missing,
      agreement_expired: a.flagged.agreement_expired + b.flagged.agreement_expired,
      agreement_expiring: a.flagged.agreement_expiring + b.flagged.agreement_expiring,
      over_limit: a.flagged.over_limit + b.flagged.over_limit,
    },
    agreementsExpiring: a.agreementsExpiring + b.agreementsExpiring,
  };
}
