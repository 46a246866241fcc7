/**
 * The backup round trip through an engine reached as MONGODB_URI would be: an independent crm-engine started
 * by this test, addressed by a URI that carries its TLS files, so the data layer treats it as an external
 * deployment (no embedded-engine special cases such as serialised updates).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { DatabaseManager } from '../../../electron/core/db/database-manager';
import { createEngineSupervisor, type EngineSupervisor } from '../../../electron/core/engine/supervisor';
import { createPasswordHasher } from '../../../electron/core/security/passwords';
import { createActivityLogger } from '../../../electron/core/services/activity-log';
import { login } from '../../../electron/core/services/auth';
import { backupNow, folderOf, importBackupFile } from '../../../electron/core/services/backup/backup';
import { restoreBackup } from '../../../electron/core/services/backup/restore';
import type { ServiceDeps } from '../../../electron/core/services/context';
import { deleteInstitution } from '../../../electron/core/services/institutions';
import { authDeps, fileBytes, fingerprint, school } from '../../support/backup-school';
import { newInstitution, origin } from '../../support/services';
import { makeTempDir } from '../../support/temp-dir';

// The engine's directory directly under the temp folder (PostgreSQL's account must traverse to it).
const engineDir = makeTempDir('crm-backup-external-engine');
const temp = makeTempDir('crm-backup-external');
let engine: EngineSupervisor;
let deps: ServiceDeps & { close(): Promise<void> };

beforeAll(async () => {
  engine = createEngineSupervisor({ dataDir: engineDir.dir, logger: () => undefined });
  const started = await engine.start();
  const uri = new URL(started.uri);
  uri.searchParams.set('tls', 'true');
  uri.searchParams.set('tlsCAFile', started.tlsCAFile ?? '');
  uri.searchParams.set('tlsCertificateKeyFile', started.tlsCertificateKeyFile ?? '');
  const db = await DatabaseManager.open({ uri: uri.toString() }, { logger: () => undefined });
  const passwords = createPasswordHasher({ cost: 4 });
  deps = {
    db,
    passwords,
    activity: createActivityLogger(db, { logger: () => undefined }),
    backups: { root: path.join(temp.dir, 'backups'), appVersion: 'test' },
    close: async () => {
      await passwords.close();
      await db.close();
    },
  };
});
afterAll(async () => {
  await deps?.close();
  await engine?.stop();
  engineDir.remove();
  temp.remove();
});

describe('backup and restore through a URI (as with MONGODB_URI)', () => {
  it('round-trips every document and file, and the old passwords sign in', async () => {
    const { actor, username, fileIds } = await school(deps);
    const before = await fingerprint(deps, actor.databaseName);
    const bytes = await fileBytes(deps, actor.databaseName, fileIds);
    const info = await backupNow(deps, actor);
    await deleteInstitution(deps, actor.userId, 'Secret123', origin);

    const { actor: helper } = await newInstitution(deps);
    const brought = await importBackupFile(deps, helper, path.join(folderOf(deps, actor.userId), info.name));
    const restored = await restoreBackup(deps, helper, { backup: brought.name, mode: 'new', username });
    expect(await fingerprint(deps, restored.databaseName)).toEqual(before);
    expect(await fileBytes(deps, restored.databaseName, fileIds)).toEqual(bytes);
    const signedIn = await login(
      authDeps(deps),
      { institution: username, username: 'Pratik sir', password: 'Teach1234' },
      origin,
    );
    expect(signedIn.user.name).toBe('Pratik Shah');
  });
});
