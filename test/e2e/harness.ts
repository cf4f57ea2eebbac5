import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHANNELS } from '../../shared/api/channels';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';
import { closeDatabase, openDatabase, type Sqlite } from '../../electron/db/db';
import { CaseloadStore } from '../../electron/db/store';
import { createHandlers, type Handlers } from '../../electron/ipc/handlers';
import type { ReportShell } from '../../electron/reports/shell';

const OUT = resolve(__dirname, '../../out/renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
export { call } from '../helpers/db';

export const SHOTS = resolve(__dirname, '../../test-results/screenshots');

/**
 * The app without Electron: the built renderer served on 127.0.0.1, and the page given the same
 * named API the preload gives it, backed by the real handler table and a real SQLite file.
 */
export class E2EApp {
  readonly dir = mkdtempSync(join(tmpdir(), 'caseload-e2e-'));
  readonly file = join(this.dir, 'caseload.sqlite3');
  db: Sqlite;
  handlers: Handlers;
  server!: Server;
  url = '';
  context!: BrowserContext;
  page!: Page;

  constructor(readonly today: string) {
    if (!existsSync(join(OUT, 'index.html'))) throw new Error('Build the renderer first: npm run build');
    mkdirSync(this.exportDir, { recursive: true });
    this.db = openDatabase(this.file);
    this.handlers = this.makeHandlers();
  }

  /** Where "chosen" folders and save paths point, and what was sent to the printer. */
  readonly exportDir = join(this.dir, 'exports');
  printed: string[] = [];
  /** What the next "open file" dialog answers. */
  openPath: string | null = null;

  /** The desktop's part, backed by the same Chromium: its PDF engine, and a folder for the dialogs. */
  readonly shell: ReportShell = {
    chooseFolder: async () => this.exportDir,
    chooseSavePath: async (name) => join(this.exportDir, name),
    chooseOpenPath: async () => this.openPath,
    htmlToPdf: async (html) => {
      const page = await this.context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    printHtml: async (html) => {
      this.printed.push(html);
      return true;
    },
  };

  store: CaseloadStore | null = null;

  private makeHandlers() {
    return createHandlers({
      db: this.db,
      store: this.store ?? undefined,
      dataPath: this.file,
      today: () => this.today,
      now: () => `${this.today}T15:00:00Z`,
      shell: this.shell,
    });
  }

  /** From here on the file is opened as the app opens it: health check, backups, recovery. */
  private async openStore() {
    closeDatabase(this.db);
    this.store = await CaseloadStore.open(this.file, join(this.dir, 'backups'));
    this.db = this.store.db;
    this.handlers = this.makeHandlers();
  }

  async start() {
    await this.openStore();
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const name = url.pathname.slice(5) as (typeof CHANNELS)[number];
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', async () => {
          const handler = this.handlers[name] as ((input: unknown) => unknown) | undefined;
          const payload = body ? (JSON.parse(body) as { input?: unknown }) : {};
          const result = handler
            ? await handler(payload.input)
            : { ok: false, error: { code: 'not_found', message: 'no such channel' } };
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(result));
        });
        return;
      }
      const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = join(OUT, path);
      if (!file.startsWith(OUT) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const addr = this.server.address();
    this.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
    this.context = await chromium.launchPersistentContext(join(this.dir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
    });
    // The same named functions as the preload, one per contract channel.
    await this.context.addInitScript((names: readonly string[]) => {
      const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
      for (const n of names) {
        api[n] = (input?: unknown) =>
          fetch(`/api/${n}`, { method: 'POST', body: JSON.stringify({ input }) }).then((r) => r.json());
      }
      (globalThis as unknown as { caseload: unknown }).caseload = api;
    }, CHANNELS);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.clock.setFixedTime(new Date(`${this.today}T10:00:00`));
    const errors: string[] = [];
    this.page.on('pageerror', (e) => errors.push(e.message));
    await this.page.goto(this.url);
    return this;
  }

  /** Closes and reopens the database, as a restart of the app would. */
  async restartBackend() {
    this.store?.close();
    await this.openStore();
    await this.page.reload();
  }

  /** Clicks an entry of the sidebar. */
  async nav(name: RegExp) {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  }

  /**
   * Answers the question asked on leaving a screen with unsaved changes (LeavePrompt): by default
   * "Keep as draft and leave", as a user going elsewhere for a moment would.
   */
  async answerLeave(
    answer: 'Keep as draft and leave' | 'Discard changes and leave' | 'Stay' = 'Keep as draft and leave',
  ) {
    const question = this.page.getByRole('dialog', { name: 'Leave this screen?' });
    await question.getByRole('button', { name: answer }).click();
    await question.waitFor({ state: 'hidden' });
  }

  async go(hash: string) {
    await this.page.goto(`${this.url}#${hash}`);
  }

  async screenshot(name: string) {
    await this.page.waitForTimeout(150);
    await this.page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  /** axe-core in the page: serious and critical violations only. */
  async axe(): Promise<{ id: string; impact: string; nodes: string[] }[]> {
    const src = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');
    await this.page.evaluate(src);
    const result = (await this.page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }

  async stop() {
    await this.context?.close();
    if (this.server) await new Promise((r) => this.server.close(r));
    if (this.store) this.store.close();
    else closeDatabase(this.db);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
