/**
 * Electron main process: one instance, a locked-down window, the core (engine + router) behind one IPC
 * channel. The engine starts before the window; the window shows its progress.
 */
// First: the collector's setting, before the app's modules load.
import '../core/gc-tuning';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  safeStorage,
  session,
  type IpcMainInvokeEvent,
  type WebContents,
} from 'electron';
import { isAppCall } from '../../shared/app-mode';
import { CRM_INVOKE_CHANNEL, type CrmEventName, type CrmEventPayloads } from '../../shared/bridge';
import type { ApiResult } from '../../shared/contract/errors';
import { ConnectedCore } from '../core/connected/connected-core';
import { sealingKey } from '../core/connected/sealed-file';
import { findEngineBinary } from '../core/engine/locate';
import { createSecretStore, type SecretEncryptor, type SecretStore } from '../core/security/secret-store';
import { openStationNetwork } from '../core/station/lan/network';
import { startStation, type Station } from '../core/station/server';
import { LOCAL_CALLER } from '../core/services/institutions';
import { answerAppCall, type AppCallContext } from './app-calls';
import { startCore, type CoreHandle } from './app-core';
import { DEFAULT_STATION_PORT, deviceToken, readModeSettings } from './app-mode';
import { cspDevString, cspString } from '../../shared/csp';
import { APP_INDEX_URL, APP_ORIGIN, registerAppScheme, serveAppProtocol } from './app-protocol';
import { allowPermissionCheck, allowPermissionRequest } from './permissions';
import { EventRelay } from './event-relay';
import { SessionTokens } from './session-tokens';

const QUIT_GRACE_MS = 15_000;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');

let core: CoreHandle | undefined;
/** Connected mode: the station's line instead of a core (no engine starts). */
let connected: ConnectedCore | undefined;
/** Station mode with the network on: the HTTPS service for the school's computers. */
let networkStation: Station | undefined;
let appCalls: AppCallContext | undefined;
let mainWindow: BrowserWindow | undefined;
const tokens = new SessionTokens();
const relay = new EventRelay(
  (token, sink) =>
    connected
      ? Promise.resolve(connected.openEvents(token, sink))
      : core
        ? core.openEvents(token, sink)
        : Promise.reject(new Error('the core is not started')),
  (contentsId, message) => {
    const win = BrowserWindow.getAllWindows().find(
      (w) => !w.isDestroyed() && !w.webContents.isDestroyed() && w.webContents.id === contentsId,
    );
    win?.webContents.send('crm:event', message);
  },
  (line) => log(line),
);

function print(line: string): void {
  console.log(line);
}

/** Once the core runs, the main process's lines also go to the app's log file (redacted). */
function log(line: string): void {
  if (core) core.log(line);
  else print(line);
}

/** The page may call the core only from our own renderer, in the window's top frame. */
function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.origin === appOrigin();
}

/** The origin the renderer is served from: app://crm, or the dev server's. */
function appOrigin(): string {
  return devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN;
}

function engineDataDir(): string {
  return process.env.CRM_DATA_DIR || join(app.getPath('userData'), 'engine');
}

function packagedEnginePaths(): { engineBin?: string; pgBin?: string } {
  if (!app.isPackaged) return {};
  const exe = process.platform === 'win32' ? 'crm-engine.exe' : 'crm-engine';
  return {
    engineBin: join(process.resourcesPath, 'bin', exe),
    pgBin: join(process.resourcesPath, 'postgres', 'bin'),
  };
}

/** safeStorage protects the file fallback's key with the OS keychain / DPAPI, when it really can. */
function safeStorageEncryptor(): SecretEncryptor | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    return undefined;
  return {
    name: 'safeStorage',
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

function send<E extends CrmEventName>(event: E, payload: CrmEventPayloads[E]): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(event, payload);
  }
}

function applySessionPolicy(): void {
  const ses = session.defaultSession;
  const policy = devServerUrl ? cspDevString(devServerUrl) : cspString();
  serveAppProtocol(ses, rendererDir, policy);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
  });
  // Only the microphone (voice notes), only for our own page (electron/main/permissions.ts).
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(allowPermissionRequest(permission, mediaTypes, isAppUrl(details.requestingUrl)));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, details.mediaType, requestingOrigin === appOrigin()),
  );
}

function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Smart School CRM',
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Elsewhere Chromium downloads dictionaries from Google; this app works offline. macOS's checker is the OS's.
      spellcheck: process.platform === 'darwin',
    },
  });
  const contentsId = win.webContents.id;
  win.webContents.once('destroyed', () => {
    tokens.forget(contentsId);
    relay.forget(contentsId);
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadURL(APP_INDEX_URL);
  return win;
}

async function invoke(
  event: IpcMainInvokeEvent,
  channel: unknown,
  input: unknown,
): Promise<ApiResult<unknown>> {
  if (
    event.senderFrame === null ||
    event.senderFrame !== event.sender.mainFrame ||
    !isAppUrl(event.senderFrame.url)
  ) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'This page may not call the app.' } };
  }
  if (typeof channel !== 'string') {
    return { ok: false, error: { code: 'VALIDATION', message: 'The channel name must be a string.' } };
  }
  if (isAppCall(channel)) {
    return appCalls
      ? answerAppCall(channel, input, appCalls)
      : { ok: false, error: { code: 'UNAVAILABLE', message: 'The app is still starting; try again.' } };
  }
  if (!core && !connected) {
    return { ok: false, error: { code: 'UNAVAILABLE', message: 'The app is still starting; try again.' } };
  }
  const sender = event.sender.id;
  try {
    const token = tokens.get(sender);
    const result = connected
      ? await connected.invoke(channel, input, token)
      : await (core as CoreHandle).router.dispatch(channel, input, {
          ...(token !== undefined ? { token } : {}),
          ip: LOCAL_CALLER,
          userAgent: 'electron',
        });
    tokens.observe(sender, channel, result);
    relay.update(sender, tokens.get(sender));
    return result;
  } catch (err) {
    log(`[main] ${channel} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return {
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong in the app. Please try again.' },
    };
  }
}

const BACKUP_FILTERS = [{ name: 'Smart School CRM backup', extensions: ['crmbackup'] }];

/** The save dialog for a copy of a backup, over the app's window. */
async function chooseSavePath(suggestedName: string): Promise<string | undefined> {
  const options = { defaultPath: join(app.getPath('documents'), suggestedName), filters: BACKUP_FILTERS };
  const chosen = mainWindow
    ? await dialog.showSaveDialog(mainWindow, options)
    : await dialog.showSaveDialog(options);
  return chosen.canceled ? undefined : chosen.filePath;
}

/** The open dialog for a backup file to restore. */
async function chooseOpenPath(): Promise<string | undefined> {
  const options = { properties: ['openFile' as const], filters: BACKUP_FILTERS };
  const chosen = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  return chosen.canceled ? undefined : chosen.filePaths[0];
}

async function stopCoreBounded(): Promise<void> {
  connected?.close();
  await networkStation?.close();
  if (!core) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log(`[main] the engine did not stop within ${QUIT_GRACE_MS / 1000} s; quitting anyway`);
      resolve();
    }, QUIT_GRACE_MS);
  });
  try {
    await Promise.race([core.stop(), timeout]);
  } catch (err) {
    log(`[main] stopping the engine failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    const win = mainWindow ?? BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  let quitState: 'running' | 'stopping' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (quitState === 'done') return;
    event.preventDefault();
    if (quitState === 'stopping') return;
    quitState = 'stopping';
    void stopCoreBounded().finally(() => {
      quitState = 'done';
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  applySessionPolicy();
  ipcMain.handle(CRM_INVOKE_CHANNEL, invoke);

  const dataDir = engineDataDir();
  const encryptor = safeStorageEncryptor();
  const secrets: SecretStore = await createSecretStore({
    service: 'smart-crm',
    fallbackDir: join(app.getPath('userData'), 'secrets'),
    ...(encryptor ? { fallbackEncryptor: encryptor } : {}),
    warn: log,
  });

  const userData = app.getPath('userData');
  const settings = await readModeSettings(userData);
  appCalls = {
    dir: userData,
    settings,
    secrets,
    restart: () => {
      app.relaunch();
      app.quit();
    },
  };
  const token = settings.mode === 'connected' && settings.station ? await deviceToken.get(secrets) : null;
  if (settings.mode === 'connected' && settings.station && token) {
    // No engine: every call goes to the paired station.
    log(`[main] connected to ${settings.station.url}`);
    connected = await ConnectedCore.start({
      link: { url: settings.station.url, caPem: settings.station.caPem, deviceToken: token },
      dir: join(userData, 'connected'),
      key: await sealingKey(secrets),
      logger: log,
    });
    connected.onState((state) => send('connection:state', state));
    appCalls.connected = connected;
  } else {
    const engineBin = packagedEnginePaths().engineBin ?? findEngineBinary();
    const network =
      settings.mode === 'station' && settings.network?.on && engineBin
        ? await openStationNetwork({ dir: join(userData, 'network'), host: '0.0.0.0', engineBin })
        : undefined;
    log(`[main] data directory: ${dataDir}`);
    core = await startCore(dataDir, {
      ...packagedEnginePaths(),
      secrets,
      version: app.getVersion(),
      logger: print,
      network: network?.office,
      chooseSavePath,
      chooseOpenPath,
    });
    core.onStatus((status) => send('engine:status', status));
    if (network) {
      const running = core;
      networkStation = await startStation({
        router: running.router,
        engine: running.engine,
        host: '0.0.0.0',
        port: settings.network?.port ?? DEFAULT_STATION_PORT,
        staticDir: rendererDir,
        network,
        logger: log,
      });
      appCalls.networkUrl = networkStation.url;
      log(`[main] serving the school's network on ${networkStation.url}`);
    }
  }

  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

main().catch((err: unknown) => {
  log(`[main] fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  app.exit(1);
});
