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
const KINDS: Interval[] = ['week', 'month', 'year'];

/**
 * The intervals of one setting and kind that overlap the range and have started, held in arrays
 * (a caseload has tens of thousands of them: no object per interval until one is reported).
 */
interface Track {
  setting: Setting;
  kind: Interval;
  starts: Day[];
  ends: Day[];
  /** 1 where a line of the setting and kind is in effect in the interval: only those are judged. */
  live: Uint8Array;
  owed: Float64Array;
  credited: Float64Array;
  planned: Float64Array;
}

/** The index of the interval holding a day, or -1. */
function slot(t: Track, d: Day): number {
  const { starts, ends } = t;
  if (t.kind === 'week') {
    const i = (mondayOf(d) - starts[0]!) / 7;
    return i >= 0 && i < starts.length && t.live[i] ? i : -1;
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! > d) hi = mid - 1;
    else if (ends[mid]! < d) lo = mid + 1;
    else return t.live[mid] ? mid : -1;
  }
  return -1;
}

export function judgeCompliance(input: ComplianceInput): JudgedCompliance {
  const { calendar, options } = input;
  const today = toDay(input.today);
  const from = toDay(input.from);
  const to = toDay(input.to);
  // Per setting, its tracks finest kind first: a date's minutes go to the finest interval holding it.
  const tracks: Record<Setting, Track[]> = { push_in: [], pull_out: [], consult: [] };
  const trackOf = (setting: Setting, kind: Interval): Track => {
    let t = tracks[setting].find((x) => x.kind === kind);
    if (!t) {
      // Intervals overlapping the range that have started (today or earlier).
      const spans = intervalsOver(kind, from, to, calendar).filter(([a]) => a <= today);
      const n = spans.length;
      t = {
        setting,
        kind,
        starts: spans.map((x) => x[0]),
        ends: spans.map((x) => x[1]),
        live: new Uint8Array(n),
        owed: new Float64Array(n),
        credited: new Float64Array(n),
        planned: new Float64Array(n),
      };
      tracks[setting].push(t);
      tracks[setting].sort((x, y) => KINDS.indexOf(x.kind) - KINDS.indexOf(y.kind));
    }
    return t;
  };

  // Every interval owed in whole: the owed of every line of the setting over the whole interval
  // (a line amended mid-week still owes its share of the week).
  for (const line of input.lines) {
    if (line.minutes <= 0) continue;
    const ls = toDay(line.startDate);
    const le = toDay(line.endDate);
    const t = trackOf(line.setting, line.interval);
    const fixed = line.interval === 'week' && options.prorateShortWeeks ? 5 : undefined;
    for (let i = 0; i < t.starts.length; i++) {
      const a = t.starts[i]!;
      const b = t.ends[i]!;
      if (le < a || ls > b) continue;
      t.live[i] = 1;
      t.owed[i]! += owedInInterval(line.minutes, calendar, a, b, Math.max(a, ls), Math.min(b, le), fixed);
    }
  }
  const credit = (setting: Setting, d: Day, minutes: number, field: 'credited' | 'planned'): boolean => {
    for (const t of tracks[setting]) {
      const i = slot(t, d);
      if (i >= 0) {
        t[field][i]! += minutes;
        return true;
      }
    }
    return false;
  };
  const holds = (setting: Setting, d: Day) => tracks[setting].some((t) => slot(t, d) >= 0);
  const extra = emptyBySetting();
  const inRange = (d: Day) => d >= from && d <= to;

  // Makeup minutes leave the interval they were given in and go to the interval of their miss.
  const moved = new Map<number, number>();
  for (const mk of input.makeups) {
    const given = toDay(mk.date);
    if (given > today || mk.minutes <= 0) continue;
    const k = given * 3 + SETTING_INDEX[mk.setting];
    moved.set(k, (moved.get(k) ?? 0) + mk.minutes);
    if (!credit(mk.setting, toDay(mk.missDate), mk.minutes, 'credited') && inRange(given) && !holds(mk.setting, given))
      extra[mk.setting] += mk.minutes;
  }
  for (const p of input.present) {
    const d = toDay(p.date);
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
    if (own > 0 && !credit(p.setting, d, own, 'credited') && inRange(d)) extra[p.setting] += own;
  }
  for (const p of input.planned) {
    const d = toDay(p.date);
    if (d < today || p.minutes <= 0 || !calendar.isInstructional(d)) continue;
    // Only the open interval (which holds today) plans ahead.
    for (const t of tracks[p.setting]) {
      const i = slot(t, d);
      if (i < 0) continue;
      if (t.ends[i]! >= today) t.planned[i]! += p.minutes;
      break;
    }
  }

  const shortfall = emptyBySetting();
  const remaining = emptyBySetting();
  const planned = emptyBySetting();
  let closedOwed = 0;
  let closedMet = 0;
  let riskEnd: Day | null = null;
  const intervals: IntervalStatus[] = [];
  for (const setting of SETTINGS) {
    for (const t of tracks[setting]) {
      for (let i = 0; i < t.starts.length; i++) {
        if (!t.live[i]) continue;
        const owed = t.owed[i]!;
        const credited = t.credited[i]!;
        const open = t.ends[i]! >= today;
        const gap = Math.max(0, owed - credited);
        const over = Math.max(0, credited - owed);
        extra[setting] += over;
        let atRisk = false;
        if (open) {
          atRisk = gap > t.planned[i]! + EPSILON;
          remaining[setting] += gap;
          planned[setting] += t.planned[i]!;
          if (atRisk && (riskEnd == null || t.ends[i]! < riskEnd)) riskEnd = t.ends[i]!;
        } else {
          shortfall[setting] += gap;
          closedOwed += owed;
          closedMet += owed - gap;
        }
        const flagged = (!open && gap > EPSILON) || atRisk || over > EPSILON;
        if (input.detail === 'flagged' ? flagged : owed > EPSILON || credited > 0) {
          intervals.push({
            setting,
            interval: t.kind,
            start: fromDay(t.starts[i]!),
            end: fromDay(t.ends[i]!),
            open,
            owed,
            credited,
            shortfall: open ? 0 : gap,
            remaining: open ? gap : 0,
            planned: t.planned[i]!,
            atRisk,
            extra: over,
          });
        }
      }
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
