import { api } from '../../app/api';

export const TIP_CATEGORIES = ['security', 'dispute', 'hazard', 'fraud', 'drugs', 'traffic', 'other'] as const;
export type TipCategory = (typeof TIP_CATEGORIES)[number];
export const TIP_STATUSES = ['new', 'accepted', 'dismissed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
export const TIP_PHOTOS_MAX = 3;
export const TIP_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export interface TipPhoto {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}

export interface MyTip {
  id: number;
  category: TipCategory;
  text: string;
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
  addressText: string | null;
  status: TipStatus;
  createdAt: string;
  triagedAt: string | null;
  dismissReason: string | null;
  incident: { id: number; summary: string; status: string } | null;
  photos: TipPhoto[];
  pointsAwarded: number;
}

export interface Tip {
  id: number;
  category: TipCategory;
  text: string;
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
  addressText: string | null;
  status: TipStatus;
  jurisdictionId: number;
  jurisdictionName: string;
  reporter: { name: string; role: string; teamName: string | null; volunteerId: number | null };
  createdAt: string;
  triagedAt: string | null;
  triagedBy: string | null;
  dismissReason: string | null;
  incidentId: number | null;
  photos: TipPhoto[];
}

export interface NewTip {
  text: string;
  category: TipCategory;
  lat?: number;
  lon?: number;
  accuracy?: number;
  addressText?: string;
}

/**
 * The tip with its first photo in one multipart form, then each further photo on its own
 * (POST /api/tips/:id/photos): the shared client sends one file per form.
 */
async function report(tip: NewTip, photos: File[]): Promise<MyTip> {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(tip)) if (v !== undefined && v !== '') fields[k] = String(v);
  const [first, ...rest] = photos;
  if (!first) return api.post<MyTip>('/api/tips', tip);
  let created = await api.upload<MyTip>('/api/tips', fields, first, first.name);
  for (const p of rest) created = await api.upload<MyTip>(`/api/tips/${created.id}/photos`, {}, p, p.name);
  return created;
}

export const tipsApi = {
  report,
  mine: (signal?: AbortSignal) => api.get<{ items: MyTip[] }>('/api/my/tips', undefined, signal),
  list: (q: { status?: TipStatus; page: number; pageSize: number }, signal?: AbortSignal) => api.get<{ items: Tip[]; total: number }>('/api/tips', { ...q }, signal),
  accept: (id: number, body: { categoryCode: string; summary?: string; disputeType?: string }) => api.post<Tip>(`/api/tips/${id}/accept`, body),
  dismiss: (id: number, reason: string) => api.post<Tip>(`/api/tips/${id}/dismiss`, { reason }),
  photoUrl: (tipId: number, fileId: number) => `/api/tips/${tipId}/files/${fileId}`,
};
