import { JURISDICTION_KINDS, ROLES } from '@fengqiao/shared';
import { z } from 'zod';
import { contextOf, errorResponses, type ModuleDeps, type ZodFastify } from '../../app/http.js';
import { authorize } from '../../app/policy.js';
import { createDashboardPresenter } from './dashboard.presenter.js';

const summarySchema = z.object({
  jurisdiction: z.object({ id: z.number(), name: z.string(), kind: z.enum(JURISDICTION_KINDS) }),
  figures: z.array(z.object({ key: z.string(), value: z.number() })),
  usersByRole: z.array(z.object({ role: z.enum(ROLES), count: z.number() })),
});

export function registerDashboardRoutes(app: ZodFastify, deps: ModuleDeps): void {
  const presenter = createDashboardPresenter(deps.db);
  app.get('/api/dashboard/summary', { schema: { tags: ['dashboard'], response: { 200: summarySchema, ...errorResponses } } }, async (request) => {
    const { actor } = contextOf(request);
    authorize(actor, 'dashboard.view');
    return presenter.summary(actor);
  });
}
