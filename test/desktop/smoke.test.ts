// The desktop smoke test: the real Electron app (out/ from `npm run build`) launched by Playwright's
// Electron support. It unlocks the caseload (the start-up passphrase on a machine without a secret
// store), loads the sample caseload, logs a session, and quits, leaving a backup made on quit.
// It runs wherever the Electron binary is installed (CI installs it; `npm run test:desktop`). The build
// machines have no Electron binary, so there it is skipped with a one-line reason.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** The Electron binary, or why the test cannot run here. */
function electronBinary(): { path: string } | { why: string } {
  if (!existsSync(join(ROOT, 'out', 'main', 'index.cjs'))) return { why: 'no build in out/ (run npm run build)' };
  // Read where the npm package put its binary rather than require('electron'): requiring it when the
  // binary is missing starts a download, and a test must never go to the network.
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (existsSync(pathFile)) {
    const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(path)) return { path };
  }
  return { why: 'the Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD)' };
}

const binary = electronBinary();
const reason = 'why' in binary ? `desktop smoke skipped: ${binary.why}` : '';
const dataDir = mkdtempSync(join(tmpdir(), 'caseload-desktop-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PASSPHRASE = 'correct horse battery staple';
const isMain = (p: Page) => p.url().startsWith('app://caseload/');

describe('the desktop app', () => {
  it('launches, unlocks, logs a session and quits with a backup', { timeout: 180_000 }, async (ctx) => {
    if ('why' in binary) return ctx.skip(reason); // the reporter prints the one-line reason
    const app = await electron.launch({
      executablePath: binary.path,
      args: [ROOT],
      cwd: ROOT,
      env: { ...process.env, CASELOAD_USER_DATA: dataDir, ELECTRON_ENABLE_LOGGING: '0' },
      timeout: 60_000,
    });
    let exited = false;
    app.process().on('exit', () => (exited = true));
    try {
      // Without a secret store (Linux CI), a passphrase window comes first: answer it.
      const first = await app.firstWindow();
      await first.waitForLoadState('domcontentloaded');
      if (first.url().startsWith('data:')) {
        await first.locator('#p').fill(PASSPHRASE);
        await first.locator('#q').fill(PASSPHRASE);
        await first.locator('#q').press('Enter');
      }
      const page = await waitForMain(() => app.windows());
      expect(page.url()).toMatch(/^app:\/\/caseload\/index\.html/);
      // The page is the app's, with the preload API and no Node.
      expect(await page.evaluate('typeof require')).toBe('undefined');
      await page.getByRole('button', { name: 'Load the sample caseload' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();

      await page.keyboard.press('Control+l');
      const picker = page.getByLabel('Students (type a name, Enter to add)');
      await picker.waitFor();
      await picker.fill('a');
      await page.getByRole('option').first().waitFor();
      await page.keyboard.press('Enter');
      await page.getByLabel('Start time').fill('07:05');
      await page.getByLabel('Note').fill('Desktop smoke test session.');
      await page.keyboard.press('Control+Enter');
      await page.getByRole('status').filter({ hasText: 'Saved:' }).waitFor();
    } finally {
      await app.close(); // quit: a last backup, then the database closed
    }
    await expect.poll(() => exited, { timeout: 30_000 }).toBe(true);
    expect(existsSync(join(dataDir, 'caseload.sqlite3'))).toBe(true);
    expect(readdirSync(join(dataDir, 'backups')).some((f) => /-quit\.sqlite3$/.test(f))).toBe(true);
  });
});

/** The main window once it shows the app (after the passphrase window, if there was one). */
async function waitForMain(windows: () => Page[], timeoutMs = 60_000): Promise<Page> {
  for (const end = Date.now() + timeoutMs; Date.now() < end;) {
    const main = windows().find(isMain);
    if (main) {
      await main.waitForLoadState('domcontentloaded');
      return main;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the main window never showed app://caseload/');
}
