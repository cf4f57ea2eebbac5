import type { InstructionalCalendar } from './calendar';
import { type Setting, type Interval } from './codes';
import { type Day, toDay } from './dates';
import { type IntervalList, intervalList, owedOver } from './intervals';

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
  const rangeFrom = toDay(from);
  const rangeTo = toDay(to);
  return lineOwed(
    line,
    calendar,
    rangeFrom,
    rangeTo,
    intervalList(calendar, line.interval, rangeFrom, rangeTo),
    options,
  );
}

/** A line's owed over [rangeFrom, rangeTo], given the intervals of its kind over that range. */
function lineOwed(
  line: OwedLine,
  calendar: InstructionalCalendar,
  rangeFrom: Day,
  rangeTo: Day,
  list: IntervalList,
  options: OwedOptions,
): number {
  const lo = Math.max(rangeFrom, toDay(line.startDate));
  const hi = Math.min(rangeTo, toDay(line.endDate));
  return owedOver(list, calendar, line.minutes, lo, hi, weeklyDenominator(line, options));
}

/** docs/domain.md: "prorate short weeks" divides a weekly line's amount by 5 days, not the week's days. */
export function weeklyDenominator(line: OwedLine, options: OwedOptions): number | undefined {
  return line.interval === 'week' && options.prorateShortWeeks ? 5 : undefined;
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
  const rangeFrom = toDay(from);
  const rangeTo = toDay(to);
  // Each kind's intervals over the range, looked up once for all the lines.
  const lists: Partial<Record<Interval, IntervalList>> = {};
  for (const line of lines) {
    const list = (lists[line.interval] ??= intervalList(calendar, line.interval, rangeFrom, rangeTo));
    out[line.setting] += lineOwed(line, calendar, rangeFrom, rangeTo, list, options);
  }
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
