import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Protocol } from 'electron';

/**
 * The renderer is served from `app://caseload/…`, a privileged standard scheme of the app's own,
 * rather than from `file:` (where any dropped or linked HTML file would count as the app). Only this
 * origin is trusted for navigation and IPC (security.ts). The pure parts are here and unit-tested.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'caseload';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Registered before the app is ready (Electron's rule for privileged schemes). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

/** Is this URL the app's own page (app://caseload/…)? */
export function isAppProtocolUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === `${APP_SCHEME}:` && u.host.toLowerCase() === APP_HOST && !u.username && !u.password && !u.port
    );
  } catch {
    return false;
  }
}

/**
 * The file under `root` that an app:// URL names, or null: another scheme or host, an encoded
 * separator or NUL, a `..` that would climb out of the renderer folder, all refused.
 */
export function resolveAppPath(url: string, root: string): string | null {
  if (!isAppProtocolUrl(url)) return null;
  // A `..` segment is refused as written, before the URL parser would quietly fold it away.
  if (/(^|[/\\])(\.|%2e){2}([/\\?#]|$)/i.test(url.replace(/^[a-z]+:\/\/[^/]*/i, ''))) return null;
  const raw = new URL(url).pathname;
  if (/%2f|%5c|%00/i.test(raw)) return null; // no encoded separators or NUL
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const rel = relative(base, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return null;
  return join(base, rel);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};
export const contentTypeOf = (file: string) => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Answers one app:// request from the renderer folder: the file, or 404 for anything else. */
export async function serveAppRequest(url: string, root: string, csp: string): Promise<Response> {
  const file = resolveAppPath(url, root);
  if (!file) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(file),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Serves the renderer folder on app://caseload (call once the app is ready). */
export function handleAppProtocol(protocol: Protocol, root: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, root, csp));
}

export const rendererRoot = (outDir: string) => join(outDir, 'renderer');
