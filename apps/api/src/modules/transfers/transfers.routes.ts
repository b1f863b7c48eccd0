import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerTransfersRoutes(_app: ZodFastify, _deps: ModuleDeps): void {}
