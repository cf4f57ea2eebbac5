import { beforeEach, describe, expect, it, vi } from 'vitest';

const created: { options: Record<string, unknown>; win: Record<string, unknown> }[] = [];
vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() };
    once = vi.fn();
    on = vi.fn();
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
    constructor(options: Record<string, unknown>) {
      created.push({ options, win: this as unknown as Record<string, unknown> });
    }
  }
  return { BrowserWindow };
});

const { createMainWindow, mainWindowOptions } = await import('../../electron/window');
const { isAppUrl, isTrustedSender, lockDownContents, lockDownSession, CSP } = await import('../../electron/security');
const { registerIpc } = await import('../../electron/ipc/register');
const { menuTemplate } = await import('../../electron/menu');
const { CHANNELS, CHANNEL_PREFIX } = await import('../../shared/api/channels');

describe('the main window', () => {
  beforeEach(() => (created.length = 0));

  it('has the security defaults of Electron’s checklist', () => {
    const prefs = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('loads the packaged page from disk, never a remote URL', () => {
    createMainWindow('/app/out');
    const win = created[0]!.win as { loadFile: ReturnType<typeof vi.fn>; loadURL: ReturnType<typeof vi.fn> };
    expect(win.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html');
    expect(win.loadURL).not.toHaveBeenCalled();
  });
});

describe('lock-downs', () => {
  it('only the app’s own page counts as the app', () => {
    expect(isAppUrl('file:///app/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:9999/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('blocks navigation away, new windows and webviews', () => {
    const handlers: Record<string, (e: { preventDefault: () => void }, url?: string) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (e: { preventDefault: () => void }, url?: string) => void) => (handlers[name] = fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    lockDownContents(contents as never);
    const away = { preventDefault: vi.fn() };
    handlers['will-navigate']!(away, 'https://example.com/phish');
    expect(away.preventDefault).toHaveBeenCalled();
    const home = { preventDefault: vi.fn() };
    handlers['will-navigate']!(home, 'file:///app/out/renderer/index.html#/students/1');
    expect(home.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers['will-attach-webview']!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('denies every permission and cancels every network request', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    let headers:
      | ((
          d: { responseHeaders: Record<string, string[]> },
          cb: (r: { responseHeaders: Record<string, string[]> }) => void,
        ) => void)
      | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      webRequest: {
        onBeforeRequest: (fn: typeof before) => (before = fn),
        onHeadersReceived: (fn: typeof headers) => (headers = fn),
      },
    };
    lockDownSession(session as never);
    const cb = vi.fn();
    request!(null, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
    const net = vi.fn();
    before!({ url: 'https://telemetry.example.com/x' }, net);
    expect(net).toHaveBeenCalledWith({ cancel: true });
    const local = vi.fn();
    before!({ url: 'file:///app/out/renderer/assets/index.js' }, local);
    expect(local).toHaveBeenCalledWith({ cancel: false });
    const h = vi.fn();
    headers!({ responseHeaders: {} }, h);
    expect(h.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([CSP]);
    expect(CSP).toContain("default-src 'self'");
  });
});

describe('IPC registration', () => {
  it('registers every contract channel and refuses senders that are not the app', async () => {
    const registered = new Map<string, (event: { senderFrame: { url: string } | null }, input: unknown) => unknown>();
    const ipcMain = {
      handle: (ch: string, fn: (event: { senderFrame: { url: string } | null }, input: unknown) => unknown) =>
        registered.set(ch, fn),
    };
    const calls: unknown[] = [];
    const handlers = Object.fromEntries(
      CHANNELS.map((n) => [n, (input: unknown) => (calls.push(input), { ok: true, value: n })]),
    );
    registerIpc(ipcMain as never, handlers as never);
    expect([...registered.keys()].sort()).toEqual(CHANNELS.map((n) => CHANNEL_PREFIX + n).sort());
    const fn = registered.get(`${CHANNEL_PREFIX}listSchools`)!;
    expect(fn({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(calls).toEqual([]);
    expect(fn({ senderFrame: { url: 'file:///app/out/renderer/index.html' } }, {})).toEqual({
      ok: true,
      value: 'listSchools',
    });
  });
});

describe('the application menu', () => {
  it('has the usual shortcuts and sends menu commands to the page', () => {
    const send = vi.fn();
    const template = menuTemplate(() => ({ webContents: { send } }) as never, false);
    const file = template.find((m) => m.label === '&File')!.submenu as {
      label?: string;
      accelerator?: string;
      click?: () => void;
    }[];
    const log = file.find((i) => i.label === 'Log a session…')!;
    expect(log.accelerator).toBe('CmdOrCtrl+L');
    log.click!();
    expect(send).toHaveBeenCalledWith('caseload:menu', 'log-session');
    expect(template.some((m) => (m as { role?: string }).role === 'editMenu')).toBe(true);
  });
});
