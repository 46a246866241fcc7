import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantDatabaseName } from '../../../electron/core/db/names';
import { openServices, type TestServices } from '../../support/services';

let deps: TestServices;
beforeAll(async () => {
  deps = await openServices({ maxTenantHandles: 50, maxPoolSize: 10 });
});
afterAll(() => deps.close());

async function serverConnections(): Promise<number | undefined> {
  const status = await deps.db.master
    .db!.admin()
    .command({ serverStatus: 1 })
    .catch(() => undefined);
  const current = (status as { connections?: { current?: unknown } } | undefined)?.connections?.current;
  return typeof current === 'number' ? current : undefined;
}

describe('tenant handles', () => {
  it('300 tenants opened through the manager share one pool, and the LRU bound holds', async () => {
    const names = Array.from({ length: 300 }, (_, i) =>
      tenantDatabaseName(`pool${i}`, 1_700_000_000_000 + i),
    );
    const serverBefore = await serverConnections();
    for (const name of names) {
      const tenant = await deps.db.tenant(name);
      await tenant.models.User.countDocuments();
    }
    const stats = deps.db.stats();
    expect(stats.tenantHandles.size).toBe(50);
    expect(stats.tenantHandles.evictions).toBe(250);
    expect(stats.tenantHandles.misses).toBe(300);
    // Sockets come from the one client's pool (10 at most), not one per tenant.
    expect(stats.connections).toBeGreaterThan(0);
    expect(stats.connections).toBeLessThanOrEqual(10);
    const serverAfter = await serverConnections();
    if (serverBefore !== undefined && serverAfter !== undefined) {
      expect(serverAfter - serverBefore).toBeLessThanOrEqual(10);
    }
    // mongoose's useDb cache is bounded with the LRU.
    expect(
      Object.keys((deps.db.master as unknown as { relatedDbs: object }).relatedDbs).length,
    ).toBeLessThanOrEqual(50);
    // 300 databases, each made with its collections and indexes: about 90 s on a 2-core machine.
  }, 240_000);

  it('returns the cached handle while it is in the LRU and a fresh one after eviction', async () => {
    const a = await deps.db.tenant('smart_crm_lru_a_1700000000000');
    expect(await deps.db.tenant('smart_crm_lru_a_1700000000000')).toBe(a);
    const hitsBefore = deps.db.stats().tenantHandles.hits;
    await deps.db.tenant('smart_crm_lru_a_1700000000000');
    expect(deps.db.stats().tenantHandles.hits).toBe(hitsBefore + 1);
    deps.db.evictTenant('smart_crm_lru_a_1700000000000');
    const again = await deps.db.tenant('smart_crm_lru_a_1700000000000');
    expect(again).not.toBe(a);
    expect(again.models.User).not.toBe(a.models.User);
  });
});
