import { defineConfig } from 'vitest/config';

// One run, three projects: shared validators, the API against real PostgreSQL, and the browser tests against the built product.
export default defineConfig({
  test: {
    projects: ['packages/shared', 'apps/api', 'e2e'],
  },
});
