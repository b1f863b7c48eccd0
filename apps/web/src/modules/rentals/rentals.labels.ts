import type { MessageKey } from '../../app/i18n/messages';
import type { Agreement, RentalFlag, TenancyState } from './rentals.api';

export const FLAG_LABELS: Record<RentalFlag, MessageKey> = {
  unverified: 'rentals.flag.unverified',
  agreement_missing: 'rentals.flag.agreement_missing',
  agreement_expired: 'rentals.flag.agreement_expired',
  agreement_expiring: 'rentals.flag.agreement_expiring',
  over_limit: 'rentals.flag.over_limit',
};

export const FLAG_COLORS: Record<RentalFlag, string> = {
  unverified: 'orange',
  agreement_missing: 'red',
  agreement_expired: 'red',
  agreement_expiring: 'gold',
  over_limit: 'magenta',
};

export const STATE_LABELS: Record<TenancyState, MessageKey> = {
  pending_check_in: 'rentals.state.pending_check_in',
  verified: 'rentals.state.verified',
  pending_check_out: 'rentals.state.pending_check_out',
  closed: 'rentals.state.closed',
};

export const STATE_COLORS: Record<TenancyState, string> = {
  pending_check_in: 'orange',
  verified: 'green',
  pending_check_out: 'blue',
  closed: 'default',
};

export const AGREEMENT_LABELS: Record<Agreement['status'], MessageKey> = {
  valid: 'rentals.agreement.valid',
  expiring: 'rentals.agreement.expiring',
  expired: 'rentals.agreement.expired',
};

export const AGREEMENT_COLORS: Record<Agreement['status'], string> = { valid: 'green', expiring: 'gold', expired: 'red' };

export const REPORTED_VIA_LABELS: Record<'officer' | 'landlord' | 'import', MessageKey> = {
  officer: 'rentals.via.officer',
  landlord: 'rentals.via.landlord',
  import: 'rentals.via.import',
};
