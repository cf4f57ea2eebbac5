import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPragmas } from '../../electron/db/db';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

let app: TestApp;
beforeEach(() => (app = new TestApp()));
afterEach(() => app.close());

describe('the caseload database through the real handlers', () => {
  it('sets and reads back its pragmas', () => {
    expect(readPragmas(app.db)).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 });
  });

  it('keeps schools, calendars, students, IEPs, lines and goals across a restart', () => {
    const { school, year } = seedSchool(app, [
      { startDate: '2026-12-21', endDate: '2027-01-01', label: 'Winter break' },
    ]);
    const st = seedStudent(app, school.id);
    const plan = app.call('createPlan', { studentId: st.id, startDate: '2026-09-01', endDate: '2027-08-31' });
    app.call('createServiceLine', {
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      sessionsCount: 2,
      minutesPerSession: 30,
      startDate: '2026-09-01',
      endDate: '2027-08-31',
    });
    app.call('createServiceLine', {
      planId: plan.id,
      setting: 'push_in',
      grouping: 'group',
      maxGroupSize: 4,
      interval: 'week',
      minutes: 30,
      startDate: '2026-09-01',
      endDate: '2027-08-31',
    });
    app.call('createGoal', {
      planId: plan.id,
      area: 'Handwriting',
      text: 'Ava will copy a sentence legibly',
      criterion: '80% in 4 of 5 trials',
    });
    app.restart();
    const detail = app.call('getStudent', { id: st.id });
    expect(detail.plans).toHaveLength(1);
    expect(detail.plans[0]!.lines.map((l) => [l.setting, l.minutes, l.sessionsCount])).toEqual([
      ['pull_out', 60, 2],
      ['push_in', 30, null],
    ]);
    expect(detail.plans[0]!.goals[0]!.criterion).toBe('80% in 4 of 5 trials');
    const years = app.call('listSchoolYears', { id: school.id });
    expect(years[0]!.id).toBe(year.id);
    expect(years[0]!.closures.map((c) => c.label)).toEqual(['Winter break']);
    const rows = app.call('listStudents', { status: 'active' });
    expect(rows[0]!.weeklyMinutes).toEqual({ push_in: 30, pull_out: 60, consult: 0 });
    expect(rows[0]!.iepEndDate).toBe('2027-08-31');
  });

  it('an amendment ends the old line the day before and keeps past minutes owed', () => {
    const { school } = seedSchool(app);
    const st = seedStudent(app, school.id);
    const plan = app.call('createPlan', { studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' });
    const line = app.call('createServiceLine', {
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 60,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
    const before = app.call('studentMinutes', { studentId: st.id, from: '2026-10-19', to: '2026-10-23' });
    const [old, next] = app.call('amendServiceLine', {
      id: line.id,
      effectiveFrom: '2026-10-22',
      setting: 'push_in',
      grouping: 'individual',
      interval: 'week',
      minutes: 90,
    });
    expect(old!.endDate).toBe('2026-10-21');
    expect(next!.startDate).toBe('2026-10-22');
    expect(next!.replacesLineId).toBe(line.id);
    // The week before the amendment still owes the old 60 pull-out minutes.
    expect(app.call('studentMinutes', { studentId: st.id, from: '2026-10-12', to: '2026-10-16' }).owed.pull_out).toBe(
      60,
    );
    // The week of the change: 36 pull-out (Mon–Wed) + 36 push-in (Thu–Fri).
    const after = app.call('studentMinutes', { studentId: st.id, from: '2026-10-19', to: '2026-10-23' });
    expect(before.owedTotal).toBe(60);
    expect(after.owed).toEqual({ pull_out: 36, push_in: 36, consult: 0 });
  });

  it('deleting a student leaves nothing dangling', () => {
    const { school } = seedSchool(app);
    const st = seedStudent(app, school.id);
    const plan = app.call('createPlan', { studentId: st.id, startDate: '2026-09-01', endDate: '2027-06-11' });
    app.call('createGoal', { planId: plan.id, area: 'Fine motor', text: 'Buttons' });
    app.call('createSession', {
      date: '2026-10-14',
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: st.id, code: 'present' }],
    });
    app.call('deleteStudent', { id: st.id });
    for (const t of ['plans', 'goals', 'service_lines', 'attendance', 'sessions']) {
      expect((app.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, t).toBe(0);
    }
    expect(app.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('imports a roster, creating schools and reporting bad rows by line', () => {
    const csv =
      'First name,Last name,School,Grade,DOB\nMia,Patel,Maple Grove,3,2017-05-06\n,Nobody,Maple Grove,3,\nLeo,Kim,Lincoln Elementary,K,2020-02-30\n';
    const r = app.call('importRoster', { csv });
    expect(r.created).toBe(1);
    expect(r.skipped.map((s) => s.line)).toEqual([3, 4]);
    expect(r.skipped[1]!.reason).toContain('2020-02-30 is not a real date');
    expect(app.call('listSchools').map((s) => s.name)).toEqual(['Maple Grove']);
  });

  it('loads the sample caseload once, with every setting represented', () => {
    app.call('loadSampleCaseload');
    const state = app.call('getAppState');
    expect(state.schools).toBe(3);
    expect(state.students).toBe(40);
    expect(state.sessions).toBeGreaterThan(200);
    const settings = app.db.prepare('SELECT DISTINCT setting FROM service_lines ORDER BY 1').all();
    expect(settings).toEqual([{ setting: 'consult' }, { setting: 'pull_out' }, { setting: 'push_in' }]);
    expect(app.fail('loadSampleCaseload', undefined).code).toBe('conflict');
  });
});

describe('bad input is refused with a message naming the field, and changes nothing', () => {
  function refused(channel: Parameters<TestApp['fail']>[0], input: unknown, field: string | undefined, text: RegExp) {
    const before = app.snapshot();
    const e = app.fail(channel, input);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(text);
    expect(app.snapshot()).toBe(before);
  }

  it('rejects each bad case of the foundation', () => {
    const { school } = seedSchool(app);
    const st = seedStudent(app, school.id);
    const plan = app.call('createPlan', { studentId: st.id, startDate: '2026-09-01', endDate: '2027-06-11' });
    const base = {
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 60,
      startDate: '2026-09-01',
      endDate: '2027-06-11',
    };

    refused(
      'createStudent',
      { firstName: '  ', lastName: 'X', schoolId: school.id },
      'firstName',
      /First name: is required/,
    );
    refused('createSchool', { name: '' }, 'name', /Name: is required/);
    refused(
      'createPlan',
      { studentId: st.id, startDate: '2026-02-30', endDate: '2027-01-01' },
      'startDate',
      /2026-02-30 is not a real date/,
    );
    refused(
      'createPlan',
      { studentId: st.id, startDate: '2027-09-01', endDate: '2027-08-01' },
      'endDate',
      /before the IEP start date/,
    );
    refused(
      'createServiceLine',
      { ...base, startDate: '2026-08-01' },
      'startDate',
      /before the IEP starts \(2026-09-01\)/,
    );
    refused('createServiceLine', { ...base, endDate: '2027-07-01' }, 'endDate', /after the IEP ends/);
    refused('createServiceLine', { ...base, minutes: -30 }, 'minutes', /more than 0/);
    refused('createServiceLine', { ...base, minutes: 2401 }, 'minutes', /more than a school week holds/);
    refused('createServiceLine', { ...base, grouping: 'group', maxGroupSize: 1 }, 'maxGroupSize', /at least 2/);
    refused(
      'createStudent',
      { firstName: 'A', lastName: 'B', schoolId: 999 },
      'schoolId',
      /School #999 does not exist/,
    );
    refused(
      'createSchoolYear',
      { schoolId: school.id, label: '2027-28', firstDay: '2027-08-25', lastDay: '2027-06-01' },
      'lastDay',
      /before the first day/,
    );
    refused('createSchool', { name: 'Lincoln Elementary' }, 'name', /already exists/);
    refused(
      'createStudent',
      { firstName: 'A', lastName: 'B', schoolId: school.id, sneaky: 1 },
      undefined,
      /unexpected field sneaky/,
    );
  });
});
