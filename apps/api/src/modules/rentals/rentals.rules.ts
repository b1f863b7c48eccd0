import { z } from 'zod';
import type { Queryable } from '../../app/db/database.js';

/**
 * The rental rules a bureau can adapt without a release (`app_settings` key `rentals.rules`), and
 * the calendar arithmetic the flags are computed with. Every date is a Beijing calendar date.
 */
export const RENTAL_FLAGS = ['unverified', 'agreement_missing', 'agreement_expired', 'agreement_expiring', 'over_limit'] as const;
export type RentalFlag = (typeof RENTAL_FLAGS)[number];

export const rentalRulesSchema = z.object({
  /** A check-in or check-out still unverified more than this many days after it happened is flagged. */
  unverifiedDays: z.number().int().min(0).max(365).catch(3),
  /** An agreement expiring within this many days is flagged as expiring. */
  agreementWarningDays: z.number().int().min(0).max(365).catch(30),
});
export type RentalRules = z.infer<typeof rentalRulesSchema>;

export async function loadRentalRules(db: Queryable): Promise<RentalRules> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', 'rentals.rules').executeTakeFirst();
  return rentalRulesSchema.parse(row?.value ?? {});
}

const BEIJING_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Beijing as 'YYYY-MM-DD', whatever the server's zone. */
export function beijingToday(now: Date = new Date()): string {
  return BEIJING_DATE.format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The dates the flag rules compare against, for one request. */
export interface FlagClock {
  today: string;
  /** A pending event dated before this is overdue (waiting more than `unverifiedDays`). */
  unverifiedBefore: string;
  /** An agreement expiring on or before this (and not before today) is expiring. */
  warnUntil: string;
  rules: RentalRules;
}

export function flagClock(rules: RentalRules, today: string = beijingToday()): FlagClock {
  return { today, unverifiedBefore: addDays(today, -rules.unverifiedDays), warnUntil: addDays(today, rules.agreementWarningDays), rules };
}

export type AgreementStatus = 'valid' | 'expiring' | 'expired';

export function agreementStatus(expiresOn: string, clock: FlagClock): AgreementStatus {
  if (expiresOn < clock.today) return 'expired';
  if (expiresOn <= clock.warnUntil) return 'expiring';
  return 'valid';
}

/** Where a stay stands: waiting for the officer's check of its check-in or check-out, or settled. */
export type TenancyState = 'pending_check_in' | 'verified' | 'pending_check_out' | 'closed';

export function tenancyState(t: { check_out: string | null; verified_at: Date | null; checkout_verified_at: Date | null }): TenancyState {
  if (t.check_out === null) return t.verified_at ? 'verified' : 'pending_check_in';
  return t.checkout_verified_at ? 'closed' : 'pending_check_out';
}

/** The date the officer's clock runs from: the check-out once the tenant has left, else the check-in. */
export function pendingSince(t: { check_in: string; check_out: string | null }): string {
  return t.check_out ?? t.check_in;
}

/** A name given at check-in matches the registry when it is the same but for spaces. */
export function sameName(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}
