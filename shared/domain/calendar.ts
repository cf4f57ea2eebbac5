import { type Day, fromDay, toDay, weekdayOf } from './dates';

export interface Closure {
  startDate: string;
  endDate: string;
  label: string;
}

export interface SchoolYearInput {
  id?: number;
  label: string;
  firstDay: string;
  lastDay: string;
  closures: Closure[];
}

export interface SchoolYearSpan {
  id?: number;
  label: string;
  first: Day;
  last: Day;
}

/** What the minutes engine needs of a calendar: one school's, or a student's across enrollments. */
export interface InstructionalCalendar {
  readonly years: SchoolYearSpan[];
  count(from: Day, to: Day): number;
  isInstructional(day: Day): boolean;
  yearContaining(day: Day): SchoolYearSpan | undefined;
  yearNearest(day: Day): SchoolYearSpan | undefined;
}

/**
 * A school's instructional calendar: weekdays inside a school year that are not listed as
 * non-instructional. Counting instructional days in any span is two reads of a table, which keeps
 * the minutes engine fast over ten years of a caseload.
 */
export class SchoolCalendar implements InstructionalCalendar {
  private readonly days: Int32Array;
  readonly years: SchoolYearSpan[];

  constructor(years: SchoolYearInput[]) {
    const list: number[] = [];
    this.years = years
      .map((y) => ({ id: y.id, label: y.label, first: toDay(y.firstDay), last: toDay(y.lastDay) }))
      .sort((a, b) => a.first - b.first);
    for (const y of years) {
      const closed = new Set<number>();
      for (const c of y.closures) {
        for (let d = toDay(c.startDate), end = toDay(c.endDate); d <= end; d++) closed.add(d);
      }
      // Weekdays by counting on from the first day's (no division per day).
      for (let d = toDay(y.firstDay), last = toDay(y.lastDay), wd = weekdayOf(d); d <= last; d++, wd = (wd + 1) % 7) {
        if (wd < 5 && !closed.has(d)) list.push(d);
      }
    }
    list.sort((a, b) => a - b);
    // Sorted; overlapping school years may list a day twice: keep it once.
    let kept = 0;
    for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[i - 1]) list[kept++] = list[i]!;
    this.days = Int32Array.from(list.slice(0, kept));
    // rank[d − base] = instructional days before day d, for every day of the calendar's span: count()
    // runs per interval per line per student, so it is two array reads rather than two searches.
    const n = this.days.length;
    this.base = n ? this.days[0]! : 0;
    const span = n ? this.days[n - 1]! - this.base + 2 : 0;
    this.rank = new Int32Array(span);
    for (let i = 0, k = 0; i < span; i++) {
      this.rank[i] = k;
      if (k < n && this.days[k] === this.base + i) k++;
    }
  }

  private readonly base: number;
  private readonly rank: Int32Array;

  /** Number of instructional days in [from, to] (inclusive day numbers). */
  count(from: Day, to: Day): number {
    if (to < from) return 0;
    return this.lowerBound(to + 1) - this.lowerBound(from);
  }

  isInstructional(day: Day): boolean {
    return this.count(day, day) === 1;
  }

  yearContaining(day: Day): SchoolYearSpan | undefined {
    return this.years.find((y) => y.first <= day && day <= y.last);
  }

  /** The school year that contains the date, else the next one to start, else the last one. */
  yearNearest(day: Day): SchoolYearSpan | undefined {
    return this.yearContaining(day) ?? this.years.find((y) => y.first > day) ?? this.years[this.years.length - 1];
  }

  instructionalDates(from: Day, to: Day): string[] {
    const out: string[] = [];
    for (let i = this.lowerBound(from); i < this.days.length && this.days[i]! <= to; i++) {
      out.push(fromDay(this.days[i]!));
    }
    return out;
  }

  private lowerBound(day: Day): number {
    const i = day - this.base;
    if (i <= 0) return 0;
    if (i < this.rank.length) return this.rank[i]!;
    return this.days.length;
  }
}
