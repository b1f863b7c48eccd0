import { maskPhone } from '@fengqiao/shared';
import type { Actor } from '../../app/actor.js';
import { can } from '../../app/policy.js';
import { flagsOf } from './rentals.flags.js';
import { rentalAbilities } from './rentals.policies.js';
import type { AgreementRow, RentalRow, TenancyRow } from './rentals.repository.js';
import { agreementStatus, daysBetween, pendingSince, tenancyState, type FlagClock } from './rentals.rules.js';
import type { AgreementDto, RentalDetail, RentalListItem, TenancyDto } from './rentals.schemas.js';

const masked = (phone: string | null) => (phone ? maskPhone(phone) : null);

export function presentListItem(row: RentalRow): RentalListItem {
  return {
    id: row.id,
    houseId: row.house_id,
    address: row.address,
    jurisdictionId: row.jurisdiction_id,
    jurisdictionName: row.jurisdiction_name,
    communityName: row.community_name,
    landlord: { personId: row.landlord_person_id, name: row.landlord_name, phoneMasked: masked(row.landlord_phone) },
    landlordUserId: row.landlord_user_id,
    occupantLimit: row.occupant_limit,
    status: row.status,
    currentTenants: row.open_tenancies ?? 0,
    tenantNames: row.tenant_names,
    pendingVerification: row.pending ?? 0,
    agreementExpiresOn: row.agreement_expires_on ?? null,
    flags: flagsOf(row),
  };
}

export function presentTenancy(t: TenancyRow, clock: FlagClock): TenancyDto {
  const state = tenancyState(t);
  const waiting = state === 'pending_check_in' || state === 'pending_check_out';
  const since = pendingSince(t);
  return {
    id: t.id,
    person: { id: t.person_id, name: t.person_name, idNumberMasked: t.id_number_masked, phoneMasked: masked(t.person_phone) },
    checkIn: t.check_in,
    checkOut: t.check_out,
    reportedVia: t.reported_via,
    reportedByName: t.reported_by_name,
    verifiedAt: t.verified_at?.toISOString() ?? null,
    verifiedByName: t.verified_by_name,
    checkoutVerifiedAt: t.checkout_verified_at?.toISOString() ?? null,
    checkoutVerifiedByName: t.checkout_verified_by_name,
    state,
    daysWaiting: waiting ? Math.max(0, daysBetween(since, clock.today)) : null,
    overdue: waiting && since < clock.unverifiedBefore,
  };
}

export function presentAgreement(a: AgreementRow, clock: FlagClock): AgreementDto {
  return {
    id: a.id,
    signedOn: a.signed_on,
    expiresOn: a.expires_on,
    status: agreementStatus(a.expires_on, clock),
    hasFile: a.file_id !== null,
    fileName: a.original_name,
    mime: a.mime,
    createdAt: a.created_at.toISOString(),
  };
}

export function presentDetail(
  actor: Actor,
  row: RentalRow,
  related: { tenancies: TenancyRow[]; agreements: AgreementRow[]; landlordUser: { id: number; display_name: string } | null },
  clock: FlagClock,
): RentalDetail {
  const item = presentListItem(row);
  // Whole phone numbers for police roles; everyone else (grid workers, landlords) sees them masked.
  const wholePhones = can(actor, 'people.viewIdentity');
  const tenancies = related.tenancies.map((t) => {
    const dto = presentTenancy(t, clock);
    return wholePhones ? { ...dto, person: { ...dto.person, phone: t.person_phone } } : dto;
  });
  return {
    ...item,
    registeredOn: row.registered_on,
    landlord: {
      personId: row.landlord_person_id,
      name: row.landlord_name,
      idNumberMasked: row.landlord_id_masked,
      phoneMasked: masked(row.landlord_phone),
      ...(wholePhones ? { phone: row.landlord_phone } : {}),
    },
    landlordUser: related.landlordUser ? { id: related.landlordUser.id, displayName: related.landlordUser.display_name } : null,
    tenancies,
    agreements: related.agreements.map((a) => presentAgreement(a, clock)),
    abilities: rentalAbilities(actor, row),
    rules: clock.rules,
    today: clock.today,
  };
}
