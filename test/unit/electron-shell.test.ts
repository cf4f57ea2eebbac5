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

const { createMainWindow, devToolsAllowed, mainWindowOptions } = await import('../../electron/window');
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

  it('loads the packaged page from the app:// protocol, never a file: or remote URL', () => {
    createMainWindow('/app/out');
    const win = created[0]!.win as { loadFile: ReturnType<typeof vi.fn>; loadURL: ReturnType<typeof vi.fn> };
    expect(win.loadURL).toHaveBeenCalledWith('app://caseload/index.html');
    expect(win.loadFile).not.toHaveBeenCalled();
  });

  it('has DevTools off in a packaged build', () => {
    expect(mainWindowOptions('/p', true).webPreferences!.devTools).toBe(false);
    expect(devToolsAllowed(true, {})).toBe(false);
    expect(devToolsAllowed(false, {})).toBe(true);
    expect(devToolsAllowed(false, { CASELOAD_NO_DEVTOOLS: '1' })).toBe(false);
    createMainWindow('/app/out', undefined, true);
    expect((created.at(-1)!.options['webPreferences'] as { devTools: boolean }).devTools).toBe(false);
  });
});

describe('lock-downs', () => {
  it('only the app’s own page counts as the app', () => {
    expect(isAppUrl('app://caseload/index.html')).toBe(true);
    expect(isAppUrl('app://caseload/assets/index.js')).toBe(true);
    // A file: URL is never the app: a dropped HTML file, or one on a network share.
    expect(isAppUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('file://host/share/x.html')).toBe(false);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://caseload:81/index.html')).toBe(false);
    expect(isAppUrl('app://user@caseload/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('https://example.com/')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:9999/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/' })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/dropped.html' })).toBe(false);
    expect(isTrustedSender({ url: 'app://caseload/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://caseload/index.html', parent: {} })).toBe(false); // a sub-frame
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
    handlers['will-navigate']!(home, 'app://caseload/index.html#/students/1');
    expect(home.preventDefault).not.toHaveBeenCalled();
    // A file dropped on the window navigates to its file: URL: refused, in the main frame and in frames.
    const dropped = { preventDefault: vi.fn() };
    handlers['will-navigate']!(dropped, 'file:///home/me/Downloads/evil.html');
    expect(dropped.preventDefault).toHaveBeenCalled();
    const frame = { preventDefault: vi.fn(), url: 'file://host/share/x.html', isMainFrame: false };
    (handlers['will-frame-navigate'] as unknown as (e: typeof frame) => void)(frame);
    expect(frame.preventDefault).toHaveBeenCalled();
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
    before!({ url: 'app://caseload/assets/index.js' }, local);
    expect(local).toHaveBeenCalledWith({ cancel: false });
    const file = vi.fn();
    before!({ url: 'file:///etc/passwd' }, file);
    expect(file).toHaveBeenCalledWith({ cancel: true });
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
    expect(fn({ senderFrame: { url: 'file:///app/out/renderer/index.html' } }, {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(calls).toEqual([]);
    expect(fn({ senderFrame: { url: 'app://caseload/index.html' } }, {})).toEqual({
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

describe('packaging', () => {
  it('sets every relevant Electron fuse through electron-builder', async () => {
    const { readFileSync } = await import('node:fs');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      build: { electronFuses: Record<string, boolean>; asar?: boolean };
    };
    expect(pkg.build.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(pkg.build.asar).toBe(true);
  });

  it('CI runs install, tests, packaging and the desktop smoke test on Linux, Windows and macOS', async () => {
    const { readFileSync } = await import('node:fs');
    const ci = readFileSync(new URL('../../.github/workflows/ci.yml', import.meta.url), 'utf8');
    expect(ci).toMatch(/os: \[ubuntu-latest, windows-latest, macos-latest\]/);
    for (const step of [
      'npm ci',
      'npm test',
      'npm run package',
      'xvfb-run --auto-servernum npx vitest run --project desktop',
    ])
      expect(ci).toContain(step);
  });
});
