import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerTasksRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
