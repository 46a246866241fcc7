/**
 * Password hashing with bcryptjs on worker threads: a cost-10 hash takes tens of milliseconds of pure
 * JavaScript, which on the main thread would freeze the app during a bulk import of hundreds of accounts.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Compares against a fixed hash, so a login for an unknown user costs as much as one for a known user. */
  verifyNothing(password: string): Promise<false>;
  readonly cost: number;
  close(): Promise<void>;
}

interface Job {
  id: number;
  op: 'hash' | 'verify';
  password: string;
  hash?: string;
  cost: number;
}
interface Reply {
  id: number;
  result?: string | boolean;
  error?: string;
}

// Runs inside each worker. bcryptjs is required by absolute path, resolved by the main thread, so the worker
// finds it wherever the app is installed (source checkout, bundled main, packaged app).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptPath);
parentPort.on('message', (job) => {
  try {
    const result = job.op === 'hash'
      ? bcrypt.hashSync(job.password, job.cost)
      : bcrypt.compareSync(job.password, job.hash);
    parentPort.postMessage({ id: job.id, result });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: String(err && err.message || err) });
  }
});
`;

const DEFAULT_COST = 10;
// A cost-10 bcrypt hash of a random string nobody knows: compared against for unknown users.
const DUMMY_HASH = '$2b$10$GWyx0SSDgtBAtOMG99yzf.sZOuKBHSX3cQ7GpOfuTwFEZ/rZ3dxu6';

/** A bcrypt hash as bcryptjs and the original system write it ($2a$/$2b$/$2y$, cost, 53 characters). */
export function isBcryptHash(value: unknown): value is string {
  return typeof value === 'string' && /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/.test(value);
}

export function bcryptCost(): number {
  const fromEnv = Number(process.env.CRM_BCRYPT_COST);
  return Number.isInteger(fromEnv) && fromEnv >= 4 && fromEnv <= 15 ? fromEnv : DEFAULT_COST;
}

export function createPasswordHasher(options: { cost?: number; threads?: number } = {}): PasswordHasher {
  const cost = options.cost ?? bcryptCost();
  // All cores: hashing runs off the main thread, so the app stays responsive while an import uses them.
  const threads = options.threads ?? Math.max(1, Math.min(4, os.availableParallelism()));
  const bcryptPath = createRequire(import.meta.url).resolve('bcryptjs');
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (r: string | boolean) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let nextWorker = 0;

  function worker(): Worker {
    if (workers.length < threads) {
      const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptPath } });
      w.unref(); // idle workers never keep the process alive
      w.on('message', (reply: Reply) => {
        const job = pending.get(reply.id);
        if (!job) return;
        pending.delete(reply.id);
        if (reply.error !== undefined) job.reject(new Error(reply.error));
        else job.resolve(reply.result as string | boolean);
      });
      w.on('error', (err) => {
        for (const job of pending.values()) job.reject(err);
        pending.clear();
        workers.splice(workers.indexOf(w), 1);
      });
      workers.push(w);
      return w;
    }
    const w = workers[nextWorker % workers.length]!;
    nextWorker += 1;
    return w;
  }

  function run(job: Omit<Job, 'id'>): Promise<string | boolean> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker().postMessage({ ...job, id });
    });
  }

  return {
    cost,
    async hash(password) {
      return (await run({ op: 'hash', password, cost })) as string;
    },
    async verify(password, hash) {
      if (!hash.startsWith('$2')) return false;
      return (await run({ op: 'verify', password, hash, cost })) as boolean;
    },
    async verifyNothing(password) {
      await run({ op: 'verify', password, hash: DUMMY_HASH, cost });
      return false;
    },
    async close() {
      await Promise.all(workers.splice(0).map((w) => w.terminate()));
    },
  };
}
