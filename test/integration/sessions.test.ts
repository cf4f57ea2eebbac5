import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../shared/api/types';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

let app: TestApp;
let ids: { ava: number; liam: number; mia: number; noah: number };
let groupSession: Session;

function withLine(
  studentId: number,
  setting: 'push_in' | 'pull_out' | 'consult',
  minutes: number,
  interval: 'week' | 'month' = 'week',
) {
  const plan = app.call('createPlan', { studentId, startDate: '2026-08-26', endDate: '2027-06-11' });
  app.call('createServiceLine', {
    planId: plan.id,
    setting,
    grouping: 'individual',
    interval,
    minutes,
    startDate: '2026-08-26',
    endDate: '2027-06-11',
  });
  return plan;
}

beforeEach(() => {
  app = new TestApp('2026-10-16');
  const { school } = seedSchool(app, [{ startDate: '2026-10-12', label: "Indigenous Peoples' Day" }]);
  ids = {
    ava: seedStudent(app, school.id, 'Ava', 'Nguyen').id,
    liam: seedStudent(app, school.id, 'Liam', 'Garcia').id,
    mia: seedStudent(app, school.id, 'Mia', 'Smith').id,
    noah: seedStudent(app, school.id, 'Noah', 'Okafor').id,
  };
  withLine(ids.ava, 'pull_out', 60);
  withLine(ids.liam, 'pull_out', 30);
  withLine(ids.mia, 'push_in', 30);
  withLine(ids.noah, 'consult', 120, 'month');
  // Tue 2026-10-13, a 30-minute pull-out group of four with mixed attendance.
  groupSession = app.call('createSession', {
    date: '2026-10-13',
    startTime: '09:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'group',
    note: 'Scissor skills',
    students: [
      { studentId: ids.ava, code: 'present' },
      { studentId: ids.liam, code: 'present', minutes: 20 },
      { studentId: ids.mia, code: 'provider_absent' },
      { studentId: ids.noah, code: 'student_absent' },
    ],
  });
});
afterEach(() => app.close());

const week = { from: '2026-10-12', to: '2026-10-18' };

describe('minutes from logged sessions (hand-worked, week of Mon 2026-10-12 holiday)', () => {
  it('credits the group in full to each present student, less for early leave', () => {
    const ava = app.call('studentMinutes', { studentId: ids.ava, ...week });
    // 60/week owed in full (4 instructional days of 4); 30 delivered pull-out.
    expect(ava.owedTotal).toBe(60);
    expect(ava.deliveredTotal).toBe(30);
    expect(ava.outOfClass).toBe(30);
    expect(ava.compliance).toBe(0.5);
    expect(ava.behind).toBe(true);
    const liam = app.call('studentMinutes', { studentId: ids.liam, ...week });
    expect(liam.deliveredTotal).toBe(20);
    expect(liam.compliance).toBeCloseTo(20 / 30);
  });

  it('splits misses by code and owes makeups only for the default codes', () => {
    const mia = app.call('studentMinutes', { studentId: ids.mia, ...week });
    expect(mia.missedByCode.provider_absent).toBe(30);
    expect(mia.makeupBalance).toBe(30);
    const noah = app.call('studentMinutes', { studentId: ids.noah, ...week });
    expect(noah.missedByCode.student_absent).toBe(30);
    expect(noah.makeupBalance).toBe(0);
  });

  it('a makeup linked to the miss is delivered and clears the balance', () => {
    const missId = groupSession.students.find((s) => s.studentId === ids.mia)!.attendanceId;
    expect(app.call('listOpenMisses', { studentId: ids.mia }).map((m) => [m.attendanceId, m.outstanding])).toEqual([
      [missId, 30],
    ]);
    app.call('createSession', {
      date: '2026-10-15',
      startTime: '13:00',
      minutes: 30,
      setting: 'push_in',
      grouping: 'individual',
      students: [{ studentId: ids.mia, code: 'present', makeupFor: [missId] }],
    });
    const mia = app.call('studentMinutes', { studentId: ids.mia, ...week });
    expect(mia.deliveredTotal).toBe(30);
    expect(mia.makeupBalance).toBe(0);
    expect(mia.compliance).toBe(1);
    expect(app.call('listOpenMisses', { studentId: ids.mia })).toEqual([]);
    const overview = app.call('studentOverview', { id: ids.mia });
    const row = overview.ledger.find((r) => r.attendanceId === missId)!;
    expect(row.coveredBy).toEqual([expect.objectContaining({ date: '2026-10-15', minutes: 30 })]);
  });

  it('the caseload view sorts by who is furthest behind and gives the delivery mix in therapist time', () => {
    app.call('createSession', {
      date: '2026-10-14',
      startTime: '10:00',
      minutes: 30,
      setting: 'push_in',
      grouping: 'individual',
      students: [{ studentId: ids.mia, code: 'present' }],
    });
    const c = app.call('caseloadCompliance', week);
    const byName = Object.fromEntries(c.rows.map((r) => [r.name, r.summary]));
    // Mia 30/30, Ava 30/60, Liam 20/30; Noah: 120/month over October's 21 instructional days (22 weekdays
    // minus the holiday): this week has 4 → 120 × 4/21 owed, nothing delivered.
    expect(byName['Noah Okafor']!.owedToDate).toBeCloseTo((120 * 4) / 21, 10);
    expect(c.rows.map((r) => r.name)).toEqual(['Noah Okafor', 'Ava Nguyen', 'Liam Garcia', 'Mia Smith']);
    expect(c.totals.behind).toBe(3);
    // Therapist time: one 30-min pull-out group (someone present) + one 30-min push-in = 50/50.
    expect(c.mix.minutes).toEqual({ push_in: 30, pull_out: 30, consult: 0 });
    expect(c.mix.share.pull_out).toBe(0.5);
  });

  it('owed to date stops at today', () => {
    app.today = '2026-10-14';
    const ava = app.call('studentMinutes', { studentId: ids.ava, ...week });
    // Tue and Wed of 4 instructional days: 60 × 2/4 = 30 owed to date; 30 delivered.
    expect(ava.owedToDate).toBe(30);
    expect(ava.compliance).toBe(1);
  });

  it('edits and deletes sessions, keeping the numbers right', () => {
    app.call('updateSession', {
      id: groupSession.id,
      date: '2026-10-13',
      startTime: '09:00',
      minutes: 45,
      setting: 'pull_out',
      grouping: 'group',
      students: [
        { studentId: ids.ava, code: 'present' },
        { studentId: ids.liam, code: 'student_refused' },
      ],
    });
    expect(app.call('studentMinutes', { studentId: ids.ava, ...week }).deliveredTotal).toBe(45);
    expect(app.call('studentMinutes', { studentId: ids.mia, ...week }).missedTotal).toBe(0);
    app.call('deleteSession', { id: groupSession.id });
    expect(app.call('studentMinutes', { studentId: ids.ava, ...week }).deliveredTotal).toBe(0);
  });
});

describe('bad sessions are refused, naming the field, and write nothing', () => {
  const base = () => ({
    date: '2026-10-14',
    startTime: '11:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    students: [{ studentId: ids.ava, code: 'present' }],
  });
  function refused(input: unknown, field: string, text: RegExp) {
    const before = app.snapshot();
    const e = app.fail('createSession', input);
    expect(e.message).toMatch(text);
    expect(e.field).toBe(field);
    expect(app.snapshot()).toBe(before);
  }

  it('refuses each bad case', () => {
    const avaPresent = groupSession.students.find((s) => s.studentId === ids.ava)!.attendanceId;
    const miaMiss = groupSession.students.find((s) => s.studentId === ids.mia)!.attendanceId;
    refused({ ...base(), minutes: 0 }, 'minutes', /Minutes: must be at least 1 minute/);
    refused({ ...base(), minutes: -5 }, 'minutes', /at least 1 minute/);
    refused({ ...base(), minutes: 601 }, 'minutes', /at most 600 minutes/);
    refused({ ...base(), date: '2026-07-15' }, 'date', /outside every school year of Lincoln Elementary/);
    refused({ ...base(), date: '2026-02-30' }, 'date', /2026-02-30 is not a real date/);
    refused(
      { ...base(), students: [{ studentId: 9999, code: 'present' }] },
      'students.0.studentId',
      /Student #9999 does not exist/,
    );
    refused(
      { ...base(), students: [{ studentId: ids.ava, code: 'sick' }] },
      'students.0.code',
      /is not an attendance code/,
    );
    refused(
      { ...base(), students: [{ studentId: ids.ava, code: 'present', makeupFor: [avaPresent] }] },
      'students.0.makeupFor.0',
      /only a missed session can be made up/,
    );
    refused(
      { ...base(), students: [{ studentId: ids.ava, code: 'present', makeupFor: [miaMiss] }] },
      'students.0.makeupFor.0',
      /belongs to another student/,
    );
    refused(
      { ...base(), students: [{ studentId: ids.ava, code: 'present', minutes: 31 }] },
      'students.0.minutes',
      /31 credited minutes is more than the session's 30/,
    );
    refused(
      { ...base(), startTime: '09:15', date: '2026-10-13' },
      'startTime',
      /Ava Nguyen is already in a session on 2026-10-13 at 09:00/,
    );
    refused({ ...base(), startTime: '25:00' }, 'startTime', /not a time of day/);
    refused({ ...base(), students: [] }, 'students', /add at least one student/);
  });

  it('a write that fails half-way leaves no half session', () => {
    // The second student does not exist: neither the session nor Ava's attendance may remain.
    const before = app.snapshot();
    app.fail('createSession', {
      ...base(),
      grouping: 'group',
      students: [
        { studentId: ids.ava, code: 'present' },
        { studentId: 424242, code: 'present' },
      ],
    });
    expect(app.snapshot()).toBe(before);
  });
});
