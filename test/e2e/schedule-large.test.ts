import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSlots } from '../../bench/schedule';
import { generateCaseload, usSchoolYear } from '../../electron/db/sample';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { E2EApp, SHOTS } from './harness';
import { layoutProblems } from './layout-check';

// A therapist with dozens of sessions a day (the bench's shape at a smaller size): 300 students at
// 3 schools in groups of four, twice a week each: 75 slots, 150 sessions a week, 30 a day.
const TODAY = '2026-11-18'; // a Wednesday
let app: E2EApp;
const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp(TODAY);
  generateCaseload(app.db, { today: TODAY, schools: 3, students: 300, years: 1, seed: 7 });
  generateSlots(app.db, app.handlers, usSchoolYear(2026).firstDay);
  await app.start();
}, 120_000);
afterAll(async () => app?.stop());

describe('a long day and a full week: drawn as far as the window shows, the rest as it is reached', () => {
  it('the agenda draws a dozen sessions, then more as the focus moves down or the day is scrolled', async () => {
    const p = app.page;
    const agenda = ok(app.handlers.getAgenda({ date: TODAY }));
    const total = agenda.occurrences.length + Math.min(25, agenda.notLogged.length);
    expect(agenda.occurrences.length).toBeGreaterThan(24);
    await app.go('/agenda');
    const cards = p.locator('[data-occurrence]');
    await poll(() => cards.count()).toBeGreaterThan(0);
    // The first step: 12 cards (the focus, on the first, asks for 6).
    expect(await cards.count()).toBe(12);
    // Twenty times down: the 21st session has the focus, drawn ahead of it.
    await poll(() => cards.nth(0).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    for (let i = 0; i < 20; i++) await p.keyboard.press('ArrowDown');
    const o = agenda.occurrences[20]!;
    await poll(() => p.evaluate("document.activeElement?.getAttribute('aria-label') ?? ''")).toMatch(
      new RegExp(`^${o.startTime} to ${o.endTime}, ${o.school}`),
    );
    // A slot overlapping several others at the same times says so once, with the count.
    const repeated = agenda.occurrences[0]!.conflicts.filter((c) => c === agenda.occurrences[0]!.conflicts[0]).length;
    expect(repeated).toBeGreaterThan(1);
    expect(await cards.nth(0).getByRole('note').allInnerTexts()).toContain(
      `⚠ ${agenda.occurrences[0]!.conflicts[0]} (${repeated} times)`,
    );
    // Scrolled to the end: every card is drawn, then the "Show more" of the sessions not logged.
    await poll(async () => {
      await p.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      return cards.count();
    }).toBe(total);
  });

  it('the week draws its grid first; panels open with the keyboard, stay open from week to week', async () => {
    const p = app.page;
    const week = ok(app.handlers.getWeek({ date: '2026-11-16' }));
    await app.go('/week');
    const wed = p.getByRole('region', { name: /^Wed 2026-11-18/ });
    await wed.waitFor();
    const wedTotal = week.days[2]!.occurrences.length + week.days[2]!.blocks.length;
    expect(wedTotal).toBeGreaterThan(16);
    // Sixteen cards a day at first; none of the panels is read or drawn.
    expect(await wed.locator('.week-occ').count()).toBe(16);
    expect(await p.getByTestId('workload').count()).toBe(0);
    expect(await p.getByRole('region', { name: 'Mileage log' }).count()).toBe(0);
    // The conflicts: how many, the first five (each overlap of a day once), then all on request.
    const distinct = new Set(week.conflicts.map((c) => `${c.date} ${c.kind} ${c.message}`)).size;
    expect(distinct).toBeGreaterThan(5);
    expect(distinct).toBeLessThan(week.conflicts.length);
    const alert = p.getByRole('alert').filter({ hasText: `${week.conflicts.length} conflicts this week` });
    expect(await alert.getByRole('listitem').count()).toBe(5);
    expect(await alert.getByRole('listitem').first().innerText()).toMatch(/^Mon Nov 16: overlap, .* \(\d+ times\)$/);
    await alert.getByRole('button', { name: `Show all ${distinct}` }).click();
    expect(await alert.getByRole('listitem').count()).toBe(distinct);
    // The workload panel, opened with the keyboard, stays open on the next week.
    const toggle = p.getByRole('button', { name: 'Workload', exact: true });
    await toggle.focus();
    await p.keyboard.press('Enter');
    await p.getByTestId('workload').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await p.getByRole('button', { name: 'Next week →' }).click();
    await p.getByRole('heading', { name: 'Week of Nov 23, 2026' }).waitFor();
    await p.getByTestId('workload').waitFor();
    expect(await p.evaluate('location.hash')).toMatch(/show=workload/);
    await toggle.press('Enter');
    await poll(() => p.getByTestId('workload').count()).toBe(0);
    // Back on this week, scrolled to the end: every card of Wednesday is drawn.
    await p.getByRole('button', { name: 'This week' }).click();
    await wed.waitFor();
    await poll(async () => {
      await p.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
      return wed.locator('.week-occ, .week-block').count();
    }).toBe(wedTotal);
  });

  it('the long agenda and the full week, with every panel open, at 1280 and 1024 px, light and dark', async () => {
    const p = app.page;
    const problems: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await p.evaluate(`localStorage.setItem('caseload-theme', '${theme}')`);
      await p.reload();
      for (const w of [1280, 1024]) {
        await p.setViewportSize({ width: w, height: w === 1280 ? 800 : 640 });
        for (const [name, hash, drawn] of [
          ['agenda', '/agenda', '[data-occurrence]'],
          ['week', '/week', '.week-occ'],
          ['week-panels', '/week?show=workload,mileage,slots,coverage', '[data-testid=mileage]'],
        ] as const) {
          await app.go(hash);
          await p.locator(drawn).first().waitFor();
          await p.getByRole('status').filter({ hasText: 'Loading…' }).waitFor({ state: 'detached' });
          expect(await p.evaluate('document.documentElement.dataset.theme')).toBe(theme);
          for (const x of await layoutProblems(p)) problems.push(`${name} ${w} ${theme}: ${x}`);
          // What the therapist sees on opening the screen (the whole page is many screens long).
          await p.screenshot({ path: join(SHOTS, `70-large-${name}-${w}-${theme}.png`) });
          for (const v of await app.axe()) problems.push(`${name} ${w} ${theme}: axe ${v.id} ${v.nodes.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    await p.evaluate("localStorage.removeItem('caseload-theme')");
    await p.setViewportSize({ width: 1280, height: 800 });
  }, 240_000);
});
