import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerFollowupsRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
