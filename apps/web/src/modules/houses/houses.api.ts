import { api, downloadFile } from '../../app/api';
import type { Gender, PersonCategory } from '../people/people.api';

export const HOUSE_USES = ['own', 'rental', 'vacant', 'business', 'other'] as const;
export type HouseUse = (typeof HOUSE_USES)[number];

export interface HouseListItem {
  id: number;
  addressId: number;
  addressName: string;
  use: HouseUse;
  areaM2: number | null;
  occupantLimit: number | null;
  occupantCount: number;
  isRental: boolean;
  rentalHouseId: number | null;
  ownerPersonId: number | null;
  ownerName: string | null;
  jurisdictionId: number;
  jurisdictionName: string;
  updatedAt: string;
}

export interface PersonBrief {
  id: number;
  name: string;
  category: PersonCategory;
  gender: Gender | null;
  birthDate: string | null;
  idNumberMasked: string | null;
  phone: string | null;
}

export interface HouseDetail extends HouseListItem {
  notes: string | null;
  createdAt: string;
  addressChain: { id: number; level: string; name: string }[];
  owner: PersonBrief | null;
  occupants: PersonBrief[];
  rental: {
    id: number;
    landlordPersonId: number;
    landlordName: string;
    occupantLimit: number;
    registeredOn: string;
    status: 'active' | 'withdrawn';
    agreement: { signedOn: string; expiresOn: string } | null;
  } | null;
  tenancies: { id: number; personId: number; personName: string; idNumberMasked: string | null; checkIn: string; checkOut: string | null; verified: boolean }[];
  abilities: { edit: boolean };
}

export interface HouseFilters {
  q?: string;
  use?: HouseUse;
  rental?: boolean;
  jurisdictionId?: number;
  addressId?: number;
}

export interface HouseInput {
  addressId?: number;
  use?: HouseUse;
  ownerPersonId?: number | null;
  areaM2?: number | null;
  occupantLimit?: number | null;
  notes?: string | null;
}

export const housesApi = {
  list: (filters: HouseFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<{ items: HouseListItem[]; total: number }>('/api/houses', { ...filters }, signal),
  get: (id: number, signal?: AbortSignal) => api.get<HouseDetail>(`/api/houses/${id}`, undefined, signal),
  create: (input: HouseInput) => api.post<HouseDetail>('/api/houses', input),
  update: (id: number, input: HouseInput) => api.patch<HouseDetail>(`/api/houses/${id}`, input),
  exportXlsx: (filters: HouseFilters) => downloadFile('/api/houses/export.xlsx', { ...filters }, 'houses.xlsx'),
};
