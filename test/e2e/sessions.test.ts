import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

let app: E2EApp;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-10-14');
  // Seed through the real handlers: one school, its year with a Monday holiday, four students with lines.
  const h = app.handlers;
  const school = call(h.createSchool({ name: 'Lincoln Elementary' }));
  const year = call(
    h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
  );
  call(h.addClosure({ schoolYearId: year.id, startDate: '2026-10-12', label: "Indigenous Peoples' Day" }));
  for (const [first, last, setting, minutes] of [
    ['Ava', 'Nguyen', 'pull_out', 60],
    ['Liam', 'Garcia', 'pull_out', 30],
    ['Mia', 'Smith', 'push_in', 30],
    ['Noah', 'Okafor', 'pull_out', 30],
  ] as const) {
    const st = call(h.createStudent({ firstName: first, lastName: last, schoolId: school.id, grade: '2' }));
    const plan = call(h.createPlan({ studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' }));
    call(
      h.createServiceLine({
        planId: plan.id,
        setting,
        grouping: 'group',
        maxGroupSize: 4,
        interval: 'week',
        sessionsCount: minutes / 30,
        minutesPerSession: 30,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      }),
    );
    call(
      h.createGoal({
        planId: plan.id,
        area: 'Fine motor',
        text: `${first} will cut along a curved line`,
        criterion: '80% accuracy in 4 of 5 trials',
        measurement: 'trials',
        targetValue: 80,
      }),
    );
  }
  await app.start();
});
afterAll(async () => app?.stop());

describe('a school morning: logging a group of four from the keyboard', () => {
  it('logs the session without the mouse and the numbers change on the student page and the compliance view', async () => {
    const p = app.page;
    await app.go('/compliance');
    await p.getByTestId('compliance-table').waitFor();
    // Issue 8: no week has ended, so nobody is behind; all four have this week's minutes left, none planned.
    expect(await p.getByTestId('behind-count').innerText()).toBe('0');
    expect(await p.getByTestId('at-risk-count').innerText()).toBe('4');

    await p.keyboard.press('Control+l');
    const picker = p.getByLabel('Students (type a name, Enter to add)');
    await picker.waitFor();
    expect(await picker.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    for (const name of ['Ava', 'Liam', 'Mia', 'Noah']) {
      await p.keyboard.type(name);
      await p.getByRole('option', { name: new RegExp(name) }).waitFor();
      await p.keyboard.press('Enter');
      await p.getByRole('group', { name: new RegExp(`^${name}`) }).waitFor();
    }
    // Setting and minutes came from the first student's service line; four students make a group.
    expect(await p.getByLabel('Setting', { exact: true }).inputValue()).toBe('pull_out');
    expect(await p.getByLabel('Minutes', { exact: true }).inputValue()).toBe('30');
    expect(await p.getByLabel('Grouping').inputValue()).toBe('group');
    // Keyboard only: focus each attendance select and choose with the keys.
    await p.getByLabel('Attendance for Liam Garcia').focus();
    await p.keyboard.press('Tab'); // to Liam's minutes
    await p.keyboard.type('20');
    await p.getByLabel('Attendance for Mia Smith').focus();
    await p.getByLabel('Attendance for Mia Smith').selectOption('provider_absent');
    await p.getByLabel('Attendance for Noah Okafor').focus();
    await p.getByLabel('Attendance for Noah Okafor').selectOption('student_absent');
    await p.getByLabel('Date').fill('2026-10-13');
    await p.getByLabel('Start time').fill('09:00');
    await p
      .getByRole('group', { name: /^Ava Nguyen/ })
      .locator('summary')
      .focus();
    await p.keyboard.press('Enter');
    await p.getByLabel('Fine motor correct for Ava Nguyen').fill('7');
    await p.getByLabel('Fine motor trials for Ava Nguyen').fill('10');
    await p.getByLabel('Note').fill('Scissor skills, curved lines.');
    await app.screenshot('10-log-session');
    expect(await app.axe()).toEqual([]);
    await p.keyboard.press('Control+Enter');
    await p.getByRole('status').filter({ hasText: 'Saved:' }).waitFor();

    // The same students again at an overlapping time: refused, naming the field, nothing written.
    await picker.fill('Ava');
    await p.keyboard.press('Enter');
    await p.getByLabel('Date').fill('2026-10-13');
    await p.getByLabel('Start time').fill('09:15');
    await p.keyboard.press('Control+Enter');
    await p
      .getByRole('alert')
      .filter({ hasText: 'Ava Nguyen is already in a session on 2026-10-13 at 09:00' })
      .waitFor();
    expect(await p.getByLabel('Start time').getAttribute('aria-invalid')).toBe('true');

    await app.nav(/^Compliance/);
    // The refused session is still in the form: leaving asks; keep it as a draft.
    await app.answerLeave('Keep as draft and leave');
    // Cached figures show at once and refresh after the write: wait for the fresh ones.
    const table = p.getByTestId('compliance-table');
    const row = (re: RegExp) => expect.poll(() => table.innerText(), { timeout: 5000 }).toMatch(re);
    // Week of the 12th to date (Tue 13, Wed 14 of 4 instructional days): Ava owes 60 × 2/4 = 30, got 30.
    await row(/Ava Nguyen\s+Lincoln Elementary\s+30\s+30\s+100%\s+0\s+0\s+0\s+30/);
    // Liam 15 owed to date, 20 credited (left early from the 30).
    await row(/Liam Garcia\s+Lincoln Elementary\s+15\s+20\s+133%/);
    // Mia: provider absent → 30 missed by me, 30 makeup owed.
    await row(/Mia Smith\s+Lincoln Elementary\s+15\s+0\s+0%\s+0\s+30\s+30\s+0\s+0\s+at risk/);
    // Noah: student absent → missed by the student, no makeup owed.
    await row(/Noah Okafor\s+Lincoln Elementary\s+15\s+0\s+0%\s+30\s+0\s+0\s+0\s+0\s+at risk/);
    // Ava and Liam are ahead of pace but still owe part of this week (Ava 30, Liam 10): at risk, not behind.
    await row(/Ava Nguyen\s+Lincoln Elementary(\s+\S+){8}\s+at risk\s+—\s+Pull-out 30 left, 0 planned, by Oct 18/);
    expect(await p.getByTestId('behind-count').innerText()).toBe('0');
    await app.screenshot('11-compliance');
    expect(await app.axe()).toEqual([]);

    await p.getByRole('link', { name: 'Mia Smith' }).click();
    await p.getByRole('heading', { name: /Mia Smith/ }).waitFor();
    expect(await p.getByTestId('makeup-owed').first().innerText()).toBe('30 min');
    // The whole ledger is folded under its title: opened, it stays open on the way back.
    await p.getByText('Makeup ledger (this school year)').click();
    const ledger = await p.getByTestId('ledger').innerText();
    expect(ledger).toMatch(/Tue Oct 13 09:00\s+Provider absent\s+30\s+Yes\s+—\s+30/);

    // Make it up from Mia's page: the makeup picker offers the open miss.
    await p.getByRole('button', { name: 'Log session' }).click();
    await p.getByRole('group', { name: /^Mia Smith/ }).waitFor();
    await p.getByLabel('Start time').fill('13:00');
    await p.getByRole('checkbox', { name: /Tue Oct 13 09:00 · Provider absent · 30 min owed/ }).check();
    await p.getByRole('button', { name: 'Save session' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved:' }).waitFor();
    await p.goBack();
    await p.getByTestId('ledger').waitFor();
    await expect.poll(() => p.getByTestId('makeup-owed').first().innerText(), { timeout: 5000 }).toBe('0 min');
    await expect
      .poll(() => p.getByTestId('ledger').innerText(), { timeout: 5000 })
      .toMatch(/Provider absent\s+30\s+Yes\s+Wed Oct 14 \(30 min\)\s+0/);
    await app.screenshot('12-student-makeup');
  });

  it('shows the sample caseload as a therapist would see it', async () => {
    // A second, fresh app with the sample caseload for screenshots of a full year.
    const sample = new E2EApp('2026-11-18');
    try {
      call(sample.handlers.loadSampleCaseload(undefined));
      await sample.start();
      await sample.page.getByRole('heading', { name: 'Caseload', exact: true }).waitFor();
      await sample.page.getByRole('row').nth(10).waitFor();
      await sample.screenshot('20-sample-caseload');
      expect(await sample.axe()).toEqual([]);
      await sample.page.getByRole('table').getByRole('link').first().click();
      await sample.page.getByText('Weekly minutes this school year').waitFor();
      await sample.page.getByRole('tab', { name: /School year/ }).click();
      await sample.screenshot('21-sample-student');
      expect(await sample.axe()).toEqual([]);
      await sample.nav(/^Compliance/);
      await sample.page.getByRole('radio', { name: 'School year' }).click();
      await sample.page.getByTestId('compliance-table').waitFor();
      await sample.screenshot('22-sample-compliance');
      expect(await sample.axe()).toEqual([]);
    } finally {
      await sample.stop();
    }
  });
});
