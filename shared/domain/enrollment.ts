// docs/domain.md "Enrollment: which school, and until when". A student is enrolled at one school at a
// time; a transfer ends one enrollment the day before the next starts; an exit ends the last one.
import type { InstructionalCalendar, SchoolCalendar, SchoolYearSpan } from './calendar';
import { type Day, fromDay, toDay } from './dates';
import type { OwedLine } from './minutes-owed';

export const ENROLLMENT_END_KINDS = ['transfer', 'exit'] as const;
export type EnrollmentEndKind = (typeof ENROLLMENT_END_KINDS)[number];

export interface Enrollment {
  schoolId: number;
  /** First day enrolled; null for an enrollment that runs from before any record (migrated students). */
  startDate: string | null;
  /** Last day enrolled (inclusive); null while open. */
  endDate: string | null;
  endKind?: EnrollmentEndKind | null;
}

// Sentinels inside the range the date helpers accept, outside any school year a caseload holds.
const FIRST = '1900-01-01';
const LAST = '2200-12-31';

const startOf = (e: Enrollment) => e.startDate ?? FIRST;
const endOf = (e: Enrollment) => e.endDate ?? LAST;

export function sortEnrollments<T extends Enrollment>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => startOf(a).localeCompare(startOf(b)));
}

export type EnrollmentState =
  | { state: 'enrolled'; schoolId: number }
  | { state: 'before_first'; schoolId: number; firstDate: string }
  | { state: 'not_enrolled'; schoolId: number; exitDate: string }
  | { state: 'none' };

/**
 * Is the student enrolled on this date, and where? `schoolId` is also the school whose calendar the
 * date follows when not enrolled (the first school before the first enrollment, else the school of
 * the enrollment that ended last).
 */
export function enrollmentOn(list: readonly Enrollment[], date: string): EnrollmentState {
  const sorted = sortEnrollments(list);
  if (sorted.length === 0) return { state: 'none' };
  let previous: Enrollment | null = null;
  for (const e of sorted) {
    if (date < startOf(e)) {
      if (!previous) return { state: 'before_first', schoolId: e.schoolId, firstDate: startOf(e) };
      return { state: 'not_enrolled', schoolId: previous.schoolId, exitDate: endOf(previous) };
    }
    if (date <= endOf(e)) return { state: 'enrolled', schoolId: e.schoolId };
    previous = e;
  }
  return { state: 'not_enrolled', schoolId: previous!.schoolId, exitDate: endOf(previous!) };
}

/** The school whose calendar a date follows for this student (null with no enrollment at all). */
export function calendarSchoolOn(list: readonly Enrollment[], date: string): number | null {
  const s = enrollmentOn(list, date);
  return s.state === 'none' ? null : s.schoolId;
}

/**
 * Service lines cut to the days the student is enrolled: nothing is owed before the first enrollment
 * (when it has a date), after an exit, or between an exit and a reactivation. Owed is additive over
 * disjoint days of an interval (the denominator is the whole interval), so cutting a line into
 * pieces keeps every figure exact; a student with one open enrollment keeps their lines unchanged.
 */
export function clipLinesToEnrollment<L extends OwedLine>(lines: readonly L[], list: readonly Enrollment[]): L[] {
  // One enrollment open at both ends (most students): every day is enrolled.
  if (list.length === 0 || (list.length === 1 && startOf(list[0]!) === FIRST && endOf(list[0]!) === LAST))
    return [...lines];
  const spans = mergedSpans(list);
  if (spans.length === 1 && spans[0]![0] === FIRST && spans[0]![1] === LAST) return [...lines];
  const out: L[] = [];
  for (const line of lines) {
    for (const [a, b] of spans) {
      const from = a > line.startDate ? a : line.startDate;
      const to = b < line.endDate ? b : line.endDate;
      if (from <= to) out.push({ ...line, startDate: from, endDate: to });
    }
  }
  return out;
}

/** Enrolled days as merged [from, to] spans (a transfer's two enrollments touch and merge). */
export function mergedSpans(list: readonly Enrollment[]): [string, string][] {
  const out: [string, string][] = [];
  for (const e of sortEnrollments(list)) {
    const a = startOf(e);
    const b = endOf(e);
    const last = out[out.length - 1];
    if (last && toDay(a) <= toDay(last[1]) + 1) {
      if (b > last[1]) last[1] = b;
    } else out.push([a, b]);
  }
  return out;
}

/**
 * A student's calendar across enrollments: each day follows the school the student is enrolled at
 * that day (before the first enrollment, the first school; after an enrollment ends and until the
 * next, the school just left). The school years are those of each school while it applies; years
 * that overlap (a transfer mid-year) merge into one year, so a yearly line keeps one interval.
 */
export class EnrollmentCalendar implements InstructionalCalendar {
  readonly years: SchoolYearSpan[];
  private readonly segments: { from: Day; to: Day; calendar: SchoolCalendar }[];

  constructor(list: readonly Enrollment[], calendars: ReadonlyMap<number, SchoolCalendar>, empty: SchoolCalendar) {
    const sorted = sortEnrollments(list);
    this.segments = sorted.map((e, i) => ({
      from: i === 0 ? -Infinity : toDay(startOf(e)),
      to: i + 1 < sorted.length ? toDay(startOf(sorted[i + 1]!)) - 1 : Infinity,
      calendar: calendars.get(e.schoolId) ?? empty,
    }));
    const years: SchoolYearSpan[] = [];
    for (const seg of this.segments) {
      for (const y of seg.calendar.years) {
        if (y.last < seg.from || y.first > seg.to) continue;
        const prev = years.find((x) => x.first <= y.last && y.first <= x.last);
        if (prev) {
          prev.first = Math.min(prev.first, y.first);
          prev.last = Math.max(prev.last, y.last);
        } else years.push({ ...y });
      }
    }
    this.years = years.sort((a, b) => a.first - b.first);
  }

  count(from: Day, to: Day): number {
    let n = 0;
    for (const seg of this.segments) {
      const a = Math.max(from, seg.from);
      const b = Math.min(to, seg.to);
      if (a <= b) n += seg.calendar.count(a, b);
    }
    return n;
  }

  isInstructional(day: Day): boolean {
    return this.count(day, day) === 1;
  }

  yearContaining(day: Day): SchoolYearSpan | undefined {
    return this.years.find((y) => y.first <= day && day <= y.last);
  }

  yearNearest(day: Day): SchoolYearSpan | undefined {
    return this.yearContaining(day) ?? this.years.find((y) => y.first > day) ?? this.years[this.years.length - 1];
  }
}

/**
 * The calendar the minutes engine uses for a student. With one enrollment it is that school's own
 * calendar object, so figures for students who never moved are computed exactly as before.
 */
export function studentCalendar(
  list: readonly Enrollment[],
  calendars: ReadonlyMap<number, SchoolCalendar>,
  empty: SchoolCalendar,
  fallbackSchoolId?: number,
): InstructionalCalendar {
  if (list.length === 0) return (fallbackSchoolId != null && calendars.get(fallbackSchoolId)) || empty;
  if (list.every((e) => e.schoolId === list[0]!.schoolId)) return calendars.get(list[0]!.schoolId) ?? empty;
  return new EnrollmentCalendar(list, calendars, empty);
}

/** Is the date inside the enrolled days? A message that says what to do when it is not. */
export function enrollmentProblem(list: readonly Enrollment[], date: string, name: string): string | null {
  const s = enrollmentOn(list, date);
  if (s.state === 'before_first') {
    return `${name} is enrolled from ${s.firstDate}; log sessions from that date, or correct the enrollment start on the student page`;
  }
  if (s.state === 'not_enrolled') {
    return `${name} exited on ${s.exitDate}; no session can be logged after the exit. Reactivate the student first if they came back`;
  }
  return null;
}

export const dayBefore = (date: string) => fromDay(toDay(date) - 1);
