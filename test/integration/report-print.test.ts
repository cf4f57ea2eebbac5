import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoverHtml } from '../../electron/reports/handover';
import { progressReportHtml } from '../../electron/reports/progress-report';
import { serviceLogCsv, serviceLogHtml } from '../../electron/reports/service-log';
import { TestApp, seedSchool } from '../helpers/db';

// What the printed records say (issue 11): a miss in the service log, the report's chart and its
// "No data was recorded".
let app: TestApp;
let ava: number;
let liam: number;
let periodId: number;
let goalId: number;
let bareGoalId: number;

beforeEach(() => {
  app = new TestApp('2026-11-02');
  const { school, year } = seedSchool(app);
  periodId = app.call('setReportingPeriods', {
    schoolYearId: year.id,
    periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
  }).periods[0]!.id;
  ava = app.call('createStudent', { firstName: 'Ava', lastName: 'Nguyen', schoolId: school.id, grade: '2' }).id;
  liam = app.call('createStudent', { firstName: 'Liam', lastName: 'Garcia', schoolId: school.id, grade: '2' }).id;
  const plan = app.call('createPlan', { studentId: ava, startDate: '2026-08-26', endDate: '2027-06-11' });
  goalId = app.call('createGoal', {
    planId: plan.id,
    area: 'Handwriting',
    text: 'will copy a sentence',
    criterion: '80%',
    measurement: 'trials',
    targetValue: 80,
  }).id;
  bareGoalId = app.call('createGoal', { planId: plan.id, area: 'Self-care', text: 'will zip a coat' }).id;
  // A group of two on Oct 7 (Ava present 6/10, Liam absent) and Ava alone on Oct 28 (8/10).
  app.call('createSession', {
    date: '2026-10-07',
    startTime: '09:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'group',
    students: [
      { studentId: ava, code: 'present', goalData: [{ goalId, correct: 6, total: 10 }] },
      { studentId: liam, code: 'student_absent' },
    ],
  });
  app.call('createSession', {
    date: '2026-10-28',
    startTime: '09:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    students: [{ studentId: ava, code: 'present', goalData: [{ goalId, correct: 8, total: 10 }] }],
  });
});
afterEach(() => app.close());

describe('the service log of a miss', () => {
  it('shows 0 minutes delivered and the group’s size on screen, in the PDF and in the CSV', () => {
    const log = app.call('getServiceLog', { studentId: liam, from: '2026-10-01', to: '2026-10-31' });
    // Liam was absent from a 30-minute group of two: delivered 0, group size 2 (both students).
    expect(log.rows.map((r) => [r.code, r.delivered, r.studentsInSession])).toEqual([['student_absent', 0, 2]]);
    const csv = Papa.parse<Record<string, string>>(serviceLogCsv(log), { header: true, skipEmptyLines: true }).data;
    expect(csv.map((r) => [r['Attendance'], r['Minutes'], r['Group size']])).toEqual([['Student absent', '0', '2']]);
    expect(serviceLogHtml(log)).toContain('<dt>Minutes delivered</dt><dd>0</dd>');
    // Ava, present in the same group: her 30 minutes, the same group of 2.
    const hers = app.call('getServiceLog', { studentId: ava, from: '2026-10-01', to: '2026-10-31' });
    expect(hers.rows.map((r) => [r.delivered, r.studentsInSession])).toEqual([
      [30, 2],
      [30, 1],
    ]);
    const herCsv = Papa.parse<Record<string, string>>(serviceLogCsv(hers), { header: true, skipEmptyLines: true }).data;
    expect(herCsv.map((r) => [r['Minutes'], r['Group size']])).toEqual([
      ['30', '2'],
      ['30', '1'],
    ]);
  });
});

describe('the printed progress report', () => {
  const count = (text: string, what: string) => text.split(what).length - 1;

  it('says "No data was recorded" once for a goal without data, whatever its narrative', () => {
    const view = app.call('getProgressReport', { studentId: ava, periodId });
    const html = progressReportHtml([view]);
    expect(count(html, 'No data was recorded')).toBe(1);
    // An edited narrative that no longer says it: the notice says it, once.
    const goals = view.goals.map((g) => ({
      goalId: g.goalId,
      code: g.suggestedCode,
      narrative: g.goalId === bareGoalId ? 'Not introduced yet; we start after winter break.' : g.narrative,
    }));
    const edited = app.call('saveProgressReport', { studentId: ava, periodId, goals });
    expect(count(progressReportHtml([edited]), 'No data was recorded')).toBe(1);
  });

  it('draws the goal’s data with labelled axes: level with its unit, dates, and both titles', () => {
    const html = progressReportHtml([app.call('getProgressReport', { studentId: ava, periodId })]);
    const svg = html.match(/<svg class="spark"[\s\S]*?<\/svg>/)![0];
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    // 0 and the top of the scale (100%), the first and last dates, the axis titles.
    expect(texts).toEqual(['0%', '100%', 'Oct 7', 'Oct 28', 'Date', 'Level (%)']);
    expect(svg).toMatch(/transform="rotate\(-90/);
  });
});

describe('the handover packet', () => {
  it('names the student atop every page after the first and numbers every page', () => {
    const detail = app.call('getStudent', { id: ava });
    const log = app.call('getServiceLog', { studentId: ava, from: '2026-08-26', to: '2026-11-02' });
    const html = handoverHtml(detail, log, [app.call('getProgressReport', { studentId: ava, periodId })], '2026-11-02');
    expect(html).toContain('@top-left { content: "Ava Nguyen · records for handover"');
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages)');
    expect(html).toContain('@page :first { @top-left { content: none; } }');
  });
});
