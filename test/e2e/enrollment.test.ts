import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

let app: E2EApp;
let ava = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-18');
  const h = app.handlers;
  for (const name of ['Lincoln Elementary', 'Washington Elementary']) {
    const s = call(h.createSchool({ name }));
    call(h.createSchoolYear({ schoolId: s.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }));
  }
  const lincoln = call(h.listSchools(undefined))[0]!.id;
  ava = call(h.createStudent({ firstName: 'Ava', lastName: 'Nguyen', schoolId: lincoln, grade: '2' })).id;
  call(h.createStudent({ firstName: 'Liam', lastName: 'Garcia', schoolId: lincoln, grade: '3' }));
  // A group session whose old-style note names a student, and a Saturday session: both for "Check my records".
  const db = app.db;
  db.prepare(
    `INSERT INTO sessions (id, date, start_time, minutes, setting, grouping, note) VALUES
      (900, '2026-10-13', '09:00', 30, 'pull_out', 'group', 'Liam at a field trip'),
      (901, '2026-10-17', '10:00', 30, 'pull_out', 'individual', NULL)`,
  ).run();
  db.prepare(
    `INSERT INTO attendance (session_id, student_id, code, minutes, date) VALUES
      (900, ?, 'present', 30, '2026-10-13'), (900, ?, 'student_unavailable', 30, '2026-10-13'),
      (901, ?, 'present', 30, '2026-10-17')`,
  ).run(ava, ava + 1, ava);
  await app.start();
});
afterAll(async () => app?.stop());

describe('transfers and exits from the student page, by keyboard', () => {
  it('transfers Ava to Washington, then records her exit, and the caseload lists her only under Exited', async () => {
    const p = app.page;
    await app.go(`/students/${ava}`);
    await p.getByText('School and enrollment', { exact: true }).click(); // folded until opened
    await p.getByRole('heading', { name: 'School and enrollment' }).waitFor();
    await p.getByRole('button', { name: 'Transfer…' }).focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: 'Transfer Ava Nguyen' });
    await dialog.waitFor();
    // Focus moves into the dialog; the only other school is chosen already.
    await expect.poll(() => dialog.evaluate((d) => d.contains(d.ownerDocument.activeElement))).toBe(true);
    expect(await dialog.getByLabel('New school', { exact: true }).inputValue()).not.toBe('');
    await dialog.getByLabel('First day at the new school').fill('2026-11-16');
    await dialog.getByLabel('Reason').focus();
    await p.keyboard.type('Family moved across town');
    await app.screenshot('60-transfer');
    expect(await app.axe()).toEqual([]);
    await p.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    const table = p.getByRole('region', { name: 'School and enrollment' });
    await expect.poll(() => table.first().innerText()).toMatch(/Washington Elementary\s+Nov 16, 2026\s+now/);
    await expect.poll(() => table.first().innerText()).toMatch(/Transferred: Family moved across town/);
    await p.getByText(/Washington Elementary · Grade 2/).waitFor();

    // Exit: the dialog refuses a last day before the enrollment began, then takes a good one.
    await p.getByRole('button', { name: 'Exit…' }).focus();
    await p.keyboard.press('Enter');
    const exit = p.getByRole('dialog', { name: 'Exit Ava Nguyen' });
    await exit.getByLabel('Last day served').fill('2026-11-17');
    await exit.getByLabel('Reason').fill('Moved out of district');
    await exit.getByLabel('Reason').press('Enter');
    await exit.waitFor({ state: 'hidden' });
    await p.getByRole('heading', { name: /Ava Nguyen\s+exited/ }).waitFor();
    await p.getByRole('button', { name: 'Reactivate…' }).waitFor();
    await app.screenshot('61-exited');
    await p.setViewportSize({ width: 1024, height: 800 });
    await app.screenshot('61-exited-1024');
    await p.setViewportSize({ width: 1280, height: 800 });

    // Off the active caseload, found under Exited.
    await app.nav(/^Caseload/);
    await expect.poll(() => p.getByRole('main').innerText()).not.toContain('Ava Nguyen');
    await p.getByLabel('Status').selectOption('exited');
    await p.getByRole('link', { name: 'Ava Nguyen' }).waitFor();
    const audit = call(app.handlers.listAudit({ limit: 5 }));
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['exited student', 'transferred student']);
  });

  it('"Check my records" lists the Saturday session and the group note that names a student', async () => {
    const p = app.page;
    await app.nav(/^Check my records/);
    await p.getByRole('heading', { name: 'Check my records' }).waitFor();
    const text = await p.getByRole('table').innerText();
    expect(text).toMatch(/Shared note names a student/);
    expect(text).toMatch(/Not a school day\s+Ava Nguyen/);
    await app.screenshot('62-check-records');
    expect(await app.axe()).toEqual([]);
  });
});
