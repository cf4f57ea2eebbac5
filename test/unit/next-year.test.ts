import { describe, expect, it } from 'vitest';
import {
  nextYearLabel,
  nthWeekday,
  proposeClosure,
  proposeNextYear,
  sameWeekdayNextYear,
} from '../../shared/domain/next-year';

// Calendars worked by hand (checked against a printed calendar):
//   September 2026 starts on a Tuesday: Mondays 7, 14, 21, 28.   September 2027 starts on a Wednesday: Mondays 6, 13…
//   November 2026 starts on a Sunday: Thursdays 5, 12, 19, 26.   November 2027 starts on a Monday: Thursdays 4, 11, 18, 25.
//   May 2027: Mondays 3, 10, 17, 24, 31.                          May 2028: Mondays 1, 8, 15, 22, 29.
//   December 2026: Mondays 7, 14, 21, 28.                         December 2027: Mondays 6, 13, 20, 27.
//   February 2027: Mondays 1, 8, 15, 22.                          February 2028: Mondays 7, 14, 21, 28.
//   November 11: 2026 a Wednesday, 2027 a Thursday, 2028 a Saturday.
describe('moving dates to next year', () => {
  it('finds the n-th and the last weekday of a month', () => {
    expect(nthWeekday(2026, 9, 0, 1)).toBe('2026-09-07'); // 1st Monday of September 2026
    expect(nthWeekday(2027, 11, 3, 4)).toBe('2027-11-25'); // 4th Thursday of November 2027
    expect(nthWeekday(2028, 5, 0, -1)).toBe('2028-05-29'); // last Monday of May 2028
  });

  it('keeps the weekday and the week of the month', () => {
    // Wed 2026-08-26 is the 4th Wednesday of August; August 2027 starts on a Sunday: Wednesdays 4, 11, 18, 25.
    expect(sameWeekdayNextYear('2026-08-26')).toBe('2027-08-25');
    // Fri 2027-06-11 is the 2nd Friday of June; June 2028 starts on a Thursday: Fridays 2, 9.
    expect(sameWeekdayNextYear('2027-06-11')).toBe('2028-06-09');
    // Tue 2026-09-29 is the 5th Tuesday of September; September 2027 has only 4 (7, 14, 21, 28): the last.
    expect(sameWeekdayNextYear('2026-09-29')).toBe('2027-09-28');
  });

  it('moves Labor Day to the 1st Monday of September', () => {
    const c = proposeClosure({ label: 'Labor Day', startDate: '2026-09-07', endDate: '2026-09-07' });
    expect(c).toMatchObject({ startDate: '2027-09-06', endDate: '2027-09-06', confirm: false });
    expect(c.rule).toContain('1st Monday of September');
  });

  it('recognises a floating holiday by its date, whatever its label', () => {
    // 2027-05-31 is Memorial Day (last Monday of May); its 5th-Monday position would give May 29, 2028 too,
    // but 2027-05-24 (the 4th Monday) would not: the holiday rule, not the position, decides.
    const c = proposeClosure({ label: 'No school', startDate: '2027-05-31', endDate: '2027-05-31' });
    expect(c.startDate).toBe('2028-05-29');
    expect(c.rule).toContain('Memorial Day');
  });

  it('moves the Thanksgiving break with Thanksgiving (4th Thursday of November)', () => {
    // Wed-Fri around Thu 2026-11-26 → around Thu 2027-11-25: Wed 24 to Fri 26.
    const c = proposeClosure({ label: 'Thanksgiving break', startDate: '2026-11-25', endDate: '2026-11-27' });
    expect(c).toMatchObject({ startDate: '2027-11-24', endDate: '2027-11-26', confirm: true });
    // In 2029 November starts on a Thursday: Thanksgiving is the 22nd and the Wednesday before it is the 3rd
    // Wednesday (7, 14, 21). Moved by its own week of the month it would land on 2030-11-20, a week early;
    // anchored on Thanksgiving (2030-11-28) it is Wednesday the 27th.
    const d = proposeClosure({ label: 'Thanksgiving break', startDate: '2029-11-21', endDate: '2029-11-23' });
    expect(d).toMatchObject({ startDate: '2030-11-27', endDate: '2030-11-29' });
  });

  it("moves the day after a holiday with it, and a Presidents' week with Presidents' Day", () => {
    // Tue after Labor Day 2026 (Sep 8) → Tue after Labor Day 2027 (Sep 7).
    expect(
      proposeClosure({ label: 'Teacher work day', startDate: '2026-09-08', endDate: '2026-09-08' }).startDate,
    ).toBe('2027-09-07');
    // Mon 2027-02-15 (Presidents' Day) to Fri 02-19 → Mon 2028-02-21 to Fri 02-25.
    expect(proposeClosure({ label: 'February break', startDate: '2027-02-15', endDate: '2027-02-19' })).toMatchObject({
      startDate: '2028-02-21',
      endDate: '2028-02-25',
      confirm: true,
    });
  });

  it('keeps fixed-date holidays on their date, observed on a weekday', () => {
    expect(proposeClosure({ label: 'Veterans Day', startDate: '2026-11-11', endDate: '2026-11-11' }).startDate).toBe(
      '2027-11-11',
    );
    // 2028-11-11 is a Saturday: observed on Friday 2028-11-10.
    const v = proposeClosure({ label: 'Veterans Day', startDate: '2027-11-11', endDate: '2027-11-11' });
    expect(v.startDate).toBe('2028-11-10');
    expect(v.rule).toContain('observed on the Friday');
    // The observed Friday 2028-11-10, named Veterans Day, is recognised as the holiday: 2029-11-11 is a Sunday,
    // observed on Monday 2029-11-12.
    expect(proposeClosure({ label: 'Veterans Day', startDate: '2028-11-10', endDate: '2028-11-10' }).startDate).toBe(
      '2029-11-12',
    );
  });

  it('moves a break by the week of the month it starts in, keeping its length', () => {
    // Winter break Mon 2026-12-21 (3rd Monday) to Fri 2027-01-01, 12 days → Mon 2027-12-20 to Fri 2027-12-31.
    const w = proposeClosure({ label: 'Winter break', startDate: '2026-12-21', endDate: '2027-01-01' });
    expect(w).toMatchObject({ startDate: '2027-12-20', endDate: '2027-12-31', confirm: true });
    expect(w.rule).toBe('12 days from the 3rd Monday of December');
    // Spring break Mon 2027-03-22 (4th Monday; March 2027 Mondays 1, 8, 15, 22, 29) → 4th Monday of March 2028
    // (Mondays 6, 13, 20, 27): 2028-03-27 to Fri 03-31.
    expect(proposeClosure({ label: 'Spring break', startDate: '2027-03-22', endDate: '2027-03-26' })).toMatchObject({
      startDate: '2028-03-27',
      endDate: '2028-03-31',
    });
  });

  it('names next year', () => {
    expect(nextYearLabel('2026-27')).toBe('2027-28');
    expect(nextYearLabel('2099-00')).toBe('2100-01');
    expect(nextYearLabel('2026-2027')).toBe('2027-2028');
    expect(nextYearLabel('SY 2026/27')).toBe('SY 2027/28');
    expect(nextYearLabel('2026')).toBe('2027');
    expect(nextYearLabel('This year')).toBe('This year (next year)');
  });

  it('proposes a whole year: first and last day, holidays, breaks and back-to-back reporting periods', () => {
    const p = proposeNextYear({
      label: '2026-27',
      firstDay: '2026-08-26',
      lastDay: '2027-06-11',
      closures: [
        { label: 'Winter break', startDate: '2026-12-21', endDate: '2027-01-01' },
        { label: 'Labor Day', startDate: '2026-09-07', endDate: '2026-09-07' },
      ],
      periods: [
        { label: 'Trimester 1', startDate: '2026-08-26', endDate: '2026-11-20', dueDate: '2026-12-04' },
        { label: 'Trimester 2', startDate: '2026-11-21', endDate: '2027-03-05', dueDate: '2027-03-19' },
        { label: 'Trimester 3', startDate: '2027-03-06', endDate: '2027-06-11', dueDate: '2027-06-18' },
      ],
    });
    expect(p.label).toBe('2027-28');
    expect([p.firstDay, p.lastDay]).toEqual(['2027-08-25', '2028-06-09']);
    // Sorted by date: Labor Day first.
    expect(p.closures.map((c) => [c.label, c.startDate, c.endDate])).toEqual([
      ['Labor Day', '2027-09-06', '2027-09-06'],
      ['Winter break', '2027-12-20', '2027-12-31'],
    ]);
    // T1 ends on the 3rd Friday of November: Fri 2026-11-20 → November 2027 Fridays 5, 12, 19 → 2027-11-19,
    // due 14 days later (12-03). T2 starts the day after (11-20) and ends on the 1st Friday of March: 2027-03-05
    // → March 2028 starts on a Wednesday, Fridays 3 → 2028-03-03, due 03-17. T3 from 03-04 to the last day 06-09,
    // due 7 days later (06-16).
    expect(p.periods).toEqual([
      { label: 'Trimester 1', startDate: '2027-08-25', endDate: '2027-11-19', dueDate: '2027-12-03' },
      { label: 'Trimester 2', startDate: '2027-11-20', endDate: '2028-03-03', dueDate: '2028-03-17' },
      { label: 'Trimester 3', startDate: '2028-03-04', endDate: '2028-06-09', dueDate: '2028-06-16' },
    ]);
  });

  it('cuts a break that would stick out of the new year to it, and flags it', () => {
    const p = proposeNextYear({
      label: '2026-27',
      firstDay: '2026-08-26',
      lastDay: '2027-06-11',
      closures: [{ label: 'Late start', startDate: '2026-08-24', endDate: '2026-08-27' }],
      periods: [],
    });
    // Mon 2026-08-24 is the 4th Monday of August → 2027-08-23 (Mondays 2, 9, 16, 23), 4 days → 08-26; the year
    // starts on 08-25, so the break is cut to 08-25…08-26.
    expect(p.closures[0]).toMatchObject({ startDate: '2027-08-25', endDate: '2027-08-26', confirm: true });
  });
});
