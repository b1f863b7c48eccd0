import { defineConfig } from 'vitest/config';

// One run, two projects: the API against real PostgreSQL, and the browser tests against the built product.
export default defineConfig({
  test: {
    projects: ['apps/api', 'e2e'],
  },
});
