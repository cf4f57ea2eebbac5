import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS } from './harness';

// The year ends: the sample caseload's 2026-27 year, on the first of June.
let app: E2EApp;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2027-06-01');
  const r = app.handlers.loadSampleCaseload(undefined);
  if (!r.ok) throw new Error(r.error.message);
  await app.start();
});
afterAll(async () => app?.stop());

describe('the year ends', () => {
  it('sets up next school year from the preview, with the keyboard', async () => {
    const p = app.page;
    await app.nav(/^The year’s end/);
    await p.getByRole('heading', { name: 'Start the next school year' }).waitFor();
    const schools = p.locator('fieldset');
    await schools.nth(2).waitFor();
    expect(await schools.count()).toBe(3);
    const first = schools.first();
    // Labor Day 2027 is the 1st Monday of September: Sep 6.
    expect(await first.getByLabel('Labor Day from').inputValue()).toBe('2027-09-06');
    const start = p.getByRole('button', { name: 'Start 2027-28' });
    expect(await start.isDisabled()).toBe(true);
    await app.screenshot('70-next-year-1280');
    await p.setViewportSize({ width: 1024, height: 700 });
    await app.screenshot('70-next-year-1024');
    await p.setViewportSize({ width: 1280, height: 800 });
    expect(await app.axe()).toEqual([]);

    // Tick every "dates checked" box with the keyboard: focus, Space.
    const boxes = p.getByRole('checkbox', { name: /dates checked/ });
    const n = await boxes.count();
    expect(n).toBe(9); // Thanksgiving, winter and spring breaks at 3 schools
    for (let i = 0; i < n; i++) {
      await boxes.nth(i).focus();
      await p.keyboard.press('Space');
    }
    expect(await start.isDisabled()).toBe(false);
    await start.focus();
    await p.keyboard.press('Enter');
    await p.getByRole('status').filter({ hasText: '2027-28 is set up at 3 school(s)' }).waitFor();

    // The new year is there, and last year too.
    await app.nav(/^Schools/);
    await p.getByTestId('year-2027-28').waitFor();
    await p.getByTestId('year-2026-27').waitFor();
  });
});
