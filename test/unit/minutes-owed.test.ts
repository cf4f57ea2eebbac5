import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../shared/domain/calendar';
import { addDays, fromDay, toDay, weekdayOf } from '../../shared/domain/dates';
import { type OwedLine, owedBySetting, owedForLine } from '../../shared/domain/minutes-owed';
import { HOLIDAYS_2026, schoolYear2026 } from '../helpers/calendar';

// School year 2026-27: Wed 2026-08-26 to Fri 2027-06-11, with the holidays each case needs.
const cal = schoolYear2026([HOLIDAYS_2026.indigenousPeoplesDay, HOLIDAYS_2026.veteransDay, HOLIDAYS_2026.thanksgiving]);
const plain = { prorateShortWeeks: false };
const prorate = { prorateShortWeeks: true };
const line = (p: Partial<OwedLine>): OwedLine => ({
  id: 1,
  setting: 'pull_out',
  interval: 'week',
  minutes: 60,
  startDate: '2026-08-26',
  endDate: '2027-06-11',
  ...p,
});

describe('dates', () => {
  it('knows weekdays and real dates', () => {
    expect(weekdayOf(toDay('2026-10-12'))).toBe(0); // a Monday
    expect(weekdayOf(toDay('2026-11-01'))).toBe(6); // a Sunday
    expect(fromDay(toDay('2027-02-28') + 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('minutes owed (docs/domain.md, hand-worked)', () => {
  it('a 60 min/week line owes the full 60 in a week with a Monday holiday', () => {
    // Week of Mon 2026-10-12: 4 instructional days of 4 → 60 × 4/4.
    expect(owedForLine(line({}), cal, '2026-10-12', '2026-10-18', plain)).toBe(60);
  });

  it('"prorate short weeks" makes that week owe 48 of 60', () => {
    // 60 × 4/5 = 48.
    expect(owedForLine(line({}), cal, '2026-10-12', '2026-10-18', prorate)).toBe(48);
  });

  it('a break week owes 0', () => {
    expect(owedForLine(line({}), cal, '2026-11-23', '2026-11-29', plain)).toBe(0);
    expect(owedForLine(line({}), cal, '2026-11-23', '2026-11-29', prorate)).toBe(0);
  });

  it('a range covering 3 of a 5-day week owes 36', () => {
    // Mon–Wed of the week of 2026-10-19: 60 × 3/5 = 36.
    expect(owedForLine(line({}), cal, '2026-10-19', '2026-10-21', plain)).toBe(36);
  });

  it('a line starting on a Thursday owes 2/5 of its first week', () => {
    // Thu 10-22 and Fri 10-23: 60 × 2/5 = 24.
    expect(owedForLine(line({ startDate: '2026-10-22' }), cal, '2026-10-19', '2026-10-25', plain)).toBe(24);
  });

  it('two lines changing on a Thursday split the week by setting', () => {
    const before = line({ id: 1, setting: 'pull_out', minutes: 60, endDate: '2026-10-21' });
    const after = line({ id: 2, setting: 'push_in', minutes: 90, startDate: '2026-10-22' });
    const owed = owedBySetting([before, after], cal, '2026-10-19', '2026-10-25', plain);
    // pull-out 60 × 3/5 = 36 (Mon–Wed); push-in 90 × 2/5 = 36 (Thu–Fri).
    expect(owed).toEqual({ pull_out: 36, push_in: 36, consult: 0 });
  });

  it('a month line over part of November with a holiday', () => {
    // November 2026 has 21 weekdays; minus Veterans Day and the 5 weekdays of Thanksgiving break
    // (Mon 23 to Fri 27) = 15 instructional days.
    // Nov 1–15: weekdays 2–6 and 9–13 = 10, minus Veterans Day = 9. 120 × 9/15 = 72.
    const month = line({ interval: 'month', minutes: 120 });
    expect(owedForLine(month, cal, '2026-11-01', '2026-11-15', plain)).toBe(72);
    expect(owedForLine(month, cal, '2026-11-01', '2026-11-30', plain)).toBe(120);
  });

  it('a year line spreads over the school year', () => {
    const summer = new SchoolCalendar([
      {
        label: 'ESY 2027',
        firstDay: '2027-07-05',
        lastDay: '2027-07-30',
        closures: [{ label: 'Independence Day (observed)', startDate: '2027-07-05', endDate: '2027-07-05' }],
      },
    ]);
    const yearly = line({ interval: 'year', minutes: 600, startDate: '2027-07-05', endDate: '2027-07-30' });
    // 20 weekdays − 1 holiday = 19 days; Tue 6 to Fri 9 July = 4 days: 600 × 4/19.
    expect(owedForLine(yearly, summer, '2027-07-06', '2027-07-09', plain)).toBeCloseTo((600 * 4) / 19, 10);
    expect(owedForLine(yearly, summer, '2027-07-01', '2027-08-31', plain)).toBeCloseTo(600, 10);
  });

  it('nothing is owed outside the line or on weekends', () => {
    expect(
      owedForLine(line({ startDate: '2026-09-01', endDate: '2026-09-30' }), cal, '2026-10-01', '2026-10-31', plain),
    ).toBe(0);
    expect(owedForLine(line({}), cal, '2026-10-17', '2026-10-18', plain)).toBe(0);
  });
});

describe('owed: properties', () => {
  const dayIn = fc.integer({ min: toDay('2026-08-01'), max: toDay('2027-06-30') });
  const anyLine = fc.record({
    interval: fc.constantFrom('week' as const, 'month' as const, 'year' as const),
    minutes: fc.integer({ min: 1, max: 2400 }),
    a: dayIn,
    b: dayIn,
  });

  it('is additive over adjacent ranges and never negative', () => {
    fc.assert(
      fc.property(anyLine, dayIn, dayIn, dayIn, fc.boolean(), (l, x, y, z, pr) => {
        const [from, mid, to] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const ol = line({
          interval: l.interval,
          minutes: l.minutes,
          startDate: fromDay(Math.min(l.a, l.b)),
          endDate: fromDay(Math.max(l.a, l.b)),
        });
        const opts = { prorateShortWeeks: pr };
        const whole = owedForLine(ol, cal, fromDay(from), fromDay(to), opts);
        const left = owedForLine(ol, cal, fromDay(from), fromDay(mid), opts);
        const right = owedForLine(ol, cal, fromDay(mid + 1), fromDay(to), opts);
        expect(whole).toBeGreaterThanOrEqual(0);
        expect(left + right).toBeCloseTo(whole, 6);
      }),
      { seed: 20261128, numRuns: 400 },
    );
  });
});
