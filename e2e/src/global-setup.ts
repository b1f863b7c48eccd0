import type { TestProject } from 'vitest/node';
import { lockedDataDir, startApp } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One running product (embedded database, demo county) shared by the browser tests. */
export default async function setup(project: TestProject) {
  const app = await startApp({ dataDir: lockedDataDir('shared') });
  project.provide('baseUrl', app.baseUrl);
  return async () => {
    app.child.kill('SIGINT');
    await app.exited;
  };
}
