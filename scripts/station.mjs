#!/usr/bin/env node
// npm run station: the same app served to a browser (http://127.0.0.1:4780 by default; CRM_HOST, CRM_PORT).
// Builds the renderer first when out/renderer/index.html is missing, then runs the station server with tsx.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './electron-binary.mjs';
import { electronVite, run } from './run.mjs';

if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  console.log('Building the app (out/renderer is missing)…');
  const built = await electronVite(['build']);
  if (built !== 0) {
    console.error('The build failed (see above); the station was not started.');
    process.exit(built);
  }
}

process.exitCode = await run(process.execPath, [
  '--import',
  'tsx',
  join('electron', 'core', 'station', 'main.ts'),
  ...process.argv.slice(2),
]);
