#!/usr/bin/env node
// npm start: build the app, then open the desktop window. Where Electron's binary could not be installed,
// explain and point to the station (the same app in a browser).
import { electronBinaryPath, NO_ELECTRON_MESSAGE, root } from './electron-binary.mjs';
import { electronVite, run } from './run.mjs';

const built = await electronVite(['build']);
if (built !== 0) {
  console.error('The build failed (see above); the app was not started.');
  process.exit(built);
}

const electron = electronBinaryPath();
if (!electron) {
  console.error(`\n${NO_ELECTRON_MESSAGE}`);
  console.error(
    'Run `npm run station` and open http://127.0.0.1:4780 in a browser, or retry the download with ' +
      '`node node_modules/electron/install.js` where the network allows it.',
  );
  process.exit(1);
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
