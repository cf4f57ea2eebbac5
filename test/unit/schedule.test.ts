import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../shared/domain/calendar';
import { toDay } from '../../shared/domain/dates';
import {
  type SlotDef,
  conflicts,
  coverage,
  eligibilityFromSpans,
  freeStarts,
  occurrences,
  rotationIndex,
  travelLookup,
} from '../../shared/domain/schedule';

// The 2026-27 year of the tests: Wed 2026-08-26 to Fri 2027-06-11, Labor Day Mon 09-07 closed,
// Indigenous Peoples' Day Mon 10-12 closed, Thanksgiving break Wed 11-25 to Fri 11-27.
const cal = new SchoolCalendar([
  {
    label: '2026-27',
    firstDay: '2026-08-26',
    lastDay: '2027-06-11',
    closures: [
      { startDate: '2026-09-07', endDate: '2026-09-07', label: 'Labor Day' },
      { startDate: '2026-10-12', endDate: '2026-10-12', label: "Indigenous Peoples' Day" },
      { startDate: '2026-11-25', endDate: '2026-11-27', label: 'Thanksgiving break' },
    ],
  },
]);
const calendars = new Map([[1, cal]]);
const always = () => true;

function slot(over: Partial<SlotDef>): SlotDef {
  return {
    id: 1,
    schoolId: 1,
    startTime: '09:00',
    endTime: '09:30',
    setting: 'pull_out',
    grouping: 'group',
    startDate: '2026-08-26',
    endDate: null,
    recurrence: { kind: 'weekdays', days: [1, 3] },
    members: [{ studentId: 10, startDate: '2026-08-26', endDate: null }],
    ...over,
  };
}
const dates = (list: { date: string }[]) => list.map((o) => o.date);

describe('rotation days', () => {
  it('A/B advances one per instructional day, skipping a holiday', () => {
    // Day 1 (A) = Wed 08-26: Wed A, Thu B, Fri A, Mon 08-31 B, Tue 09-01 A, Wed B, Thu 09-03 A, Fri 09-04 B,
    // Mon 09-07 Labor Day (no day), Tue 09-08 A, Wed 09-09 B.
    const rotations = new Map([[1, { names: ['A', 'B'], day1: '2026-08-26' }]]);
    const s = slot({ recurrence: { kind: 'rotation', days: [0] }, endDate: '2026-09-09' });
    const occ = occurrences([s], calendars, rotations, '2026-08-01', '2026-09-30', always);
    expect(dates(occ)).toEqual(['2026-08-26', '2026-08-28', '2026-09-01', '2026-09-03', '2026-09-08']);
    expect(occ.every((o) => o.rotationDay === 'A')).toBe(true);
    expect(rotationIndex(cal, rotations.get(1)!, toDay('2026-09-07'))).toBeNull();
  });

  it('A/B across a three-day break, and backwards from day 1', () => {
    // Day 1 (A) = Mon 11-23: Mon A, Tue 11-24 B, Wed–Fri break, Mon 11-30 A, Tue 12-01 B, Wed 12-02 A,
    // Thu 12-03 B, Fri 12-04 A. Backwards: Fri 11-20 is B, Thu 11-19 is A.
    const rot = { names: ['A', 'B'], day1: '2026-11-23' };
    const s = slot({ recurrence: { kind: 'rotation', days: [0] } });
    const occ = occurrences([s], calendars, new Map([[1, rot]]), '2026-11-23', '2026-12-04', always);
    expect(dates(occ)).toEqual(['2026-11-23', '2026-11-30', '2026-12-02', '2026-12-04']);
    expect(rotationIndex(cal, rot, toDay('2026-11-20'))).toBe(1);
    expect(rotationIndex(cal, rot, toDay('2026-11-19'))).toBe(0);
    // A range that starts mid-rotation gets the same days as one that starts on day 1.
    const later = occurrences([s], calendars, new Map([[1, rot]]), '2026-12-01', '2026-12-04', always);
    expect(dates(later)).toEqual(['2026-12-02', '2026-12-04']);
  });

  it('a 6-day cycle', () => {
    // Day 1 = Tue 09-01: Tue d1, Wed d2, Thu d3, Fri d4, (Mon 09-07 closed), Tue 09-08 d5, Wed 09-09 d6,
    // Thu 09-10 d1, Fri d2, Mon 09-14 d3, Tue d4, Wed 09-16 d5, Thu 09-17 d6, Fri 09-18 d1.
    const rot = { names: ['1', '2', '3', '4', '5', '6'], day1: '2026-09-01' };
    const s = slot({ recurrence: { kind: 'rotation', days: [5] } });
    const occ = occurrences([s], calendars, new Map([[1, rot]]), '2026-09-01', '2026-09-18', always);
    expect(dates(occ)).toEqual(['2026-09-09', '2026-09-17']);
    expect(occ[0]!.rotationDay).toBe('6');
  });

  it('a rotation slot at a school with no rotation set never occurs', () => {
    const s = slot({ recurrence: { kind: 'rotation', days: [0] } });
    expect(occurrences([s], calendars, new Map(), '2026-09-01', '2026-09-30', always)).toEqual([]);
  });
});

describe('weekday slots', () => {
  it('a Tue/Thu slot that ends mid-month, skipping a holiday Monday', () => {
    // Tue/Thu from Thu 10-01 to Wed 10-14: 10-01, 10-06, 10-08, 10-13 (the 10-15 Thursday is after the end).
    const s = slot({ startDate: '2026-10-01', endDate: '2026-10-14' });
    const occ = occurrences([s], calendars, new Map(), '2026-09-28', '2026-10-31', always);
    expect(dates(occ)).toEqual(['2026-10-01', '2026-10-06', '2026-10-08', '2026-10-13']);
    expect(occ[0]!.minutes).toBe(30);
  });

  it('a Monday slot does not occur on the holiday Monday', () => {
    const s = slot({ recurrence: { kind: 'weekdays', days: [0] } });
    expect(dates(occurrences([s], calendars, new Map(), '2026-10-05', '2026-10-16', always))).toEqual(['2026-10-05']);
  });

  it('a student who exits, and one removed from the slot, leave it from that date', () => {
    // Ava (10) exits Wed 10-07 (last day enrolled). Ben (11) is removed from the slot from 10-13 (member until 10-12).
    // Tue/Thu 10-01..10-15: 10-01 [10,11], 10-06 [10,11], 10-08 [11], 10-13 [] (no occurrence), 10-15 [].
    const spans = new Map([
      [
        10,
        {
          enrollment: [{ schoolId: 1, from: toDay('2026-08-26'), to: toDay('2026-10-07') }],
          service: [{ from: 0, to: toDay('2027-06-11') }],
        },
      ],
      [
        11,
        {
          enrollment: [{ schoolId: 1, from: 0, to: toDay('2200-01-01') }],
          service: [{ from: 0, to: toDay('2027-06-11') }],
        },
      ],
    ]);
    const s = slot({
      members: [
        { studentId: 10, startDate: '2026-08-26', endDate: null },
        { studentId: 11, startDate: '2026-08-26', endDate: '2026-10-12' },
      ],
    });
    const occ = occurrences([s], calendars, new Map(), '2026-10-01', '2026-10-15', eligibilityFromSpans(spans));
    expect(occ.map((o) => [o.date, o.studentIds])).toEqual([
      ['2026-10-01', [10, 11]],
      ['2026-10-06', [10, 11]],
      ['2026-10-08', [11]],
    ]);
  });

  it('a student at another school, or with no service line in effect, is not served', () => {
    const spans = new Map([
      [
        10,
        {
          enrollment: [{ schoolId: 2, from: 0, to: toDay('2200-01-01') }],
          service: [{ from: 0, to: toDay('2027-06-11') }],
        },
      ],
      [
        11,
        {
          enrollment: [{ schoolId: 1, from: 0, to: toDay('2200-01-01') }],
          service: [{ from: toDay('2026-10-07'), to: toDay('2027-06-11') }],
        },
      ],
    ]);
    const s = slot({
      members: [
        { studentId: 10, startDate: '2026-08-26', endDate: null },
        { studentId: 11, startDate: '2026-08-26', endDate: null },
      ],
    });
    const occ = occurrences([s], calendars, new Map(), '2026-10-01', '2026-10-08', eligibilityFromSpans(spans));
    expect(occ.map((o) => [o.date, o.studentIds])).toEqual([['2026-10-08', [11]]]);
  });

  it('a one-off slot occurs on its date only, if the school is open', () => {
    const once = slot({
      recurrence: { kind: 'once', date: '2026-10-09' },
      startDate: '2026-10-09',
      endDate: '2026-10-09',
    });
    expect(dates(occurrences([once], calendars, new Map(), '2026-10-01', '2026-10-31', always))).toEqual([
      '2026-10-09',
    ]);
    const closed = slot({
      recurrence: { kind: 'once', date: '2026-10-12' },
      startDate: '2026-10-12',
      endDate: '2026-10-12',
    });
    expect(occurrences([closed], calendars, new Map(), '2026-10-01', '2026-10-31', always)).toEqual([]);
  });
});

describe('conflicts', () => {
  const travel = travelLookup([{ schoolA: 1, schoolB: 2, minutes: 20 }]);
  it('overlapping slots and too little travel time between schools', () => {
    const list = [
      { date: '2026-10-06', startTime: '09:00', endTime: '09:30', schoolId: 1 },
      { date: '2026-10-06', startTime: '09:15', endTime: '09:45', schoolId: 1 },
      // 15 min after 09:45 at another school, travel 20: too short.
      { date: '2026-10-06', startTime: '10:00', endTime: '10:30', schoolId: 2 },
      // 20 min after 10:30 back at school 1: exactly enough.
      { date: '2026-10-06', startTime: '10:50', endTime: '11:20', schoolId: 1 },
    ];
    const c = conflicts(list, travel);
    expect(c.map((x) => [x.kind, x.first, x.second])).toEqual([
      ['overlap', 0, 1],
      ['travel', 1, 2],
    ]);
  });
  it('the same times on different days do not conflict', () => {
    const list = [
      { date: '2026-10-06', startTime: '09:00', endTime: '09:30', schoolId: 1 },
      { date: '2026-10-07', startTime: '09:00', endTime: '09:30', schoolId: 2 },
    ];
    expect(conflicts(list, travel)).toEqual([]);
  });
});

describe('coverage', () => {
  it('a 60 min/week pull-out line with one 30-minute pull-out slot is 30 short; push-in with no slot is all short', () => {
    const lines = [
      {
        id: 1,
        setting: 'pull_out' as const,
        interval: 'week' as const,
        minutes: 60,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      },
      {
        id: 2,
        setting: 'push_in' as const,
        interval: 'week' as const,
        minutes: 30,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      },
    ];
    // Week of Mon 10-05 (five school days): planned Tue 10-06 30 pull-out; owed 60 pull-out, 30 push-in.
    const planned = [
      { date: '2026-10-06', setting: 'pull_out' as const, minutes: 30 },
      { date: '2026-10-13', setting: 'pull_out' as const, minutes: 30 },
    ];
    const rows = coverage(lines, planned, cal, '2026-10-07', { prorateShortWeeks: false });
    expect(rows).toEqual([
      {
        setting: 'push_in',
        interval: 'week',
        from: '2026-10-05',
        to: '2026-10-11',
        planned: 0,
        owed: 30,
        difference: -30,
      },
      {
        setting: 'pull_out',
        interval: 'week',
        from: '2026-10-05',
        to: '2026-10-11',
        planned: 30,
        owed: 60,
        difference: -30,
      },
    ]);
  });
  it('a consult slot with no consult line is over-scheduled', () => {
    const rows = coverage([], [{ date: '2026-10-06', setting: 'consult', minutes: 15 }], cal, '2026-10-06', {
      prorateShortWeeks: false,
    });
    expect(rows).toEqual([
      {
        setting: 'consult',
        interval: 'week',
        from: '2026-10-05',
        to: '2026-10-11',
        planned: 15,
        owed: 0,
        difference: 15,
      },
    ]);
  });
});

describe('free time for makeups', () => {
  it("leaves room for travel around another school's slot", () => {
    // Day 08:00–15:00. Busy 09:00–09:30 here; 10:00–11:00 at a school 15 min away (blocked 09:45–11:15).
    // Free 08:00–09:00 (60 ≥ 30) → 08:00; 09:30–09:45 (15 < 30) none; 11:15–15:00 → 11:15.
    const travel = travelLookup([{ schoolA: 1, schoolB: 2, minutes: 15 }]);
    const busy = [
      { startTime: '09:00', endTime: '09:30', schoolId: 1 },
      { startTime: '10:00', endTime: '11:00', schoolId: 2 },
    ];
    expect(freeStarts({ start: '08:00', end: '15:00' }, busy, 1, 30, travel)).toEqual(['08:00', '11:15']);
    expect(freeStarts({ start: '08:00', end: '09:20' }, [], 1, 90, travel)).toEqual([]);
  });
});
