import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWeeklyLines } from '../helpers/db';
import { E2EApp, SHOTS, call } from './harness';

let app: E2EApp;
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const ids: Record<string, number> = {};
// A loaded machine (two cores shared) can take seconds for a refresh or a PDF: wait up to 15 s.
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Today is Wed 2026-10-14; Mon 10-12 is a holiday at Lincoln.
  app = new E2EApp('2026-10-14');
  const h = app.handlers;
  for (const name of ['Lincoln Elementary', 'Oak Middle']) {
    const school = call(h.createSchool({ name }));
    ids[name] = school.id;
    const year = call(
      h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
    );
    if (name === 'Lincoln Elementary')
      call(h.addClosure({ schoolYearId: year.id, startDate: '2026-10-12', label: "Indigenous Peoples' Day" }));
  }
  for (const [first, last, school, setting, minutes] of [
    ['Ava', 'Nguyen', 'Lincoln Elementary', 'pull_out', 60],
    ['Ben', 'Ortiz', 'Lincoln Elementary', 'pull_out', 30],
    ['Cara', 'Lee', 'Oak Middle', 'push_in', 30],
  ] as const) {
    const st = call(h.createStudent({ firstName: first, lastName: last, schoolId: ids[school]!, grade: '3' }));
    ids[first] = st.id;
    const plan = seedWeeklyLines(app, st.id, [setting, minutes]);
    call(h.createGoal({ planId: plan.id, area: 'Fine motor', text: `${first} cuts on a line`, measurement: 'trials' }));
  }
  // A week of slots: a Mon/Wed group at Lincoln, then Cara at Oak on Wednesdays 15 minutes later.
  call(
    h.createSlot({
      schoolId: ids['Lincoln Elementary']!,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-10-12',
      recurrence: { kind: 'weekdays', days: [0, 2] },
      studentIds: [ids['Ava']!, ids['Ben']!],
    }),
  );
  call(
    h.createSlot({
      schoolId: ids['Oak Middle']!,
      startTime: '09:45',
      endTime: '10:15',
      setting: 'push_in',
      grouping: 'individual',
      startDate: '2026-10-12',
      recurrence: { kind: 'weekdays', days: [1, 2] },
      studentIds: [ids['Cara']!],
    }),
  );
  await app.start();
});
afterAll(async () => app?.stop());

describe("the therapist's week: slots across two schools, today's agenda, logging from the plan", () => {
  it('sets travel and an A/B rotation, adds a rotation slot, and the week shows colours and conflicts', async () => {
    const p = app.page;
    await app.nav(/^Schools/);
    await p.getByRole('heading', { name: /^Schedule settings/ }).waitFor();
    await p.getByRole('heading', { name: /^Schedule settings/ }).click(); // folded until opened
    await p.getByLabel('Rotation days (empty: none)').fill('A, B');
    await p.getByLabel('Day 1 of the rotation').fill('2026-10-05');
    await p.getByRole('button', { name: 'Save schedule settings' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await p.getByLabel('Travel minutes to Oak Middle').fill('20');
    await p.getByLabel('Miles to Oak Middle').fill('6.5');
    await p.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => call(app.handlers.getScheduleSetup(undefined)).travel)
      .toEqual([{ schoolA: ids['Lincoln Elementary'], schoolB: ids['Oak Middle'], minutes: 20, miles: 6.5 }]);
    await app.screenshot('40-schools-schedule');

    await app.nav(/^Week/);
    await p.getByRole('button', { name: 'Add slot…' }).click();
    const dialog = p.getByRole('dialog', { name: 'Add a slot' });
    await dialog.getByLabel('Starts').fill('11:00');
    await dialog.getByLabel('Ends').fill('11:30');
    await dialog.getByLabel('Grouping').selectOption('individual');
    await dialog.getByRole('radio', { name: /On rotation days \(A\/B\)/ }).check();
    await dialog.getByRole('group', { name: 'Rotation days' }).getByRole('checkbox', { name: 'A' }).check();
    await dialog.getByLabel('First date').fill('2026-10-13');
    await dialog.getByRole('checkbox', { name: 'Ava Nguyen' }).check();
    await dialog.getByRole('button', { name: 'Add slot' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // A days from Mon 10-05: Mon A, Tue B, Wed A, Thu B, Fri 10-09 A, (holiday), Tue 10-13 B, Wed 10-14 A, Thu B, Fri 10-16 A.
    const day = (name: RegExp) => p.getByRole('region', { name });
    await poll(() => day(/^Wed 2026-10-14/).innerText()).toMatch(/11:00–11:30 · day A/);
    expect(await day(/^Tue 2026-10-13/).innerText()).not.toMatch(/11:00/);
    expect(await day(/^Fri 2026-10-16/).innerText()).toMatch(/11:00–11:30 · day A/);
    // 15 minutes from Lincoln (ends 09:30) to Oak (starts 09:45) with 20 minutes of travel.
    const alert = p.getByRole('alert').filter({ hasText: 'conflict' });
    expect(await alert.innerText()).toMatch(/Wed Oct 14: not enough travel time, 15 min from Lincoln Elementary/);
    await app.screenshot('41-week');
    expect(await app.axe()).toEqual([]);
    await p.setViewportSize({ width: 1024, height: 800 });
    await app.screenshot('41-week-1024');
    await p.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens on the agenda and logs three sessions with the keyboard only', async () => {
    const p = app.page;
    await app.go('/compliance');
    const table = p.getByTestId('compliance-table');
    await table.waitFor();
    // Cara's Wednesday slot plans the 30 minutes still owed this week: not at risk (status empty).
    await poll(() => table.innerText()).toMatch(/Cara Lee\s+Oak Middle\s+18\s+0\s+0%\s+0\s+0\s+0\s+0\s+0\s+—/);

    // A school day with sessions planned: the app opens on today's agenda, the first session focused.
    await p.goto(app.url);
    await p.getByRole('heading', { name: /Today's agenda/ }).waitFor();
    const cards = p.locator('[data-occurrence]');
    // Today's three, then Cara's Tuesday at Oak, neither logged nor cancelled.
    await poll(() => cards.count()).toBe(4);
    await p.getByRole('heading', { name: 'Not logged (1)' }).waitFor();
    expect(await p.locator('.gap').first().innerText()).toMatch(/15 min free · travel to Oak Middle: 20 min/);
    await poll(() => cards.nth(0).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await app.screenshot('42-agenda');
    expect(await app.axe()).toEqual([]);
    // Only the opening screen turns into the agenda: choosing Caseload, even after a reload on the
    // agenda, shows the caseload; then back to the agenda with its shortcut.
    await p.reload();
    await p.getByRole('heading', { name: /Today's agenda/ }).waitFor();
    await app.nav(/^Caseload/);
    await p.getByRole('heading', { name: 'Caseload', exact: true }).waitFor();
    await p.keyboard.press('Control+t');
    await p.getByRole('heading', { name: /Today's agenda/ }).waitFor();
    await poll(() => cards.nth(0).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    // 1. The 09:00 group with changes: Ben absent, Ava's goal data.
    await p.keyboard.press('l');
    await p.getByRole('heading', { name: 'Log a planned session' }).waitFor();
    await p.getByRole('group', { name: /^Ben Ortiz/ }).waitFor();
    expect(await p.getByLabel('Start time').inputValue()).toBe('09:00');
    expect(await p.getByLabel('Grouping').inputValue()).toBe('group');
    await p.getByLabel('Attendance for Ben Ortiz').focus();
    await p.getByLabel('Attendance for Ben Ortiz').selectOption('student_absent');
    await p
      .getByRole('group', { name: /^Ava Nguyen/ })
      .locator('summary')
      .focus();
    await p.keyboard.press('Enter');
    await p.getByLabel('Fine motor correct for Ava Nguyen').fill('4');
    await p.getByLabel('Fine motor trials for Ava Nguyen').fill('5');
    await p.keyboard.press('Control+Enter');
    await p.getByRole('heading', { name: /Today's agenda/ }).waitFor();
    await poll(() => cards.nth(0).innerText()).toMatch(/Logged/);

    // 2. Cara at Oak, cancelled: provider absent (a training day).
    await cards.nth(0).focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('c');
    const cancel = p.getByRole('dialog', { name: 'Cancel this session' });
    await cancel.waitFor();
    expect(await cancel.getByLabel('Reason').inputValue()).toBe('provider_absent');
    await p.keyboard.press('Tab');
    await p.keyboard.type('Training day');
    await p.keyboard.press('Enter');
    await cancel.waitFor({ state: 'hidden' });
    await poll(() => cards.nth(1).innerText()).toMatch(/Cancelled/);

    // 3. Ava's A-day slot, done as planned with one key; undo, and done again.
    await cards.nth(1).focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('d');
    await poll(() => cards.nth(2).innerText()).toMatch(/Logged/);
    await p.keyboard.press('u');
    await poll(() => cards.nth(2).innerText()).toMatch(/Planned/);
    await cards.nth(2).focus();
    await p.keyboard.press('d');
    await poll(() => cards.nth(2).innerText()).toMatch(/Logged/);
    await app.screenshot('43-agenda-logged');
    expect(await app.axe()).toEqual([]);

    // The session keeps its link to the occurrence.
    const agenda = call(app.handlers.getAgenda({ date: '2026-10-14' }));
    expect(agenda.occurrences.map((o) => o.status)).toEqual(['logged', 'cancelled', 'logged']);
    const s = call(app.handlers.getSession({ id: agenda.occurrences[0]!.sessionId! }));
    expect(s.students.map((x) => [x.name, x.code, x.goalData.length])).toEqual([
      ['Ava Nguyen', 'present', 1],
      ['Ben Ortiz', 'student_absent', 0],
    ]);

    // Compliance, week of the 12th to date (Tue 13, Wed 14 of 4 days at Lincoln; 5 at Oak, Mon–Wed 3):
    // Ava owes 60 × 2/4 = 30, got 30 + 30 = 60; Cara owes 30 × 3/5 = 18, got 0, missed by me 30, makeup owed 30,
    // and with nothing left planned this week her 30 minutes are at risk.
    await app.nav(/^Compliance/);
    await poll(() => table.innerText()).toMatch(/Ava Nguyen\s+Lincoln Elementary\s+30\s+60\s+200%/);
    await expect
      .poll(() => table.innerText())
      .toMatch(/Cara Lee\s+Oak Middle\s+18\s+0\s+0%\s+0\s+30\s+30\s+0\s+0\s+at risk/);
    await poll(() => table.innerText()).toMatch(/Ben Ortiz\s+Lincoln Elementary\s+15\s+0\s+0%\s+30\s+0\s+0/);
    await app.screenshot('44-compliance');
    await p.getByRole('link', { name: 'Cara Lee' }).first().click();
    await p.getByRole('heading', { name: /Cara Lee/ }).waitFor();
    await poll(() => p.getByTestId('makeup-owed').first().innerText()).toBe('30 min');
    await p.getByText('Schedule coverage', { exact: true }).click(); // folded until opened
    expect(await p.getByRole('region', { name: 'Schedule coverage' }).innerText()).toMatch(
      /Push-in: planned 60\/week, owed 30\/week: 30 over/,
    );
    await app.screenshot('45-student-coverage');

    // Cara's open makeup goes into free time at Oak: M on her cancelled session, then a free time.
    await app.nav(/^Today/);
    await poll(() => cards.nth(1).innerText()).toMatch(/1 makeup owed/);
    await cards.nth(1).focus();
    await p.keyboard.press('m');
    const makeup = p.getByRole('dialog', { name: 'Schedule makeups into free time' });
    const times = makeup.getByRole('group', { name: /^Free times for Wed Oct 14 09:45/ });
    // Thu 10-15 is free at Oak from 08:00 (nothing planned there on Thursdays).
    await times.getByRole('button', { name: 'Thu Oct 15 08:00' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('status').filter({ hasText: 'Makeup booked Thu Oct 15 08:00' }).waitFor();
    const booked = call(app.handlers.getAgenda({ date: '2026-10-15' })).occurrences;
    expect(booked.map((o) => [o.startTime, o.school, o.label, o.students.map((x) => x.name)])).toEqual([
      ['08:00', 'Oak Middle', 'Makeup for 2026-10-14', ['Cara L.']],
    ]);
  });

  it('prints the week: the therapist’s, and one school’s for its teachers', async () => {
    const p = app.page;
    await app.go('/week?date=2026-10-14');
    await p.getByRole('button', { name: 'Coverage', exact: true }).click();
    // The caseload's coverage: Cara has 60 + 30 (the makeup) planned for 30 owed this week, Ava 90 for 60.
    const coverage = p.getByRole('region', { name: /^Coverage: students under- or over-scheduled/ });
    await expect
      .poll(() => coverage.innerText())
      .toMatch(/Cara Lee\s+Oak Middle\s+Push-in: planned 90\/week, owed 30\/week: 60 over/);
    expect(await coverage.innerText()).toMatch(
      /Ava Nguyen\s+Lincoln Elementary\s+Pull-out: planned 90\/week, owed 60\/week: 30 over/,
    );
    await app.screenshot('46-week-coverage');
    await p.getByRole('button', { name: 'Save as PDF…' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    await p.getByLabel('Which week to print').selectOption({ label: 'for teachers at Oak Middle' });
    await p.getByRole('button', { name: 'Save as PDF…' }).click();
    await poll(() => readdirSync(app.exportDir).filter((f) => f.endsWith('.pdf')).length).toBe(2);
    const files = readdirSync(app.exportDir);
    const mine = files.find((f) => f.startsWith('My week'))!;
    const oak = files.find((f) => f.startsWith('Oak Middle'))!;
    const all = pdfText(join(app.exportDir, mine));
    expect(all).toMatch(/Ava N\./);
    expect(all).toMatch(/Cara L\./);
    expect(all).toMatch(/Conflicts:/);
    const teachers = pdfText(join(app.exportDir, oak));
    expect(teachers).toMatch(/OT schedule at Oak Middle/);
    expect(teachers).toMatch(/Cara L\./);
    expect(teachers).not.toMatch(/Ava|Ben|Nguyen|Lee\b/);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(app.exportDir, mine), join(SHOTS, '46-week-pdf')]);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(app.exportDir, oak), join(SHOTS, '47-week-pdf-oak')]);
  });
});
