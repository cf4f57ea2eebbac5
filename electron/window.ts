import { BrowserWindow, type BrowserWindowConstructorOptions, dialog, type MessageBoxSyncOptions } from 'electron';
import { join } from 'node:path';
import { APP_START_URL } from './app-protocol';

/** DevTools: never in a packaged build; while developing unless CASELOAD_NO_DEVTOOLS is set. */
export const devToolsAllowed = (packaged: boolean, env: Record<string, string | undefined> = process.env) =>
  !packaged && !env['CASELOAD_NO_DEVTOOLS'];

export function mainWindowOptions(preloadPath: string, packaged = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Caseload',
    backgroundColor: '#f6f7f9',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
      devTools: devToolsAllowed(packaged),
    },
  };
}

/** The built page is served on app://caseload (app-protocol.ts), never loaded from a file: URL. */
export function createMainWindow(outDir: string, devServerUrl?: string, packaged = false): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(join(outDir, 'preload', 'index.cjs'), packaged));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? APP_START_URL);
  return win;
}

/** The question asked when the window is closed while a form holds changes not yet saved. */
export const UNSAVED_CLOSE_QUESTION: MessageBoxSyncOptions = {
  type: 'question',
  buttons: ['Keep editing', 'Close anyway'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
  title: 'Changes not saved',
  message: 'Close Caseload with changes that are not saved?',
  detail:
    'What you typed in the open form is kept as a draft on this computer and comes back when you open it again, but it is not saved in your caseload yet.',
};

/**
 * The page cancels its unload (beforeunload) while a form holds unsaved changes; Electron then emits
 * 'will-prevent-unload' and would silently keep the window open. Ask instead: "Close anyway" lets the
 * window close, "Keep editing" keeps it (and `onStay` cancels a quit in progress).
 */
export function askBeforeClosingUnsaved(win: BrowserWindow, onStay?: () => void): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, UNSAVED_CLOSE_QUESTION);
    if (choice === 1) event.preventDefault();
    else onStay?.();
  });
}
