import type { SchoolCalendar } from './calendar';
import { type Interval, type MissCode, MISS_CAUSE, type Setting, SETTINGS } from './codes';
import { type Day, fromDay, mondayOf, monthBounds, toDay } from './dates';
import { type BySetting, emptyBySetting, type OwedLine, type OwedOptions, owedForLine } from './minutes-owed';

// docs/domain.md, "Compliance: judged per setting, over whole service intervals".
//
// A student's status is judged per setting and per service interval (the Mon–Sun week, calendar
// month or school year of each line), never over the arbitrary range a screen shows:
// - a closed interval (ended before today) has a shortfall: owed over the whole interval − minutes
//   delivered in it (not makeups) − makeup minutes given, up to today, against misses in it;
// - the open interval (contains today) has what remains, the minutes planned for the rest of it, and
//   is at risk when remaining > planned; it is never "behind".
// Minutes in one setting never cover another; minutes beyond an interval's owed are "extra".

/** Present minutes on a date in a setting (makeups included; the engine moves their credit). */
export interface PresentMinutes {
  date: string;
  setting: Setting;
  minutes: number;
}

/**
 * Makeup minutes given on `date` (in the makeup session's setting) against a miss dated `missDate`.
 * They count for the interval of the miss, never also for the interval they were given in.
 */
export interface MakeupCredit {
  missDate: string;
  date: string;
  setting: Setting;
  minutes: number;
}

/** Minutes of a setting scheduled for the student on a date (see electron/db/queries/planned.ts). */
export type PlannedMinutes = PresentMinutes;

export interface ComplianceInput {
  lines: OwedLine[];
  calendar: SchoolCalendar;
  options: OwedOptions;
  /** Below this share of owed minutes met over closed intervals, a student is behind (0.9 default). */
  threshold: number;
  today: string;
  /** The range on screen: every interval that overlaps it is judged whole. */
  from: string;
  to: string;
  present: PresentMinutes[];
  makeups: MakeupCredit[];
  planned: PlannedMinutes[];
}

export interface IntervalStatus {
  setting: Setting;
  interval: Interval;
  /** First and last day of the interval (Monday–Sunday, calendar month or school year). */
  start: string;
  end: string;
  open: boolean;
  owed: number;
  /** Non-makeup minutes delivered in the interval + makeup minutes given against its misses. */
  credited: number;
  /** Closed intervals: max(0, owed − credited); 0 for the open one. */
  shortfall: number;
  /** The open interval: max(0, owed − credited); 0 for closed ones. */
  remaining: number;
  /** The open interval: minutes of the setting scheduled from today to the interval's end. */
  planned: number;
  atRisk: boolean;
  /** Minutes credited beyond what the interval owes. */
  extra: number;
}

export interface JudgedCompliance {
  /** Intervals that overlap the range and have started, with something owed or given. */
  intervals: IntervalStatus[];
  /** Σ owed and Σ met (owed − shortfall) over the closed intervals. */
  closedOwed: number;
  closedMet: number;
  /** Σ met ÷ Σ owed over closed intervals; null when no closed interval owed anything. */
  compliance: number | null;
  behind: boolean;
  shortfall: BySetting;
  remaining: BySetting;
  planned: BySetting;
  atRisk: boolean;
  /** The last day of the earliest-ending interval at risk: by when the remaining minutes are due. */
  atRiskBy: string | null;
  /** Minutes beyond what a setting owes: over-credited intervals, and minutes in a setting owing nothing. */
  extra: BySetting;
}

const KINDS: Interval[] = ['week', 'month', 'year'];
const EPSILON = 1e-9;

function intervalOf(kind: Interval, day: Day, calendar: SchoolCalendar): [Day, Day] | null {
  if (kind === 'week') {
    const m = mondayOf(day);
    return [m, m + 6];
  }
  if (kind === 'month') return monthBounds(day);
  const y = calendar.yearContaining(day);
  return y ? [y.first, y.last] : null;
}

type Bucket = IntervalStatus;

/** The intervals of a kind that overlap [from, to]: Mon–Sun weeks, calendar months, school years. */
export function intervalsOver(kind: Interval, from: Day, to: Day, calendar: SchoolCalendar): [Day, Day][] {
  const out: [Day, Day][] = [];
  if (kind === 'week') for (let m = mondayOf(from); m <= to; m += 7) out.push([m, m + 6]);
  else if (kind === 'month')
    for (let s = monthBounds(from)[0]; s <= to; s = monthBounds(s)[1] + 1) out.push(monthBounds(s));
  else for (const y of calendar.years) if (y.last >= from && y.first <= to) out.push([y.first, y.last]);
  return out;
}

/**
 * The dates whose sessions can count for intervals overlapping [from, to]: from the start of the
 * earliest such interval to the end of the latest (for reading lines and attendance once).
 */
export function judgementSpan(
  from: string,
  to: string,
  calendars: Iterable<SchoolCalendar>,
): { from: string; to: string } {
  let lo = Math.min(mondayOf(toDay(from)), monthBounds(toDay(from))[0]);
  let hi = Math.max(mondayOf(toDay(to)) + 6, monthBounds(toDay(to))[1]);
  for (const c of calendars) {
    for (const y of c.years) {
      if (y.last >= toDay(from) && y.first <= toDay(to)) {
        lo = Math.min(lo, y.first);
        hi = Math.max(hi, y.last);
      }
    }
  }
  return { from: fromDay(lo), to: fromDay(hi) };
}

export function judgeCompliance(input: ComplianceInput): JudgedCompliance {
  const { calendar, options } = input;
  const today = toDay(input.today);
  const from = toDay(input.from);
  const to = toDay(input.to);
  const buckets = new Map<string, Bucket>();
  const key = (setting: Setting, kind: Interval, start: Day) => `${setting}|${kind}|${start}`;

  // Every interval that overlaps the range and has started, owed in whole: the owed of every line
  // of the setting over the whole interval (a line amended mid-week still owes its share of the week).
  for (const line of input.lines) {
    const ls = toDay(line.startDate);
    const le = toDay(line.endDate);
    for (const [a, b] of intervalsOver(line.interval, from, to, calendar)) {
      if (a > today || le < a || ls > b) continue;
      const k = key(line.setting, line.interval, a);
      let bucket = buckets.get(k);
      if (!bucket) {
        bucket = {
          setting: line.setting,
          interval: line.interval,
          start: fromDay(a),
          end: fromDay(b),
          open: b >= today,
          owed: 0,
          credited: 0,
          shortfall: 0,
          remaining: 0,
          planned: 0,
          atRisk: false,
          extra: 0,
        };
        buckets.set(k, bucket);
      }
      bucket.owed += owedForLine(line, calendar, bucket.start, bucket.end, options);
    }
  }

  // A date's minutes of a setting go to the finest interval of that setting that holds the date.
  const find = (setting: Setting, day: Day): Bucket | undefined => {
    for (const kind of KINDS) {
      const span = intervalOf(kind, day, calendar);
      const b = span && buckets.get(key(setting, kind, span[0]));
      if (b) return b;
    }
    return undefined;
  };
  const extra = emptyBySetting();
  const inRange = (day: Day) => day >= from && day <= to;

  // Makeup minutes leave the interval they were given in and go to the interval of their miss.
  const moved = new Map<string, number>();
  for (const mk of input.makeups) {
    const given = toDay(mk.date);
    if (given > today || mk.minutes <= 0) continue;
    const k = `${mk.date}|${mk.setting}`;
    moved.set(k, (moved.get(k) ?? 0) + mk.minutes);
    const b = find(mk.setting, toDay(mk.missDate));
    if (b) b.credited += mk.minutes;
    else if (inRange(given) && !find(mk.setting, given)) extra[mk.setting] += mk.minutes;
  }
  const present = new Map<string, PresentMinutes>();
  for (const p of input.present) {
    const k = `${p.date}|${p.setting}`;
    const had = present.get(k);
    if (had) had.minutes += p.minutes;
    else present.set(k, { ...p });
  }
  for (const [k, p] of present) {
    const day = toDay(p.date);
    if (day > today) continue;
    const own = Math.max(0, p.minutes - (moved.get(k) ?? 0));
    if (own <= 0) continue;
    const b = find(p.setting, day);
    if (b) b.credited += own;
    else if (inRange(day)) extra[p.setting] += own;
  }
  for (const p of input.planned) {
    const day = toDay(p.date);
    if (day < today || p.minutes <= 0 || !calendar.isInstructional(day)) continue;
    const b = find(p.setting, day);
    if (b?.open) b.planned += p.minutes;
  }

  const shortfall = emptyBySetting();
  const remaining = emptyBySetting();
  const planned = emptyBySetting();
  let closedOwed = 0;
  let closedMet = 0;
  let atRiskBy: string | null = null;
  const intervals: IntervalStatus[] = [];
  for (const b of buckets.values()) {
    const gap = Math.max(0, b.owed - b.credited);
    b.extra = Math.max(0, b.credited - b.owed);
    extra[b.setting] += b.extra;
    if (b.open) {
      b.remaining = gap;
      b.atRisk = gap > b.planned + EPSILON;
      remaining[b.setting] += gap;
      planned[b.setting] += b.planned;
      if (b.atRisk && (atRiskBy == null || b.end < atRiskBy)) atRiskBy = b.end;
    } else {
      b.shortfall = gap;
      shortfall[b.setting] += gap;
      closedOwed += b.owed;
      closedMet += b.owed - gap;
    }
    if (b.owed > EPSILON || b.credited > 0) intervals.push(b);
  }
  intervals.sort((a, b) => a.start.localeCompare(b.start) || SETTINGS.indexOf(a.setting) - SETTINGS.indexOf(b.setting));
  const compliance = closedOwed > EPSILON ? closedMet / closedOwed : null;
  return {
    intervals,
    closedOwed,
    closedMet,
    compliance,
    behind: compliance != null && compliance < input.threshold - EPSILON,
    shortfall,
    remaining,
    planned,
    atRisk: atRiskBy != null,
    atRiskBy,
    extra,
  };
}

export interface MissedByWhom {
  byStudent: number;
  byProvider: number;
  bySchool: number;
}

/** Every missed minute in exactly one bucket: student (absent, refused), provider, school (unavailable, closed). */
export function missedByWhom(missedByCode: Record<MissCode, number>): MissedByWhom {
  const out: MissedByWhom = { byStudent: 0, byProvider: 0, bySchool: 0 };
  for (const [code, minutes] of Object.entries(missedByCode) as [MissCode, number][]) {
    const cause = MISS_CAUSE[code];
    if (cause === 'student') out.byStudent += minutes;
    else if (cause === 'provider') out.byProvider += minutes;
    else out.bySchool += minutes;
  }
  return out;
}

/** Sum of a by-setting record. */
export function totalOf(b: BySetting): number {
  return b.push_in + b.pull_out + b.consult;
}
