import type { ModuleDeps, ZodFastify } from '../../app/http.js';
import type { RealtimeHub } from '../../app/realtime.js';

export function registerBroadcastsRoutes(_app: ZodFastify, _deps: ModuleDeps & { realtime: RealtimeHub }): void {}
