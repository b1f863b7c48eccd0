import { api, downloadFile } from '../../app/api';

export const RENTAL_FLAGS = ['unverified', 'agreement_missing', 'agreement_expired', 'agreement_expiring', 'over_limit'] as const;
export type RentalFlag = (typeof RENTAL_FLAGS)[number];
export type FlagFilter = RentalFlag | 'flagged';

export interface RentalRules {
  unverifiedDays: number;
  agreementWarningDays: number;
}

export interface RentalListItem {
  id: number;
  houseId: number;
  address: string;
  jurisdictionId: number;
  jurisdictionName: string;
  communityName: string | null;
  landlord: { personId: number; name: string; phoneMasked: string | null };
  landlordUserId: number | null;
  occupantLimit: number;
  status: 'active' | 'withdrawn';
  currentTenants: number;
  tenantNames: string[];
  pendingVerification: number;
  agreementExpiresOn: string | null;
  flags: RentalFlag[];
}

export type TenancyState = 'pending_check_in' | 'verified' | 'pending_check_out' | 'closed';

export interface Tenancy {
  id: number;
  person: { id: number; name: string; idNumberMasked: string | null; phoneMasked: string | null; phone?: string | null };
  checkIn: string;
  checkOut: string | null;
  reportedVia: 'officer' | 'landlord' | 'import';
  reportedByName: string | null;
  verifiedAt: string | null;
  verifiedByName: string | null;
  checkoutVerifiedAt: string | null;
  checkoutVerifiedByName: string | null;
  state: TenancyState;
  daysWaiting: number | null;
  overdue: boolean;
}

export interface Agreement {
  id: number;
  signedOn: string;
  expiresOn: string;
  status: 'valid' | 'expiring' | 'expired';
  hasFile: boolean;
  fileName: string | null;
  mime: string | null;
  createdAt: string;
}

export interface RentalAbilities {
  checkIn: boolean;
  checkOut: boolean;
  verify: boolean;
  uploadAgreement: boolean;
  edit: boolean;
}

export interface RentalDetail extends Omit<RentalListItem, 'landlord'> {
  registeredOn: string;
  landlord: { personId: number; name: string; idNumberMasked: string | null; phoneMasked: string | null; phone?: string | null };
  landlordUser: { id: number; displayName: string } | null;
  tenancies: Tenancy[];
  agreements: Agreement[];
  abilities: RentalAbilities;
  rules: RentalRules;
  today: string;
}

export interface DashboardFigures {
  rentalHouses: number;
  currentTenants: number;
  pendingVerification: number;
  unverified: number;
  flaggedHouses: number;
  flagged: Record<RentalFlag, number>;
  agreementsExpiring: number;
}

export interface RentalDashboard {
  rules: RentalRules;
  today: string;
  totals: DashboardFigures;
  communities: (DashboardFigures & { communityId: number | null; name: string; kind: string | null })[];
}

export interface PendingItem {
  tenancyId: number;
  rentalHouseId: number;
  address: string;
  jurisdictionName: string;
  landlordName: string;
  person: { id: number; name: string; idNumberMasked: string | null };
  stage: 'check_in' | 'check_out';
  eventDate: string;
  reportedVia: 'officer' | 'landlord' | 'import';
  daysWaiting: number;
  overdue: boolean;
}

export interface RentalFilters {
  jurisdictionId?: number;
  flag?: FlagFilter;
  q?: string;
  status?: 'active' | 'withdrawn' | 'all';
}

export interface LandlordInput {
  personId?: number;
  name?: string;
  idNumber?: string;
  phone?: string;
}

export interface RegisterRentalInput {
  houseId: number;
  landlord?: LandlordInput;
  landlordUserId?: number | null;
  occupantLimit?: number;
}

export interface UpdateRentalInput {
  landlord?: LandlordInput;
  landlordUserId?: number | null;
  occupantLimit?: number;
  status?: 'active' | 'withdrawn';
}

export interface CheckInInput {
  tenant: { name: string; idNumber: string; phone?: string };
  checkIn: string;
}

export interface AgreementInput {
  signedOn: string;
  expiresOn: string;
  file: File;
}

const rentalPath = (id: number) => `/api/rentals/${id}`;

export const rentalsApi = {
  list: (filters: RentalFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: RentalListItem[]; total: number; rules: RentalRules; today: string }>('/api/rentals', { ...filters }, signal),
  dashboard: (jurisdictionId: number | undefined, signal?: AbortSignal) => api.get<RentalDashboard>('/api/rentals/dashboard', { jurisdictionId }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<RentalDetail>(rentalPath(id), undefined, signal),
  mine: (signal?: AbortSignal) => api.get<{ items: RentalDetail[]; rules: RentalRules; today: string }>('/api/my/rentals', undefined, signal),
  pending: (query: { jurisdictionId?: number; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: PendingItem[]; total: number; rules: RentalRules; canVerify: boolean }>('/api/tenancies/pending-verification', { ...query }, signal),
  landlordAccounts: (signal?: AbortSignal) =>
    api.get<{ items: { id: number; displayName: string; username: string; jurisdictionName: string }[] }>('/api/rentals/landlord-accounts', undefined, signal),
  register: (input: RegisterRentalInput) => api.post<RentalDetail>('/api/rentals', input),
  update: (id: number, input: UpdateRentalInput) => api.patch<RentalDetail>(rentalPath(id), input),
  checkIn: (id: number, input: CheckInInput) => api.post<Tenancy>(`${rentalPath(id)}/tenancies`, input),
  checkOut: (tenancyId: number, checkOut: string) => api.post<Tenancy>(`/api/tenancies/${tenancyId}/check-out`, { checkOut }),
  verify: (tenancyId: number) => api.post<Tenancy>(`/api/tenancies/${tenancyId}/verify`),
  uploadAgreement: (id: number, input: AgreementInput) =>
    api.upload<Agreement>(`${rentalPath(id)}/agreements`, { signedOn: input.signedOn, expiresOn: input.expiresOn }, input.file, input.file.name),
  downloadAgreement: (agreement: Pick<Agreement, 'id' | 'fileName'>) => downloadFile(`/api/agreements/${agreement.id}/file`, {}, agreement.fileName ?? `agreement-${agreement.id}`),
  exportXlsx: (filters: RentalFilters) => downloadFile('/api/rentals/export.xlsx', { ...filters }, 'rentals.xlsx'),
};

/** Today's date in Beijing as YYYY-MM-DD: the default of every date field here. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
