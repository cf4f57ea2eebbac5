import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceLogHtml } from '../../electron/reports/service-log';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

let app: TestApp;
let ids: { ava: number; liam: number; mia: number };

beforeEach(() => {
  app = new TestApp('2026-10-16');
  const { school } = seedSchool(app, []);
  ids = {
    ava: seedStudent(app, school.id, 'Ava', 'Nguyen').id,
    liam: seedStudent(app, school.id, 'Liam', 'Garcia').id,
    mia: seedStudent(app, school.id, 'Mia', 'Smith').id,
  };
  for (const id of Object.values(ids)) {
    const plan = app.call('createPlan', { studentId: id, startDate: '2026-08-26', endDate: '2027-06-11' });
    app.call('createServiceLine', {
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 30,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
  }
});
afterEach(() => app.close());

const session = (
  date: string,
  startTime: string,
  students: { studentId: number; code: string; minutes?: number }[],
  note?: string,
) =>
  app.call('createSession', {
    date,
    startTime,
    minutes: 30,
    setting: 'pull_out',
    grouping: students.length > 1 ? 'group' : 'individual',
    note: note ?? null,
    students: students as never,
  });

describe('the caseload makeups list', () => {
  it('lists each miss that owes a makeup with the minutes still owed, oldest first, the same as the student ledger', () => {
    // Provider absent (owes a makeup by default), student absent (does not), unavailable (owes).
    const first = session('2026-10-05', '09:00', [
      { studentId: ids.ava, code: 'provider_absent' },
      { studentId: ids.liam, code: 'student_absent' },
    ]);
    session('2026-10-07', '10:00', [{ studentId: ids.mia, code: 'student_unavailable', minutes: 20 }]);
    // Ava's miss of 30 is made up for 10 of them: 30 − 10 = 20 still owed.
    const makeup = app.call('createSession', {
      date: '2026-10-08',
      startTime: '13:00',
      minutes: 10,
      setting: 'pull_out',
      grouping: 'individual',
      students: [
        {
          studentId: ids.ava,
          code: 'present',
          makeupFor: [first.students.find((s) => s.studentId === ids.ava)!.attendanceId],
        },
      ],
    });
    expect(makeup.id).toBeGreaterThan(0);
    const list = app.call('listCaseloadMakeups', {});
    expect(list.map((m) => [m.name, m.date, m.code, m.minutes, m.outstanding])).toEqual([
      ['Ava Nguyen', '2026-10-05', 'provider_absent', 30, 20],
      ['Mia Smith', '2026-10-07', 'student_unavailable', 20, 20],
    ]);
    expect(list[0]!.sessionId).toBe(first.id);
    // The same figures as each student's own open misses.
    expect(app.call('listOpenMisses', { studentId: ids.ava }).map((m) => m.outstanding)).toEqual([20]);
    expect(app.fail('listCaseloadMakeups', { schoolId: -1 }).field).toBe('schoolId');
    expect(app.fail('listCaseloadMakeups', { extra: 1 }).code).toBe('invalid');
  });
});

describe('search', () => {
  it('finds students by name and sessions by note or student, newest first; refuses a too-short query naming the field', () => {
    session('2026-10-05', '09:00', [{ studentId: ids.ava, code: 'present' }], 'Scissor skills, curved lines');
    session('2026-10-06', '09:00', [{ studentId: ids.liam, code: 'present' }], 'Handwriting: spacing with 100% effort');
    session('2026-10-07', '09:00', [{ studentId: ids.ava, code: 'present' }], 'Buttons and zips');
    const r = app.call('search', { q: 'scissor' });
    expect(r.students).toEqual([]);
    expect(r.sessions.map((s) => [s.date, s.note, s.students.map((x) => x.name)])).toEqual([
      ['2026-10-05', 'Scissor skills, curved lines', ['Ava Nguyen']],
    ]);
    const ava = app.call('search', { q: 'ava' });
    expect(ava.students.map((s) => s.name)).toEqual(['Ava Nguyen']);
    expect(ava.sessions.map((s) => s.date)).toEqual(['2026-10-07', '2026-10-05']);
    // LIKE wildcards are literal text.
    expect(app.call('search', { q: '100%' }).sessions).toHaveLength(1);
    expect(app.call('search', { q: '_%' }).sessions).toHaveLength(0);
    const e = app.fail('search', { q: 'a' });
    expect(e.field).toBe('q');
    expect(e.message).toContain('at least 2');
  });
});

describe('service log rows for a miss', () => {
  it('show 0 minutes delivered and the number of students in the session', () => {
    // A group of two: Ava present, Liam absent. Liam's row: 0 delivered, 2 students in the session.
    session('2026-10-05', '09:00', [
      { studentId: ids.ava, code: 'present' },
      { studentId: ids.liam, code: 'student_absent' },
    ]);
    const log = app.call('getServiceLog', { studentId: ids.liam, from: '2026-10-01', to: '2026-10-31' });
    expect(log.rows.map((r) => [r.code, r.minutes, r.groupSize, r.studentsInSession])).toEqual([
      ['student_absent', 30, 1, 2],
    ]);
    const html = serviceLogHtml(log);
    expect(html).toMatch(
      /<td class="num">0<\/td><td class="nw">Pull-out<\/td>\s*<td>Group<\/td><td class="num">2<\/td>/,
    );
  });
});
