import { api, downloadFile } from '../../app/api';

export const PERSON_CATEGORIES = ['registered', 'floating', 'tenant'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];
export type Gender = 'male' | 'female' | 'unknown';
export type ResidenceKind = 'residence' | 'household' | 'work';

export interface PersonListItem {
  id: number;
  name: string;
  category: PersonCategory;
  gender: Gender | null;
  birthDate: string | null;
  idNumberMasked: string | null;
  /** Masked unless the role may see identity data. */
  phone: string | null;
  currentAddressId: number | null;
  currentAddressName: string | null;
  jurisdictionId: number;
  jurisdictionName: string;
  updatedAt: string;
}

export interface PersonDetail extends PersonListItem {
  ethnicityCode: string | null;
  ethnicityName: string | null;
  householdPlace: string | null;
  notes: string | null;
  createdAt: string;
  currentHouseId: number | null;
  addresses: { id: number; addressId: number; addressName: string; kind: ResidenceKind; fromDate: string; toDate: string | null; source: string }[];
  tenancies: { id: number; rentalHouseId: number; houseId: number; addressName: string; landlordName: string; checkIn: string; checkOut: string | null; verified: boolean }[];
  ownedHouses: { id: number; addressName: string; use: string }[];
  /** Incidents the person was a party to, within the viewer's incident scope. */
  incidents: { id: number; receivedAt: string; summary: string; status: string; kind: string; categoryName: string; role: string; jurisdictionName: string }[];
  counts: { addresses: number; tenancies: number; activeTenancies: number; housesOwned: number; incidents: number };
  abilities: { viewIdentity: boolean; edit: boolean };
}

export interface PeopleFilters {
  q?: string;
  category?: PersonCategory;
  jurisdictionId?: number;
  addressId?: number;
}

export interface PersonInput {
  name: string;
  category: PersonCategory;
  idNumber?: string | null;
  phone?: string | null;
  ethnicityCode?: string | null;
  householdPlace?: string | null;
  addressId?: number | null;
  jurisdictionId?: number;
  fromDate?: string;
  notes?: string | null;
}

export type PersonUpdate = Partial<Omit<PersonInput, 'addressId' | 'jurisdictionId' | 'fromDate' | 'idNumber'>> & { idNumber?: string };

const personPath = (id: number) => `/api/people/${id}`;

export const peopleApi = {
  list: (filters: PeopleFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: PersonListItem[]; total: number }>('/api/people', { ...filters }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<PersonDetail>(personPath(id), undefined, signal),
  /** The whole identity number; the server records every call in the audit log. */
  viewIdentity: (id: number) => api.post<{ idNumber: string | null }>(`${personPath(id)}/identity`),
  create: (input: PersonInput) => api.post<PersonDetail>('/api/people', input),
  update: (id: number, input: PersonUpdate) => api.patch<PersonDetail>(personPath(id), input),
  move: (id: number, input: { addressId: number; fromDate?: string; kind?: ResidenceKind }) =>
    api.post<PersonDetail>(`${personPath(id)}/addresses`, input),
  exportXlsx: (filters: PeopleFilters) => downloadFile('/api/people/export.xlsx', { ...filters }, 'people.xlsx'),
};
