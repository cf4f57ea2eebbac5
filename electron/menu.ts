import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';

/** Menu commands the renderer understands (see renderer/src/shell.ts). */
export const MENU_COMMANDS = {
  logSession: 'log-session',
  caseload: 'go:/',
  compliance: 'go:/compliance',
  reports: 'go:/reports',
  records: 'go:/records',
  schools: 'go:/schools',
  data: 'go:/data',
  settings: 'go:/settings',
  yearEnd: 'go:/year-end',
  agenda: 'go:/agenda',
  week: 'go:/week',
  findStudent: 'find-student',
  lock: 'lock-request',
} as const;

export function menuTemplate(getWindow: () => BrowserWindow | null, isMac: boolean): MenuItemConstructorOptions[] {
  const send = (command: string) => () => getWindow()?.webContents.send('caseload:menu', command);
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Log a session…', accelerator: 'CmdOrCtrl+L', click: send(MENU_COMMANDS.logSession) },
        { label: 'Find a student…', accelerator: 'CmdOrCtrl+F', click: send(MENU_COMMANDS.findStudent) },
        { type: 'separator' },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send(MENU_COMMANDS.settings) },
        { label: 'Lock Caseload', accelerator: 'CmdOrCtrl+Shift+L', click: send(MENU_COMMANDS.lock) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Go',
      submenu: [
        { label: 'Caseload', accelerator: 'CmdOrCtrl+1', click: send(MENU_COMMANDS.caseload) },
        { label: 'Compliance', accelerator: 'CmdOrCtrl+2', click: send(MENU_COMMANDS.compliance) },
        { label: 'Progress reports', accelerator: 'CmdOrCtrl+3', click: send(MENU_COMMANDS.reports) },
        { label: 'Records', accelerator: 'CmdOrCtrl+4', click: send(MENU_COMMANDS.records) },
        { label: 'Schools and calendars', accelerator: 'CmdOrCtrl+5', click: send(MENU_COMMANDS.schools) },
        { label: 'Backups and data', accelerator: 'CmdOrCtrl+6', click: send(MENU_COMMANDS.data) },
        { label: 'The year’s end', accelerator: 'CmdOrCtrl+7', click: send(MENU_COMMANDS.yearEnd) },
        { label: 'Today’s agenda', accelerator: 'CmdOrCtrl+T', click: send(MENU_COMMANDS.agenda) },
        { label: 'Week and slots', accelerator: 'CmdOrCtrl+8', click: send(MENU_COMMANDS.week) },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
