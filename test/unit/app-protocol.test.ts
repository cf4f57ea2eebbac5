// The pure parts of app:// (electron/app-protocol.ts): Electron never launches on the build machines,
// so what the protocol handler serves is checked here, against a real folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  contentTypeOf,
  isAppProtocolUrl,
  resolveAppPath,
  serveAppRequest,
} from '../../electron/app-protocol';

const outside = mkdtempSync(join(tmpdir(), 'caseload-proto-'));
const root = join(outside, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Caseload</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(outside, 'secret.txt'), 'not for the page');
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('app:// path resolution', () => {
  it('serves the renderer folder: the start page, assets, and "/" as index.html', () => {
    expect(APP_START_URL).toBe('app://caseload/index.html');
    expect(resolveAppPath('app://caseload/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://caseload/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://caseload/assets/index-abc.js?v=1#x', root)).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath('app://caseload/assets/./index-abc.js', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('refuses `..`, encoded separators and NUL, other hosts, ports, users and other schemes', () => {
    for (const url of [
      'app://caseload/../secret.txt',
      'app://caseload/assets/../../secret.txt',
      'app://caseload/%2e%2e/secret.txt',
      'app://caseload/assets%2f..%2f..%2fsecret.txt',
      'app://caseload/..%5csecret.txt',
      'app://caseload/index.html%00.js',
      'app://caseload/%E0%A4%A', // malformed escape
      'app://other/index.html',
      'app://caseload.evil/index.html',
      'app://caseload:8080/index.html',
      'app://me@caseload/index.html',
      'file:///etc/passwd',
      'https://caseload/index.html',
      'not a url',
    ])
      expect(resolveAppPath(url, root), url).toBeNull();
    expect(isAppProtocolUrl('app://caseload/x')).toBe(true);
    expect(isAppProtocolUrl('app://CASELOAD/x')).toBe(true); // hosts are case-insensitive
    expect(isAppProtocolUrl('file:///x')).toBe(false);
  });

  it('is a privileged, standard, secure scheme (registered before ready)', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
  });
});

describe('app:// responses', () => {
  it('answers with the file, its type, the CSP and nosniff; 404 for a missing or refused path', async () => {
    const page = await serveAppRequest('app://caseload/index.html', root, "default-src 'self'");
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Caseload</title>');
    const js = await serveAppRequest('app://caseload/assets/index-abc.js', root, '');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://caseload/missing.js', 'app://caseload/../secret.txt', 'app://caseload/assets']) {
      const r = await serveAppRequest(url, root, '');
      expect(r.status, url).toBe(404);
      expect(await r.text()).not.toContain('not for the page');
    }
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.exe')).toBe('application/octet-stream');
  });
});
