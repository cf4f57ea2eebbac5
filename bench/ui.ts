// Click → drawn in Chromium at a given caseload, and the cold start to the caseload list: what the
// therapist waits for, measured in the page (performance.now), median of several runs.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateCaseload, usSchoolYear } from '../electron/db/sample';
import { generateSlots } from './schedule';

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** In the page: click, then wait until `ready` holds and one more frame has been painted. */
const clickToDrawn = (click: string, ready: string) => `(async () => {
  const t0 = performance.now();
  document.querySelector(${JSON.stringify(click)}).click();
  const ok = () => { try { return !!(${ready}); } catch { return false; } };
  await new Promise((res, rej) => {
    const tick = () =>
      ok()
        ? requestAnimationFrame(() => setTimeout(res, 0))
        : performance.now() - t0 > 30000
          ? rej(new Error('not drawn within 30 s'))
          : requestAnimationFrame(tick);
    tick();
  });
  return performance.now() - t0;
})()`;
/** Waits in the page (the app's CSP forbids Playwright's string predicates). */
const until = (cond: string) =>
  `new Promise((res, rej) => { const t0 = performance.now(); const t = () => (${cond} ? res(true) : performance.now() - t0 > 30000 ? rej(new Error('not drawn: ' + 'timeout')) : requestAnimationFrame(t)); t(); })`;

/** History drawn: its table, or its "Nothing yet." on a caseload with no history. */
const auditDrawn = `document.querySelector('[data-testid=audit]') || document.querySelector('section[aria-labelledby=audit-title]')?.textContent?.includes('Nothing yet.')`;
const nav = (label: string) => `nav[aria-label="Main"] a[href="#${label}"]`;
const noLoading = `!Array.from(document.querySelectorAll('[role=status]')).some((e) => e.textContent === 'Loading…')`;

export async function uiFigures(
  cfg: { size: string; students: number; schools: number; years: number },
  today: string,
  runs = 7,
): Promise<Record<string, unknown>[]> {
  const root = resolve(import.meta.dirname, '..');
  if (!existsSync(resolve(root, 'out/renderer/index.html'))) {
    return [{ size: cfg.size, figure: 'ui', skipped: 'run npm run build first' }];
  }
  // The e2e harness (written for vitest, which defines __dirname) serves the built renderer.
  const g = globalThis as { __dirname?: string; __filename?: string };
  g.__dirname ??= resolve(root, 'test/e2e');
  g.__filename ??= resolve(root, 'test/e2e/harness.ts');
  const { E2EApp } = await import('../test/e2e/harness');
  const app = new E2EApp(today);
  generateCaseload(app.db, { today, schools: cfg.schools, students: cfg.students, years: cfg.years, seed: 1 });
  // The therapist's week, as in the handler figures: groups of four, twice a week, at every school.
  generateSlots(app.db, app.handlers, usSchoolYear(Number(today.slice(0, 4))).firstDay);
  const out: Record<string, unknown>[] = [];
  try {
    await app.start();
    const p = app.page;
    p.setDefaultTimeout(60_000);
    // The start screen: today's agenda on a school day with slots, else the caseload list.
    const startDrawn = `(document.querySelector('table tbody th a') || (document.getElementById('agenda-title') && ${noLoading}))`;
    await p.evaluate(until(startDrawn));

    // Cold start: the data file opened as the app opens it, the page loaded, the list drawn.
    const cold: number[] = [];
    for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) {
      const t0 = performance.now();
      await app.restartBackend();
      await p.evaluate(until(`!!${startDrawn}`));
      await p.evaluate(`new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))`);
      cold.push(performance.now() - t0);
    }
    out.push({
      size: cfg.size,
      figure: 'ui:coldStart→start screen (agenda)',
      ms: Math.round(median(cold)),
      runs: cold,
    });

    const screens: [string, string, string][] = [
      ['caseload list', nav('/'), `document.querySelector('section[aria-labelledby=caseload-title] tbody th a')`],
      [
        'student page',
        'section[aria-labelledby=caseload-title] tbody th a',
        // This week's figures, the makeups owed, the IEP in effect, and whatever section is open
        // (the weekly chart drawn when its section is), with nothing still loading.
        `document.querySelector('[data-testid=service-lines]') && document.querySelector('[data-testid=compliance]') && document.getElementById('open-makeups-title') && (!document.querySelector('details[data-fold=weekly-chart][open]') || document.querySelector('.recharts-surface')) && ${noLoading}`,
      ],
      [
        'compliance (this week)',
        nav('/compliance'),
        `document.querySelector('[data-testid=compliance-table] tbody th a')`,
      ],
      ['log session', nav('/log'), `document.getElementById('student-picker')`],
      ["today's agenda", nav('/agenda'), `document.getElementById('agenda-title') && ${noLoading}`],
      ['week', nav('/week'), `document.getElementById('week-title') && ${noLoading}`],
      ['makeups owed', nav('/makeups'), `document.querySelector('#makeups-title + p') && ${noLoading}`],
      ['progress reports', nav('/reports'), `document.querySelector('[data-testid=reports-table]') && ${noLoading}`],
      ['records', nav('/records'), `document.querySelector('[data-testid=service-log]') && ${noLoading}`],
      ['schools', nav('/schools'), `document.querySelector('.year') && ${noLoading}`],
      ['backups & data', nav('/data'), `(${auditDrawn}) && ${noLoading}`],
      ['settings', nav('/settings'), `document.querySelector('input[name=providerName]')`],
    ];
    // BENCH_SCREENS=week,agenda measures only the screens whose name contains one of the words.
    const only = (process.env.BENCH_SCREENS ?? '').split(',').filter(Boolean);
    const wanted = (name: string) => only.length === 0 || only.some((w) => name.includes(w));
    for (const [name, click, ready] of screens) {
      if (!wanted(name)) continue;
      const xs: number[] = [];
      for (let i = 0; i < runs + 1; i++) {
        // Start each run from another screen, as a therapist does.
        const from = name === 'student page' ? '/' : name === 'settings' ? '/data' : '/settings';
        // The caseload by its sidebar link, as the therapist chooses it (a page load at #/ after a
        // reload elsewhere counts as the app opening, which on a school day turns into the agenda).
        if (from === '/') await p.locator(nav('/')).click();
        else await app.go(from);
        await p.evaluate(
          until(
            from === '/'
              ? `!!document.querySelector('section[aria-labelledby=caseload-title] tbody th a')`
              : from === '/data'
                ? `!!(${auditDrawn})`
                : `!!document.querySelector('input[name=providerName]')`,
          ),
        );
        const ms = (await p.evaluate(clickToDrawn(click, ready)).catch((e: Error) => {
          throw new Error(`ui bench, ${name}: ${e.message}`);
        })) as number;
        if (i > 0)
          xs.push(ms); // the first visit also loads the screen's code: reported apart
        else out.push({ size: cfg.size, figure: `ui:first visit ${name}`, ms: Math.round(ms) });
      }
      out.push({
        size: cfg.size,
        figure: `ui:click→drawn ${name}`,
        ms: Math.round(median(xs)),
        runs: xs.map(Math.round),
      });
    }

    // Compliance for the school year: the range switch on the open screen.
    const year: number[] = [];
    for (let i = 0; i < (wanted('compliance (school year)') ? runs : 0); i++) {
      await app.go('/compliance');
      await p.evaluate(until(`!!document.querySelector('[data-testid=compliance-table] tbody th a')`));
      const ms = (await p.evaluate(
        clickToDrawn(
          '[role=radiogroup] button:nth-child(3)',
          `document.querySelector('[role=radiogroup] button:nth-child(3)[aria-checked=true]') && document.querySelector('[data-testid=compliance-table] tbody th a') && ${noLoading}`,
        ),
      )) as number;
      year.push(ms);
      await p.locator('[role=radiogroup] button').first().click();
    }
    if (year.length)
      out.push({
        size: cfg.size,
        figure: 'ui:click→drawn compliance (school year)',
        ms: Math.round(median(year)),
        runs: year.map(Math.round),
      });
  } finally {
    await app.stop();
  }
  return out;
}
