import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

// Today Fri 2026-11-13. Quarter 1 (Aug 26 – Oct 31) was due Sat Nov 7: 6 days overdue.
let app: TestApp;
let periodId: number;
let students: number[];

beforeEach(() => {
  app = new TestApp('2026-11-13');
  const { school, year } = seedSchool(app);
  periodId = app.call('setReportingPeriods', {
    schoolYearId: year.id,
    periods: [
      { label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' },
      { label: 'Quarter 2', startDate: '2026-11-01', endDate: '2027-01-22', dueDate: '2027-01-29' },
    ],
  }).periods[0]!.id;
  students = ['Ava', 'Ben', 'Cal'].map((n, i) => {
    const id = seedStudent(app, school.id, n, 'Lee').id;
    // Ava's IEP is up for review on Nov 6 (overdue, never renewed); the others run to June.
    const plan = app.call('createPlan', {
      studentId: id,
      startDate: i === 0 ? '2025-11-07' : '2026-08-26',
      endDate: i === 0 ? '2026-11-06' : '2027-06-11',
    });
    app.call('createGoal', { planId: plan.id, area: 'Fine motor', text: `${n} will cut`, measurement: 'trials' });
    return id;
  });
  // A student with no goals needs no report.
  seedStudent(app, school.id, 'Dee', 'Lee');
});
afterEach(() => app.close());

const finalise = (studentId: number) => {
  const r = app.call('getProgressReport', { studentId, periodId });
  app.call('finaliseProgressReport', {
    studentId,
    periodId,
    goals: r.goals.map((g) => ({ goalId: g.goalId, code: r.codes[0]!, narrative: g.draftNarrative })),
  });
};

describe('deadlines that stay until done', () => {
  it('an overdue period stays with its counts until every report is final', () => {
    const q1 = () => app.call('listDeadlines').find((d) => d.kind === 'progress_report');
    // Three students with goals, none final: "Quarter 1: 0 of 3 final", due Nov 7, 6 days overdue.
    expect(q1()).toMatchObject({
      label: 'Progress reports, Quarter 1: 0 of 3 final',
      dueDate: '2026-11-07',
      overdue: true,
      daysOverdue: 6,
      reports: { final: 0, total: 3, periodId },
    });
    finalise(students[0]!);
    finalise(students[1]!);
    expect(q1()?.label).toBe('Progress reports, Quarter 1: 2 of 3 final');
    // The reports list agrees: 2 final of the 3 that have goals.
    const list = app.call('listProgressReports', { periodId });
    expect(list.filter((r) => r.goals > 0 && r.status === 'final')).toHaveLength(2);
    finalise(students[2]!);
    expect(q1()).toBeUndefined();
  });

  it('an annual review past its date stays, with the days overdue, until the IEP dates are updated', () => {
    const review = () =>
      app.call('listDeadlines').find((d) => d.kind === 'annual_review' && d.studentId === students[0]);
    expect(review()).toMatchObject({ dueDate: '2026-11-06', overdue: true, daysOverdue: 7 });
    app.call('createPlan', { studentId: students[0]!, startDate: '2026-11-07', endDate: '2027-11-06' });
    expect(review()).toBeUndefined();
  });

  it('the reports list counts the goals of the IEP the report is on, not of every IEP in the period', () => {
    // Ava's old IEP (1 goal) ended Nov 6; a new one from Nov 7 has 2 goals. Quarter 2 (Nov 1 – Jan 22)
    // reports on the IEP in effect at its end: the new one, 2 goals.
    const plan = app.call('createPlan', { studentId: students[0]!, startDate: '2026-11-07', endDate: '2027-11-06' });
    for (const t of ['cut', 'copy']) {
      app.call('createGoal', { planId: plan.id, area: 'Fine motor', text: `Ava will ${t}`, measurement: 'trials' });
    }
    const q2 = app.call('listReportingPeriods').find((p) => p.label === 'Quarter 2')!.id;
    const row = app.call('listProgressReports', { periodId: q2 }).find((r) => r.studentId === students[0])!;
    const report = app.call('getProgressReport', { studentId: students[0]!, periodId: q2 });
    expect(report.goals).toHaveLength(2);
    expect(row.goals).toBe(2);
  });
});
