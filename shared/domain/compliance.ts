import type { InstructionalCalendar } from './calendar';
import { INTERVALS, type Interval, type MissCode, MISS_CAUSE, type Setting } from './codes';
import { type Day, fromDay, mondayOf, monthBounds, toDay } from './dates';
import { type IntervalList, firstFrom, intervalList, owedIn, owedOver } from './intervals';
import { type BySetting, type OwedLine, type OwedOptions, weeklyDenominator } from './minutes-owed';

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
  /** Which intervals to list: every one owed or credited (the default), or none (the sums say it). */
  detail?: 'all' | 'none';
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
const SETTING_AT: readonly Setting[] = ['push_in', 'pull_out', 'consult'];
const KIND_INDEX: Record<Interval, number> = { week: 0, month: 1, year: 2 };

/**
 * Present minutes as the engine reads them, three numbers per entry: the day, the setting's index
 * (push-in 0, pull-out 1, consult 2) and the minutes. A caseload has thousands: no object per entry.
 */
export type PresentDays = readonly number[];

/** Present minutes in the engine's form. */
export function presentDays(present: readonly PresentMinutes[]): number[] {
  const out: number[] = [];
  for (const p of present) out.push(toDay(p.date), SETTING_INDEX[p.setting], p.minutes);
  return out;
}

/** Appends one day's present minutes to a list in the engine's form. */
export function pushPresent(list: number[], day: Day, setting: Setting, minutes: number): void {
  list.push(day, SETTING_INDEX[setting], minutes);
}

/** What one student brings to the judgement; the range, today and the rules are the frame's. */
export interface StudentJudgementInput {
  lines: readonly OwedLine[];
  calendar: InstructionalCalendar;
  present: PresentDays;
  makeups: readonly MakeupCredit[];
  planned: readonly PlannedMinutes[];
  /** List every interval owed or credited (a student's page), or none (the caseload: the sums say it). */
  detail: 'all' | 'none';
}

/**
 * The intervals of one setting and kind that overlap the range and have started, with one student's
 * sums in arrays reused from student to student (no object per interval until one is reported).
 */
interface Track {
  list: IntervalList;
  /** In use for the student being judged (a line of this setting and kind owes something). */
  used: boolean;
  /** 1 where a line of the setting and kind is in effect in the interval: only those are judged. */
  live: Uint8Array;
  owed: Float64Array;
  credited: Float64Array;
  planned: Float64Array;
}

const NO_INTERVALS: IntervalList = { kind: 'week', starts: [], ends: [], days: [] };

/** The index of the live interval holding a day, or -1. */
function slot(t: Track, d: Day): number {
  const { starts, ends } = t.list;
  if (t.list.kind === 'week') {
    // The first interval starts on a Monday: the week holding d is whole weeks after it.
    const i = Math.floor((d - starts[0]!) / 7);
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

/**
 * One range judged for many students: the range, today and the rules are set once, each calendar's
 * intervals are worked out once, and the per-interval sums live in arrays reused for every student.
 */
export class JudgementFrame {
  private readonly from: Day;
  private readonly to: Day;
  private readonly today: Day;
  /** Per setting and kind (setting × 3 + kind, finest kind first): a date's minutes go to the finest. */
  private readonly tracks: Track[] = Array.from({ length: 9 }, () => ({
    list: NO_INTERVALS,
    used: false,
    live: new Uint8Array(0),
    owed: new Float64Array(0),
    credited: new Float64Array(0),
    planned: new Float64Array(0),
  }));
  /** Per calendar, each kind's intervals that overlap the range: all of them, and those started by today. */
  private readonly lists = new Map<InstructionalCalendar, { whole: IntervalList[]; started: IntervalList[] }>();

  constructor(
    range: { from: string; to: string; today: string },
    private readonly options: OwedOptions,
    private readonly threshold: number,
  ) {
    this.from = toDay(range.from);
    this.to = toDay(range.to);
    this.today = toDay(range.today);
  }

  private listsOf(calendar: InstructionalCalendar) {
    let lists = this.lists.get(calendar);
    if (!lists) {
      const over = (startedBy?: Day) => INTERVALS.map((k) => intervalList(calendar, k, this.from, this.to, startedBy));
      lists = { whole: over(), started: over(this.today) };
      this.lists.set(calendar, lists);
    }
    return lists;
  }

  /** Readies a track for the student: the calendar's intervals, and zeros. */
  private use(t: Track, list: IntervalList): void {
    const n = list.starts.length;
    t.list = list;
    t.used = true;
    if (t.live.length < n) {
      t.live = new Uint8Array(n);
      t.owed = new Float64Array(n);
      t.credited = new Float64Array(n);
      t.planned = new Float64Array(n);
    } else {
      t.live.fill(0, 0, n);
      t.owed.fill(0, 0, n);
      t.credited.fill(0, 0, n);
      t.planned.fill(0, 0, n);
    }
  }

  /** Adds minutes on a day to the finest live interval of the setting holding it; false when none does. */
  private credit(setting: number, d: Day, minutes: number): boolean {
    for (let k = setting * 3; k < setting * 3 + 3; k++) {
      const t = this.tracks[k]!;
      if (!t.used) continue;
      const i = slot(t, d);
      if (i >= 0) {
        t.credited[i]! += minutes;
        return true;
      }
    }
    return false;
  }

  private holds(setting: number, d: Day): boolean {
    for (let k = setting * 3; k < setting * 3 + 3; k++) {
      const t = this.tracks[k]!;
      if (t.used && slot(t, d) >= 0) return true;
    }
    return false;
  }

  /** The student's compliance judged per setting and interval. */
  judge(input: StudentJudgementInput): JudgedCompliance {
    return this.figures(input, false).judged;
  }

  /**
   * The student's compliance judged per setting and interval and, in the same pass over their lines,
   * what they owe per setting over the range and over its days up to today (owedBySetting's rule,
   * minutes-owed.ts; `owedToDate` is null when the range starts after today, and is `owed` itself
   * when the range is over).
   */
  figures(
    input: StudentJudgementInput,
    withOwed = true,
  ): { judged: JudgedCompliance; owed: BySetting; owedToDate: BySetting | null } {
    const { calendar } = input;
    const { from, to, today, tracks } = this;
    for (const t of tracks) t.used = false;
    const { started: lists, whole } = this.listsOf(calendar);
    const owed = [0, 0, 0];
    // Owed up to today: only when the range has started and is not over.
    const upTo = today < to ? today : to;
    const owedToDate = withOwed && upTo < to && upTo >= from ? [0, 0, 0] : null;

    // Every interval owed in whole: the owed of every line of the setting over the whole interval
    // (a line amended mid-week still owes its share of the week).
    for (const line of input.lines) {
      const ls = toDay(line.startDate);
      const le = toDay(line.endDate);
      const kind = KIND_INDEX[line.interval];
      const s = SETTING_INDEX[line.setting];
      const fixed = weeklyDenominator(line, this.options);
      if (withOwed) {
        const list = whole[kind]!;
        const lo = Math.max(from, ls);
        owed[s]! += owedOver(list, calendar, line.minutes, lo, Math.min(to, le), fixed);
        if (owedToDate) owedToDate[s]! += owedOver(list, calendar, line.minutes, lo, Math.min(upTo, le), fixed);
      }
      if (line.minutes <= 0) continue;
      const t = tracks[s * 3 + kind]!;
      if (!t.used) this.use(t, lists[kind]!);
      const { list } = t;
      for (let i = firstFrom(list, ls); i < list.starts.length; i++) {
        if (le < list.starts[i]! || ls > list.ends[i]!) {
          if (list.kind === 'week' && ls <= list.ends[i]!) break;
          continue;
        }
        t.live[i] = 1;
        t.owed[i]! += owedIn(list, i, calendar, line.minutes, ls, le, fixed);
      }
    }
    const extra = [0, 0, 0];

    // Makeup minutes leave the interval they were given in and go to the interval of their miss.
    const moved = input.makeups.length > 0 ? new Map<number, number>() : null;
    for (const mk of input.makeups) {
      const given = toDay(mk.date);
      if (given > today || mk.minutes <= 0) continue;
      const s = SETTING_INDEX[mk.setting];
      const k = given * 3 + s;
      moved!.set(k, (moved!.get(k) ?? 0) + mk.minutes);
      if (!this.credit(s, toDay(mk.missDate), mk.minutes) && given >= from && given <= to && !this.holds(s, given))
        extra[s]! += mk.minutes;
    }
    const present = input.present;
    for (let j = 0; j < present.length; j += 3) {
      const d = present[j]!;
      if (d > today) continue;
      const s = present[j + 1]!;
      let own = present[j + 2]!;
      if (moved && moved.size > 0) {
        // The moved minutes of that date and setting come off its present minutes, once.
        const k = d * 3 + s;
        const m = moved.get(k);
        if (m) {
          const take = Math.min(m, own);
          own -= take;
          moved.set(k, m - take);
        }
      }
      if (own > 0 && !this.credit(s, d, own) && d >= from && d <= to) extra[s]! += own;
    }
    for (const p of input.planned) {
      const d = toDay(p.date);
      if (d < today || p.minutes <= 0 || !calendar.isInstructional(d)) continue;
      // Only the open interval (which holds today) plans ahead.
      const s = SETTING_INDEX[p.setting];
      for (let k = s * 3; k < s * 3 + 3; k++) {
        const t = tracks[k]!;
        if (!t.used) continue;
        const i = slot(t, d);
        if (i < 0) continue;
        if (t.list.ends[i]! >= today) t.planned[i]! += p.minutes;
        break;
      }
    }

    const shortfall = [0, 0, 0];
    const remaining = [0, 0, 0];
    const planned = [0, 0, 0];
    let closedOwed = 0;
    let closedMet = 0;
    let riskEnd: Day | null = null;
    const intervals: IntervalStatus[] = [];
    for (let k = 0; k < 9; k++) {
      const t = tracks[k]!;
      if (!t.used) continue;
      const s = (k / 3) | 0;
      const { list } = t;
      for (let i = 0; i < list.starts.length; i++) {
        if (!t.live[i]) continue;
        const owed = t.owed[i]!;
        const credited = t.credited[i]!;
        const end = list.ends[i]!;
        const open = end >= today;
        const gap = Math.max(0, owed - credited);
        const over = Math.max(0, credited - owed);
        extra[s]! += over;
        let atRisk = false;
        if (open) {
          atRisk = gap > t.planned[i]! + EPSILON;
          remaining[s]! += gap;
          planned[s]! += t.planned[i]!;
          if (atRisk && (riskEnd == null || end < riskEnd)) riskEnd = end;
        } else {
          shortfall[s]! += gap;
          closedOwed += owed;
          closedMet += owed - gap;
        }
        if (input.detail === 'all' && (owed > EPSILON || credited > 0)) {
          intervals.push({
            setting: SETTING_AT[s]!,
            interval: list.kind,
            start: fromDay(list.starts[i]!),
            end: fromDay(end),
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
    // By start, then setting (ISO dates order as strings; a plain comparison, not the locale's collation).
    intervals.sort((a, b) =>
      a.start < b.start ? -1 : a.start > b.start ? 1 : SETTING_INDEX[a.setting] - SETTING_INDEX[b.setting],
    );
    const compliance = closedOwed > EPSILON ? closedMet / closedOwed : null;
    const owedBy = bySetting(owed);
    const judged: JudgedCompliance = {
      intervals,
      closedOwed,
      closedMet,
      compliance,
      behind: compliance != null && compliance < this.threshold - EPSILON,
      shortfall: bySetting(shortfall),
      remaining: bySetting(remaining),
      planned: bySetting(planned),
      atRisk: riskEnd != null,
      atRiskBy: riskEnd == null ? null : fromDay(riskEnd),
      extra: bySetting(extra),
    };
    return {
      judged,
      owed: owedBy,
      owedToDate: owedToDate ? bySetting(owedToDate) : upTo === to ? owedBy : null,
    };
  }
}

function bySetting(v: number[]): BySetting {
  return { push_in: v[0]!, pull_out: v[1]!, consult: v[2]! };
}

/** One student's compliance judged per setting and interval over a range (docs/domain.md). */
export function judgeCompliance(input: ComplianceInput): JudgedCompliance {
  return new JudgementFrame(input, input.options, input.threshold).judge({
    ...input,
    present: presentDays(input.present),
    detail: input.detail ?? 'all',
  });
}

export interface MissedByWhom {
  byStudent: number;
  byProvider: number;
  bySchool: number;
}

/** Every missed minute in exactly one bucket: student (absent, refused), provider, school (unavailable, closed). */
export function missedByWhom(missedByCode: Record<MissCode, number>): MissedByWhom {
  const out: MissedByWhom = { byStudent: 0, byProvider: 0, bySchool: 0 };
  for (const code in missedByCode) {
    const minutes = missedByCode[code as MissCode];
    const cause = MISS_CAUSE[code as MissCode];
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
