import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerStatsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  void app;
  void deps;
}
