import type { InstructionalCalendar } from './calendar';
import type { Interval } from './codes';
import { type Day, mondayOf, monthBounds } from './dates';

// docs/domain.md: a line owes its amount per service interval (the Mon–Sun week, the calendar month
// or the school year). The intervals of a range, and the instructional days in each, are the same
// for every line and every student on one calendar: they are worked out once per calendar and range
// and shared (a caseload judges tens of thousands of intervals over a handful of calendars).

/** The service intervals of one kind that overlap a range, in order, with their instructional days. */
export interface IntervalList {
  kind: Interval;
  /** First and last day of each interval (Monday–Sunday, calendar month, school year). */
  starts: readonly Day[];
  ends: readonly Day[];
  /** Instructional days of the calendar in each interval: the owed rule's denominator. */
  days: readonly number[];
}

/** Per calendar (calendars are immutable), the lists asked for lately, by kind, range and cut-off. */
const kept = new WeakMap<InstructionalCalendar, Map<string, IntervalList>>();
const KEPT_PER_CALENDAR = 256;

/**
 * The intervals of a kind that overlap [from, to] on a calendar, and, with `startedBy`, only those
 * that have started by that day. Kept per calendar: do not change the lists returned.
 */
export function intervalList(
  calendar: InstructionalCalendar,
  kind: Interval,
  from: Day,
  to: Day,
  startedBy: Day = Infinity,
): IntervalList {
  let lists = kept.get(calendar);
  if (!lists) kept.set(calendar, (lists = new Map()));
  const key = `${kind}:${from}:${to}:${startedBy}`;
  let list = lists.get(key);
  if (!list) {
    if (lists.size >= KEPT_PER_CALENDAR) lists.clear();
    list = buildList(calendar, kind, from, to, startedBy);
    lists.set(key, list);
  }
  return list;
}

function buildList(calendar: InstructionalCalendar, kind: Interval, from: Day, to: Day, startedBy: Day): IntervalList {
  const starts: Day[] = [];
  const ends: Day[] = [];
  const add = (a: Day, b: Day) => {
    if (a > startedBy) return;
    starts.push(a);
    ends.push(b);
  };
  if (kind === 'week') for (let m = mondayOf(from); m <= to; m += 7) add(m, m + 6);
  else if (kind === 'month') {
    for (let s = monthBounds(from)[0]; s <= to;) {
      const [a, b] = monthBounds(s);
      add(a, b);
      s = b + 1;
    }
  } else for (const y of calendar.years) if (y.last >= from && y.first <= to) add(y.first, y.last);
  return { kind, starts, ends, days: starts.map((a, i) => calendar.count(a, ends[i]!)) };
}

/** The first interval of the list that may overlap [day, …]: weeks by arithmetic, others from the start. */
export function firstFrom(list: IntervalList, day: Day): number {
  if (list.kind !== 'week' || list.starts.length === 0) return 0;
  return Math.max(0, Math.floor((day - list.starts[0]!) / 7));
}

/**
 * The owed rule for interval `i` of a list, over the days [lo, hi] (range ∩ line dates):
 * amount × (instructional days in interval ∩ [lo, hi]) ÷ (instructional days in interval, or the fixed
 * weekly denominator); 0 when the interval has no instructional day or [lo, hi] misses them all.
 */
export function owedIn(
  list: IntervalList,
  i: number,
  calendar: InstructionalCalendar,
  minutes: number,
  lo: Day,
  hi: Day,
  fixedDenominator?: number,
): number {
  const inInterval = list.days[i]!;
  if (inInterval === 0) return 0;
  const start = list.starts[i]!;
  const end = list.ends[i]!;
  if (lo <= start && hi >= end) {
    // The whole interval: a whole amount over its own school days is exactly that amount.
    if (fixedDenominator === undefined && Number.isInteger(minutes)) return minutes;
    return (minutes * inInterval) / (fixedDenominator ?? inInterval);
  }
  const covered = calendar.count(Math.max(start, lo), Math.min(end, hi));
  if (covered === 0) return 0;
  return (minutes * covered) / (fixedDenominator ?? inInterval);
}

/**
 * Σ owed by one line's amount over the days [lo, hi] (range ∩ line dates): the owed rule for every
 * interval of the list that [lo, hi] touches, in order. 0 when nothing is owed or [lo, hi] is empty.
 */
export function owedOver(
  list: IntervalList,
  calendar: InstructionalCalendar,
  minutes: number,
  lo: Day,
  hi: Day,
  fixedDenominator?: number,
): number {
  if (hi < lo || minutes <= 0) return 0;
  let owed = 0;
  for (let i = firstFrom(list, lo); i < list.starts.length; i++) {
    if (list.ends[i]! < lo || list.starts[i]! > hi) {
      if (list.kind === 'week') break;
      continue;
    }
    owed += owedIn(list, i, calendar, minutes, lo, hi, fixedDenominator);
  }
  return owed;
}
