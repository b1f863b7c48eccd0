import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerHotspotsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  void app;
  void deps;
}
