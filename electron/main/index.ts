/**
 * Electron shell. The only place besides preload that touches 'electron': lifecycle, the window
 * and its security settings, the app:// protocol, permission and navigation guards, IPC wiring.
 * Everything else is the composition root (composition.ts), shared with the browser host.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { ipcEventChannel } from '@shared/channels';
import { createDesk } from '../core/desk';
import type { Desk } from '../core/desk';
import { isTrustedRendererUrl, registerContract } from './ipc';
import { electronPdfPrinter } from './pdf-printer';
import { betterSqliteBindingPath } from './native-binding';
import { contentSecurityPolicy, mimeTypes } from './renderer-policy';
import { createConsoleLogger, systemClock } from '../core/platform/ports';
import { seedDemoDeskIfEmpty } from '../dev/seed';

const logger = createConsoleLogger();
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');

// A standard, secure scheme: getUserMedia and setSinkId need a secure context (docs/DESIGN.md §2).
protocol.registerSchemesAsPrivileged([
  {
    scheme: 'app',
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);
// The ringer must sound without a user gesture; main decides when it rings.
app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');

function isTrusted(url: string): boolean {
  return isTrustedRendererUrl(url, devServerUrl);
}

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const relative = normalize(
      decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname),
    );
    const file = join(rendererDir, relative);
    if (url.host !== 'desk' || !file.startsWith(rendererDir + sep)) {
      return new Response('Not found', { status: 404 });
    }
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': mimeTypes[extname(file)] ?? 'application/octet-stream',
          'content-security-policy': contentSecurityPolicy(),
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function guardSessions(): void {
  session.defaultSession.setPermissionRequestHandler(
    (webContents, permission, callback, details) => {
      // Only the microphone, only for our own page (the softphone's media side).
      const ok =
        permission === 'media' &&
        isTrusted(details.requestingUrl) &&
        ('mediaTypes' in details ? (details.mediaTypes ?? []) : []).every((t) => t === 'audio');
      callback(ok);
    },
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => {
    return permission === 'media' && isTrusted(requestingOrigin);
  });
}

function createWindow(desk: Desk): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: '快递客服坐席工作台 Courier Desk',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isTrusted(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside open in the system browser; no new Electron windows, ever.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const unsubscribe = desk.subscribe((event, payload) => {
    if (!win.isDestroyed()) win.webContents.send(ipcEventChannel, event, payload);
  });
  win.on('closed', unsubscribe);
  void win.loadURL(devServerUrl ?? 'app://desk/index.html');
  return win;
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  serveRenderer();
  guardSessions();
  const desk = createDesk({
    dataDir: app.getPath('userData'),
    host: 'electron',
    appVersion: app.getVersion(),
    clock: systemClock,
    logger,
    seedIfEmpty: seedDemoDeskIfEmpty,
    warmUpSip: true,
    // Letters and reports: a hidden sandboxed window's printToPDF (pdf-printer.ts, ADR 0016).
    pdfPrinter: electronPdfPrinter((options) => new BrowserWindow(options)),
    // The SIP password is sealed by the OS keychain when there is one (else a 0600 key file).
    ...(safeStorage.isEncryptionAvailable() && {
      secretBox: {
        seal: (plain: string) => safeStorage.encryptString(plain).toString('base64'),
        open: (sealed: string) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
      },
    }),
    nativeBinding: betterSqliteBindingPath({
      isPackaged: app.isPackaged,
      appRoot: app.getAppPath(),
      resourcesPath: process.resourcesPath,
      platform: process.platform,
      arch: process.arch,
      electronVersion: process.versions.electron ?? 'unknown',
    }),
  });
  const unregister = registerContract(ipcMain, desk.dispatcher, isTrusted, logger);
  // Back from sleep: re-register at once instead of waiting out the backoff (docs/DESIGN.md §2).
  powerMonitor.on('resume', () => desk.softphone.reconnectNow('system resumed'));
  powerMonitor.on('unlock-screen', () => desk.softphone.reconnectNow('screen unlocked'));
  let win = createWindow(desk);
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(desk);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    unregister();
    desk.dispose();
  });
}

main().catch((err: unknown) => {
  logger.error('Courier Desk failed to start', {
    error: err instanceof Error ? err.stack : String(err),
  });
  app.exit(1);
});
