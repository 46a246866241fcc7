/**
 * One MongoDB client, one pool: the master database is a mongoose connection, and every tenant is a handle on
 * it through `useDb(name, { useCache: true })`. The specification's sketch opens a connection (and a pool) per
 * tenant, which runs out of sockets with many institutions; here tenant handles cost no sockets and sit in a
 * bounded LRU, with their models compiled once per handle.
 */
import mongoose, { type Connection } from 'mongoose';
import type { ClientSession } from 'mongodb';
import { useEntry } from '../../../shared/recently-used';
import { tlsOptions } from '../engine/hello';
import type { EngineConnection } from '../engine/supervisor';
import { masterModels, type MasterModels } from './master/models';
import { MASTER_DATABASE } from './names';
import { tenantModels, UPDATE_IDENTITIES, type TenantModels } from './tenant';
import { backfillConversations } from './tenant/backfill-conversations';
import { backfillNoticeReads } from './tenant/backfill-notice-reads';
import { ensureAssignmentFigures } from './tenant/figures-upkeep';
import { keepReferencesOn } from './tenant/reference-generation';
import { serializeUpdates } from './update-serialization';
import { timeOperationsOn } from './operation-timing';

export interface TenantHandle {
  readonly databaseName: string;
  readonly conn: Connection;
  readonly models: TenantModels;
}

interface CachedTenant extends TenantHandle {
  uses: number;
  lastUsed: number;
  indexesReady?: Promise<void>;
  /** The check behind `indexesReady` has finished (and none is running again). */
  verified?: boolean;
}

export interface SlowOperation {
  command: string;
  database: string;
  collection: string;
  durationMs: number;
  at: string;
}

export interface DatabaseStats {
  /** Sockets the client holds open to the server (all tenants share them). */
  connections: number;
  tenantHandles: { size: number; max: number; hits: number; misses: number; evictions: number };
  perTenant: Array<{ databaseName: string; uses: number; lastUsed: string }>;
  slowOperations: SlowOperation[];
  transactions: boolean;
}

export interface DatabaseManagerOptions {
  /** Tenant handles kept open at most (least recently used are evicted). Default 200. */
  maxTenantHandles?: number;
  /** Default 10 s, as the specification's timeout handling asks. */
  serverSelectionTimeoutMS?: number;
  /** Operations slower than this are kept for the health page (default 200 ms). */
  slowOperationMs?: number;
  /** The driver's command events (`commandStarted`…), for tests that count the commands a call sends. */
  monitorCommands?: boolean;
  maxPoolSize?: number;
  logger?: (line: string) => void;
}

const SLOW_OPERATIONS_KEPT = 50;

/** The part of a model that creating collections and indexes needs. */
type IndexedModel = Pick<mongoose.Model<unknown>, 'createCollection' | 'createIndexes'>;

export class DatabaseManager {
  readonly master: Connection;
  readonly masterModels: MasterModels;
  /**
   * Whether this process is the one writer of its databases: the embedded engine, which only this app opens.
   * What the services keep in memory between writes (sessions, chat circles, the report's base, reference
   * names) is kept only then; with MONGODB_URI another station may write, and every call reads.
   */
  readonly oneWriter: boolean;
  private readonly tenants = new Map<string, CachedTenant>();
  private readonly maxTenantHandles: number;
  private readonly slowOperationMs: number;
  private readonly log: (line: string) => void;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private openSockets = 0;
  private readonly slow: SlowOperation[] = [];
  private transactionSupport: boolean | undefined;
  private closed = false;

  private constructor(master: Connection, oneWriter: boolean, options: DatabaseManagerOptions) {
    this.master = master;
    this.oneWriter = oneWriter;
    this.masterModels = masterModels(master);
    this.maxTenantHandles = options.maxTenantHandles ?? 200;
    this.slowOperationMs = options.slowOperationMs ?? 200;
    this.log = options.logger ?? ((line) => console.error(line));
    this.watch();
  }

  /** Connects to the master database and makes sure its indexes exist. */
  static async open(
    engine: EngineConnection,
    options: DatabaseManagerOptions = {},
  ): Promise<DatabaseManager> {
    const master = mongoose.createConnection(engine.uri, {
      ...tlsOptions(engine),
      dbName: MASTER_DATABASE,
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
      maxPoolSize: options.maxPoolSize ?? 20,
      // Off unless asked: monitoring decodes every reply twice (db/operation-timing.ts times slow operations).
      monitorCommands: options.monitorCommands ?? false,
      // Indexes are created on purpose (createTenant, start-up), never as a side effect of compiling a model.
      autoIndex: false,
      autoCreate: false,
    });
    // Only the embedded engine comes with TLS files; its updates are not atomic (see update-serialization), and
    // this process is its one writer, so reference facts may be kept (tenant/reference-generation.ts).
    const oneWriter = Boolean(engine.tlsCAFile);
    if (oneWriter) {
      serializeUpdates(master.getClient(), UPDATE_IDENTITIES);
      keepReferencesOn(master.getClient());
    }
    const manager = new DatabaseManager(master, oneWriter, options);
    await master.asPromise();
    await manager.ensureMasterIndexes();
    return manager;
  }

  private watch(): void {
    const client = this.master.getClient();
    client.on('connectionCreated', () => (this.openSockets += 1));
    client.on('connectionClosed', () => (this.openSockets = Math.max(0, this.openSockets - 1)));
    timeOperationsOn(client, (operation) => {
      if (operation.durationMs < this.slowOperationMs) return;
      this.slow.push({
        command: operation.command,
        database: operation.database,
        collection: operation.collection,
        durationMs: Math.round(operation.durationMs),
        at: new Date().toISOString(),
      });
      if (this.slow.length > SLOW_OPERATIONS_KEPT) this.slow.shift();
    });
  }

  async ensureMasterIndexes(): Promise<void> {
    for (const model of Object.values(this.masterModels) as IndexedModel[]) {
      await model.createCollection().catch(ignoreNamespaceExists);
      await model.createIndexes();
    }
  }

  /**
   * The handle of a tenant database: from the LRU, or a new `useDb` handle on the shared client. The first use
   * in this process verifies the tenant's indexes (created when the tenant was created) before any query.
   */
  async tenant(databaseName: string): Promise<TenantHandle> {
    const handle = this.tenantHandle(databaseName);
    await (handle.indexesReady ??= this.checked(handle, this.ensureTenantIndexes(handle)));
    return handle;
  }

  /**
   * The handle of a tenant already open and checked in this process, else undefined; opens nothing. For a read
   * that may run beside the registry's check of the same request (the session check), since it cannot create
   * a deleted institution's collections again: a deleted or archived institution's handle is evicted.
   */
  openedTenant(databaseName: string): TenantHandle | undefined {
    const cached = this.tenants.get(databaseName);
    return cached?.verified ? cached : undefined;
  }

  /** `check` as the handle's `indexesReady`: the handle counts as checked when the latest check succeeds. */
  private checked(handle: CachedTenant, check: Promise<void>): Promise<void> {
    handle.verified = false;
    const latest: Promise<void> = check.then(
      () => {
        if (handle.indexesReady === latest) handle.verified = true;
      },
      (err: unknown) => {
        if (handle.indexesReady === latest) handle.indexesReady = undefined;
        throw err;
      },
    );
    return latest;
  }

  /**
   * Runs the tenant's collection and index check (and its backfills) again on its current handle. Requests
   * meanwhile wait for it; none in flight is cut off, as evicting the handle would (mongoose closes it).
   */
  async verifyTenant(databaseName: string): Promise<void> {
    const handle = this.tenantHandle(databaseName);
    handle.indexesReady = this.checked(handle, this.ensureTenantIndexes(handle));
    await handle.indexesReady;
  }

  /** The handle without the index check: for creating and dropping tenants. */
  private tenantHandle(databaseName: string): CachedTenant {
    if (this.closed) throw new Error('The database manager is closed.');
    const cached = useEntry(this.tenants, databaseName);
    if (cached) {
      this.hits += 1;
      cached.uses += 1;
      cached.lastUsed = Date.now();
      return cached;
    }
    this.misses += 1;
    const conn = this.master.useDb(databaseName, { useCache: true });
    const handle: CachedTenant = {
      databaseName,
      conn,
      models: tenantModels(conn),
      uses: 1,
      lastUsed: Date.now(),
    };
    this.tenants.set(databaseName, handle);
    while (this.tenants.size > this.maxTenantHandles) {
      const oldest = this.tenants.keys().next().value;
      if (oldest === undefined) break;
      this.evictTenant(oldest);
    }
    return handle;
  }

  /** Creates the tenant's collections and every index (the seed's and the integrity ones). */
  async createTenantDatabase(databaseName: string): Promise<TenantHandle> {
    const handle = this.tenantHandle(databaseName);
    handle.indexesReady = this.checked(handle, this.ensureTenantIndexes(handle));
    await handle.indexesReady;
    return handle;
  }

  private async ensureTenantIndexes(handle: TenantHandle): Promise<void> {
    for (const model of Object.values(handle.models) as IndexedModel[]) {
      await model.createCollection().catch(ignoreNamespaceExists);
      await model.createIndexes();
    }
    await backfillConversations(handle.models);
    const moved = await backfillNoticeReads(handle.models);
    if (moved.notices > 0) {
      this.log(
        `[db] ${handle.databaseName}: moved ${moved.marks} read marks of ${moved.notices} notices into noticereads`,
      );
    }
    await ensureAssignmentFigures(handle.conn, true);
  }

  /** Forgets a tenant handle: its models and mongoose's cached `useDb` connection. No socket is closed. */
  evictTenant(databaseName: string): void {
    const handle = this.tenants.get(databaseName);
    if (!handle) return;
    this.tenants.delete(databaseName);
    this.evictions += 1;
    for (const name of handle.conn.modelNames()) handle.conn.deleteModel(name);
    try {
      // In mongoose since 8, not yet in its type declarations.
      (this.master as Connection & { removeDb(name: string): void }).removeDb(databaseName);
    } catch {
      // not in mongoose's cache
    }
  }

  /** Drops a tenant database (idempotent) and evicts its handle. */
  async dropTenantDatabase(databaseName: string): Promise<void> {
    const db = this.master.getClient().db(databaseName);
    await db.dropDatabase();
    this.evictTenant(databaseName);
  }

  /** Names of the databases on the server (for repair and health). */
  async listDatabases(): Promise<Array<{ name: string; sizeOnDisk?: number }>> {
    const admin = this.master.getClient().db('admin').admin();
    const result = await admin.listDatabases();
    return result.databases.map((d) => ({ name: d.name, sizeOnDisk: d.sizeOnDisk }));
  }

  /** Replica sets and sharded clusters run multi-document transactions; the embedded engine does not. */
  async supportsTransactions(): Promise<boolean> {
    if (this.transactionSupport === undefined) {
      const db = this.master.db;
      if (!db) throw new Error('not connected');
      const hello = await db.admin().command({ hello: 1 });
      this.transactionSupport = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    }
    return this.transactionSupport;
  }

  /**
   * Runs `work` in a transaction where the deployment supports one; otherwise without a session, and `work`
   * must order its steps so that a failure leaves a consistent state (and undo what it did in `compensate`).
   */
  async consistently<T>(
    work: (session: ClientSession | undefined) => Promise<T>,
    compensate?: (err: unknown) => Promise<void>,
  ): Promise<T> {
    if (await this.supportsTransactions()) {
      const session = await this.master.startSession();
      try {
        return await session.withTransaction(() => work(session));
      } finally {
        await session.endSession();
      }
    }
    try {
      return await work(undefined);
    } catch (err) {
      if (compensate) {
        await compensate(err).catch((undoErr: unknown) =>
          this.log(
            `[db] compensation failed: ${undoErr instanceof Error ? undoErr.message : String(undoErr)}`,
          ),
        );
      }
      throw err;
    }
  }

  stats(): DatabaseStats {
    return {
      connections: this.openSockets,
      tenantHandles: {
        size: this.tenants.size,
        max: this.maxTenantHandles,
        hits: this.hits,
        misses: this.misses,
        evictions: this.evictions,
      },
      perTenant: [...this.tenants.values()]
        .map((t) => ({
          databaseName: t.databaseName,
          uses: t.uses,
          lastUsed: new Date(t.lastUsed).toISOString(),
        }))
        .reverse(),
      slowOperations: [...this.slow].reverse(),
      transactions: this.transactionSupport ?? false,
    };
  }

  /** Closes the client and every tenant handle (on quit and SIGINT). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.tenants.clear();
    await this.master.close();
  }
}

function ignoreNamespaceExists(err: unknown): void {
  // 48: NamespaceExists: the collection is already there.
  if ((err as { code?: unknown }).code !== 48) throw err;
}
