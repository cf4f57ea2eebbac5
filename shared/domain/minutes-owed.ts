import type { InstructionalCalendar } from './calendar';
import { type Setting, type Interval } from './codes';
import { type Day, monthBounds, mondayOf, toDay } from './dates';

export interface OwedLine {
  id: number;
  setting: Setting;
  interval: Interval;
  /** Minutes per interval (sessions × minutes per session is stored already multiplied out). */
  minutes: number;
  startDate: string;
  endDate: string;
}

export interface OwedOptions {
  /** docs/domain.md: "prorate short weeks" makes the weekly denominator 5. */
  prorateShortWeeks: boolean;
}

/**
 * Minutes owed by one service line over [from, to], per docs/domain.md:
 *   owed = amount × (instructional days in interval ∩ range ∩ line) ÷ (instructional days in interval)
 * summed over the line's intervals (Mon–Sun weeks, calendar months, school years). Keeps fractions.
 */
export function owedForLine(
  line: OwedLine,
  calendar: InstructionalCalendar,
  from: string,
  to: string,
  options: OwedOptions,
): number {
  const lo = Math.max(toDay(from), toDay(line.startDate));
  const hi = Math.min(toDay(to), toDay(line.endDate));
  if (hi < lo || line.minutes <= 0) return 0;
  let owed = 0;
  const add = (start: Day, end: Day, fixedDenominator?: number) => {
    owed += owedInInterval(line.minutes, calendar, start, end, lo, hi, fixedDenominator);
  };
  if (line.interval === 'week') {
    for (let monday = mondayOf(lo); monday <= hi; monday += 7) {
      add(monday, monday + 6, options.prorateShortWeeks ? 5 : undefined);
    }
  } else if (line.interval === 'month') {
    for (let start = monthBounds(lo)[0]; start <= hi;) {
      const end = monthBounds(start)[1];
      add(start, end);
      start = end + 1;
    }
  } else {
    for (const year of calendar.years) {
      if (year.last < lo || year.first > hi) continue;
      add(year.first, year.last);
    }
  }
  return owed;
}

/**
 * The owed rule for one interval [start, end] of a line, over the days [lo, hi] (range ∩ line dates):
 * amount × (instructional days in interval ∩ [lo, hi]) ÷ (instructional days in interval, or the fixed
 * weekly denominator 5 when short weeks are prorated); 0 when the interval has no instructional day.
 */
export function owedInInterval(
  minutes: number,
  calendar: InstructionalCalendar,
  start: Day,
  end: Day,
  lo: Day,
  hi: Day,
  fixedDenominator?: number,
): number {
  const inInterval = calendar.count(start, end);
  if (inInterval === 0) return 0;
  const covered = calendar.count(Math.max(start, lo), Math.min(end, hi));
  if (covered === 0) return 0;
  return (minutes * covered) / (fixedDenominator ?? inInterval);
}

export type BySetting = Record<Setting, number>;

export function emptyBySetting(): BySetting {
  return { push_in: 0, pull_out: 0, consult: 0 };
}

export function owedBySetting(
  lines: OwedLine[],
  calendar: InstructionalCalendar,
  from: string,
  to: string,
  options: OwedOptions,
): BySetting {
  const out = emptyBySetting();
  for (const line of lines) out[line.setting] += owedForLine(line, calendar, from, to, options);
  return out;
}

/** A line's amount per interval, as the IEP grid states it. */
export function lineMinutes(line: {
  minutes: number | null;
  sessionsCount: number | null;
  minutesPerSession: number | null;
}): number {
  if (line.sessionsCount != null && line.minutesPerSession != null) {
    return line.sessionsCount * line.minutesPerSession;
  }
  return line.minutes ?? 0;
}

/** Weekly-equivalent minutes, for the caseload table's "minutes per week" column. */
export function weeklyEquivalent(minutes: number, interval: Interval): number {
  if (interval === 'week') return minutes;
  if (interval === 'month') return (minutes * 12) / 52;
  return minutes / 36; // a US school year is about 36 instructional weeks
}
