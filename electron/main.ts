import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { NewerDatabaseError, closeDatabase, openDatabase, type Sqlite } from './db/db';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { menuTemplate } from './menu';
import { lockDownApp, lockDownSession } from './security';
import { createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
let mainWindow: BrowserWindow | null = null;
let db: Sqlite | null = null;

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

function start() {
  lockDownSession(session.defaultSession, devServerUrl);
  const dataPath = join(app.getPath('userData'), 'caseload.sqlite3');
  try {
    db = openDatabase(dataPath);
  } catch (e) {
    fail(e);
    return;
  }
  const handlers = createHandlers({
    db,
    dataPath,
    // Never log student data: the channel name and the error's kind only.
    onInternalError: (channel, error) => console.error(`Caseload: ${channel} failed (${(error as Error).name})`),
  });
  registerIpc(ipcMain, handlers, devServerUrl);
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(() => mainWindow, process.platform === 'darwin')));
  mainWindow = createMainWindow(join(__dirname, '..'), devServerUrl);
  mainWindow.on('closed', () => (mainWindow = null));
}

function fail(e: unknown) {
  const message =
    e instanceof NewerDatabaseError ? e.message : `Caseload could not open its data file: ${(e as Error).message}`;
  dialog.showErrorBox('Caseload cannot start', message);
  app.quit();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (db && BrowserWindow.getAllWindows().length === 0)
    mainWindow = createMainWindow(join(__dirname, '..'), devServerUrl);
});
app.on('will-quit', () => {
  if (db) closeDatabase(db);
  db = null;
});
