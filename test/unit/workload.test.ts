import { describe, expect, it } from 'vitest';
import { type WorkItem, mileageByDay, travelLegs, workload } from '../../shared/domain/workload';

const trips: Record<string, { minutes: number; miles: number }> = { '1-2': { minutes: 20, miles: 6.5 } };
const travel = (a: number, b: number) => trips[a < b ? `${a}-${b}` : `${b}-${a}`] ?? { minutes: 0, miles: 0 };
const service = (
  date: string,
  startTime: string,
  schoolId: number,
  setting: 'push_in' | 'pull_out' | 'consult',
  minutes = 30,
): WorkItem => ({
  date,
  startTime,
  minutes,
  schoolId,
  kind: { type: 'service', setting },
});

describe('workload and mileage', () => {
  it('sums direct, consult, blocks and travel against the contract', () => {
    // Mon: Lincoln 09:00 pull-out 30, Oak 10:00 push-in 30, lunch (no school) 12:00 30, Lincoln 13:00 consult 15.
    //   Legs: Lincoln→Oak (20 min, 6.5 mi), Oak→Lincoln (20, 6.5): the lunch has no school and breaks no leg.
    // Tue: Oak 09:00 IEP meeting 45, Oak 10:00 pull-out 30: no leg.
    const items: WorkItem[] = [
      service('2026-10-12', '09:00', 1, 'pull_out'),
      service('2026-10-12', '10:00', 2, 'push_in'),
      { date: '2026-10-12', startTime: '12:00', minutes: 30, schoolId: null, kind: { type: 'block', block: 'lunch' } },
      service('2026-10-12', '13:00', 1, 'consult', 15),
      {
        date: '2026-10-13',
        startTime: '09:00',
        minutes: 45,
        schoolId: 2,
        kind: { type: 'block', block: 'iep_meeting' },
      },
      service('2026-10-13', '10:00', 2, 'pull_out'),
    ];
    const w = workload(items, travel, 300);
    expect(w.direct).toEqual({ push_in: 30, pull_out: 60 });
    expect(w.consult).toBe(15);
    expect(w.blocks).toEqual({ evaluation: 0, iep_meeting: 45, documentation: 0, lunch: 30, other: 0 });
    expect([w.travel, w.miles]).toEqual([40, 13]);
    // 30 + 60 + 15 + 45 + 30 + 40 = 220; 220 − 300 = −80.
    expect([w.total, w.difference]).toEqual([220, -80]);
    expect(w.legs.map((l) => [l.date, l.from, l.to, l.miles])).toEqual([
      ['2026-10-12', 1, 2, 6.5],
      ['2026-10-12', 2, 1, 6.5],
    ]);
  });
  it('no contract: no difference; one school all day: no legs', () => {
    const w = workload(
      [service('2026-10-12', '09:00', 1, 'pull_out'), service('2026-10-12', '08:00', 1, 'push_in')],
      travel,
      null,
    );
    expect([w.total, w.difference, w.legs]).toEqual([60, null, []]);
    expect(travelLegs([], travel)).toEqual([]);
  });
});

describe('non-student blocks and the mileage log', () => {
  it('a weekly block occurs on its weekdays when its school (or, with none, any school) is open; a one-off on its date', async () => {
    const { blockOccurrences } = await import('../../shared/domain/work-blocks');
    const { toDay, weekdayOf } = await import('../../shared/domain/dates');
    // Mon 2026-10-12 is closed at school 1 only; Sat 10-17 is closed everywhere.
    const open = (schoolId: number | null, day: number) =>
      weekdayOf(day) < 5 && !(schoolId === 1 && day === toDay('2026-10-12'));
    const workday = (schoolId: number | null, day: number) =>
      schoolId == null ? open(1, day) || open(2, day) : open(schoolId, day);
    const base = { startTime: '12:00', endTime: '12:30', endDate: null, note: null };
    const list = blockOccurrences(
      [
        // Lunch Mon and Wed at no school from Tue 10-13: Wed 10-14 only in the week (Mon 10-12 is before it).
        {
          ...base,
          id: 1,
          kind: 'lunch',
          schoolId: null,
          startDate: '2026-10-13',
          recurrence: { kind: 'weekdays', days: [0, 2] },
        },
        // Documentation Mon at school 1: closed on 10-12, so none; Mon 10-19 is outside the range.
        {
          ...base,
          id: 2,
          kind: 'documentation',
          schoolId: 1,
          startDate: '2026-09-01',
          recurrence: { kind: 'weekdays', days: [0] },
        },
        // Mon at no school: 10-12 counts (school 2 is open).
        {
          ...base,
          id: 3,
          kind: 'other',
          schoolId: null,
          startDate: '2026-09-01',
          endDate: '2026-10-12',
          recurrence: { kind: 'weekdays', days: [0, 1] },
        },
        // A one-off on a Saturday still happens: the therapist chose that day.
        {
          ...base,
          id: 4,
          kind: 'iep_meeting',
          schoolId: 2,
          startTime: '09:00',
          endTime: '10:15',
          startDate: '2026-10-17',
          recurrence: { kind: 'once', date: '2026-10-17' },
        },
      ],
      '2026-10-12',
      '2026-10-18',
      workday,
    );
    expect(list.map((o) => [o.blockId, o.date, o.minutes])).toEqual([
      [3, '2026-10-12', 30],
      [1, '2026-10-14', 30],
      [4, '2026-10-17', 75],
    ]);
  });

  it('a school-less block between two schools: overlap counts, travel is judged across it', async () => {
    const { conflicts } = await import('../../shared/domain/schedule');
    const list = [
      { date: '2026-10-12', startTime: '09:00', endTime: '09:30', schoolId: 1 },
      { date: '2026-10-12', startTime: '09:20', endTime: '09:35', schoolId: null },
      { date: '2026-10-12', startTime: '09:40', endTime: '10:00', schoolId: 2 },
    ];
    // 09:00–09:30 overlaps 09:20–09:35; school 1 ends 09:30, school 2 starts 09:40: 10 < 20 min of travel.
    expect(conflicts(list, (a, b) => (a === b ? 0 : 20)).map((c) => [c.kind, c.first, c.second])).toEqual([
      ['overlap', 0, 1],
      ['travel', 0, 2],
    ]);
  });

  it('mileage by day: totals to a tenth of a mile, unknown distances counted apart', () => {
    // 6.5 + 4.2 = 10.7 (not 10.700000000000001); the unknown leg is listed, not summed.
    const days = mileageByDay([
      { date: '2026-10-13', from: 1, to: 2, minutes: 20, miles: 6.5 },
      { date: '2026-10-12', from: 2, to: 3, minutes: 0, miles: null },
      { date: '2026-10-13', from: 2, to: 3, minutes: 15, miles: 4.2 },
    ]);
    expect(days.map((d) => [d.date, d.legs.length, d.miles, d.unknown])).toEqual([
      ['2026-10-12', 1, 0, 1],
      ['2026-10-13', 2, 10.7, 0],
    ]);
    // Evaluations are non-direct time in the total.
    const w = workload(
      [{ date: '2026-10-13', startTime: '13:00', minutes: 52, schoolId: 1, kind: { type: 'evaluation' } }],
      travel,
      null,
    );
    expect([w.evaluations, w.total]).toEqual([52, 52]);
  });
});
