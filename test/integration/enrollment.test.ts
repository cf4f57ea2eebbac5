import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

// Two schools with the 2026-27 year (Wed 2026-08-26 to Fri 2027-06-11).
// Lincoln: Mon 2026-10-12 off. Washington: Mon 2026-11-09, Fri 2026-11-13 and the week of Nov 23–27 off.
// Ava: 60 min/week pull-out all year, at Lincoln until she transfers to Washington on Thu 2026-11-12.
let app: TestApp;
let lincoln: number;
let washington: number;
let ava: number;

beforeEach(() => {
  app = new TestApp('2026-11-30');
  lincoln = seedSchool(app, [{ startDate: '2026-10-12', label: "Indigenous Peoples' Day" }]).school.id;
  washington = app.call('createSchool', { name: 'Washington Elementary' }).id;
  const y = app.call('createSchoolYear', {
    schoolId: washington,
    label: '2026-27',
    firstDay: '2026-08-26',
    lastDay: '2027-06-11',
  });
  for (const c of [
    { startDate: '2026-11-09', label: 'Staff day' },
    { startDate: '2026-11-13', label: 'Staff day' },
    { startDate: '2026-11-23', endDate: '2026-11-27', label: 'Thanksgiving break' },
  ])
    app.call('addClosure', { schoolYearId: y.id, ...c });
  ava = seedStudent(app, lincoln).id;
  const plan = app.call('createPlan', { studentId: ava, startDate: '2026-08-26', endDate: '2027-06-11' });
  app.call('createServiceLine', {
    planId: plan.id,
    setting: 'pull_out',
    grouping: 'individual',
    interval: 'week',
    minutes: 60,
    startDate: '2026-08-26',
    endDate: '2027-06-11',
  });
});
afterEach(() => app.close());

const owed = (from: string, to: string) => app.call('studentMinutes', { studentId: ava, from, to }).owedTotal;
const session = (date: string, startTime = '09:00', extra: Record<string, unknown> = {}) => ({
  date,
  startTime,
  minutes: 30,
  setting: 'pull_out' as const,
  grouping: 'individual' as const,
  students: [{ studentId: ava, code: 'present' as const }],
  ...extra,
});

describe('transfers', () => {
  it('owed follows the new school from the transfer date; past weeks keep their figures', () => {
    // Before the transfer everything follows Lincoln (no closures in November):
    expect(owed('2026-10-12', '2026-10-18')).toBe(60); // 4 school days of 4
    expect(owed('2026-11-12', '2026-11-15')).toBe(24); // Thu–Fri: 2 of 5 days → 60 × 2/5
    expect(owed('2026-11-23', '2026-11-29')).toBe(60);
    app.call('createSession', session('2026-10-14'));

    const list = app.call('transferStudent', {
      studentId: ava,
      schoolId: washington,
      date: '2026-11-12',
      reason: 'Family moved',
    });
    expect(list.map((e) => [e.schoolName, e.startDate, e.endDate, e.endKind])).toEqual([
      ['Lincoln Elementary', null, '2026-11-11', 'transfer'],
      ['Washington Elementary', '2026-11-12', null, null],
    ]);
    // Past weeks unchanged:
    expect(owed('2026-10-12', '2026-10-18')).toBe(60);
    expect(app.call('studentMinutes', { studentId: ava, from: '2026-10-12', to: '2026-10-18' }).deliveredTotal).toBe(
      30,
    );
    // The week of the transfer: Mon–Wed follow Lincoln (3 school days), Thu follows Washington, Fri is
    // off there: 4 school days. Thu–Sun then owes 60 × 1/4 = 15, Mon–Wed 60 × 3/4 = 45.
    expect(owed('2026-11-12', '2026-11-15')).toBe(15);
    expect(owed('2026-11-09', '2026-11-11')).toBe(45);
    // Washington's Thanksgiving week owes nothing.
    expect(owed('2026-11-23', '2026-11-29')).toBe(0);
    // The student's school is now Washington; the detail lists both enrollments.
    const detail = app.call('getStudent', { id: ava });
    expect(detail.schoolId).toBe(washington);
    expect(detail.enrollments).toHaveLength(2);
    expect(app.call('getEnrollmentOn', { studentId: ava, date: '2026-11-11' })).toMatchObject({
      enrolled: true,
      calendarSchoolName: 'Lincoln Elementary',
    });
    expect(app.call('getEnrollmentOn', { studentId: ava, date: '2026-11-12' })).toMatchObject({
      enrolled: true,
      calendarSchoolName: 'Washington Elementary',
    });
    // Sessions follow Washington's calendar from the transfer: Fri Nov 13 is off there.
    expect(app.fail('createSession', session('2026-11-13')).message).toMatch(
      /2026-11-13 is not a school day for Ava Nguyen at Washington Elementary/,
    );
    app.call('createSession', session('2026-11-12'));
    // Each school's compliance view holds her for the dates she was there.
    const at = (schoolId: number, from: string, to: string) =>
      app.call('caseloadCompliance', { from, to, schoolId }).rows.map((r) => r.studentId);
    expect(at(lincoln, '2026-10-01', '2026-10-31')).toEqual([ava]);
    expect(at(lincoln, '2026-11-16', '2026-11-20')).toEqual([]);
    expect(at(washington, '2026-11-16', '2026-11-20')).toEqual([ava]);
    expect(app.call('listAudit', { limit: 5 })[0]).toMatchObject({ action: 'transferred student', studentId: ava });
  });

  it('refuses a transfer to the same school or before the enrollment began', () => {
    expect(
      app.fail('transferStudent', { studentId: ava, schoolId: lincoln, date: '2026-11-12', reason: 'x' }).field,
    ).toBe('schoolId');
    app.call('transferStudent', { studentId: ava, schoolId: washington, date: '2026-11-12', reason: 'moved' });
    expect(
      app.fail('transferStudent', { studentId: ava, schoolId: lincoln, date: '2026-11-12', reason: 'back' }).message,
    ).toMatch(/after the enrollment at Washington Elementary began/);
    expect(app.fail('transferStudent', { studentId: ava, schoolId: lincoln, date: '2026-11-20' }).field).toBe('reason');
  });
});

describe('exits and reactivation', () => {
  it('owes nothing after the exit, refuses sessions after it, and keeps the student in past figures', () => {
    app.today = '2026-12-09';
    app.call('createSession', session('2026-12-01'));
    // An exit before a logged session is refused: the session would be after it.
    expect(app.fail('exitStudent', { studentId: ava, date: '2026-11-30', reason: 'Moved away' }).message).toMatch(
      /1 session\(s\) are logged after 2026-11-30/,
    );
    app.call('exitStudent', { studentId: ava, date: '2026-12-02', reason: 'Moved away' });
    // Week of Mon Nov 30: served Mon–Wed, 3 of 5 school days → 60 × 3/5 = 36; the next week 0.
    expect(owed('2026-11-30', '2026-12-06')).toBe(36);
    expect(owed('2026-12-07', '2026-12-13')).toBe(0);
    expect(app.fail('createSession', session('2026-12-03')).message).toMatch(
      /Ava Nguyen exited on 2026-12-02; no session can be logged after the exit/,
    );
    // Off the active caseload, still searchable, still in the figures of the dates she was served.
    expect(app.call('listStudents', {}).map((s) => s.id)).not.toContain(ava);
    expect(app.call('listStudents', { status: 'all', search: 'Ava' }).map((s) => s.id)).toEqual([ava]);
    const week = (from: string, to: string) =>
      app.call('caseloadCompliance', { from, to }).rows.map((r) => r.studentId);
    expect(week('2026-11-30', '2026-12-06')).toEqual([ava]);
    expect(week('2026-12-07', '2026-12-13')).toEqual([]);
    expect(app.call('listAudit', { limit: 5 })[0]).toMatchObject({ action: 'exited student' });

    // Reactivated on Wed Dec 9: Wed–Fri of a 5-day week → 60 × 3/5 = 36.
    app.call('reactivateStudent', { studentId: ava, date: '2026-12-09' });
    expect(owed('2026-12-07', '2026-12-13')).toBe(36);
    expect(owed('2026-12-03', '2026-12-08')).toBe(0); // the days between stay unowed
    expect(app.call('getStudent', { id: ava }).status).toBe('active');
    expect(app.fail('createSession', session('2026-12-08')).message).toMatch(/exited on 2026-12-02/);
    app.call('createSession', session('2026-12-09'));
  });

  it('a student enrolled from a date has nothing owed and no session before it', () => {
    const late = app.call('createStudent', {
      firstName: 'Zoe',
      lastName: 'Park',
      schoolId: lincoln,
      enrolledFrom: '2026-10-14',
    });
    const plan = app.call('createPlan', { studentId: late.id, startDate: '2026-08-26', endDate: '2027-06-11' });
    app.call('createServiceLine', {
      planId: plan.id,
      setting: 'push_in',
      grouping: 'individual',
      interval: 'week',
      minutes: 30,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
    // Week of Mon Oct 12 (holiday): 4 school days, enrolled from Wed → 30 × 3/4 = 22.5.
    expect(app.call('studentMinutes', { studentId: late.id, from: '2026-10-12', to: '2026-10-18' }).owedTotal).toBe(
      22.5,
    );
    expect(app.call('studentMinutes', { studentId: late.id, from: '2026-09-01', to: '2026-10-11' }).owedTotal).toBe(0);
    const e = app.fail('createSession', {
      ...session('2026-10-13'),
      students: [{ studentId: late.id, code: 'present' }],
    });
    expect(e.message).toMatch(/Zoe Park is enrolled from 2026-10-14/);
    expect(e.field).toBe('date');
  });
});
