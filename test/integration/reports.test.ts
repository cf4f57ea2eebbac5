import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { medicaidLog, serviceLog } from '../../electron/db/queries/reports';
import { progressReportHtml } from '../../electron/reports/progress-report';
import { medicaidCsv, serviceLogCsv } from '../../electron/reports/service-log';
import { TestApp, seedSchool, seedWeeklyLines } from '../helpers/db';

let app: TestApp;
let ava: number;
let liam: number;
let goalId: number;
let bareGoalId: number;
let periodId: number;

beforeEach(() => {
  app = new TestApp('2026-11-02');
  const { school, year } = seedSchool(app);
  const y = app.call('setReportingPeriods', {
    schoolYearId: year.id,
    periods: [
      { label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' },
      { label: 'Quarter 2', startDate: '2026-11-01', endDate: '2027-01-22', dueDate: '2027-01-29' },
    ],
  });
  periodId = y.periods[0]!.id;
  app.call('updateSettings', {
    providerName: 'Jordan Rivera',
    credentials: 'OTR/L',
    district: 'Sample USD',
    npi: '1234567893',
  });
  ava = app.call('createStudent', {
    firstName: 'Ava',
    lastName: 'Nguyen',
    schoolId: school.id,
    grade: '2',
    dateOfBirth: '2018-04-02',
    medicaidId: 'MC1001',
  }).id;
  liam = app.call('createStudent', {
    firstName: '=HYPERLINK("x")',
    lastName: 'Garcia',
    schoolId: school.id,
    grade: '3',
    medicaidId: 'MC1002',
  }).id;
  for (const id of [ava, liam]) {
    const plan = seedWeeklyLines(app, id, ['pull_out', 30]);
    const g = app.call('createGoal', {
      planId: plan.id,
      area: 'Handwriting',
      text: 'will copy a sentence legibly',
      criterion: '80% in 4 of 5 trials',
      measurement: 'trials',
      targetValue: 80,
    });
    if (id === ava) {
      goalId = g.id;
      bareGoalId = app.call('createGoal', { planId: plan.id, area: 'Self-care', text: 'will zip a coat' }).id;
    }
  }
  // Four weekly group sessions in October with Ava's data rising 40 → 70%.
  ['2026-10-07', '2026-10-14', '2026-10-21', '2026-10-28'].forEach((date, i) => {
    app.call('createSession', {
      date,
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'group',
      note: i === 0 ? '<script>alert(1)</script>' : null,
      students: [
        { studentId: ava, code: 'present', goalData: [{ goalId, correct: 4 + i, total: 10, prompt: 'verbal' }] },
        { studentId: liam, code: i === 3 ? 'student_absent' : 'present' },
      ],
    });
  });
});
afterEach(() => app.close());

describe('progress reports', () => {
  it('drafts from the data, saves, finalises and then refuses every change', () => {
    const fresh = app.call('getProgressReport', { studentId: ava, periodId });
    expect(fresh.status).toBe('new');
    const g = fresh.goals.find((x) => x.goalId === goalId)!;
    expect(g.summary).toMatchObject({ points: 4, first: 40, latest: 70, trend: 'rising' });
    expect(g.narrative).toBe(
      'Across 4 sessions from Oct 7 to Oct 28, accuracy rose from 40% to 70% with verbal prompts; the goal is 80%.',
    );
    expect(g.suggestedCode).toBe('Making sufficient progress to meet the goal');
    const bare = fresh.goals.find((x) => x.goalId === bareGoalId)!;
    expect(bare.criterion).toBeNull();
    expect(bare.summary.points).toBe(0);
    expect(bare.narrative).toBe('No data was recorded for this goal from Aug 26 to Oct 31.');
    expect(bare.suggestedCode).toBe('Not yet introduced');
    // Minutes: Aug 26 – Oct 31, 30/week: Aug 26–28 is 3 of 3 school days that week (30), then 9 full weeks (270) = 300 owed.
    expect(fresh.minutes.owedTotal).toBe(300);
    expect(fresh.minutes.deliveredTotal).toBe(120);

    const goals = fresh.goals.map((x) => ({ goalId: x.goalId, code: x.suggestedCode, narrative: x.narrative }));
    goals[0]!.narrative += ' Ava now forms letters with a tripod grasp.';
    const draft = app.call('saveProgressReport', { studentId: ava, periodId, goals });
    expect(draft.status).toBe('draft');
    expect(draft.goals[0]!.narrative).toContain('tripod grasp');
    const final = app.call('finaliseProgressReport', { studentId: ava, periodId, goals });
    expect(final).toMatchObject({ status: 'final', version: 1, finalizedAt: '2026-11-02T15:00:00Z' });

    // New data after finalising does not change the finalised version.
    app.call('createSession', {
      date: '2026-10-30',
      startTime: '10:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: ava, code: 'present', goalData: [{ goalId, correct: 9, total: 10 }] }],
    });
    expect(app.call('getProgressReport', { studentId: ava, periodId }).goals[0]!.summary.points).toBe(4);

    const before = app.snapshot();
    expect(app.fail('saveProgressReport', { studentId: ava, periodId, goals }).message).toMatch(
      /finalised and cannot change/,
    );
    expect(app.fail('finaliseProgressReport', { studentId: ava, periodId, goals }).message).toMatch(
      /finalised and cannot change/,
    );
    expect(() => app.db.prepare("UPDATE progress_reports SET content = '{}'").run()).toThrow(/cannot be changed/);
    expect(app.snapshot()).toBe(before);

    // A correction is a new version; the old one stays as it was.
    const v2 = app.call('correctProgressReport', { studentId: ava, periodId });
    expect(v2).toMatchObject({ status: 'draft', version: 2 });
    expect(v2.goals[0]!.summary.points).toBe(5);
    expect(v2.goals[0]!.narrative).toContain('tripod grasp');
    const v1 = app.call('getProgressReport', { studentId: ava, periodId, version: 1 });
    expect(v1.status).toBe('final');
    expect(v1.goals[0]!.summary.points).toBe(4);
    expect(app.call('listProgressReports', { periodId }).find((r) => r.studentId === ava)).toMatchObject({
      status: 'draft',
      version: 2,
    });
  });

  it('refuses a code outside the settings, an unknown goal, and finalising without codes', () => {
    const before = app.snapshot();
    expect(
      app.fail('saveProgressReport', { studentId: ava, periodId, goals: [{ goalId, code: 'Great!', narrative: '' }] }),
    ).toMatchObject({ field: 'goals.0.code' });
    expect(
      app.fail('saveProgressReport', { studentId: ava, periodId, goals: [{ goalId: 9999, code: '', narrative: '' }] }),
    ).toMatchObject({ field: 'goals.0.goalId' });
    expect(
      app.fail('finaliseProgressReport', { studentId: ava, periodId, goals: [{ goalId, code: '', narrative: 'x' }] })
        .message,
    ).toMatch(/choose a progress code/);
    expect(app.snapshot()).toBe(before);
  });

  it('prints text as text: HTML in a narrative is escaped, never run', () => {
    const r = app.call('getProgressReport', { studentId: ava, periodId });
    r.goals[0]!.narrative = '<img src=x onerror=alert(1)> & <script>alert(2)</script>';
    const html = progressReportHtml([r]);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('page-break-inside: avoid');
  });
});

describe('district records', () => {
  it('the service log lists each session with group size, attendance, goals and note; the CSV neutralises formulas', () => {
    const log = serviceLog(app.db, liam, '2026-10-01', '2026-10-31');
    expect(log.rows.map((r) => [r.date, r.startTime, r.endTime, r.groupSize, r.code])).toEqual([
      ['2026-10-07', '09:00', '09:30', 2, 'present'],
      ['2026-10-14', '09:00', '09:30', 2, 'present'],
      ['2026-10-21', '09:00', '09:30', 2, 'present'],
      ['2026-10-28', '09:00', '09:30', 1, 'student_absent'],
    ]);
    const csv = serviceLogCsv(log);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe(
      'Student,Student ID,Date,Start,End,Minutes,Setting,Grouping,Group size,Attendance,Makeup,Goals addressed,Note',
    );
    const parsed = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data;
    expect(parsed[1]![0]).toBe('\'=HYPERLINK("x") Garcia');
    const avaCsv = serviceLogCsv(serviceLog(app.db, ava, '2026-10-01', '2026-10-31'));
    const avaRows = Papa.parse<string[]>(avaCsv.trim(), { newline: '\r\n' }).data;
    expect(avaRows[1]!.at(-2)).toBe('Handwriting');
    expect(avaRows[1]!.at(-1)).toBe('<script>alert(1)</script>');
  });

  it('the Medicaid log bills group only with 2+ present, one-to-one otherwise, with the NPI', () => {
    const { rows, notes } = medicaidLog(app.db, '2026-10');
    const oct28 = rows.filter((r) => r.date === '2026-10-28');
    expect(oct28).toEqual([
      expect.objectContaining({ studentName: 'Ava Nguyen', cptCode: '97530', groupSize: 1, providerNpi: '1234567893' }),
    ]);
    expect(rows.filter((r) => r.date === '2026-10-07').map((r) => r.cptCode)).toEqual(['97150', '97150']);
    expect(notes).toEqual([]);
    const csv = medicaidCsv(rows);
    expect(csv).toContain('\'=HYPERLINK(""x"") Garcia');
    expect(csv.split('\r\n').length).toBe(rows.length + 2);
  });
});
