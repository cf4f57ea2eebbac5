import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../shared/domain/calendar';
import { toDay, weekdayOf } from '../../shared/domain/dates';

describe('SchoolCalendar.count', () => {
  // Two school years with a gap (summer), closures of one day and of a week, a year starting mid-week.
  const cal = new SchoolCalendar([
    {
      label: '2025-26',
      firstDay: '2025-08-27',
      lastDay: '2026-06-10',
      closures: [
        { label: 'Labor Day', startDate: '2025-09-01', endDate: '2025-09-01' },
        { label: 'Winter break', startDate: '2025-12-22', endDate: '2026-01-02' },
      ],
    },
    { label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-09', closures: [] },
  ]);
  const closed = (d: number) => (d >= toDay('2025-12-22') && d <= toDay('2026-01-02')) || d === toDay('2025-09-01');
  const inYear = (d: number) =>
    (d >= toDay('2025-08-27') && d <= toDay('2026-06-10')) || (d >= toDay('2026-08-26') && d <= toDay('2027-06-09'));
  const brute = (a: number, b: number) => {
    let n = 0;
    for (let d = a; d <= b; d++) if (inYear(d) && weekdayOf(d) < 5 && !closed(d)) n++;
    return n;
  };

  it('counts like day-by-day counting, inside, across and outside the years', () => {
    const lo = toDay('2025-07-01');
    const hi = toDay('2027-08-01');
    for (let a = lo; a <= hi; a += 13) {
      for (const len of [0, 1, 4, 6, 30, 200, 800]) expect(cal.count(a, a + len)).toBe(brute(a, a + len));
    }
    expect(cal.count(toDay('2025-09-01'), toDay('2025-09-05'))).toBe(4); // Labor Day closed: Tue–Fri
    expect(cal.count(toDay('2025-12-22'), toDay('2026-01-02'))).toBe(0); // winter break
    expect(cal.count(toDay('2025-08-27'), toDay('2025-08-29'))).toBe(3); // first Wed–Fri
    expect(cal.count(toDay('2027-06-10'), toDay('2027-12-31'))).toBe(0); // after the last day
    expect(cal.count(toDay('2025-08-29'), toDay('2025-08-27'))).toBe(0); // reversed span
    expect(cal.isInstructional(toDay('2026-08-26'))).toBe(true);
    expect(cal.isInstructional(toDay('2026-08-25'))).toBe(false);
  });

  it('an empty calendar counts nothing', () => {
    const empty = new SchoolCalendar([]);
    expect(empty.count(toDay('2026-01-01'), toDay('2026-12-31'))).toBe(0);
    expect(empty.isInstructional(toDay('2026-03-03'))).toBe(false);
  });
});
