import { BrowserWindow, dialog, type BrowserWindow as Win } from 'electron';
import type { ReportShell } from './shell';

/** Reports render in a hidden, sandboxed window with no preload and no script. */
async function withReportWindow<T>(html: string, fn: (win: Win) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
    },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await fn(win);
  } finally {
    win.destroy();
  }
}

const FILTERS = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  csv: { name: 'CSV', extensions: ['csv'] },
  json: { name: 'Caseload export', extensions: ['json'] },
  caseload: { name: 'Caseload export (protected)', extensions: ['caseload', 'json'] },
  student: { name: 'Caseload student file', extensions: ['caseload-student'] },
};

export function electronReportShell(getParent: () => Win | null): ReportShell {
  return {
    async chooseFolder(title) {
      const parent = getParent();
      const opts = {
        title,
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSavePath(defaultName, kind) {
      const parent = getParent();
      const opts = {
        defaultPath: defaultName,
        filters: [FILTERS[kind]],
      };
      const r = parent ? await dialog.showSaveDialog(parent, opts) : await dialog.showSaveDialog(opts);
      return r.canceled ? null : (r.filePath ?? null);
    },
    async chooseOpenPath(kind) {
      const parent = getParent();
      const opts = { filters: [FILTERS[kind]], properties: ['openFile'] as 'openFile'[] };
      const r = parent ? await dialog.showOpenDialog(parent, opts) : await dialog.showOpenDialog(opts);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    htmlToPdf: (html) =>
      withReportWindow(html, (win) =>
        win.webContents.printToPDF({ pageSize: 'Letter', printBackground: true, preferCSSPageSize: true }),
      ),
    printHtml: (html) =>
      withReportWindow(
        html,
        (win) =>
          new Promise<boolean>((resolve) =>
            win.webContents.print({ silent: false, printBackground: true }, (ok) => resolve(ok)),
          ),
      ),
  };
}
