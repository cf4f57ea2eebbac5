import { describe, expect, it } from 'vitest';
import { type WorkItem, travelLegs, workload } from '../../shared/domain/workload';

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
