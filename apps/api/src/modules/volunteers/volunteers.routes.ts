import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerVolunteersRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
