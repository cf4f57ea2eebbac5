import type { InstructionalCalendar } from './calendar';
import { type Interval, type MissCode, MISS_CAUSE, type Setting, SETTINGS } from './codes';
import { type Day, fromDay, mondayOf, monthBounds, toDay } from './dates';
import { type BySetting, emptyBySetting, type OwedLine, type OwedOptions, owedInInterval } from './minutes-owed';

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
  calendar: InstructionalCalendar;
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
  /**
   * Which intervals to list: every one (a student's page), or only those short, at risk or with
   * extra minutes (the whole caseload, where the list would be long and the sums say the rest).
   */
  detail?: 'all' | 'flagged';
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
  /** Intervals that overlap the range and have started, with something owed or given (see `detail`). */
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

const EPSILON = 1e-9;

/** The first day of the interval of a kind that holds a day (null: no school year holds it). */
function intervalStart(kind: Interval, day: Day, calendar: InstructionalCalendar): Day | null {
  if (kind === 'week') return mondayOf(day);
  if (kind === 'month') return toDay(`${fromDay(day).slice(0, 8)}01`);
  return calendar.yearContaining(day)?.first ?? null;
}

interface Bucket extends Omit<IntervalStatus, 'start' | 'end'> {
  lo: Day;
  hi: Day;
}

/** The intervals of a kind that overlap [from, to]: Mon–Sun weeks, calendar months, school years. */
export function intervalsOver(kind: Interval, from: Day, to: Day, calendar: InstructionalCalendar): [Day, Day][] {
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
  calendars: Iterable<InstructionalCalendar>,
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

const SETTING_INDEX: Record<Setting, number> = { push_in: 0, pull_out: 1, consult: 2 };
const KIND_INDEX: Record<Interval, number> = { week: 0, month: 1, year: 2 };
/** A number that names (setting, kind, interval start): buckets are looked up once per date. */
const keyOf = (setting: Setting, kind: Interval, start: Day) =>
  start * 9 + SETTING_INDEX[setting] * 3 + KIND_INDEX[kind];

export function judgeCompliance(input: ComplianceInput): JudgedCompliance {
  const { calendar, options } = input;
  const day = toDay;
  const today = day(input.today);
  const from = day(input.from);
  const to = day(input.to);
  const buckets = new Map<number, Bucket>();
  /** Which interval kinds each setting has lines in, finest first. */
  const kinds: Record<Setting, Interval[]> = { push_in: [], pull_out: [], consult: [] };

  // Every interval that overlaps the range and has started, owed in whole: the owed of every line
  // of the setting over the whole interval (a line amended mid-week still owes its share of the week).
  for (const line of input.lines) {
    if (line.minutes <= 0) continue;
    const ls = day(line.startDate);
    const le = day(line.endDate);
    const fixed = line.interval === 'week' && options.prorateShortWeeks ? 5 : undefined;
    for (const [a, b] of intervalsOver(line.interval, from, to, calendar)) {
      if (a > today || le < a || ls > b) continue;
      const k = keyOf(line.setting, line.interval, a);
      let bucket = buckets.get(k);
      if (!bucket) {
        bucket = {
          setting: line.setting,
          interval: line.interval,
          lo: a,
          hi: b,
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
        if (!kinds[line.setting].includes(line.interval)) kinds[line.setting].push(line.interval);
      }
      bucket.owed += owedInInterval(line.minutes, calendar, a, b, Math.max(a, ls), Math.min(b, le), fixed);
    }
  }
  for (const s of SETTINGS) kinds[s].sort((x, y) => KIND_INDEX[x] - KIND_INDEX[y]);

  // A date's minutes of a setting go to the finest interval of that setting that holds the date.
  const find = (setting: Setting, d: Day): Bucket | undefined => {
    for (const kind of kinds[setting]) {
      const start = intervalStart(kind, d, calendar);
      const b = start == null ? undefined : buckets.get(keyOf(setting, kind, start));
      if (b) return b;
    }
    return undefined;
  };
  const extra = emptyBySetting();
  const inRange = (d: Day) => d >= from && d <= to;

  // Makeup minutes leave the interval they were given in and go to the interval of their miss.
  const moved = new Map<number, number>();
  for (const mk of input.makeups) {
    const given = day(mk.date);
    if (given > today || mk.minutes <= 0) continue;
    const k = given * 3 + SETTING_INDEX[mk.setting];
    moved.set(k, (moved.get(k) ?? 0) + mk.minutes);
    const b = find(mk.setting, day(mk.missDate));
    if (b) b.credited += mk.minutes;
    else if (inRange(given) && !find(mk.setting, given)) extra[mk.setting] += mk.minutes;
  }
  for (const p of input.present) {
    const d = day(p.date);
    if (d > today) continue;
    let own = p.minutes;
    if (moved.size > 0) {
      // The moved minutes of that date and setting come off its present minutes, once.
      const k = d * 3 + SETTING_INDEX[p.setting];
      const m = moved.get(k);
      if (m) {
        const take = Math.min(m, own);
        own -= take;
        moved.set(k, m - take);
      }
    }
    if (own <= 0) continue;
    const b = find(p.setting, d);
    if (b) b.credited += own;
    else if (inRange(d)) extra[p.setting] += own;
  }
  for (const p of input.planned) {
    const d = day(p.date);
    if (d < today || p.minutes <= 0 || !calendar.isInstructional(d)) continue;
    const b = find(p.setting, d);
    if (b?.open) b.planned += p.minutes;
  }

  const shortfall = emptyBySetting();
  const remaining = emptyBySetting();
  const planned = emptyBySetting();
  let closedOwed = 0;
  let closedMet = 0;
  let riskEnd: Day | null = null;
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
      if (b.atRisk && (riskEnd == null || b.hi < riskEnd)) riskEnd = b.hi;
    } else {
      b.shortfall = gap;
      shortfall[b.setting] += gap;
      closedOwed += b.owed;
      closedMet += b.owed - gap;
    }
    const flagged = b.shortfall > EPSILON || b.atRisk || b.extra > EPSILON;
    if (input.detail === 'flagged' ? flagged : b.owed > EPSILON || b.credited > 0) {
      intervals.push({
        setting: b.setting,
        interval: b.interval,
        start: fromDay(b.lo),
        end: fromDay(b.hi),
        open: b.open,
        owed: b.owed,
        credited: b.credited,
        shortfall: b.shortfall,
        remaining: b.remaining,
        planned: b.planned,
        atRisk: b.atRisk,
        extra: b.extra,
      });
    }
  }
  intervals.sort((a, b) => a.start.localeCompare(b.start) || SETTING_INDEX[a.setting] - SETTING_INDEX[b.setting]);
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
    atRisk: riskEnd != null,
    atRiskBy: riskEnd == null ? null : fromDay(riskEnd),
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
