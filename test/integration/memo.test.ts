// Figures kept between reads (electron/db/memo.ts) are dropped by every write to what they were
// computed from, whoever writes: the handlers, or plain SQL. A kept figure must never be stale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../electron/db/db';
import { memoized, memoizedPerStudent } from '../../electron/db/memo';
import { createHandlers } from '../../electron/ipc/handlers';
import { TestApp, seedSchool, seedStudent, seedWeeklyLines, weekdays as weekly } from '../helpers/db';

let app: TestApp;
let lincoln: number;
let yearId: number;
let ava: number;
let ben: number;

beforeEach(() => {
  // Today is Wed 2026-10-14; Mon 10-12 is a holiday at Lincoln.
  app = new TestApp('2026-10-14');
  const seeded = seedSchool(app, [{ startDate: '2026-10-12', label: "Indigenous Peoples' Day" }]);
  lincoln = seeded.school.id;
  yearId = seeded.year.id;
  ava = seedStudent(app, lincoln, 'Ava', 'Nguyen').id;
  ben = seedStudent(app, lincoln, 'Ben', 'Ortiz').id;
  for (const id of [ava, ben]) seedWeeklyLines(app, id, ['pull_out', 60]);
});
afterEach(() => app.close());

describe('memoized', () => {
  it('keeps a value until a watched table is written, by any code', () => {
    let runs = 0;
    const count = () =>
      memoized(app.db, 'test:schools', ['schools'], () => {
        runs++;
        return (app.db.prepare('SELECT count(*) AS n FROM schools').get() as { n: number }).n;
      });
    expect(count()).toBe(1);
    expect(count()).toBe(1);
    expect(runs).toBe(1);
    // A write to another table keeps it.
    app.db.prepare("UPDATE students SET first_name = 'Avery' WHERE id = ?").run(ava);
    expect(count()).toBe(1);
    expect(runs).toBe(1);
    // Plain SQL, not a handler: still seen.
    app.db.prepare("INSERT INTO schools (name) VALUES ('Oak Middle')").run();
    expect(count()).toBe(2);
    expect(runs).toBe(2);
    app.db.prepare("DELETE FROM schools WHERE name = 'Oak Middle'").run();
    expect(count()).toBe(1);
  });

  it('never keeps what was read inside a transaction that is rolled back', () => {
    const count = () =>
      memoized(
        app.db,
        'test:schools2',
        ['schools'],
        () => (app.db.prepare('SELECT count(*) AS n FROM schools').get() as { n: number }).n,
      );
    expect(count()).toBe(1);
    expect(() =>
      app.db.transaction(() => {
        app.db.prepare("INSERT INTO schools (name) VALUES ('Oak Middle')").run();
        expect(count()).toBe(2);
        throw new Error('roll back');
      })(),
    ).toThrow('roll back');
    expect(count()).toBe(1);
    // Read in a transaction that writes nothing (as every call through the IPC layer runs): kept.
    let runs = 0;
    const kept = () =>
      memoized(app.db, 'test:kept', ['schools'], () => {
        runs++;
        return runs;
      });
    app.db.transaction(() => kept())();
    app.db.transaction(() => kept())();
    expect(kept()).toBe(1);
  });

  it('recomputes per student only those whose attendance was written', () => {
    const seen: number[][] = [];
    const minutes = () =>
      memoizedPerStudent(app.db, 'test:minutes', [], [ava, ben], (ids) => {
        seen.push(ids);
        const out = new Map<number, number>();
        for (const id of ids)
          out.set(
            id,
            (
              app.db
                .prepare(
                  `SELECT coalesce(sum(a.minutes), 0) AS n FROM attendance a JOIN sessions s ON s.id = a.session_id
                   WHERE a.student_id = ? AND s.setting = 'pull_out'`,
                )
                .get(id) as { n: number }
            ).n,
          );
        return out;
      });
    expect([...minutes()]).toEqual([
      [ava, 0],
      [ben, 0],
    ]);
    const s = app.call('createSession', {
      date: '2026-10-13',
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: ava, code: 'present' }],
    });
    expect([...minutes()]).toEqual([
      [ava, 30],
      [ben, 0],
    ]);
    expect(seen).toEqual([[ava, ben], [ava]]);
    // The session's setting changes: its students are recomputed, through the session row alone.
    app.db.prepare("UPDATE sessions SET setting = 'push_in' WHERE id = ?").run(s.id);
    expect(minutes().get(ava)).toBe(0);
    expect(seen.at(-1)).toEqual([ava]);
    app.call('deleteSession', { id: s.id });
    expect(minutes().get(ava)).toBe(0);
    expect(minutes().get(ben)).toBe(0);
  });
});

describe("today's agenda, kept between reads", () => {
  it('follows every write: a slot edit, a log, a cancel, an undo, a calendar change', () => {
    const slot = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
      studentIds: [ava, ben],
    });
    const agenda = () => app.call('getAgenda', { date: '2026-10-14' });
    expect(agenda().occurrences.map((o) => [o.startTime, o.students.map((s) => s.openMakeups)])).toEqual([
      ['09:00', [0, 0]],
    ]);
    // Last Wednesday was not logged; cancelling it for the provider owes both a makeup.
    expect(agenda().notLogged.map((o) => o.date)).toContain('2026-10-07');
    app.call('cancelOccurrence', { slotId: slot.id, date: '2026-10-07', code: 'provider_absent' });
    const a = agenda();
    expect(a.notLogged.map((o) => o.date)).not.toContain('2026-10-07');
    expect(a.occurrences[0]!.students.map((s) => s.openMakeups)).toEqual([1, 1]);
    // Undo: the makeups are no longer owed and the occurrence is not logged again.
    app.call('undoOccurrence', { slotId: slot.id, date: '2026-10-07' });
    expect(agenda().occurrences[0]!.students.map((s) => s.openMakeups)).toEqual([0, 0]);
    expect(agenda().notLogged.map((o) => o.date)).toContain('2026-10-07');
    // The slot moves to 10:00 from today: the agenda shows it at once.
    app.call('changeSlot', {
      id: slot.id,
      from: '2026-10-14',
      startTime: '10:00',
      endTime: '10:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
    });
    expect(agenda().occurrences.map((o) => o.startTime)).toEqual(['10:00']);
    // A name changed (plain SQL) and the slot labelled: the agenda says both at once.
    app.db.prepare("UPDATE students SET preferred_name = 'Avi' WHERE id = ?").run(ava);
    app.db.prepare("UPDATE slots SET label = 'Fine motor group'").run();
    expect(agenda().occurrences.map((o) => [o.label, o.students.map((s) => s.name)])).toEqual([
      ['Fine motor group', ['Avi N.', 'Ben O.']],
    ]);
    // Today becomes a closure (plain SQL, as an import would): no occurrence today.
    app.db
      .prepare(
        "INSERT INTO closures (school_year_id, start_date, end_date, label) SELECT id, '2026-10-14', '2026-10-14', 'Snow day' FROM school_years",
      )
      .run();
    expect(agenda().occurrences).toEqual([]);
  });
});

describe('caseload compliance, kept per student', () => {
  const year = { from: '2026-08-26', to: '2027-06-11' };
  const week = { from: '2026-10-12', to: '2026-10-16' };
  /** The same figures worked out on a connection of its own, which has kept nothing. */
  function fresh(range: { from: string; to: string; schoolId?: number }) {
    const db = openDatabase(app.file);
    try {
      const h = createHandlers({ db, dataPath: app.file, today: () => app.today });
      const r = h.caseloadCompliance(range);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    } finally {
      closeDatabase(db);
    }
  }
  /** The schedule's coverage of the IEPs, on a connection that has kept nothing. */
  function freshCoverage(date: string) {
    const db = openDatabase(app.file);
    try {
      const r = createHandlers({ db, dataPath: app.file, today: () => app.today }).getCoverage({ date });
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    } finally {
      closeDatabase(db);
    }
  }
  const same = () => {
    for (const range of [year, week, { ...week, schoolId: lincoln }])
      expect(app.call('caseloadCompliance', range)).toEqual(fresh(range));
    expect(app.call('getCoverage', { date: '2026-10-14' })).toEqual(freshCoverage('2026-10-14'));
  };

  it('equals a fresh computation after every kind of write', () => {
    const session = (date: string, startTime: string, code: 'present' | 'student_absent', ids = [ava]) =>
      app.call('createSession', {
        date,
        startTime,
        minutes: 30,
        setting: 'pull_out',
        grouping: ids.length > 1 ? 'group' : 'individual',
        students: ids.map((studentId) => ({ studentId, code })),
      });
    same();
    // Ava gets 30 of her 60 this week; the first read keeps both students, the second recounts Ava.
    const s = session('2026-10-13', '09:00', 'present');
    same();
    const before = app.call('caseloadCompliance', week).rows.find((r) => r.studentId === ava)!.summary;
    expect(before.deliveredTotal).toBe(30);
    // The session was push-in after all: Ava's pull-out is short again, push-in is extra.
    app.call('updateSession', {
      id: s.id,
      date: '2026-10-13',
      startTime: '09:00',
      minutes: 30,
      setting: 'push_in',
      grouping: 'individual',
      students: [{ studentId: ava, code: 'present' }],
    });
    same();
    // Ben absent (no makeup owed for a student's absence), then a group session, deleted.
    session('2026-10-14', '10:00', 'student_absent', [ben]);
    same();
    const g = session('2026-10-07', '11:00', 'present', [ava, ben]);
    same();
    app.call('deleteSession', { id: g.id });
    same();
    // A snow day on Thursday 10-15 (a calendar write): every student's figures are worked out again.
    app.call('addClosure', { schoolYearId: yearId, startDate: '2026-10-15', label: 'Snow day' });
    same();
    // A slot's occurrence logged with changes (Ben left out): Ben's planned minutes change too.
    const slot = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '13:00',
      endTime: '13:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([0, 2, 4]),
      studentIds: [ava, ben],
    });
    same();
    app.call('logOccurrence', {
      slotId: slot.id,
      date: '2026-10-14',
      session: {
        date: '2026-10-14',
        startTime: '13:00',
        minutes: 30,
        setting: 'pull_out',
        grouping: 'individual',
        students: [{ studentId: ava, code: 'present' }],
      },
    });
    same();
    // Ava's IEP now owes 90 a week from Monday: coverage and compliance follow the line.
    const line = app.call('getStudent', { id: ava }).plans[0]!.lines[0]!;
    app.call('amendServiceLine', {
      id: line.id,
      effectiveFrom: '2026-10-12',
      setting: 'pull_out',
      grouping: 'group',
      maxGroupSize: 4,
      interval: 'week',
      minutes: 90,
    });
    same();
    expect(
      app.call('getCoverage', { date: '2026-10-14', studentId: ava })[0]!.rows.find((r) => r.setting === 'pull_out'),
    ).toMatchObject({ owed: 90 });
    app.call('exitStudent', { studentId: ben, date: '2026-10-14', reason: 'Moved out of the district' });
    same();
  });
});
