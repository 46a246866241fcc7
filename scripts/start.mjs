#!/usr/bin/env node
// npm start: build the app, then open the desktop window. Where Electron's binary could not be installed,
// explain and start the station instead (the same app in a browser).
import { electronBinaryPath, NO_ELECTRON_MESSAGE, root } from './electron-binary.mjs';
import { join } from 'node:path';
import { electronVite, run } from './run.mjs';

const built = await electronVite(['build']);
if (built !== 0) {
  console.error('The build failed (see above); the app was not started.');
  process.exit(built);
}

const electron = electronBinaryPath();
if (!electron) {
  // The same app, served to a browser: a newcomer's `npm start` still gets the app.
  console.error(`\n${NO_ELECTRON_MESSAGE}`);
  console.error(
    'Starting the station instead: open the address below in a browser. Retry the desktop download with ' +
      '`node node_modules/electron/install.js` where the network allows it.\n',
  );
  process.exit(await run(process.execPath, [join('scripts', 'station.mjs'), ...process.argv.slice(2)]));
}

const args = ['.'];
if (process.platform === 'linux' && process.getuid?.() === 0) {
  // Chromium refuses to run as root with its sandbox on (containers, CI).
  console.warn('Running as root: starting Electron with --no-sandbox (do not do this on a real desktop).');
  args.push('--no-sandbox');
}
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
process.exitCode = await run(electron, args.concat(process.argv.slice(2)), { cwd: root, env });
