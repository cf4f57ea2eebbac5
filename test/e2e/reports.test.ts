import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

let app: E2EApp;
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-02');
  const h = app.handlers;
  call(
    h.updateSettings({
      providerName: 'Jordan Rivera',
      credentials: 'OTR/L',
      district: 'Sample Unified School District',
    }),
  );
  const school = call(h.createSchool({ name: 'Lincoln Elementary' }));
  const year = call(
    h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
  );
  call(
    h.setReportingPeriods({
      schoolYearId: year.id,
      periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
    }),
  );
  const names = [
    ['Ava', 'Nguyen'],
    ['Liam', 'Garcia'],
    ['Mia', 'Smith'],
  ] as const;
  names.forEach(([first, last], k) => {
    const st = call(
      h.createStudent({ firstName: first, lastName: last, schoolId: school.id, grade: '2', dateOfBirth: '2018-04-02' }),
    );
    const plan = call(h.createPlan({ studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' }));
    call(
      h.createServiceLine({
        planId: plan.id,
        setting: 'pull_out',
        grouping: 'individual',
        interval: 'week',
        sessionsCount: 1,
        minutesPerSession: 30,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      }),
    );
    call(
      h.createServiceLine({
        planId: plan.id,
        setting: 'push_in',
        grouping: 'individual',
        interval: 'week',
        minutes: 30,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      }),
    );
    call(
      h.createGoal({
        planId: plan.id,
        area: 'Handwriting',
        text: `${first} will copy a 3-sentence passage with correct letter formation and spacing.`,
        criterion: '80% legibility in 4 of 5 trials',
        baseline: '40% legible letters',
        measurement: 'trials',
        targetValue: 80,
      }),
    );
    call(
      h.createGoal({
        planId: plan.id,
        area: 'Sensory regulation',
        text: `${first} will use a regulation strategy to return to task within 2 minutes.`,
        criterion: '4 of 5 opportunities',
        measurement: 'count',
        targetValue: 4,
      }),
    );
    // Weekly pull-out in September and October.
    for (const [i, date] of [
      '2026-09-09',
      '2026-09-16',
      '2026-09-23',
      '2026-09-30',
      '2026-10-07',
      '2026-10-14',
      '2026-10-21',
      '2026-10-28',
    ].entries()) {
      call(
        h.createSession({
          date,
          startTime: `${String(8 + k).padStart(2, '0')}:00`,
          minutes: 30,
          setting: 'pull_out',
          grouping: 'individual',
          students: [{ studentId: st.id, code: 'present' }],
        }),
      );
      if (i % 2 === 0)
        call(
          h.createSession({
            date,
            startTime: `${String(12 + k)}:00`,
            minutes: 30,
            setting: 'push_in',
            grouping: 'individual',
            students: [{ studentId: st.id, code: 'present' }],
          }),
        );
    }
  });
  await app.start();
});
afterAll(async () => app?.stop());

describe('from logged sessions to a finalised progress report and its PDF', () => {
  it('enters goal data, drafts, finalises and exports the PDF; the PDF says what it must', async () => {
    const p = app.page;
    // Goal data for Ava through the session form: four sessions of trials, rising.
    const ava = call(app.handlers.listStudents({ status: 'active' })).find((s) => s.firstName === 'Ava')!;
    const sessions = call(
      app.handlers.listSessions({ studentId: ava.id, from: '2026-10-01', to: '2026-10-31' }),
    ).filter((s) => s.setting === 'pull_out');
    for (const [i, s] of [...sessions].reverse().entries()) {
      await app.go(`/sessions/${s.id}`);
      await p
        .getByRole('group', { name: /^Ava Nguyen/ })
        .locator('summary')
        .click();
      await p.getByLabel('Handwriting correct for Ava Nguyen').fill(String(4 + i));
      await p.getByLabel('Handwriting trials for Ava Nguyen').fill('10');
      await p.getByLabel('Handwriting prompt level for Ava Nguyen').selectOption('verbal');
      await p.getByRole('button', { name: 'Save changes' }).click();
      await p.waitForURL((u) => !u.hash.includes('/sessions/'));
    }
    await app.go(`/goals/${call(app.handlers.getStudent({ id: ava.id })).plans[0]!.goals[0]!.id}`);
    await p.getByText('Data over time').waitFor();
    await app.screenshot('30-goal-chart');
    expect(await app.axe()).toEqual([]);

    await app.nav(/^Progress reports/);
    await p.getByTestId('reports-table').waitFor();
    await p.getByRole('button', { name: 'Write report for Ava Nguyen' }).click();
    await p.getByRole('heading', { name: /Ava Nguyen: Quarter 1/ }).waitFor();
    const narrative = p.getByLabel('Narrative').first();
    expect(await narrative.inputValue()).toBe(
      'Across 4 sessions from Oct 7 to Oct 28, accuracy rose from 40% to 70% with verbal prompts; the goal is 80%.',
    );
    expect(await p.getByLabel('Progress code').first().inputValue()).toBe(
      'Making sufficient progress to meet the goal',
    );
    expect(await p.getByLabel('Narrative').nth(1).inputValue()).toBe(
      'No data was recorded for this goal from Aug 26 to Oct 31.',
    );
    await narrative.fill(
      'Across 4 sessions from Oct 7 to Oct 28, accuracy rose from 40% to 70% with verbal prompts; the goal is 80%. <b>Ava</b> now self-corrects spacing.',
    );
    await p.getByLabel('Progress code').nth(1).selectOption('Not yet introduced');
    await app.screenshot('31-report-editor');
    expect(await app.axe()).toEqual([]);
    await p.getByRole('button', { name: 'Finalise…' }).click();
    await p.getByRole('button', { name: 'Finalise report' }).click();
    await p.getByText(/This version was finalised on Nov 2, 2026/).waitFor();
    expect(await p.getByLabel('Narrative').first().getAttribute('readonly')).not.toBeNull();
    await p.getByRole('button', { name: 'Save as PDF…' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await p.getByRole('button', { name: 'Print…' }).click();
    await p.getByRole('status').filter({ hasText: 'Sent to the printer.' }).waitFor();
    expect(app.printed).toHaveLength(1);

    const pdf = readdirSync(app.exportDir).find((f) => f.startsWith('Ava Nguyen - Quarter 1'))!;
    expect(pdf).toBe('Ava Nguyen - Quarter 1 progress report.pdf');
    const text = pdfText(join(app.exportDir, pdf));
    for (const expected of [
      'IEP Progress Report: Occupational Therapy',
      'Ava Nguyen',
      'April 2, 2018',
      'Lincoln Elementary',
      'Quarter 1: August 26, 2026 – October 31, 2026',
      'Jordan Rivera, OTR/L',
      'will copy a 3-sentence passage',
      'Progress: Making sufficient progress to meet the goal',
      'Progress: Not yet introduced',
      '<b>Ava</b> now self-corrects spacing.',
      'No data was recorded for this goal',
      'Signature',
    ]) {
      expect(text).toContain(expected);
    }
    // Minutes by setting in the period: 30/week each line over Aug 26 – Oct 31 = 300 owed each;
    // delivered: 8 pull-out sessions (240) and 4 push-in (120).
    expect(text).toMatch(/Pull-out\s+300\s+240/);
    expect(text).toMatch(/Push-in\s+300\s+120/);
    expect(text).toMatch(/Total\s+600\s+360/);
    execFileSync('pdftoppm', ['-png', '-r', '60', join(app.exportDir, pdf), join(SHOTS, '32-report-pdf')]);

    // The year ends: the student's whole record, for the next therapist, in one PDF.
    await app.go(`/students/${ava.id}`);
    await p.getByRole('button', { name: 'Records for handover…' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved the records for handover' }).waitFor();
    const packet = pdfText(join(app.exportDir, 'Ava Nguyen - records for handover.pdf'));
    for (const expected of [
      'Occupational Therapy Records for Handover',
      'IEP August 26, 2026 – June 11, 2027',
      '1 × 30 min',
      'Occupational Therapy Service Log',
      'August 26, 2026 – November 2, 2026',
      'Progress: Making sufficient progress to meet the goal',
      '1 finalised',
    ]) {
      expect(packet).toContain(expected);
    }
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '2',
      join(app.exportDir, 'Ava Nguyen - records for handover.pdf'),
      join(SHOTS, '36-handover'),
    ]);
  });

  it('saves every student’s report for the period in one go, with a combined PDF', async () => {
    const p = app.page;
    await app.nav(/^Progress reports/);
    await p.getByRole('button', { name: 'Save all as PDFs…' }).click();
    await p.getByText('Done: 3 of 3 PDFs written').waitFor();
    await app.screenshot('33-batch');
    const files = readdirSync(app.exportDir)
      .filter((f) => f.endsWith('.pdf') && f.includes('progress report'))
      .sort();
    expect(files).toEqual([
      'All progress reports - Quarter 1 - Lincoln Elementary.pdf',
      'Ava Nguyen - Quarter 1 progress report.pdf',
      'Liam Garcia - Quarter 1 progress report (draft).pdf',
      'Mia Smith - Quarter 1 progress report (draft).pdf',
    ]);
    const combined = pdfText(join(app.exportDir, files[0]!));
    for (const n of ['Ava Nguyen', 'Liam Garcia', 'Mia Smith']) expect(combined).toContain(n);
    expect(combined).toContain('1 (draft)');
    const pages = execFileSync('pdfinfo', [join(app.exportDir, files[0]!)], { encoding: 'utf8' }).match(
      /Pages:\s+(\d+)/,
    )![1];
    expect(Number(pages)).toBeGreaterThanOrEqual(3);
    expect(readdirSync(app.exportDir).some((f) => f.endsWith('.partial'))).toBe(false);
  });

  it('an export folder that cannot be written gives a clear error and writes nothing', async () => {
    const locked = join(app.exportDir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    try {
      const students = call(app.handlers.listStudents({ status: 'active' }));
      const periodId = call(app.handlers.listReportingPeriods(undefined))[0]!.id;
      const r = await app.handlers.exportProgressReportPdf({
        studentId: students[0]!.id,
        periodId,
        folder: join(app.exportDir, 'missing'),
      });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.error.message).toMatch(
          /could not save to .*missing: it does not exist\. Choose another folder; nothing was written\./,
        );
      if (process.getuid?.() !== 0) {
        const r2 = await app.handlers.exportProgressReportPdf({ studentId: students[0]!.id, periodId, folder: locked });
        expect(r2.ok).toBe(false);
      }
      expect(readdirSync(locked)).toEqual([]);
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it('service log PDF and CSV come out of the records screen', async () => {
    const p = app.page;
    await app.nav(/^Records/);
    await p.getByLabel('From').fill('2026-10-01');
    await p.getByLabel('To', { exact: true }).fill('2026-10-31');
    await p.getByTestId('service-log').getByText('Oct 7').first().waitFor();
    await p.getByRole('button', { name: 'Save CSV…' }).click();
    await p.getByRole('status').filter({ hasText: 'rows' }).waitFor();
    await p.getByRole('button', { name: 'Save PDF…' }).click();
    await p.getByRole('status').filter({ hasText: '.pdf' }).waitFor();
    await app.screenshot('34-records');
    expect(await app.axe()).toEqual([]);
    const csv = readdirSync(app.exportDir).find((f) => f.endsWith('.csv'))!;
    const lines = readFileSync(join(app.exportDir, csv), 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Student,Student ID,Date,Start,End,Minutes,Setting,Grouping,Group size,Attendance,Makeup,Goals addressed,Note',
    );
    expect(lines.filter((l) => l.includes('2026-10-')).length).toBe(6);
    const logPdf = readdirSync(app.exportDir).find((f) => f.includes('service log') && f.endsWith('.pdf'))!;
    expect(pdfText(join(app.exportDir, logPdf))).toContain('Occupational Therapy Service Log');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(app.exportDir, logPdf),
      join(SHOTS, '35-service-log-pdf'),
    ]);
  });
});
