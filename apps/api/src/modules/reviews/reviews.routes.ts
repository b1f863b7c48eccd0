import type { ModuleDeps, ZodFastify } from '../../app/http.js';

export function registerReviewsRoutes(app: ZodFastify, deps: ModuleDeps): void {
  void app;
  void deps;
}
