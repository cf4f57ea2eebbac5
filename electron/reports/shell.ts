/**
 * What exports need from the desktop: file dialogs, Chromium's PDF engine and the print dialog.
 * Electron provides it in the app (electron/reports/electron-shell.ts); the end-to-end harness gives
 * the same interface backed by Debian's Chromium and a folder of its own.
 */
export interface ReportShell {
  chooseFolder(title: string): Promise<string | null>;
  chooseSavePath(defaultName: string, kind: 'pdf' | 'csv' | 'json' | 'caseload' | 'student'): Promise<string | null>;
  chooseOpenPath(kind: 'json' | 'caseload' | 'student'): Promise<string | null>;
  htmlToPdf(html: string): Promise<Uint8Array>;
  printHtml(html: string): Promise<boolean>;
}
