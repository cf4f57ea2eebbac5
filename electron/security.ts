import type { App, Session, WebContents } from 'electron';
import { isAppProtocolUrl } from './app-protocol';

/**
 * The page's own origin: app://caseload (app-protocol.ts), or the dev server while developing. A
 * `file:` URL never is: a dropped or linked HTML file, or file://host/share/x.html, is not the app.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  if (isAppProtocolUrl(url)) return true;
  try {
    const u = new URL(url);
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
  // A file dropped on the window is a navigation to its file: URL: refused like any other.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  // Frames inside the page (the main frame is will-navigate's, which the passphrase prompt also reads).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url, devServerUrl)) event.preventDefault();
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
export function isTrustedSender(
  frame: { url: string; parent?: unknown } | null | undefined,
  devServerUrl?: string,
): boolean {
  if (!frame || (frame.parent !== undefined && frame.parent !== null)) return false; // no sub-frames
  return isAppUrl(frame.url, devServerUrl);
}
