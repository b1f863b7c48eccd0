import type { Actor } from '../../app/actor.js';
import { errors } from '../../app/errors.js';
import { can } from '../../app/policy.js';

/**
 * How an actor reaches rental houses: staff through their jurisdiction subtree, a landlord only
 * through the houses linked to their own account. Anything else answers 403 before any read.
 */
export type RentalAccess = { mode: 'scope'; prefix: string } | { mode: 'own'; userId: number };

/** What the actor wants to do with a rental house. */
export type RentalPurpose =
  /** read the house, its tenancies and agreements, download an agreement */
  | 'view'
  /** register a tenant arriving or leaving, upload an agreement */
  | 'operate'
  /** the community officer's sign-off */
  | 'verify'
  /** register a house as rental, change it */
  | 'manage';

export function rentalAccess(actor: Actor, purpose: RentalPurpose): RentalAccess {
  const staffAction = purpose === 'view' ? 'rentals.view' : purpose === 'verify' ? 'rentals.verify' : 'rentals.manage';
  if (can(actor, staffAction)) return { mode: 'scope', prefix: `${actor.jurisdictionPath}%` };
  // Landlords report their own tenants and see their own houses; they never verify or re-register.
  if ((purpose === 'view' || purpose === 'operate') && actor.kind === 'user' && can(actor, 'rentals.self')) return { mode: 'own', userId: actor.userId };
  throw errors.forbidden();
}

export interface RentalAbilities {
  checkIn: boolean;
  checkOut: boolean;
  verify: boolean;
  uploadAgreement: boolean;
  edit: boolean;
}

/** Per-record abilities for the UI, for a house the actor can already see. */
export function rentalAbilities(actor: Actor, house: { landlord_user_id: number | null; status: 'active' | 'withdrawn' }): RentalAbilities {
  const own = actor.kind === 'user' && can(actor, 'rentals.self') && house.landlord_user_id === actor.userId;
  const operate = can(actor, 'rentals.manage') || own;
  const active = house.status === 'active';
  return {
    checkIn: operate && active,
    checkOut: operate,
    verify: can(actor, 'rentals.verify'),
    uploadAgreement: operate,
    edit: can(actor, 'rentals.manage'),
  };
}
