import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
afterAll(async () => {
  await second?.stop();
  await app?.stop();
});
let second: E2EApp | undefined;

describe('the year ends', () => {
  it('shows the year summary and saves it as PDF and CSV', async () => {
    const p = app.page;
    await app.nav(/^The year’s end/);
    const table = p.getByTestId('year-summary');
    await table.waitFor();
    expect(await p.getByRole('combobox', { name: 'School year' }).inputValue()).toBe('2026-27');
    // 40 sample students, a row each, with the caseload's figures beside the published reference.
    expect(await table.locator('tbody tr').count()).toBe(40);
    expect(await p.getByText(/Reference \(Watt & Richards 2016/).count()).toBeGreaterThan(0);
    await app.screenshot('69-year-summary-1280');
    await p.screenshot({ path: join(SHOTS, '69-year-summary-window-1280.png') });
    await p.setViewportSize({ width: 1024, height: 700 });
    await app.screenshot('69-year-summary-1024');
    await p.screenshot({ path: join(SHOTS, '69-year-summary-window-1024.png') });
    await p.setViewportSize({ width: 1280, height: 800 });
    expect(await app.axe()).toEqual([]);
    await p.getByRole('button', { name: 'Save PDF…' }).click();
    const saved = p.getByRole('status').filter({ hasText: 'Saved the year summary' });
    await saved.waitFor();
    const pdf = /to (.*\.pdf)\./.exec(await saved.innerText())![1]!;
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('School year 2026-27: summary');
    expect(text).toContain('Watt & Richards (2016)');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(SHOTS, '69-year-summary-pdf')]);
    await p.getByRole('button', { name: 'Save CSV…' }).click();
    await p
      .getByRole('status')
      .filter({ hasText: /\.csv\./ })
      .waitFor();
    const csv = readFileSync(join(app.exportDir, 'School year 2026-27 summary.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^School year,Student,School,Grade,Status,Owed push-in/);
    expect(csv.filter((l) => l.startsWith('2026-27,'))).toHaveLength(40);
  });

  it('hands a student over: a sealed student file, imported into another therapist’s Caseload', async () => {
    const p = app.page;
    await app.nav(/^Caseload/);
    // The student whose page opens (the list may still be re-sorting, so take the name from the page).
    await p.getByRole('table').getByRole('link').first().click();
    await p.waitForURL(/students\/\d+/);
    // The student page is drawn (its own button is there) before its heading is read: until then the
    // caseload's heading may still be on screen.
    await p.getByRole('button', { name: 'Export student file…' }).waitFor();
    const name = (await p.getByRole('heading', { level: 1 }).innerText()).trim();
    expect(name).not.toBe('Caseload');
    // With the keyboard: focus the button, Enter; type the passphrase twice.
    await p.getByRole('button', { name: 'Export student file…' }).focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Passphrase', { exact: true }).waitFor();
    await expect
      .poll(() => dialog.getByLabel('Passphrase', { exact: true }).evaluate((e) => e === e.ownerDocument.activeElement))
      .toBe(true);
    await p.keyboard.type('maple river lantern');
    await dialog.getByLabel('The passphrase again').fill('maple river lantem');
    await dialog.getByLabel('The passphrase again').press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'The two passphrases differ' }).waitFor();
    await dialog.getByLabel('The passphrase again').fill('maple river lantern');
    // The dialog sits in the window: shoot the window, not the whole page behind it.
    await p.screenshot({ path: join(SHOTS, '71-student-file-export-1280.png') });
    await p.setViewportSize({ width: 1024, height: 700 });
    await p.screenshot({ path: join(SHOTS, '71-student-file-export-1024.png') });
    await p.setViewportSize({ width: 1280, height: 800 });
    await dialog.getByLabel('The passphrase again').press('Enter');
    const saved = p.getByRole('status').filter({ hasText: 'Sealed' });
    await saved.waitFor({ timeout: 60_000 });
    const file = /into (.*\.caseload-student)\./.exec(await saved.innerText())![1]!;
    const id = Number(/students\/(\d+)/.exec(p.url())![1]);

    // The receiving therapist's Caseload: another app, empty.
    second = new E2EApp('2027-06-01');
    second.openPath = file;
    await second.start();
    const q = second.page;
    await second.nav(/^Backups & data/);
    await q.getByRole('button', { name: 'Import student file…' }).focus();
    await q.keyboard.press('Enter');
    // The passphrase field takes the focus: type, Enter chooses the file and previews it.
    await q.getByLabel('Passphrase of the file').waitFor();
    await q.keyboard.type('maple river lantern');
    await q.keyboard.press('Enter');
    const preview = q.getByTestId('student-file-preview');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.innerText()).toContain('A new student in this caseload.');
    expect(await preview.innerText()).toMatch(/New school/);
    await second.screenshot('72-student-file-preview-1280');
    await q.setViewportSize({ width: 1024, height: 700 });
    await second.screenshot('72-student-file-preview-1024');
    await q.setViewportSize({ width: 1280, height: 800 });
    expect(await second.axe()).toEqual([]);
    await preview.getByRole('button', { name: /^Import / }).focus();
    await q.keyboard.press('Enter');
    const imported = q.getByRole('status').filter({ hasText: 'Imported' });
    await imported.waitFor();
    await imported.getByRole('link').click();
    await q.getByRole('heading', { name }).waitFor();
    const there = Number(/students\/(\d+)/.exec(q.url())![1]);
    // The same minutes on both sides, for the whole year.
    const range = { from: '2026-08-26', to: '2027-06-11' };
    const mine = app.handlers.studentMinutes({ studentId: id, ...range });
    const theirs = second.handlers.studentMinutes({ studentId: there, ...range });
    expect(mine.ok && theirs.ok).toBe(true);
    if (mine.ok && theirs.ok) {
      expect(theirs.value).toEqual(mine.value);
      expect(mine.value.deliveredTotal).toBeGreaterThan(0);
    }
    // Imported with the enrollment history it was counted on.
    const enrolled = (h: E2EApp, sid: number) => {
      const r = h.handlers.getStudent({ id: sid });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.enrollments.map(({ schoolName, startDate, endDate, endKind }) => ({
        schoolName,
        startDate,
        endDate,
        endKind,
      }));
    };
    expect(enrolled(second, there)).toEqual(enrolled(app, id));
    await q.screenshot({ path: join(SHOTS, '73-student-imported.png') });
  });

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
