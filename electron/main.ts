import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, safeStorage, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeyStoreError, loadDatabaseKey } from './crypto/key-store';
import { isPlaintextSqlite, setDefaultDatabaseKey } from './db/cipher';
import { askPassphraseWindow } from './passphrase-prompt';
import { NewerDatabaseError } from './db/db';
import { CaseloadStore } from './db/store';
import { createHandlers, type HandlerContext } from './ipc/handlers';
import { lockApp } from './ipc/handlers/lock';
import { registerIpc } from './ipc/register';
import { menuTemplate } from './menu';
import { electronReportShell } from './reports/electron-shell';
import { lockDownApp, lockDownSession } from './security';
import { askBeforeClosingUnsaved, createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const BACKUP_EVERY_MS = 15 * 60 * 1000;
let mainWindow: BrowserWindow | null = null;
let store: CaseloadStore | null = null;
let timer: NodeJS.Timeout | null = null;
let quitting = false;
/** A quit waits for the window to close: a form with unsaved changes may ask to keep it open. */
let quitRequested = false;

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
  const message =
    e instanceof NewerDatabaseError || e instanceof KeyStoreError
      ? e.message
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
  const win = createMainWindow(join(__dirname, '..'), devServerUrl);
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
  s.backupIfChanged('quit')
    .catch((e: unknown) => logError('backup on quit', e))
    .finally(() => {
      s.close();
      store = null;
      app.quit();
    });
});
