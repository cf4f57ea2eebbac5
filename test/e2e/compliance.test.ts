import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

// Today Fri 2026-11-13, docs/domain.md's example. "This week" is Mon Nov 9 – Sun Nov 15 (Wed 11 off).
let app: E2EApp;
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-13');
  const h = app.handlers;
  const school = call(h.createSchool({ name: 'Lincoln Elementary' }));
  const year = call(
    h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
  );
  call(h.addClosure({ schoolYearId: year.id, startDate: '2026-11-11', label: 'Veterans Day' }));
  const student = (
    first: string,
    last: string,
    lines: ['push_in' | 'pull_out' | 'consult', 'week' | 'month', number][],
  ) => {
    const st = call(h.createStudent({ firstName: first, lastName: last, schoolId: school.id, grade: '3' }));
    const plan = call(h.createPlan({ studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' }));
    for (const [setting, interval, minutes] of lines) {
      call(
        h.createServiceLine({
          planId: plan.id,
          setting,
          grouping: 'individual',
          interval,
          minutes,
          startDate: '2026-08-26',
          endDate: '2027-06-11',
        }),
      );
    }
    return st.id;
  };
  const log = (studentId: number, date: string, startTime: string, setting: 'push_in' | 'pull_out', minutes: number) =>
    call(
      h.createSession({
        date,
        startTime,
        minutes,
        setting,
        grouping: 'individual',
        students: [{ studentId, code: 'present' }],
      }),
    );
  // Grace: push-in 30/week and consult 120/month; push-in given Tue; the consult is planned for later.
  const grace = student('Grace', 'Kim', [
    ['push_in', 'week', 30],
    ['consult', 'month', 120],
  ]);
  log(grace, '2026-11-10', '09:00', 'push_in', 30);
  // Earlier weeks were kept: push-in each week, and October's consult.
  for (const d of ['2026-10-27', '2026-11-03']) log(grace, d, '09:00', 'push_in', 30);
  call(
    h.createSession({
      date: '2026-10-21',
      startTime: '13:00',
      minutes: 120,
      setting: 'consult',
      grouping: 'individual',
      students: [{ studentId: grace, code: 'present' }],
    }),
  );
  // Owen: push-in 2 × 30 weekly, logged twice as pull-out this week, and so too last week.
  const owen = student('Owen', 'Price', [['push_in', 'week', 60]]);
  log(owen, '2026-10-27', '10:00', 'push_in', 60);
  for (const [d, t] of [
    ['2026-11-03', '10:00'],
    ['2026-11-05', '10:00'],
    ['2026-11-10', '10:00'],
    ['2026-11-12', '10:00'],
  ] as const) {
    log(owen, d, t, 'pull_out', 30);
  }
  // Ada: pull-out 30/week, given: nothing left this week.
  const ada = student('Ada', 'Lopez', [['pull_out', 'week', 30]]);
  for (const d of ['2026-10-27', '2026-11-03', '2026-11-12']) log(ada, d, '11:00', 'pull_out', 30);
  await app.start();
});
afterAll(async () => app?.stop());

describe('Compliance judged per setting and interval', () => {
  it('this week: a monthly consult not yet due is not flagged behind; minutes in the wrong setting are shown as extra', async () => {
    const p = app.page;
    await app.nav(/^Compliance/);
    const table = p.getByTestId('compliance-table');
    await table.waitFor();
    const text = () => table.innerText();
    // Grace: owed to date 30 + 120 × 4/20 = 54 (the old pace: 56%), but no interval has ended: not behind;
    // November's consult (120 by Nov 30, nothing planned) is at risk.
    await expect
      .poll(text)
      .toMatch(
        /Grace Kim\s+Lincoln Elementary\s+54\s+30\s+56%(\s+\d+){5}\s+at risk\s+—\s+Consult 120 left, 0 planned, by Nov 30/,
      );
    expect(await text()).not.toMatch(/Grace Kim[^\n]*behind/);
    // Owen: 60 of 60 delivered this week, 100% the old way; push-in 60 remains, 60 pull-out extra.
    expect(await text()).toMatch(
      /Owen Price\s+Lincoln Elementary\s+60\s+60\s+100%(\s+\d+){5}\s+at risk\s+—\s+Push-in 60 left, 0 planned, by Nov 15\s+Pull-out 60/,
    );
    // Ada: nothing left this week, nothing extra: no flag.
    expect(await text()).toMatch(/Ada Lopez\s+Lincoln Elementary\s+30\s+30\s+100%(\s+\d+){5}\s+—[\t ]*(\n|$)/);
    expect(await p.getByTestId('behind-count').innerText()).toBe('0');
    expect(await p.getByTestId('at-risk-count').innerText()).toBe('2');
    await app.screenshot('50-compliance-week');
    expect(await app.axe()).toEqual([]);

    // This month: Owen's first week of November has ended with no push-in: behind, short 60 push-in.
    await p.getByRole('radio', { name: 'This month' }).click();
    await expect.poll(text).toMatch(/Owen Price[^\n]*behind[^\n]*Push-in 60\s/);
    expect(await p.getByTestId('behind-count').innerText()).toBe('1');

    // Sort by "Extra" from the keyboard: Owen first; again to reverse.
    await p.getByRole('button', { name: 'Extra' }).focus();
    await p.keyboard.press('Enter');
    const firstRow = () => table.locator('tbody tr').first().innerText();
    await expect.poll(firstRow).toMatch(/^Owen Price/);
    expect(await table.getByRole('columnheader', { name: /Extra/ }).getAttribute('aria-sort')).toBe('descending');
    await p.keyboard.press('Enter');
    await expect.poll(firstRow).not.toMatch(/^Owen Price/);
    await p.getByRole('button', { name: 'Student', exact: true }).click();
    await expect.poll(firstRow).toMatch(/^Ada Lopez/);

    await p.setViewportSize({ width: 1024, height: 768 });
    await app.screenshot('51-compliance-month-1024');
    await p.setViewportSize({ width: 1280, height: 800 });
  });

  it('saves the view as PDF and CSV with the same columns, and both are in History', async () => {
    const p = app.page;
    await p.getByRole('button', { name: 'Save PDF…' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const pdf = readdirSync(app.exportDir).find((f) => f.endsWith('.pdf'))!;
    expect(pdf).toBe('Compliance 2026-11-01 to 2026-11-30.pdf');
    const text = pdfText(join(app.exportDir, pdf));
    expect(text).toContain('Service minutes compliance');
    // Names wrap in their narrow column: Owen's row starts "Owen  Lincoln  120  120  100% … behind,  50%  Push-in 60".
    expect(text).toMatch(/Owen\s+Lincoln\s+120\s+120\s+100%(\s+\d+){5}\s+behind,\s+50%\s+Push-in 60/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(app.exportDir, pdf),
      join(SHOTS, '52-compliance-pdf'),
    ]);

    await p.getByRole('button', { name: 'Save CSV…' }).click();
    await p.getByRole('status').filter({ hasText: '.csv' }).waitFor();
    const csv = readdirSync(app.exportDir).find((f) => f.endsWith('.csv'))!;
    const lines = readFileSync(join(app.exportDir, csv), 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^From,To,Grade,Student,School,Owed to date,Delivered,/);
    expect(lines.find((l) => l.includes('Owen Price'))).toMatch(/,"behind, at risk",50%,Push-in 60,/);
    const audit = call(app.handlers.listAudit({ limit: 5 }));
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['exported compliance', 'exported compliance']);
  });
});
