import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestApp, seedSchool, seedStudent, seedWeeklyLines, weekdays as weekly } from '../helpers/db';

let app: TestApp;
let lincoln: number;
let oak: number;
let ava: number;
let ben: number;
let cara: number;

beforeEach(() => {
  // Today is Wed 2026-10-14 (TestApp default). Mon 10-12 is a holiday at Lincoln.
  app = new TestApp('2026-10-14');
  lincoln = seedSchool(app, [{ startDate: '2026-10-12', label: "Indigenous Peoples' Day" }]).school.id;
  oak = app.call('createSchool', { name: 'Oak Middle' }).id;
  app.call('createSchoolYear', { schoolId: oak, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' });
  ava = seedStudent(app, lincoln, 'Ava', 'Nguyen').id;
  ben = seedStudent(app, lincoln, 'Ben', 'Ortiz').id;
  cara = seedStudent(app, oak, 'Cara', 'Lee').id;
  seedWeeklyLines(app, ava, ['pull_out', 60]);
  seedWeeklyLines(app, ben, ['pull_out', 30]);
  seedWeeklyLines(app, cara, ['push_in', 30]);
  app.call('setTravel', { schoolA: lincoln, schoolB: oak, minutes: 20, miles: 6.5 });
});
afterEach(() => app.close());

describe('slots, the agenda and logging from the plan', () => {
  it('builds the agenda in time order with travel, logs as planned, cancels, undoes', () => {
    const group = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([0, 2]),
      studentIds: [ava, ben],
    });
    const oakSlot = app.call('createSlot', {
      schoolId: oak,
      startTime: '09:45',
      endTime: '10:15',
      setting: 'push_in',
      grouping: 'individual',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
      studentIds: [cara],
    });
    const agenda = app.call('getAgenda', { date: '2026-10-14' });
    expect(agenda.occurrences.map((o) => [o.startTime, o.school, o.students.map((s) => s.name)])).toEqual([
      ['09:00', 'Lincoln Elementary', ['Ava N.', 'Ben O.']],
      ['09:45', 'Oak Middle', ['Cara L.']],
    ]);
    // 15 min between 09:30 and 09:45, travel 20: a conflict, said on both.
    expect(agenda.gaps).toEqual([
      { after: 0, minutes: 15, travel: 20, fromSchool: 'Lincoln Elementary', toSchool: 'Oak Middle' },
    ]);
    expect(agenda.occurrences[0]!.conflicts[0]).toMatch(/travel takes 20 min/);
    // Mon 10-12 was a holiday: no occurrence; Wed 10-07 and Mon 10-05 are not logged (earlier days).
    expect(agenda.notLogged.map((o) => [o.date, o.slotId])).toContainEqual(['2026-10-07', group.id]);
    expect(agenda.notLogged.some((o) => o.date === '2026-10-12')).toBe(false);

    // Done as planned: both present for 30 min, pull-out group.
    const s = app.call('logOccurrenceAsPlanned', { slotId: group.id, date: '2026-10-14' });
    expect(s.students.map((x) => [x.code, x.minutes])).toEqual([
      ['present', 30],
      ['present', 30],
    ]);
    expect([s.setting, s.grouping, s.startTime, s.minutes]).toEqual(['pull_out', 'group', '09:00', 30]);
    expect(app.call('getSessionOccurrence', { id: s.id })).toEqual({ slotId: group.id, date: '2026-10-14' });
    const after = app.call('getAgenda', { date: '2026-10-14' });
    expect(after.occurrences[0]!.status).toBe('logged');
    expect(after.occurrences[0]!.sessionId).toBe(s.id);
    expect(app.fail('logOccurrenceAsPlanned', { slotId: group.id, date: '2026-10-14' }).code).toBe('conflict');

    // Week of 10-12 for Ava: owed 60 pull-out, delivered 30 after this session.
    expect(
      app.call('studentMinutes', { studentId: ava, from: '2026-10-12', to: '2026-10-18' }).delivered.pull_out,
    ).toBe(30);

    // Cancel the Oak occurrence: provider absent owes a makeup (a default makeup code).
    const c = app.call('cancelOccurrence', { slotId: oakSlot.id, date: '2026-10-14', code: 'provider_absent' });
    expect(c.students.map((x) => x.code)).toEqual(['provider_absent']);
    expect(app.call('listOpenMisses', { studentId: cara }).map((m) => m.outstanding)).toEqual([30]);
    expect(app.call('getAgenda', { date: '2026-10-14' }).occurrences[1]!.status).toBe('cancelled');

    // Undo brings it back to planned and removes the miss.
    app.call('undoOccurrence', { slotId: oakSlot.id, date: '2026-10-14' });
    expect(app.call('listOpenMisses', { studentId: cara })).toEqual([]);
    expect(app.call('getAgenda', { date: '2026-10-14' }).occurrences[1]!.status).toBe('planned');
    expect(app.fail('undoOccurrence', { slotId: oakSlot.id, date: '2026-10-14' }).field).toBe('slotId');
  });

  it('logs with changes: an absent student and goal data, linked to the occurrence', () => {
    const group = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
      studentIds: [ava, ben],
    });
    const plan = app.call('getStudent', { id: ava }).plans[0]!;
    const goal = app.call('createGoal', {
      planId: plan.id,
      area: 'Fine motor',
      text: 'Cuts on a line',
      measurement: 'trials',
    });
    const s = app.call('logOccurrence', {
      slotId: group.id,
      date: '2026-10-14',
      session: {
        date: '2026-10-14',
        startTime: '09:00',
        minutes: 30,
        setting: 'pull_out',
        grouping: 'group',
        students: [
          { studentId: ava, code: 'present', goalData: [{ goalId: goal.id, correct: 4, total: 5, prompt: 'verbal' }] },
          { studentId: ben, code: 'student_absent' },
        ],
      },
    });
    expect(s.students.find((x) => x.studentId === ava)!.goalData).toHaveLength(1);
    expect(app.call('getAgenda', { date: '2026-10-14' }).occurrences[0]!.status).toBe('logged');
    // A session for another date is refused, and nothing is written.
    const before = app.snapshot();
    const err = app.fail('logOccurrence', {
      slotId: group.id,
      date: '2026-10-07',
      session: {
        date: '2026-10-08',
        startTime: '09:00',
        minutes: 30,
        setting: 'pull_out',
        grouping: 'group',
        students: [{ studentId: ava, code: 'present' }],
      },
    });
    expect(err.field).toBe('session.date');
    expect(app.snapshot()).toBe(before);
  });

  it('an A/B rotation slot occurs on A days only, and the week marks overlaps', () => {
    // Lincoln A/B from Mon 10-05 = A: Mon A, Tue B, Wed A, Thu B, Fri 10-09 A, (Mon 10-12 holiday),
    // Tue 10-13 B, Wed 10-14 A, Thu B, Fri 10-16 A.
    app.call('setSchoolSchedule', {
      schoolId: lincoln,
      colour: '#aa3300',
      rotation: { names: ['A', 'B'], day1: '2026-10-05' },
    });
    const a = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '10:00',
      endTime: '10:30',
      setting: 'pull_out',
      grouping: 'individual',
      startDate: '2026-09-01',
      recurrence: { kind: 'rotation', days: [0] },
      studentIds: [ava],
    });
    app.call('createSlot', {
      schoolId: lincoln,
      startTime: '10:15',
      endTime: '10:45',
      setting: 'pull_out',
      grouping: 'individual',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
      studentIds: [ben],
    });
    const w1 = app.call('getWeek', { date: '2026-10-07' });
    expect(w1.days.map((d) => d.occurrences.filter((o) => o.slotId === a.id).map((o) => o.rotationDay))).toEqual([
      ['A'],
      [],
      ['A'],
      [],
      ['A'],
    ]);
    const w2 = app.call('getWeek', { date: '2026-10-14' });
    expect(w2.days.map((d) => d.occurrences.filter((o) => o.slotId === a.id).length)).toEqual([0, 0, 1, 0, 1]);
    // Wed 10-14 is an A day: the rotation slot 10:00–10:30 overlaps Ben's Wednesday 10:15.
    expect(w2.conflicts).toEqual([
      { date: '2026-10-14', kind: 'overlap', message: '10:00–10:30 overlaps 10:15–10:45' },
    ]);
    expect(w2.days[2]!.occurrences[0]!.colour).toBe('#aa3300');
    expect(w2.days[2]!.occurrences.every((o) => o.conflicts.length === 1)).toBe(true);
    // A rotation day beyond the cycle, and removing the rotation while a slot uses it, are refused.
    expect(
      app.fail('createSlot', {
        schoolId: lincoln,
        startTime: '11:00',
        endTime: '11:30',
        setting: 'pull_out',
        grouping: 'group',
        startDate: '2026-09-01',
        recurrence: { kind: 'rotation', days: [2] },
        studentIds: [],
      }).field,
    ).toBe('recurrence.days');
    expect(app.fail('setSchoolSchedule', { schoolId: lincoln, rotation: null }).field).toBe('rotation');
  });

  it('changes and ends slots from a date without rewriting the past; members join and leave from a date', () => {
    const slot = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
      studentIds: [ava],
    });
    app.call('logOccurrenceAsPlanned', { slotId: slot.id, date: '2026-10-07' });
    // A change from before a logged occurrence is refused.
    const err = app.fail('changeSlot', {
      id: slot.id,
      from: '2026-10-01',
      startTime: '13:00',
      endTime: '13:45',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
    });
    expect(err.field).toBe('from');
    const next = app.call('changeSlot', {
      id: slot.id,
      from: '2026-10-14',
      startTime: '13:00',
      endTime: '13:45',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
    });
    expect([next.startDate, next.startTime, next.replacesSlotId, next.students.map((s) => s.studentId)]).toEqual([
      '2026-10-14',
      '13:00',
      slot.id,
      [ava],
    ]);
    const old = app.call('listSlots', {}).find((s) => s.id === slot.id)!;
    expect(old.endDate).toBe('2026-10-13');
    // The past keeps its time: 10-07 at 09:00 (logged), 10-14 at 13:00.
    expect(app.call('getWeek', { date: '2026-10-07' }).days[2]!.occurrences[0]!.startTime).toBe('09:00');
    expect(app.call('getWeek', { date: '2026-10-14' }).days[2]!.occurrences[0]!.startTime).toBe('13:00');
    // Ben joins from 10-21; Ava leaves from 10-28.
    app.call('addSlotStudent', { slotId: next.id, studentId: ben, from: '2026-10-21' });
    app.call('removeSlotStudent', { slotId: next.id, studentId: ava, from: '2026-10-28' });
    const names = (d: string) =>
      app.call('getAgenda', { date: d }).occurrences.map((o) => o.students.map((s) => s.name));
    expect(names('2026-10-14')).toEqual([['Ava N.']]);
    expect(names('2026-10-21')).toEqual([['Ava N.', 'Ben O.']]);
    expect(names('2026-10-28')).toEqual([['Ben O.']]);
    // A student of another school cannot join.
    expect(app.fail('addSlotStudent', { slotId: next.id, studentId: cara, from: '2026-10-21' }).message).toMatch(
      /another school/,
    );
    // End after 11-04: nothing from 11-11.
    app.call('endSlot', { id: next.id, lastDate: '2026-11-04' });
    expect(names('2026-11-04')).toEqual([['Ben O.']]);
    expect(names('2026-11-11')).toEqual([]);
    // A slot with logged occurrences cannot be deleted; one without can.
    expect(app.fail('deleteSlot', { id: slot.id }).field).toBe('id');
    expect(app.call('deleteSlot', { id: next.id })).toEqual({ id: next.id });
  });

  it('refuses bad slots with a message that names the field, writing nothing', () => {
    const before = app.snapshot();
    const base = {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([1]),
      studentIds: [ava],
    };
    expect(app.fail('createSlot', { ...base, endTime: '08:30' }).field).toBe('endTime');
    expect(app.fail('createSlot', { ...base, grouping: 'individual', studentIds: [ava, ben] }).field).toBe(
      'studentIds',
    );
    expect(app.fail('createSlot', { ...base, recurrence: { kind: 'weekdays', days: [] } }).field).toBe(
      'recurrence.days',
    );
    expect(app.fail('createSlot', { ...base, recurrence: { kind: 'rotation', days: [0] } }).field).toBe('recurrence');
    expect(app.fail('createSlot', { ...base, studentIds: [cara] }).field).toBe('studentIds.0');
    expect(app.fail('createSlot', { ...base, endDate: '2026-08-01' }).field).toBe('endDate');
    expect(app.fail('setTravel', { schoolA: lincoln, schoolB: lincoln, minutes: 5 }).field).toBe('schoolB');
    expect(app.fail('setTravel', { schoolA: lincoln, schoolB: oak, minutes: -5 }).field).toBe('minutes');
    expect(app.fail('cancelOccurrence', { slotId: 999, date: '2026-10-14', code: 'provider_absent' }).code).toBe(
      'not_found',
    );
    expect(app.fail('setSchoolSchedule', { schoolId: lincoln, dayStart: '15:00', dayEnd: '08:00' }).field).toBe(
      'dayEnd',
    );
    expect(app.snapshot()).toBe(before);
  });
});

describe('coverage', () => {
  it('planned per week vs owed per week, per setting', () => {
    app.call('createSlot', {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([1]),
      studentIds: [ava, ben],
    });
    // Week of Mon 10-05 (five school days): Ava planned 30 (Tue), owed 60 → 30 short; Ben 30 vs 30; Cara 0 vs 30.
    const rows = app.call('getCoverage', { date: '2026-10-07' });
    const by = (id: number) =>
      rows.find((r) => r.studentId === id)!.rows.map((r) => [r.setting, r.planned, r.owed, r.difference]);
    expect(by(ava)).toEqual([['pull_out', 30, 60, -30]]);
    expect(by(ben)).toEqual([['pull_out', 30, 30, 0]]);
    expect(by(cara)).toEqual([['push_in', 0, 30, -30]]);
    expect(app.call('getCoverage', { date: '2026-10-07', studentId: ava })).toHaveLength(1);
  });
});

describe('makeups into free time', () => {
  it('offers free times at the school, books a one-off occurrence linked to the miss, and logging it makes up the miss', () => {
    const oakSlot = app.call('createSlot', {
      schoolId: oak,
      startTime: '09:45',
      endTime: '10:15',
      setting: 'push_in',
      grouping: 'individual',
      startDate: '2026-09-01',
      recurrence: weekly([2]),
      studentIds: [cara],
    });
    app.call('setSchoolSchedule', { schoolId: oak, dayStart: '08:00', dayEnd: '12:00' });
    const s = app.call('cancelOccurrence', { slotId: oakSlot.id, date: '2026-10-14', code: 'provider_absent' });
    const missId = s.students[0]!.attendanceId;
    // From Wed 10-21 (Oak's day 08:00–12:00, the slot 09:45–10:15): 08:00 (until 09:45), then 10:15.
    const offer = app.call('offerMakeups', { attendanceId: missId, from: '2026-10-21' });
    expect(offer.offers.filter((o) => o.date === '2026-10-21')).toEqual([
      { date: '2026-10-21', startTime: '08:00', minutes: 30 },
      { date: '2026-10-21', startTime: '10:15', minutes: 30 },
    ]);
    expect(offer.offers.filter((o) => o.date === '2026-10-22').map((o) => o.startTime)).toEqual(['08:00']);
    expect(new Set(offer.offers.map((o) => o.date)).size).toBe(10);
    // A time that is not free is refused; nothing written.
    const before = app.snapshot();
    expect(
      app.fail('bookMakeup', { attendanceId: missId, date: '2026-10-21', startTime: '09:30', minutes: 30 }).field,
    ).toBe('startTime');
    expect(app.snapshot()).toBe(before);
    const booked = app.call('bookMakeup', {
      attendanceId: missId,
      date: '2026-10-22',
      startTime: '08:00',
      minutes: 30,
    });
    expect([booked.recurrence, booked.makeupFor, booked.startDate, booked.endDate]).toEqual([
      { kind: 'once', date: '2026-10-22' },
      missId,
      '2026-10-22',
      '2026-10-22',
    ]);
    const day = app.call('getAgenda', { date: '2026-10-22' });
    expect(day.occurrences.map((o) => [o.startTime, o.makeupFor])).toEqual([['08:00', missId]]);
    // A session is logged once it has happened: the booked day comes, then it is logged.
    app.today = '2026-10-22';
    const made = app.call('logOccurrenceAsPlanned', { slotId: booked.id, date: '2026-10-22' });
    expect(made.students[0]!.makeupFor).toEqual([missId]);
    expect(app.call('listOpenMisses', { studentId: cara })).toEqual([]);
    expect(app.fail('offerMakeups', { attendanceId: missId, from: '2026-10-21' }).field).toBe('attendanceId');
  });

  it('follows enrollment: a student who exits leaves the slot after their last day, one who transfers leaves the old school', () => {
    const slot = app.call('createSlot', {
      schoolId: lincoln,
      startTime: '09:00',
      endTime: '09:30',
      setting: 'pull_out',
      grouping: 'group',
      startDate: '2026-09-01',
      recurrence: weekly([0, 2]),
      studentIds: [ava, ben],
    });
    // Ava's last day is Mon 10-05; Ben moves to Oak from Wed 10-07.
    app.call('exitStudent', { studentId: ava, date: '2026-10-05', reason: 'moved out of the district' });
    app.call('transferStudent', { studentId: ben, schoolId: oak, date: '2026-10-07', reason: 'moved to Oak' });
    const names = (date: string) =>
      app
        .call('getAgenda', { date })
        .occurrences.filter((o) => o.slotId === slot.id)
        .map((o) => o.students.map((x) => x.name));
    expect(names('2026-09-30')).toEqual([['Ava N.', 'Ben O.']]);
    expect(names('2026-10-05')).toEqual([['Ava N.', 'Ben O.']]); // Ava's last day
    // Wed 10-07: Ava has exited and Ben is at Oak, so the Lincoln slot has no one left to see.
    expect(names('2026-10-07').flat()).toEqual([]);
  });
});
