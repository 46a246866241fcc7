import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineState } from '../../shared/engine-status';
import { tlsOptions } from '../../electron/core/engine/hello';
import { createEngineSupervisor, type EngineSupervisor } from '../../electron/core/engine/supervisor';
import { processesMentioning, waitFor } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function supervised(prefix: string): { engine: EngineSupervisor; dataDir: string; states: EngineState[] } {
  const temp = makeTempDir(prefix);
  const engine = createEngineSupervisor({ dataDir: temp.dir, logger: () => undefined });
  const states: EngineState[] = [];
  engine.on('status', (s) => states.push(s.state));
  cleanups.push(temp.remove, () => engine.stop());
  return { engine, dataDir: temp.dir, states };
}

async function connectTo(engine: EngineSupervisor, dbName: string): Promise<mongoose.Connection> {
  const conn = engine.connection();
  if (!conn) throw new Error('engine not ready');
  const db = mongoose.createConnection(conn.uri, {
    ...tlsOptions(conn),
    dbName,
    serverSelectionTimeoutMS: 20_000,
  });
  await db.asPromise();
  cleanups.push(() => db.close());
  return db;
}

describe('engine supervisor (real crm-engine)', () => {
  it('starts the engine, and mongoose writes and reads over mutual TLS', async () => {
    const { engine, states } = supervised('crm-sup-basic');
    const conn = await engine.start();
    expect(conn.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/\?tls=true$/);
    expect(engine.status().state).toBe('ready');
    expect(states).toEqual(['starting', 'ready']);

    const db = await connectTo(engine, 'supervisor_basic');
    const Pupil = db.model('Pupil', new mongoose.Schema({ name: String, grade: Number }));
    await Pupil.create({ name: 'Asha', grade: 7 });
    const found = await Pupil.findOne({ name: 'Asha' }).lean();
    expect(found?.grade).toBe(7);
  });

  it('restarts an engine killed with SIGKILL, on the same address, with the acknowledged data intact', async () => {
    const { engine, dataDir } = supervised('crm-sup-kill');
    await engine.start();
    const before = engine.connection();
    const db = await connectTo(engine, 'supervisor_kill');
    const Mark = db.model('Mark', new mongoose.Schema({ i: Number }));
    await Mark.insertMany(Array.from({ length: 100 }, (_, i) => ({ i })));

    const pid = engine.pid();
    expect(pid).toBeTypeOf('number');
    process.kill(pid!, 'SIGKILL');
    await waitFor('restarting', () => engine.status().state === 'restarting', 10_000, 20);
    await waitFor('ready again', () => engine.status().state === 'ready', 60_000);

    expect(engine.pid()).not.toBe(pid);
    expect(engine.connection()?.uri).toBe(before?.uri);
    expect(engine.status().restarts).toBe(1);
    // The same mongoose connection reconnects by itself: the port did not change.
    expect(
      await waitFor('count', async () => Mark.countDocuments().catch(() => undefined), 30_000, 250),
    ).toBe(100);
    // Exactly one PostgreSQL serves the cluster.
    const postmasters = processesMentioning(`${dataDir}/pg`).length;
    expect(postmasters).toBeGreaterThanOrEqual(1);
  });

  it('runs two engines side by side, each with its own directory and port', async () => {
    const a = supervised('crm-sup-a');
    const b = supervised('crm-sup-b');
    const [ca, cb] = await Promise.all([a.engine.start(), b.engine.start()]);
    expect(ca.uri).not.toBe(cb.uri);
    const dbA = await connectTo(a.engine, 'side_by_side');
    const dbB = await connectTo(b.engine, 'side_by_side');
    await dbA.collection('notes').insertOne({ from: 'a' });
    expect(await dbB.collection('notes').countDocuments()).toBe(0);
    expect(await dbA.collection('notes').countDocuments()).toBe(1);
  });

  it('stop leaves no process behind, neither the engine nor PostgreSQL', async () => {
    const { engine, dataDir, states } = supervised('crm-sup-stop');
    await engine.start();
    expect(processesMentioning(dataDir).length).toBeGreaterThanOrEqual(2);
    await engine.stop();
    expect(engine.status().state).toBe('stopped');
    expect(states.at(-1)).toBe('stopped');
    await waitFor('no processes', () => processesMentioning(dataDir).length === 0, 10_000);
  });

  it('reports a missing engine binary with the fix instead of crashing', async () => {
    const temp = makeTempDir('crm-sup-missing');
    cleanups.push(temp.remove);
    const engine = createEngineSupervisor({
      dataDir: temp.dir,
      engineBin: '/nonexistent/crm-engine',
      logger: () => undefined,
    });
    await expect(engine.start()).rejects.toThrow(/npm run build:engine|MONGODB_URI/);
    expect(engine.status().state).toBe('failed');
    expect(engine.status().detail).toMatch(/Install Go/);
  });

  it('reports an unreachable MONGODB_URI as failed with a clear message', async () => {
    const temp = makeTempDir('crm-sup-external');
    cleanups.push(temp.remove);
    const engine = createEngineSupervisor({
      dataDir: temp.dir,
      mongodbUri: 'mongodb://127.0.0.1:9/?directConnection=true',
      startTimeoutMs: 1500,
      logger: () => undefined,
    });
    await expect(engine.start()).rejects.toThrow(/MONGODB_URI/);
    expect(engine.status()).toMatchObject({ state: 'failed', mode: 'external' });
    expect(processesMentioning(temp.dir)).toEqual([]);
  });
});
