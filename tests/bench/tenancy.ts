/**
 * `npm run bench`: the data layer's figures on a throwaway embedded engine (not a test; nothing is asserted):
 * time to register an institution, sockets held with 1, 100 and 1,000 tenant handles, and a tenant handle from
 * the LRU against a cold one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseManager } from '../../electron/core/db/database-manager';
import { tenantDatabaseName } from '../../electron/core/db/names';
import { createEngineSupervisor } from '../../electron/core/engine/supervisor';
import { createPasswordHasher } from '../../electron/core/security/passwords';
import { createActivityLogger } from '../../electron/core/services/activity-log';
import { registerInstitution } from '../../electron/core/services/institutions';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-tenancy-'));
const engine = createEngineSupervisor({ dataDir, logger: () => undefined });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

try {
  const connection = await engine.start();
  const db = await DatabaseManager.open(connection, { logger: () => undefined, maxTenantHandles: 200 });
  const passwords = createPasswordHasher(); // production cost (10)
  const deps = { db, passwords, activity: createActivityLogger(db, { logger: () => undefined }) };

  const registrations: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const started = performance.now();
    await registerInstitution(
      deps,
      {
        username: `bench_${Date.now().toString(36)}_${i}`,
        password: 'school2025',
        name: 'Office',
        institutionName: 'Bench School',
      },
      { ip: 'local', userAgent: 'bench' },
    );
    registrations.push(performance.now() - started);
  }
  console.log(
    `register an institution (bcrypt cost ${passwords.cost}, 8 collections with indexes): median ${ms(median(registrations))} of 10`,
  );

  for (const count of [1, 100, 1000]) {
    for (let i = 0; i < count; i += 1) {
      const tenant = await db.tenant(tenantDatabaseName(`handles${count}x${i}`, 1_700_000_000_000 + i));
      await tenant.models.User.estimatedDocumentCount();
    }
    const stats = db.stats();
    console.log(
      `${String(count).padStart(4)} tenant handles opened: ${stats.connections} sockets held, ${stats.tenantHandles.size} handles cached (bound ${stats.tenantHandles.max})`,
    );
  }

  const warmName = tenantDatabaseName('warm', 1_700_000_000_000);
  await db.tenant(warmName);
  const warm: number[] = [];
  const cold: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    let t = performance.now();
    await db.tenant(warmName);
    warm.push(performance.now() - t);
    db.evictTenant(warmName);
    t = performance.now();
    await db.tenant(warmName); // new handle, models compiled, indexes verified
    cold.push(performance.now() - t);
  }
  console.log(
    `tenant handle from the LRU: median ${ms(median(warm))}; cold (useDb, models, index check): median ${ms(median(cold))}`,
  );

  await passwords.close();
  await db.close();
} finally {
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
