import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerTipsRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
