import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server needs React Refresh's inline preamble and its HMR websocket, which the production CSP in
 * renderer/index.html forbids: relax the meta tag while serving only. Builds keep it as written.
 */
function devCsp(): Plugin {
  return {
    name: 'smart-crm:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");
    },
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every text asset of the renderer's build, once, at the best
 * settings (the station serves them as they are: electron/core/station/static-files.ts). Skips small files
 * and those compression does not shrink.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  const compressible = /\.(js|mjs|css|html|svg|json)$/;
  return {
    name: 'smart-crm:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? resolve(root, 'out/renderer');
      await Promise.all(
        Object.values(bundle)
          .filter((item) => compressible.test(item.fileName))
          .map(async (item) => {
            const source = Buffer.from(item.type === 'chunk' ? item.code : item.source);
            if (source.length < 1024) return;
            const [br, gzipped] = await Promise.all([
              brotli(source, {
                params: {
                  [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
                  [zlib.BROTLI_PARAM_SIZE_HINT]: source.length,
                },
              }),
              gz(source, { level: zlib.Z_BEST_COMPRESSION }),
            ]);
            const file = resolve(dir, item.fileName);
            if (br.length < source.length) await writeFile(`${file}.br`, br);
            if (gzipped.length < source.length) await writeFile(`${file}.gz`, gzipped);
          }),
      );
    },
  };
}

const config: UserConfig = {
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // The timetable solver's worker thread, found next to index.js (services/timetable/run-in-worker.ts).
          'timetable-worker': resolve(root, 'electron/core/services/timetable/worker.ts'),
        },
        // keytar is an optional native module, loaded at run time when present.
        external: ['keytar'],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp(), precompress()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
      },
    },
  },
};

export default defineConfig(config);
