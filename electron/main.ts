import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, safeStorage, session } from 'electron';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol, rendererRoot } from './app-protocol';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeyStoreError, loadDatabaseKey } from './crypto/key-store';
import { isPlaintextSqlite, setDefaultDatabaseKey } from './db/cipher';
import { askPassphraseWindow } from './passphrase-prompt';
import { NewerDatabaseError } from './db/db';
import { CaseloadStore, closeForQuit } from './db/store';
import { StorageStartError, storageTrouble } from './ipc/storage-errors';
import { createHandlers, type HandlerContext } from './ipc/handlers';
import { lockApp } from './ipc/handlers/lock';
import { registerIpc } from './ipc/register';
import { menuTemplate } from './menu';
import { electronReportShell } from './reports/electron-shell';
import { CSP, lockDownApp, lockDownSession } from './security';
import { askBeforeClosingUnsaved, createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const BACKUP_EVERY_MS = 15 * 60 * 1000;
let mainWindow: BrowserWindow | null = null;
let store: CaseloadStore | null = null;
let timer: NodeJS.Timeout | null = null;
let quitting = false;
/** A quit waits for the window to close: a form with unsaved changes may ask to keep it open. */
let quitRequested = false;

// app://caseload serves the page; a privileged scheme must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// The desktop smoke test (test/desktop/smoke.test.ts) runs an unpackaged build on a folder of its own.
if (!app.isPackaged && process.env['CASELOAD_USER_DATA']) app.setPath('userData', process.env['CASELOAD_USER_DATA']);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  lockDownApp(app, devServerUrl);
  app.whenReady().then(start, (e: unknown) => fail(e));
}

// Never log student data: the channel name and the error's kind only.
const logError = (what: string, error: unknown) => console.error(`Caseload: ${what} failed (${(error as Error).name})`);

async function start() {
  lockDownSession(session.defaultSession, devServerUrl);
  handleAppProtocol(protocol, rendererRoot(join(__dirname, '..')), CSP);
  const dataDir = app.getPath('userData');
  const dataPath = join(dataDir, 'caseload.sqlite3');
  // Everything Caseload writes (data, WAL, backups, exports, key file) is readable by this user only.
  process.umask(0o077);
  try {
    const key = await loadDatabaseKey({
      keyFile: join(dataDir, 'caseload.key'),
      dataExists: existsSync(dataPath) && !isPlaintextSqlite(dataPath),
      secrets: safeStorage,
      platform: process.platform,
      askPassphrase: askPassphraseWindow,
    });
    setDefaultDatabaseKey(key);
    key.fill(0);
    store = await CaseloadStore.open(dataPath, join(dataDir, 'backups'));
  } catch (e) {
    fail(e);
    return;
  }
  const ctx: HandlerContext = {
    db: store.db,
    store,
    dataPath,
    shell: electronReportShell(() => mainWindow),
    onInternalError: logError,
  };
  const handlers = createHandlers(ctx);
  // Screen lock and sleep lock Caseload too (once a PIN or passphrase is set).
  const lockNow = () => {
    if (lockApp(ctx)) mainWindow?.webContents.send('caseload:menu', 'lock');
  };
  powerMonitor.on('lock-screen', lockNow);
  powerMonitor.on('suspend', lockNow);
  registerIpc(ipcMain, handlers, devServerUrl);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(() => mainWindow, process.platform === 'darwin')));
  openWindow();
  timer = setInterval(() => {
    store?.backupIfChanged('auto').catch((e: unknown) => logError('automatic backup', e));
  }, BACKUP_EVERY_MS);
}

function fail(e: unknown) {
  const trouble = storageTrouble(e);
  const message =
    e instanceof NewerDatabaseError || e instanceof KeyStoreError || e instanceof StorageStartError
      ? e.message
      : trouble
        ? new StorageStartError(trouble, app.getPath('userData')).message
        : `Caseload could not open its data file: ${(e as Error).message}`;
  dialog.showErrorBox('Caseload cannot start', message);
  app.quit();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (store && BrowserWindow.getAllWindows().length === 0) openWindow();
});

function openWindow() {
  const win = createMainWindow(join(__dirname, '..'), devServerUrl, app.isPackaged);
  askBeforeClosingUnsaved(win, () => (quitRequested = false));
  win.on('closed', () => {
    mainWindow = null;
    if (quitRequested) app.quit();
  });
  mainWindow = win;
}
// On quit: a last verified backup when anything changed, then close the database cleanly.
app.on('before-quit', (event) => {
  if (quitting || !store) return;
  event.preventDefault();
  // First the window: a form with unsaved changes may ask to stay, and the quit then stops here.
  if (mainWindow && !mainWindow.isDestroyed()) {
    quitRequested = true;
    mainWindow.close();
    return;
  }
  quitting = true;
  if (timer) clearInterval(timer);
  const s = store;
  // closeForQuit never throws: a failed backup or close is logged, and the app quits regardless.
  void closeForQuit(s, logError).finally(() => {
    store = null;
    app.quit();
  });
});
