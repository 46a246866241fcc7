/**
 * Vitest global setup for the integration project: one embedded engine for the files that share it (the
 * conformance suite, the data layer), in a throwaway directory — or MONGODB_URI when it is set, so the same
 * suite can run against Atlas or a replica set.
 */
import type { TestProject } from 'vitest/node';
import { createEngineSupervisor } from '../../electron/core/engine/supervisor';
import type { EngineConnection } from '../../electron/core/engine/supervisor';
import { makeTempDir } from './temp-dir';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: EngineConnection & { kind: 'embedded' | 'external' };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.MONGODB_URI;
  if (external) {
    project.provide('engine', { uri: external, kind: 'external' });
    return () => Promise.resolve();
  }
  const temp = makeTempDir('crm-test-engine');
  const engine = createEngineSupervisor({ dataDir: temp.dir, logger: () => undefined });
  const conn = await engine.start();
  project.provide('engine', { ...conn, kind: 'embedded' });
  return async () => {
    await engine.stop();
    temp.remove();
  };
}
