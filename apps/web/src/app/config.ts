import { ApiError, api } from './api';

export interface MapConfig {
  tileUrl: string | null;
  tileAttribution: string | null;
}

let pending: Promise<MapConfig> | null = null;

/** GET /api/config once per page load; without it (older API, 404) the maps draw no tiles. */
export function loadMapConfig(): Promise<MapConfig> {
  pending ??= api.get<Partial<MapConfig>>('/api/config').then(
    (c) => ({ tileUrl: c.tileUrl ?? null, tileAttribution: c.tileAttribution ?? null }),
    (err: unknown) => {
      pending = null;
      if (err instanceof ApiError && err.status === 404) return { tileUrl: null, tileAttribution: null };
      throw err;
    },
  );
  return pending;
}
