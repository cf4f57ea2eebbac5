import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/api/contract';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

// This year (2026-27) at Lincoln: Wed 2026-08-26 to Fri 2027-06-11, with the holidays and breaks below.
const CLOSURES = [
  { label: 'Labor Day', startDate: '2026-09-07' },
  { label: 'Thanksgiving break', startDate: '2026-11-25', endDate: '2026-11-27' },
  { label: 'Winter break', startDate: '2026-12-21', endDate: '2027-01-01' },
  { label: 'Martin Luther King Jr. Day', startDate: '2027-01-18' },
  { label: 'Spring break', startDate: '2027-03-22', endDate: '2027-03-26' },
  { label: 'Memorial Day', startDate: '2027-05-31' },
];

let app: TestApp;
let ids: { lincoln: number; roosevelt: number; year: number; ava: number; liam: number; mia: number };

beforeEach(() => {
  app = new TestApp('2027-06-01');
  const { school, year } = seedSchool(app, CLOSURES);
  app.call('setReportingPeriods', {
    schoolYearId: year.id,
    periods: [
      { label: 'Trimester 1', startDate: '2026-08-26', endDate: '2026-11-20', dueDate: '2026-12-04' },
      { label: 'Trimester 2', startDate: '2026-11-21', endDate: '2027-03-05', dueDate: '2027-03-19' },
      { label: 'Trimester 3', startDate: '2027-03-06', endDate: '2027-06-11', dueDate: '2027-06-18' },
    ],
  });
  const roosevelt = app.call('createSchool', { name: 'Roosevelt Middle' });
  app.call('copyCalendar', { fromSchoolYearId: year.id, toSchoolId: roosevelt.id });
  const ava = seedStudent(app, school.id, 'Ava', 'Nguyen');
  const liam = seedStudent(app, roosevelt.id, 'Liam', 'Garcia');
  const mia = seedStudent(app, school.id, 'Mia', 'Smith');
  // Ava's IEP runs on into next year: pull-out 60/week and consult 600 a school year.
  const plan = app.call('createPlan', { studentId: ava.id, startDate: '2026-10-01', endDate: '2027-09-30' });
  for (const [setting, interval, minutes] of [
    ['pull_out', 'week', 60],
    ['consult', 'year', 600],
  ] as const) {
    app.call('createServiceLine', {
      planId: plan.id,
      setting,
      grouping: 'individual',
      interval,
      minutes,
      startDate: '2026-10-01',
      endDate: '2027-09-30',
    });
  }
  // Liam's IEP ends before next year: his annual review is due.
  const lp = app.call('createPlan', { studentId: liam.id, startDate: '2026-08-26', endDate: '2027-05-14' });
  app.call('createServiceLine', {
    planId: lp.id,
    setting: 'push_in',
    grouping: 'individual',
    interval: 'week',
    minutes: 30,
    startDate: '2026-08-26',
    endDate: '2027-05-14',
  });
  const one = (date: string, code: 'present' | 'provider_absent', makeupFor: number[] = []) =>
    app.call('createSession', {
      date,
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: ava.id, code, makeupFor }],
    });
  one('2026-10-13', 'present');
  one('2026-10-20', 'provider_absent');
  one('2026-10-22', 'present', [app.call('listOpenMisses', { studentId: ava.id })[0]!.attendanceId]);
  one('2027-05-04', 'provider_absent');
  app.call('createSession', {
    date: '2027-05-05',
    startTime: '10:00',
    minutes: 30,
    setting: 'push_in',
    grouping: 'individual',
    students: [{ studentId: liam.id, code: 'present' }],
  });
  // Mia moved away.
  app.call('updateStudent', {
    id: mia.id,
    firstName: 'Mia',
    lastName: 'Smith',
    schoolId: school.id,
    grade: '2',
    status: 'exited',
  });
  ids = { lincoln: school.id, roosevelt: roosevelt.id, year: year.id, ava: ava.id, liam: liam.id, mia: mia.id };
});
afterEach(() => app.close());

const lastYear = { from: '2026-08-26', to: '2027-06-11' };

/** Every figure of last year a therapist or a report can ask for. */
function lastYearFigures() {
  return {
    ava: app.call('studentMinutes', { studentId: ids.ava, ...lastYear }),
    liam: app.call('studentMinutes', { studentId: ids.liam, ...lastYear }),
    avaOverview: app.call('studentOverview', { id: ids.ava }),
    caseload: app.call('caseloadCompliance', lastYear),
    periods: app.call('listReportingPeriods').filter((p) => p.schoolYear === '2026-27'),
    log: app.call('getServiceLog', { studentId: ids.ava, ...lastYear }),
    // The year summary's list of years gains next year; its figures stay.
    summary: { ...app.call('getYearSummary', { label: '2026-27' }), labels: null },
  };
}

function confirmedInput(): Input<'startNextYear'> {
  const preview = app.call('previewNextYear');
  return {
    schools: preview.schools.flatMap((s) =>
      s.proposal && s.from
        ? [
            {
              fromSchoolYearId: s.from.id,
              label: s.proposal.label,
              firstDay: s.proposal.firstDay,
              lastDay: s.proposal.lastDay,
              closures: s.proposal.closures.map(({ label, startDate, endDate }) => ({ label, startDate, endDate })),
              periods: s.proposal.periods,
            },
          ]
        : [],
    ),
  };
}

describe('starting the next school year', () => {
  it('proposes next year from this year’s shape, with holidays on their rules and breaks to confirm', () => {
    const preview = app.call('previewNextYear');
    expect(preview.schools.map((s) => s.schoolName)).toEqual(['Lincoln Elementary', 'Roosevelt Middle']);
    const lincoln = preview.schools[0]!;
    expect(lincoln.from?.label).toBe('2026-27');
    expect(lincoln.skipped).toBeNull();
    // First day: the 4th Wednesday of August (2026-08-26 → 2027-08-25); last day: the 2nd Friday of June
    // (2027-06-11 → 2028-06-09).
    expect(lincoln.proposal).toMatchObject({ label: '2027-28', firstDay: '2027-08-25', lastDay: '2028-06-09' });
    // Labor Day: 1st Monday of September 2027 = 09-06. Thanksgiving 2027 is Thu 11-25: Wed-Fri 24-26.
    // Winter break from the 3rd Monday of December (2027: Mondays 6, 13, 20) for 12 days.
    // MLK Day: 3rd Monday of January 2028 (Mondays 3, 10, 17). Spring break from the 4th Monday of March 2028
    // (6, 13, 20, 27). Memorial Day: last Monday of May 2028 (1, 8, 15, 22, 29).
    expect(lincoln.proposal!.closures.map((c) => [c.label, c.startDate, c.endDate, c.confirm])).toEqual([
      ['Labor Day', '2027-09-06', '2027-09-06', false],
      ['Thanksgiving break', '2027-11-24', '2027-11-26', true],
      ['Winter break', '2027-12-20', '2027-12-31', true],
      ['Martin Luther King Jr. Day', '2028-01-17', '2028-01-17', false],
      ['Spring break', '2028-03-27', '2028-03-31', true],
      ['Memorial Day', '2028-05-29', '2028-05-29', false],
    ]);
    expect(lincoln.proposal!.periods.map((p) => p.label)).toEqual(['Trimester 1', 'Trimester 2', 'Trimester 3']);
    expect(preview.carried.map((s) => s.name)).toEqual(['Ava Nguyen', 'Liam Garcia']);
    expect(preview.carried[0]!.note).toBe('IEP continues to 2027-09-30; the annual review is due by then.');
    expect(preview.carried[1]!.note).toContain('IEP ended on 2027-05-14, before next year starts');
    expect(preview.exited.map((s) => s.name)).toEqual(['Mia Smith']);
  });

  it('sets up next year in one go and leaves every figure of last year as it was', () => {
    const before = lastYearFigures();
    const result = app.call('startNextYear', confirmedInput());
    expect(result).toMatchObject({ carried: 2, exitedLeftOut: 1 });
    // 2027-08-23 (Mon) to 2028-06-11 (Sun) is 42 weeks = 210 weekdays; less Mon 23 and Tue 24 Aug = 208; less the
    // weekdays closed: Labor Day 1, Thanksgiving 3, winter break 10 (Dec 20-24, 27-31), MLK 1, spring break 5,
    // Memorial Day 1 = 21 → 187 instructional days.
    expect(result.years.map((y) => [y.label, y.instructionalDays])).toEqual([
      ['2027-28', 187],
      ['2027-28', 187],
    ]);
    expect(lastYearFigures()).toEqual(before);

    // The new calendar counts: next year's first week (Wed 08-25 to Fri 08-27) owes Ava the full 60 pull-out
    // minutes (3 instructional days of 3), and 600 × 3/187 of the yearly consult.
    const first = app.call('studentMinutes', { studentId: ids.ava, from: '2027-08-23', to: '2027-08-29' });
    expect(first.owed.pull_out).toBe(60);
    expect(first.owed.consult).toBeCloseTo((600 * 3) / 187, 10);

    // The exited student stays out of the active caseload.
    expect(app.call('listStudents', {}).map((s) => s.firstName)).toEqual(['Liam', 'Ava']);
    // Past years stay searchable.
    expect(app.call('listStudents', { status: 'all', search: 'Mia' })).toHaveLength(1);
    const audit = app.call('listAudit', { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'started the next school year', detail: '2027-28 at 2 school(s)' });

    // Next year is set up now: nothing more to propose.
    const again = app.call('previewNextYear');
    expect(again.schools.every((s) => s.proposal === null)).toBe(true);
    expect(again.schools[0]!.skipped).toBe('2027-28 (from 2027-08-25) is already set up.');
  });

  it('refuses a year that would not fit, and writes nothing of any school', () => {
    const input = confirmedInput();
    const snapshot = app.snapshot();
    // The second school's winter break runs past the new year's last day.
    const badBreak = structuredClone(input);
    badBreak.schools[1]!.closures[2]!.endDate = '2028-06-30';
    const e1 = app.fail('startNextYear', badBreak);
    expect(e1.field).toBe('schools.1.closures.2.endDate');
    expect(e1.message).toMatch(/must fall inside the school year 2027-28/);
    // Next year starting before this one ends.
    const early = structuredClone(input);
    early.schools[0]!.firstDay = '2027-06-01';
    expect(app.fail('startNextYear', early)).toMatchObject({ field: 'schools.0.firstDay' });
    // Overlapping reporting periods.
    const periods = structuredClone(input);
    periods.schools[0]!.periods[1]!.startDate = '2027-11-01';
    expect(app.fail('startNextYear', periods).field).toMatch(/^schools\.0\.periods\.\d\.startDate$/);
    // A school year that does not exist, and a bad date, refused before anything is read.
    expect(
      app.fail('startNextYear', { ...input, schools: [{ ...input.schools[0]!, fromSchoolYearId: 999 }] }),
    ).toMatchObject({
      code: 'not_found',
      field: 'schools.0.fromSchoolYearId',
    });
    expect(
      app.fail('startNextYear', { ...input, schools: [{ ...input.schools[0]!, lastDay: '2028-02-30' }] }).field,
    ).toBe('schools.0.lastDay');
    expect(app.fail('startNextYear', { schools: [] }).field).toBe('schools');
    expect(app.snapshot()).toBe(snapshot);
    // Once applied, applying again is refused as an overlap.
    app.call('startNextYear', input);
    const twice = app.snapshot();
    expect(app.fail('startNextYear', input).field).toBe('schools.0.firstDay');
    expect(app.snapshot()).toBe(twice);
  });
});
