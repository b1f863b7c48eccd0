import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerCasesRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
