/**
 * `npm run bench:backup`: backup and restore of a school with about 100 MB of files and 100,000 documents on a
 * throwaway embedded engine (not a test; nothing is asserted): time, file size, and the process's peak RSS
 * above its level before each step. The goal is memory that stays flat, not memory proportional to the data.
 * BENCH_DOCS and BENCH_FILE_MB change the size.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { DatabaseManager } from '../../electron/core/db/database-manager';
import { putFile } from '../../electron/core/db/files';
import { createEngineSupervisor } from '../../electron/core/engine/supervisor';
import { createPasswordHasher } from '../../electron/core/security/passwords';
import { createActivityLogger } from '../../electron/core/services/activity-log';
import { backupNow, folderOf } from '../../electron/core/services/backup/backup';
import { restoreBackup } from '../../electron/core/services/backup/restore';
import { registerInstitution } from '../../electron/core/services/institutions';

const DOCS = Number(process.env.BENCH_DOCS ?? 100_000);
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 100);
// The engine's directory directly under the temp folder (PostgreSQL's account must traverse to it).
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-backup-'));
const backupDir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-backup-files-'));
const engine = createEngineSupervisor({ dataDir, logger: () => undefined });
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Runs `work`, sampling RSS every 20 ms: its duration and the peak above the RSS before it. */
async function measure<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakAbove: number; peak: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - started) / 1000, peakAbove: peak - base, peak };
  } finally {
    clearInterval(sampler);
  }
}

try {
  const connection = await engine.start();
  const db = await DatabaseManager.open(connection, { logger: () => undefined });
  const deps = {
    db,
    passwords: createPasswordHasher({ cost: 4 }),
    activity: createActivityLogger(db, { logger: () => undefined }),
    backups: { root: backupDir, appVersion: 'bench' },
  };
  const admin = await registerInstitution(
    deps,
    {
      username: `bench_${Date.now().toString(36)}`,
      password: 'school2025',
      name: 'Office',
      institutionName: 'Bench School',
    },
    { ip: 'local', userAgent: 'bench' },
  );
  const actor = {
    userId: admin.id,
    username: admin.username,
    role: 'admin' as const,
    databaseName: admin.databaseName,
    ip: 'local',
    userAgent: 'bench',
  };
  const tenant = await db.tenant(admin.databaseName);

  const seeding = performance.now();
  const logs = tenant.conn.db!.collection('activitylogs');
  for (let i = 0; i < DOCS; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(DOCS, i + 1000); j += 1) {
      batch.push({
        userId: new Types.ObjectId(),
        username: `user ${j % 700}`,
        role: 'teacher',
        action: 'UPDATE',
        targetType: 'ASSIGNMENT',
        targetName: `Worksheet ${j}`,
        details: { score: j % 100, note: 'graded with comments' },
        ipAddress: 'local',
        userAgent: 'bench',
        timestamp: new Date(1_767_000_000_000 + j * 60_000),
      });
    }
    await logs.insertMany(batch);
  }
  const meta = {
    purpose: 'attachment' as const,
    uploadedBy: new Types.ObjectId(admin.id),
    uploadedByRole: 'admin' as const,
    mimeType: 'application/pdf',
    originalName: 'work.pdf',
  };
  for (let i = 0; i < FILE_MB; i += 1) await putFile(tenant, `work-${i}.pdf`, randomBytes(1024 * 1024), meta);
  console.log(
    `seeded ${DOCS.toLocaleString()} documents and ${FILE_MB} files of 1 MB (random bytes: incompressible) in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );

  const backup = await measure(() => backupNow(deps, actor));
  const file = path.join(folderOf(deps, admin.id), backup.result.name);
  console.log(
    `backup:  ${backup.seconds.toFixed(1)} s, file ${mb(statSync(file).size)}, peak RSS ${mb(backup.peak)} (+${mb(backup.peakAbove)} during the backup)`,
  );
  const restore = await measure(() =>
    restoreBackup(deps, actor, { backup: backup.result.name, mode: 'new', username: `${admin.username}_r` }),
  );
  console.log(
    `restore: ${restore.seconds.toFixed(1)} s (check of the whole file, then ${restore.result.documents.toLocaleString()} documents and ${restore.result.files} files), peak RSS ${mb(restore.peak)} (+${mb(restore.peakAbove)} during the restore)`,
  );
  await deps.passwords.close();
  await db.close();
} finally {
  await engine.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(backupDir, { recursive: true, force: true });
}
