import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerCaseFilesRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
