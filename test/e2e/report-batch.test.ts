import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';
import { layoutProblems } from './layout-check';

// Progress reports for every school at once: mark reviewed, "Finalise all reviewed", "Save all as
// PDFs" into one folder; and the goal data page reached from the report editor and the student page.
let app: E2EApp;
const ids: Record<string, number> = {};
const goals: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-02');
  const h = app.handlers;
  call(h.updateSettings({ providerName: 'Jordan Rivera', credentials: 'OTR/L', district: 'Sample USD' }));
  const roster: Record<string, [string, string][]> = {
    'Lincoln Elementary': [
      ['Ava', 'Nguyen'],
      ['Liam', 'Garcia'],
    ],
    'Washington Middle': [
      ['Ava', 'Nguyen'],
      ['Noor', 'Haddad'],
    ],
  };
  for (const [school, students] of Object.entries(roster)) {
    const sc = call(h.createSchool({ name: school }));
    const year = call(
      h.createSchoolYear({ schoolId: sc.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
    );
    call(
      h.setReportingPeriods({
        schoolYearId: year.id,
        periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
      }),
    );
    for (const [k, [first, last]] of students.entries()) {
      const st = call(h.createStudent({ firstName: first, lastName: last, schoolId: sc.id, grade: '3' }));
      const key = `${first} ${school.split(' ')[0]}`;
      ids[key] = st.id;
      const plan = call(h.createPlan({ studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' }));
      goals[key] = call(
        h.createGoal({
          planId: plan.id,
          area: 'Handwriting',
          text: `${first} will copy a sentence legibly.`,
          criterion: '80% in 4 of 5 trials',
          measurement: 'trials',
          targetValue: 80,
        }),
      ).id;
      call(
        h.createSession({
          date: '2026-10-14',
          startTime: `${school.startsWith('L') ? '09' : '13'}:${k ? '30' : '00'}`,
          minutes: 30,
          setting: 'pull_out',
          grouping: 'individual',
          students: [{ studentId: st.id, code: 'present', goalData: [{ goalId: goals[key]!, correct: 6, total: 10 }] }],
        }),
      );
    }
  }
  await app.start();
});
afterAll(async () => app?.stop());

describe('progress reports for every school', () => {
  it('goal data is one link away from the report editor and from the student page, with the way back', async () => {
    const p = app.page;
    await app.go(`/reports`);
    await p.getByTestId('reports-table').waitFor();
    // The default is every school's current period: both schools' students are listed.
    expect(await p.getByTestId('reports-table').getByRole('row').count()).toBe(5);
    await p.getByRole('button', { name: 'Write report for Liam Garcia' }).click();
    await p.getByRole('heading', { name: /Liam Garcia: Quarter 1/ }).waitFor();
    // The chart's axes are labelled; at 1024 px the longest progress code shows whole in its select.
    const chart = p.locator('figure.chart').first();
    await chart.locator('.recharts-label').first().waitFor();
    expect(await chart.locator('.recharts-label').allTextContents()).toEqual(
      expect.arrayContaining(['Date', 'Level (%)']),
    );
    await p.setViewportSize({ width: 1024, height: 640 });
    await p.getByLabel('Progress code').selectOption('Making some progress, may not meet the goal');
    await app.screenshot('85-report-editor-1024');
    expect(await layoutProblems(p)).toEqual([]);
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.getByLabel('Progress code').selectOption({ index: 0 });
    await p.getByRole('link', { name: /All data for this goal/ }).click();
    await p.getByRole('heading', { name: 'Handwriting goal' }).waitFor();
    await p.getByText('Data over time').waitFor();
    expect(new URL(p.url()).hash).toBe(`#/goals/${goals['Liam Lincoln']}?report=${await periodOf('Liam Lincoln')}`);
    await app.screenshot('80-goal-from-report');
    await p.getByRole('link', { name: 'Back to the progress report' }).click();
    await p.getByRole('heading', { name: /Liam Garcia: Quarter 1/ }).waitFor();

    await app.go(`/students/${ids['Noor Washington']}`);
    await p.getByRole('link', { name: /Goal data for Handwriting/ }).click();
    await p.getByRole('heading', { name: 'Handwriting goal' }).waitFor();
    expect(new URL(p.url()).hash).toBe(`#/goals/${goals['Noor Washington']}`);
    await p.getByRole('link', { name: 'Noor Haddad' }).click();
    await p
      .getByRole('heading', { name: /Noor Haddad/ })
      .first()
      .waitFor();
  });

  it('marks drafts reviewed, finalises all reviewed at both schools by keyboard, and names the count first', async () => {
    const p = app.page;
    for (const who of ['Liam Lincoln', 'Noor Washington']) {
      await app.go(`/reports/${await periodOf(who)}/${ids[who]}`);
      const mark = p.getByRole('button', { name: 'Mark as reviewed' });
      await mark.focus();
      await p.keyboard.press('Enter');
      await p.getByRole('status').filter({ hasText: 'Marked as reviewed.' }).waitFor();
      await p.getByRole('button', { name: 'Reviewed ✓' }).waitFor();
    }
    await app.screenshot('81-report-reviewed');
    await app.go('/reports');
    await p.getByRole('cell', { name: 'Draft (version 1), reviewed' }).first().waitFor();
    const finaliseAll = p.getByRole('button', { name: 'Finalise all reviewed (2)…' });
    await finaliseAll.focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: 'Finalise 2 reviewed reports?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(
      'The 2 drafts marked reviewed for Quarter 1 at 2 schools become final',
    );
    await app.screenshot('82-finalise-all-confirm');
    expect(await app.axe()).toEqual([]);
    await dialog.getByRole('button', { name: 'Finalise 2 reports' }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('status').filter({ hasText: 'Finalised 2 reports.' }).waitFor();
    await p.getByRole('button', { name: 'Finalise all reviewed (0)…' }).waitFor();
    expect(await p.getByRole('cell', { name: /^Final, version 1/ }).count()).toBe(2);
    const audit = call(app.handlers.listAudit({ limit: 20 })).filter((a) => a.action === 'finalised report');
    expect(audit.map((a) => a.subject).sort()).toEqual(['Liam Garcia', 'Noor Haddad']);
  });

  it('saves every school’s reports into one folder chosen once, one uniquely named file per student', async () => {
    const p = app.page;
    await app.go('/reports');
    await p.getByTestId('reports-table').waitFor();
    await p.getByRole('button', { name: 'Save all as PDFs…' }).click();
    await p.getByText('Done: 4 of 4 PDFs written').waitFor();
    await app.screenshot('83-batch-all-schools');
    const files = readdirSync(app.exportDir)
      .filter((f) => f.endsWith('.pdf'))
      .sort();
    expect(files).toEqual([
      'All progress reports - Quarter 1 - Lincoln Elementary.pdf',
      'All progress reports - Quarter 1 - Washington Middle.pdf',
      'Ava Nguyen (Lincoln Elementary) - Quarter 1 progress report (draft).pdf',
      'Ava Nguyen (Washington Middle) - Quarter 1 progress report (draft).pdf',
      'Liam Garcia - Quarter 1 progress report.pdf',
      'Noor Haddad - Quarter 1 progress report.pdf',
    ]);
    const text = execFileSync('pdftotext', [join(app.exportDir, files[3]!), '-'], { encoding: 'utf8' });
    expect(text).toContain('Washington Middle');
    // At 1024 px the list's actions and its period choice fit.
    await p.setViewportSize({ width: 1024, height: 640 });
    await app.screenshot('84-reports-1024');
    expect(await layoutProblems(p)).toEqual([]);
    await p.setViewportSize({ width: 1280, height: 800 });
  });
});

async function periodOf(who: string): Promise<number> {
  const school = who.endsWith('Lincoln') ? 'Lincoln Elementary' : 'Washington Middle';
  return call(app.handlers.listReportingPeriods(undefined)).find((x) => x.schoolName === school)!.id;
}
