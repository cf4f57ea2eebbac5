import type { App, Session, WebContents } from 'electron';

/** The page's own origin: the packaged file, or the dev server while developing. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'file:') return true;
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    return false;
  } catch {
    return false;
  }
}

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Electron's security checklist for every web contents the app creates. */
export function lockDownApp(app: App, devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, devServerUrl));
}

export function lockDownContents(contents: WebContents, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function lockDownSession(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // The app never talks to the network: every request that is not the app's own page is cancelled.
  session.webRequest.onBeforeRequest((details, callback) => {
    const ok =
      isAppUrl(details.url, devServerUrl) || details.url.startsWith('devtools:') || details.url.startsWith('data:');
    callback({ cancel: !ok });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

/** An IPC call is served only when it comes from the app's own page in the main frame. */
export function isTrustedSender(frame: { url: string } | null | undefined, devServerUrl?: string): boolean {
  return !!frame && isAppUrl(frame.url, devServerUrl);
}
