import { api } from '../../app/api';

export const BROADCAST_KINDS = ['missing_person', 'missing_child', 'wanted_vehicle', 'fraud_alert'] as const;
export type BroadcastKind = (typeof BROADCAST_KINDS)[number];
export type ReplyKind = 'sighting' | 'found' | 'note';
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export interface GeoPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}
export type Target =
  | { type: 'radius'; centerLat: number; centerLon: number; radiusM: number }
  | { type: 'polygon'; polygon: GeoPolygon }
  | { type: 'teams'; teamIds: number[] };

export interface Reply {
  id: number;
  kind: ReplyKind;
  text: string;
  lat: number | null;
  lon: number | null;
  hasPhoto: boolean;
  at: string;
  byName: string | null;
}

export interface Broadcast {
  id: number;
  kind: BroadcastKind;
  title: string;
  body: string;
  hasPhoto: boolean;
  status: 'open' | 'closed';
  target: { type: 'radius' | 'polygon' | 'teams'; centerLat: number | null; centerLon: number | null; radiusM: number | null; polygon: GeoPolygon | null; teamIds: number[] };
  includeGrid: boolean;
  jurisdictionId: number;
  jurisdictionName: string;
  createdBy: string | null;
  createdAt: string;
  foundAt: string | null;
  minutesToFound: number | null;
  closedAt: string | null;
  closeNote: string | null;
  counts: { recipients: number; delivered: number; acknowledged: number; replied: number };
}
export interface BroadcastDetail extends Broadcast {
  replies: Reply[];
}

export interface MyBroadcast {
  id: number;
  kind: BroadcastKind;
  title: string;
  body: string;
  hasPhoto: boolean;
  status: 'open' | 'closed';
  createdAt: string;
  found: boolean;
  closedAt: string | null;
  closeNote: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  myReplies: Reply[];
}

export interface PhotoInput {
  name: string;
  data: string;
}

export interface SendInput {
  kind: BroadcastKind;
  title: string;
  body: string;
  photo?: PhotoInput;
  target: Target;
  includeGrid: boolean;
}

export interface Team {
  id: number;
  name: string;
}

/** Reads a picked file as base64 for the JSON body. */
export function readPhoto(file: File): Promise<PhotoInput> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ name: file.name, data: (typeof reader.result === 'string' ? reader.result : '').replace(/^data:[^,]*,/, '') });
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export const broadcastsApi = {
  list: (query: { status?: string; page: number; pageSize: number }, signal?: AbortSignal) => api.get<{ items: Broadcast[]; total: number }>('/api/broadcasts', query, signal),
  get: (id: number, signal?: AbortSignal) => api.get<BroadcastDetail>(`/api/broadcasts/${id}`, undefined, signal),
  send: (input: SendInput) => api.post<Broadcast>('/api/broadcasts', input),
  /** How many people the target would reach now (nothing is sent). */
  preview: (body: { target: Target; includeGrid: boolean }) => api.post<{ recipients: number }>('/api/broadcasts/preview', body),
  close: (id: number, note: string) => api.post<BroadcastDetail>(`/api/broadcasts/${id}/close`, { note }),
  /** Teams for targeting (from the registry; empty when the registry is not available). */
  teams: (signal?: AbortSignal) =>
    api.get<{ items: Team[] }>('/api/volunteer-teams', { pageSize: 100 }, signal).then(
      (r) => r.items,
      () => [] as Team[],
    ),
  mine: (signal?: AbortSignal) => api.get<{ items: MyBroadcast[] }>('/api/my/broadcasts', undefined, signal),
  ack: (id: number) => api.post<MyBroadcast>(`/api/my/broadcasts/${id}/ack`),
  reply: (id: number, body: { kind: ReplyKind; text: string; lat?: number; lon?: number; photo?: PhotoInput }) =>
    api.post<{ replyId: number; broadcast: MyBroadcast }>(`/api/my/broadcasts/${id}/replies`, body),
  photoUrl: (id: number) => `/api/broadcasts/${id}/photo`,
  replyPhotoUrl: (id: number, replyId: number) => `/api/broadcasts/${id}/replies/${replyId}/photo`,
};
