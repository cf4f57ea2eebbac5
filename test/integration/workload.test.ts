import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestApp, seedSchool, seedStudent, seedWeeklyLines } from '../helpers/db';

// Today is Wed 2026-10-14. Week Mon 10-12 to Sun 10-18; Mon 10-12 is a holiday at Lincoln only.
let app: TestApp;
let lincoln: number;
let oak: number;
let ava: number;
let ben: number;
let cara: number;
let s1: number;
let s2: number;
let s3: number;

const slot = (
  schoolId: number,
  startTime: string,
  endTime: string,
  setting: 'push_in' | 'pull_out' | 'consult',
  days: number[],
  studentIds: number[],
) =>
  app.call('createSlot', {
    schoolId,
    startTime,
    endTime,
    setting,
    grouping: studentIds.length > 1 ? 'group' : 'individual',
    startDate: '2026-09-01',
    recurrence: { kind: 'weekdays', days },
    studentIds,
  }).id;

beforeEach(() => {
  app = new TestApp('2026-10-14');
  lincoln = seedSchool(app, [{ startDate: '2026-10-12', label: "Indigenous Peoples' Day" }]).school.id;
  oak = app.call('createSchool', { name: 'Oak Middle' }).id;
  app.call('createSchoolYear', { schoolId: oak, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' });
  ava = seedStudent(app, lincoln, 'Ava', 'Nguyen').id;
  ben = seedStudent(app, lincoln, 'Ben', 'Ortiz').id;
  cara = seedStudent(app, oak, 'Cara', 'Lee').id;
  seedWeeklyLines(app, ava, ['pull_out', 60], ['consult', 15]);
  seedWeeklyLines(app, ben, ['pull_out', 30]);
  seedWeeklyLines(app, cara, ['push_in', 30]);
  app.call('setTravel', { schoolA: lincoln, schoolB: oak, minutes: 20, miles: 6.5 });
  // S1 Lincoln 09:00–09:30 pull-out Ava + Ben, Mon/Wed/Fri; S2 Oak 10:00–10:30 push-in Cara, Tue/Thu;
  // S3 Lincoln 08:00–08:15 consult Ava, Tue/Thu.
  s1 = slot(lincoln, '09:00', '09:30', 'pull_out', [0, 2, 4], [ava, ben]);
  s2 = slot(oak, '10:00', '10:30', 'push_in', [1, 3], [cara]);
  s3 = slot(lincoln, '08:00', '08:15', 'consult', [1, 3], [ava]);
  // Blocks: lunch every weekday 12:00–12:30 at no school; an IEP meeting at Oak Thu 13:00–14:00;
  // documentation Fri 14:00–15:00 at no school.
  app.call('createBlock', {
    kind: 'lunch',
    startTime: '12:00',
    endTime: '12:30',
    recurrence: { kind: 'weekdays', days: [0, 1, 2, 3, 4] },
    startDate: '2026-09-01',
  });
  app.call('createBlock', {
    kind: 'iep_meeting',
    schoolId: oak,
    startTime: '13:00',
    endTime: '14:00',
    recurrence: { kind: 'once', date: '2026-10-15' },
    note: 'Annual review',
  });
  app.call('createBlock', {
    kind: 'documentation',
    startTime: '14:00',
    endTime: '15:00',
    recurrence: { kind: 'once', date: '2026-10-16' },
  });
  // The log: Tue an unplanned pull-out for Ava at Lincoln 08:30 (30 min, her school on the day), S2 done
  // as planned; S3 of Tue neither logged nor cancelled; an evaluation of Ben at Lincoln Tue 14:00
  // (60 min); Wed (today) S1 done as planned.
  app.call('createSession', {
    date: '2026-10-13',
    startTime: '08:30',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    students: [{ studentId: ava, code: 'present' }],
  });
  app.call('logOccurrenceAsPlanned', { slotId: s2, date: '2026-10-13' });
  app.call('createEvaluation', {
    studentId: ben,
    date: '2026-10-13',
    startTime: '14:00',
    minutes: 60,
    cptCode: '97168',
  });
  app.call('logOccurrenceAsPlanned', { slotId: s1, date: '2026-10-14' });
});
afterEach(() => app.close());

describe('workload week, worked by hand through the handlers', () => {
  it('direct by setting from the log then the schedule, consult, evaluations, blocks, travel, against the contract', () => {
    // Mon 10-12 (log): Lincoln closed, no session; lunch 30 (Oak is open, so the therapist works). Total 30.
    // Tue 10-13 (log): Lincoln 08:30 pull-out 30, Oak 10:00 push-in 30, lunch 30 (no school),
    //   evaluation Lincoln 14:00 60. S3's consult at 08:00 was never logged: not counted (1 not logged).
    //   Legs Lincoln→Oak, Oak→Lincoln: 20 + 20 min, 6.5 + 6.5 mi. Total 30 + 30 + 30 + 60 + 40 = 190.
    // Wed 10-14 (today): S1 logged (pull-out 30, counted once), lunch 30. Total 60.
    // Thu 10-15 (schedule): Lincoln 08:00 consult 15, Oak 10:00 push-in 30, lunch 30, IEP meeting Oak 60.
    //   Leg Lincoln→Oak 20 min, 6.5 mi. Total 15 + 30 + 30 + 60 + 20 = 155.
    // Fri 10-16 (schedule): Lincoln 09:00 pull-out 30, lunch 30, documentation 60. Total 120.
    // Week: pull-out 30 + 30 + 30 = 90; push-in 30 + 30 = 60; consult 15; evaluations 60;
    //   blocks: lunch 5 × 30 = 150, IEP 60, documentation 60 (270); travel 60 (19.5 mi).
    //   Total 90 + 60 + 15 + 60 + 270 + 60 = 555; against the default 2400: 1845 under.
    const w = app.call('getWorkload', { date: '2026-10-14' });
    expect([w.from, w.to]).toEqual(['2026-10-12', '2026-10-18']);
    expect(w.direct).toEqual({ push_in: 60, pull_out: 90 });
    expect([w.consult, w.evaluations]).toEqual([15, 60]);
    expect(w.blocks).toEqual({ evaluation: 0, iep_meeting: 60, documentation: 60, lunch: 150, other: 0 });
    expect([w.travel, w.miles]).toEqual([60, 19.5]);
    expect([w.total, w.contracted, w.difference]).toEqual([555, 2400, -1845]);
    expect(w.notLogged).toBe(1);
    expect(w.days.map((d) => [d.date, d.source, d.total])).toEqual([
      ['2026-10-12', 'log', 30],
      ['2026-10-13', 'log', 190],
      ['2026-10-14', 'log_and_schedule', 60],
      ['2026-10-15', 'schedule', 155],
      ['2026-10-16', 'schedule', 120],
    ]);
    expect(w.legs.map((l) => [l.date, l.from, l.to, l.minutes, l.miles])).toEqual([
      ['2026-10-13', 'Lincoln Elementary', 'Oak Middle', 20, 6.5],
      ['2026-10-13', 'Oak Middle', 'Lincoln Elementary', 20, 6.5],
      ['2026-10-15', 'Lincoln Elementary', 'Oak Middle', 20, 6.5],
    ]);
    expect(w.blockList).toHaveLength(7);

    // The contract set in Settings: 600 min/week, so 555 is 45 under.
    expect(app.call('updateSettings', { contractedWeeklyMinutes: 600 }).contractedWeeklyMinutes).toBe(600);
    expect(app.call('getWorkload', { date: '2026-10-16' }).difference).toBe(-45);
    expect(app.fail('updateSettings', { contractedWeeklyMinutes: 10 }).field).toBe('contractedWeeklyMinutes');

    // Logging Tue's consult late moves it into the log: +15 consult, and the day's order becomes
    // Lincoln 08:00, Lincoln 08:30, Oak, Lincoln: the same two legs. 555 + 15 = 570.
    app.call('logOccurrenceAsPlanned', { slotId: s3, date: '2026-10-13' });
    const after = app.call('getWorkload', { date: '2026-10-12' });
    expect([after.consult, after.notLogged, after.travel, after.total]).toEqual([30, 0, 60, 570]);
    // A cancelled occurrence is no one's time: cancelling Thu's S2 ahead is refused (a future session),
    // so cancel Wed's S1 instead after undoing it: Wed loses its 30 pull-out. 570 − 30 = 540.
    app.call('undoOccurrence', { slotId: s1, date: '2026-10-14' });
    app.call('cancelOccurrence', { slotId: s1, date: '2026-10-14', code: 'provider_absent' });
    const cancelled = app.call('getWorkload', { date: '2026-10-14' });
    expect([cancelled.direct.pull_out, cancelled.total]).toEqual([60, 540]);
  });

  it('blocks show in the week grid and the agenda, and are busy time for conflicts', () => {
    const week = app.call('getWeek', { date: '2026-10-12' });
    expect(week.days.map((d) => d.blocks.map((b) => `${b.startTime} ${b.label}`))).toEqual([
      ['12:00 Lunch'],
      ['12:00 Lunch'],
      ['12:00 Lunch'],
      ['12:00 Lunch', '13:00 IEP meeting'],
      ['12:00 Lunch', '14:00 Documentation'],
    ]);
    expect(week.conflicts).toEqual([]);
    // The teachers' week of one school shows no blocks.
    expect(app.call('getWeek', { date: '2026-10-12', schoolId: lincoln }).days.flatMap((d) => d.blocks)).toEqual([]);
    const agenda = app.call('getAgenda', { date: '2026-10-15' });
    expect(agenda.blocks.map((b) => [b.label, b.school, b.note])).toEqual([
      ['Lunch', null, null],
      ['IEP meeting', 'Oak Middle', 'Annual review'],
    ]);
    // Documentation at no school over S1 (Fri 09:15–09:45): an overlap. An IEP meeting at Oak at 09:40,
    // 10 min after S1 ends at Lincoln with 20 min of travel: a travel conflict, judged across the
    // documentation block (which has no school).
    app.call('createBlock', {
      kind: 'documentation',
      startTime: '09:15',
      endTime: '09:35',
      recurrence: { kind: 'once', date: '2026-10-16' },
    });
    app.call('createBlock', {
      kind: 'iep_meeting',
      schoolId: oak,
      startTime: '09:40',
      endTime: '10:00',
      recurrence: { kind: 'once', date: '2026-10-16' },
    });
    const w2 = app.call('getWeek', { date: '2026-10-12' });
    expect(w2.conflicts.map((c) => [c.date, c.kind])).toEqual([
      ['2026-10-16', 'overlap'],
      ['2026-10-16', 'travel'],
    ]);
    expect(w2.conflicts[1]!.message).toBe(
      '10 min from Lincoln Elementary (ends 09:30) to Oak Middle (starts 09:40); travel takes 20 min',
    );
    const fri = w2.days[4]!;
    expect(fri.occurrences[0]!.conflicts).toHaveLength(2);
    expect(fri.blocks.map((b) => b.conflicts.length)).toEqual([1, 1, 0, 0]);
  });

  it('makeups into free time go around blocks (and their travel); booking into one is refused', () => {
    // Wed's S1 undone and cancelled by the provider: Ava owes a 30 min makeup at Lincoln.
    app.call('undoOccurrence', { slotId: s1, date: '2026-10-14' });
    const session = app.call('cancelOccurrence', { slotId: s1, date: '2026-10-14', code: 'provider_absent' });
    const miss = { id: session.students.find((s) => s.studentId === ava)!.attendanceId };
    const offer = app.call('offerMakeups', { attendanceId: miss.id, from: '2026-10-15' });
    // Thu at Lincoln (day 08:00–15:00), busy: S3 08:00–08:15; S2 at Oak 10:00–10:30 + 20 min travel each
    // side (09:40–10:50); lunch 12:00–12:30 (no school, no travel); IEP meeting at Oak 13:00–14:00 with
    // travel (12:40–14:20). Free stretches of 30 min start at 08:15, 10:50 and 14:20 (12:30–12:40 is
    // too short). Without the IEP meeting the afternoon would start at 12:30.
    expect(offer.offers.filter((o) => o.date === '2026-10-15').map((o) => o.startTime)).toEqual([
      '08:15',
      '10:50',
      '14:20',
    ]);
    const err = app.fail('bookMakeup', { attendanceId: miss.id, date: '2026-10-15', startTime: '12:10', minutes: 30 });
    expect(err.field).toBe('startTime');
    expect(err.message).toContain('Lunch');
    expect(
      app.call('bookMakeup', { attendanceId: miss.id, date: '2026-10-15', startTime: '14:20', minutes: 30 }).id,
    ).toBeGreaterThan(0);
  });

  it('blocks: create, change from a date, delete; bad input says what to fix', () => {
    const lunch = app.call('listBlocks', {}).find((b) => b.kind === 'lunch')!;
    expect(lunch).toMatchObject({
      minutes: 30,
      recurrence: { kind: 'weekdays', days: [0, 1, 2, 3, 4] },
      endDate: null,
    });
    // From Mon 10-19 lunch moves to 11:30–12:15: the week of 10-12 keeps 5 × 30, the next has 5 × 45.
    const moved = app.call('changeBlock', {
      id: lunch.id,
      from: '2026-10-19',
      kind: 'lunch',
      startTime: '11:30',
      endTime: '12:15',
      recurrence: { kind: 'weekdays', days: [0, 1, 2, 3, 4] },
      startDate: '2026-09-01',
    });
    expect(moved.startDate).toBe('2026-10-19');
    expect(app.call('getWorkload', { date: '2026-10-12' }).blocks.lunch).toBe(150);
    expect(app.call('getWorkload', { date: '2026-10-19' }).blocks.lunch).toBe(225);
    // Corrected in place (no from): a one-off block's kind and note.
    const doc = app.call('listBlocks', {}).find((b) => b.kind === 'documentation')!;
    const fixed = app.call('changeBlock', {
      id: doc.id,
      kind: 'other',
      startTime: '14:00',
      endTime: '14:45',
      recurrence: { kind: 'once', date: '2026-10-16' },
      note: 'Team training',
    });
    expect([fixed.kind, fixed.minutes, fixed.note]).toEqual(['other', 45, 'Team training']);
    expect(app.call('deleteBlock', { id: doc.id })).toEqual({ id: doc.id });
    expect(app.fail('deleteBlock', { id: doc.id }).code).toBe('not_found');

    const before = app.snapshot();
    const base = {
      kind: 'lunch',
      startTime: '12:00',
      endTime: '12:30',
      recurrence: { kind: 'once', date: '2026-10-20' },
    };
    expect(app.fail('createBlock', { ...base, endTime: '11:00' }).field).toBe('endTime');
    expect(app.fail('createBlock', { ...base, endTime: '23:00' }).message).toContain('at most 10 hours');
    expect(app.fail('createBlock', { ...base, kind: 'nap' }).field).toBe('kind');
    expect(app.fail('createBlock', { ...base, recurrence: { kind: 'weekdays', days: [1] } }).field).toBe('startDate');
    expect(
      app.fail('createBlock', { ...base, recurrence: { kind: 'weekdays', days: [6] }, startDate: '2026-10-20' }).field,
    ).toBe('recurrence.days.0');
    expect(
      app.fail('createBlock', {
        ...base,
        recurrence: { kind: 'weekdays', days: [1] },
        startDate: '2026-10-20',
        endDate: '2026-10-01',
      }).field,
    ).toBe('endDate');
    expect(app.fail('createBlock', { ...base, schoolId: 999 }).code).toBe('not_found');
    expect(app.fail('createBlock', { ...base, recurrence: { kind: 'once', date: '2026-02-30' } }).field).toBe(
      'recurrence.date',
    );
    expect(app.fail('changeBlock', { id: 999, ...base }).code).toBe('not_found');
    expect(app.snapshot()).toBe(before);
  });
});

describe('mileage log', () => {
  it('legs per day from the order of schools, day totals, unknown distances, CSV through the save dialog', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-miles-'));
    let cancel = false;
    app.shell = {
      chooseFolder: async () => dir,
      chooseSavePath: async (n) => (cancel ? null : join(dir, n)),
      chooseOpenPath: async () => null,
      htmlToPdf: async () => new Uint8Array(),
      printHtml: async () => false,
    };
    app.restart();
    try {
      // A third school, 4.2 mi from Lincoln and no distance set to Oak. Fri 10-16: S1 Lincoln 09:00,
      // an IEP meeting at Pine 11:00, lunch (no school), another block at Oak 13:30.
      const pine = app.call('createSchool', { name: 'Pine Ridge' }).id;
      app.call('setTravel', { schoolA: lincoln, schoolB: pine, minutes: 15, miles: 4.2 });
      for (const [schoolId, startTime, endTime] of [
        [pine, '11:00', '11:30'],
        [oak, '13:30', '13:45'],
      ] as const)
        app.call('createBlock', {
          kind: 'iep_meeting',
          schoolId,
          startTime,
          endTime,
          recurrence: { kind: 'once', date: '2026-10-16' },
        });
      // Tue: Lincoln→Oak 6.5, Oak→Lincoln 6.5 (day 13). Thu: Lincoln→Oak 6.5. Fri: Lincoln→Pine 4.2,
      // Pine→Oak unknown (day 4.2, 1 unknown). Range: 13 + 6.5 + 4.2 = 23.7.
      const log = app.call('getMileage', { from: '2026-10-12', to: '2026-10-16' });
      expect(log.days.map((d) => [d.date, d.legs.length, d.miles, d.unknown])).toEqual([
        ['2026-10-13', 2, 13, 0],
        ['2026-10-15', 1, 6.5, 0],
        ['2026-10-16', 2, 4.2, 1],
      ]);
      expect(log.miles).toBe(23.7);
      expect(log.missing).toEqual(['Oak Middle ↔ Pine Ridge']);
      // One day only.
      expect(app.call('getMileage', { from: '2026-10-15', to: '2026-10-15' }).miles).toBe(6.5);
      expect(app.fail('getMileage', { from: '2026-10-16', to: '2026-10-12' }).field).toBe('to');

      // A school name a spreadsheet would run is neutralised.
      app.call('updateSchool', { id: pine, name: '=Pine Ridge' });
      const r = await app.callAsync('exportMileageCsv', { from: '2026-10-12', to: '2026-10-16' });
      expect(r.rows).toBe(5);
      expect(r.notes?.[0]).toContain('=Pine Ridge ↔ Oak Middle');
      const rows = Papa.parse<string[]>(readFileSync(r.file!, 'utf8').trim(), { newline: '\r\n' }).data;
      expect(rows).toEqual([
        ['Date', 'Leg', 'From school', 'To school', 'Miles', 'Day total miles', 'Note', 'Source'],
        ['2026-10-13', '1', 'Lincoln Elementary', 'Oak Middle', '6.5', '13', '', 'log'],
        ['2026-10-13', '2', 'Oak Middle', 'Lincoln Elementary', '6.5', '', '', 'log'],
        ['2026-10-15', '1', 'Lincoln Elementary', 'Oak Middle', '6.5', '6.5', '', 'schedule'],
        ['2026-10-16', '1', 'Lincoln Elementary', "'=Pine Ridge", '4.2', '4.2', '', 'schedule'],
        ['2026-10-16', '2', "'=Pine Ridge", 'Oak Middle', '', '', 'no distance set for this pair', 'schedule'],
        ['Total 2026-10-12 to 2026-10-16', '', '', '', '23.7', '', 'no distance set: =Pine Ridge ↔ Oak Middle', ''],
      ]);
      expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({ action: 'exported mileage log' });
      cancel = true;
      expect(await app.callAsync('exportMileageCsv', { from: '2026-10-12', to: '2026-10-16' })).toEqual({ file: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
