// The therapist's schedule (docs/domain.md, "The therapist's schedule"): recurring slots across
// schools, rotation days, occurrences, conflicts, coverage and free time. Pure: no I/O.
import type { SchoolCalendar } from './calendar';
import type { Interval, Setting } from './codes';
import { type Day, fromDay, minutesToTime, monthBounds, mondayOf, timeToMinutes, toDay, weekdayOf } from './dates';
import { type OwedLine, type OwedOptions, owedForLine } from './minutes-owed';

export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

/** When a slot recurs: on weekdays (0 = Monday … 4 = Friday), on rotation days (0-based), or once. */
export type Recurrence =
  { kind: 'weekdays'; days: number[] } | { kind: 'rotation'; days: number[] } | { kind: 'once'; date: string };

/** A school's rotation: its day names in order (A/B, 1–6) and the instructional date that is day 1. */
export interface Rotation {
  names: string[];
  day1: string;
}

export interface SlotMember {
  studentId: number;
  startDate: string;
  /** null: still in the slot. */
  endDate: string | null;
}

export interface SlotDef {
  id: number;
  schoolId: number;
  startTime: string;
  endTime: string;
  setting: Setting;
  grouping: 'individual' | 'group';
  startDate: string;
  endDate: string | null;
  recurrence: Recurrence;
  members: SlotMember[];
  /** A one-off makeup occurrence: the missed attendance it makes up. */
  makeupFor?: number | null;
}

export interface Occurrence {
  slotId: number;
  date: string;
  schoolId: number;
  startTime: string;
  endTime: string;
  minutes: number;
  setting: Setting;
  grouping: 'individual' | 'group';
  studentIds: number[];
  /** The rotation day's name when the slot recurs by rotation. */
  rotationDay: string | null;
  makeupFor: number | null;
}

/**
 * Whether a student may be served at a school on a day: inside an enrollment at that school and a
 * service line. The schedule asks only this, so the enrollment rules can change behind it.
 */
export type Eligibility = (studentId: number, schoolId: number, day: Day) => boolean;

export interface DaySpan {
  from: Day;
  to: Day;
}
export interface StudentSpans {
  enrollment: (DaySpan & { schoolId: number })[];
  service: DaySpan[];
}

/** Eligibility from precomputed spans (enrollment at the school, and any service line in effect). */
export function eligibilityFromSpans(spans: Map<number, StudentSpans>): Eligibility {
  return (studentId, schoolId, day) => {
    const s = spans.get(studentId);
    if (!s) return false;
    return (
      s.enrollment.some((e) => e.schoolId === schoolId && e.from <= day && day <= e.to) &&
      s.service.some((l) => l.from <= day && day <= l.to)
    );
  };
}

/**
 * The rotation day index (0-based) of an instructional day, or null on a day the school is closed.
 * The rotation advances one day per instructional day from day 1, forwards and backwards; closures
 * and weekends do not advance it.
 */
export function rotationIndex(calendar: SchoolCalendar, rotation: Rotation, day: Day): number | null {
  const n = rotation.names.length;
  if (n < 1 || !calendar.isInstructional(day)) return null;
  const d1 = toDay(rotation.day1);
  const offset = day >= d1 ? calendar.count(d1, day) - 1 : -calendar.count(day, d1 - 1);
  return ((offset % n) + n) % n;
}

export function slotMinutes(slot: { startTime: string; endTime: string }): number {
  return timeToMinutes(slot.endTime) - timeToMinutes(slot.startTime);
}

const FAR = toDay('2200-12-31');

/**
 * Every occurrence of the slots over [from, to], in date then time order. A slot occurs on an
 * instructional day of its school, inside its dates, when its recurrence says so, for the members
 * in the slot that day who are eligible (enrollment, service lines); with no such student it does not occur.
 */
export function occurrences(
  slots: SlotDef[],
  calendars: ReadonlyMap<number, SchoolCalendar>,
  rotations: ReadonlyMap<number, Rotation>,
  from: string,
  to: string,
  eligible: Eligibility,
): Occurrence[] {
  const out: Occurrence[] = [];
  const a = toDay(from);
  const b = toDay(to);
  for (const slot of slots) {
    const cal = calendars.get(slot.schoolId);
    if (!cal) continue;
    const lo = Math.max(a, toDay(slot.startDate));
    const hi = Math.min(b, slot.endDate ? toDay(slot.endDate) : FAR);
    if (hi < lo) continue;
    const r = slot.recurrence;
    const rotation = r.kind === 'rotation' ? rotations.get(slot.schoolId) : undefined;
    if (r.kind === 'rotation' && !rotation) continue;
    const members = slot.members.map((m) => ({
      id: m.studentId,
      from: toDay(m.startDate),
      to: m.endDate ? toDay(m.endDate) : FAR,
    }));
    const minutes = slotMinutes(slot);
    const wanted = new Set(r.kind === 'once' ? [] : r.days);
    const dates =
      r.kind === 'once'
        ? lo <= toDay(r.date) && toDay(r.date) <= hi
          ? cal.instructionalDates(toDay(r.date), toDay(r.date))
          : []
        : cal.instructionalDates(lo, hi);
    // Consecutive instructional days advance the rotation by one: compute the first, then count on.
    let rot = rotation && dates.length ? rotationIndex(cal, rotation, toDay(dates[0]!))! : 0;
    for (const date of dates) {
      const day = toDay(date);
      const rotNow = rot;
      if (rotation) rot = (rot + 1) % rotation.names.length;
      if (r.kind === 'weekdays' && !wanted.has(weekdayOf(day))) continue;
      if (r.kind === 'rotation' && !wanted.has(rotNow)) continue;
      const ids: number[] = [];
      for (const m of members) if (m.from <= day && day <= m.to && eligible(m.id, slot.schoolId, day)) ids.push(m.id);
      if (ids.length === 0) continue;
      out.push({
        slotId: slot.id,
        date,
        schoolId: slot.schoolId,
        startTime: slot.startTime,
        endTime: slot.endTime,
        minutes,
        setting: slot.setting,
        grouping: slot.grouping,
        studentIds: ids,
        rotationDay: rotation ? rotation.names[rotNow]! : null,
        makeupFor: slot.makeupFor ?? null,
      });
    }
  }
  return out.sort(byDateTime);
}

export function byDateTime(x: { date: string; startTime: string }, y: { date: string; startTime: string }): number {
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  const a = x.startTime;
  const b = y.startTime;
  // Two stored "HH:MM" times order as strings; anything else by its minutes.
  if (a.length === 5 && b.length === 5) return a < b ? -1 : a > b ? 1 : 0;
  return timeToMinutes(a) - timeToMinutes(b);
}

/** Travel minutes between two schools (same school: 0; unknown pair: 0). */
export type TravelLookup = (a: number, b: number) => number;

export function travelKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}
export function travelLookup(rows: { schoolA: number; schoolB: number; minutes: number }[]): TravelLookup {
  const m = new Map(rows.map((r) => [travelKey(r.schoolA, r.schoolB), r.minutes]));
  return (a, b) => (a === b ? 0 : (m.get(travelKey(a, b)) ?? 0));
}

export interface Conflict {
  kind: 'overlap' | 'travel';
  date: string;
  /** Indexes into the list given, in time order (first, second). */
  first: number;
  second: number;
  message: string;
}

/**
 * Conflicts of one therapist's occurrences: two that overlap in time on a day, and two consecutive
 * ones at different schools with less time between them than the travel time of that pair. An item
 * with no school (a non-student block such as a lunch) can overlap, but travel is judged between
 * the items at schools on either side of it.
 */
export function conflicts(
  list: { date: string; startTime: string; endTime: string; schoolId: number | null }[],
  travel: TravelLookup,
  schoolName: (id: number) => string = (id) => `school #${id}`,
): Conflict[] {
  const out: Conflict[] = [];
  const order = list.map((_, i) => i).sort((i, j) => byDateTime(list[i]!, list[j]!));
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const x = list[i]!;
    const xEnd = timeToMinutes(x.endTime);
    // Overlaps: every later one on the same day that starts before this one ends.
    for (let m = k + 1; m < order.length; m++) {
      const y = list[order[m]!]!;
      if (y.date !== x.date || timeToMinutes(y.startTime) >= xEnd) break;
      out.push({
        kind: 'overlap',
        date: x.date,
        first: i,
        second: order[m]!,
        message: `${x.startTime}–${x.endTime} overlaps ${y.startTime}–${y.endTime}`,
      });
    }
    if (x.schoolId == null) continue;
    let m = k + 1;
    while (m < order.length && list[order[m]!]!.schoolId == null) m++;
    const next = order[m];
    if (next === undefined) continue;
    const y = list[next]!;
    if (y.date !== x.date || y.schoolId === x.schoolId || y.schoolId == null) continue;
    const gap = timeToMinutes(y.startTime) - xEnd;
    const need = travel(x.schoolId, y.schoolId);
    if (gap >= 0 && gap < need) {
      out.push({
        kind: 'travel',
        date: x.date,
        first: i,
        second: next,
        message: `${gap} min from ${schoolName(x.schoolId)} (ends ${x.endTime}) to ${schoolName(y.schoolId)} (starts ${y.startTime}); travel takes ${need} min`,
      });
    }
  }
  return out;
}

/** The interval of a kind that contains a day: a Mon–Sun week, a calendar month, or the school year. */
export function intervalBounds(interval: Interval, day: Day, calendar: SchoolCalendar): [Day, Day] {
  if (interval === 'week') return [mondayOf(day), mondayOf(day) + 6];
  if (interval === 'month') return monthBounds(day);
  const y = calendar.yearNearest(day);
  return y ? [y.first, y.last] : monthBounds(day);
}

export interface CoverageRow {
  setting: Setting;
  interval: Interval;
  from: string;
  to: string;
  planned: number;
  owed: number;
  /** planned − owed: negative is under-scheduled, positive over-scheduled. */
  difference: number;
}

/**
 * Coverage of one student on a reference date: for each setting with a line in effect (or a slot),
 * the minutes the schedule plans over the interval of that line containing the date vs the minutes
 * owed over the same interval (docs/domain.md: a 30 min/week pull-out line with no slot is 30 short).
 */
export function coverage(
  lines: OwedLine[],
  planned: { date: string; setting: Setting; minutes: number }[],
  calendar: SchoolCalendar,
  date: string,
  options: OwedOptions,
): CoverageRow[] {
  const day = toDay(date);
  const rows: CoverageRow[] = [];
  const settings: Setting[] = ['push_in', 'pull_out', 'consult'];
  for (const setting of settings) {
    const mine = lines.filter((l) => l.setting === setting && toDay(l.startDate) <= day && day <= toDay(l.endDate));
    const hasPlan = planned.some((p) => p.setting === setting);
    if (mine.length === 0 && !hasPlan) continue;
    const interval: Interval = mine[0]?.interval ?? 'week';
    const [a, b] = intervalBounds(interval, day, calendar);
    const from = fromDay(a);
    const to = fromDay(b);
    const owed = lines
      .filter((l) => l.setting === setting)
      .reduce((n, l) => n + owedForLine(l, calendar, from, to, options), 0);
    const plan = planned
      .filter((p) => p.setting === setting && p.date >= from && p.date <= to)
      .reduce((n, p) => n + p.minutes, 0);
    if (owed === 0 && plan === 0) continue;
    rows.push({ setting, interval, from, to, planned: plan, owed, difference: plan - owed });
  }
  return rows;
}

/**
 * Free times of a school day for an activity of `minutes`: the school's day less the therapist's busy
 * times, where reaching or leaving another school's slot needs its travel time. Returned as start
 * times on a 5-minute grid, the earliest of each free stretch.
 */
export function freeStarts(
  day: { start: string; end: string },
  busy: { startTime: string; endTime: string; schoolId: number }[],
  schoolId: number,
  minutes: number,
  travel: TravelLookup,
): string[] {
  const blocked = busy
    .map((b) => {
      const t = travel(b.schoolId, schoolId);
      return [timeToMinutes(b.startTime) - t, timeToMinutes(b.endTime) + t] as const;
    })
    .sort((x, y) => x[0] - y[0]);
  const out: string[] = [];
  let cursor = Math.ceil(timeToMinutes(day.start) / 5) * 5;
  const end = timeToMinutes(day.end);
  for (const [s, e] of [...blocked, [end, end] as const]) {
    if (s - cursor >= minutes && cursor + minutes <= end) out.push(minutesToTime(cursor));
    cursor = Math.max(cursor, Math.ceil(e / 5) * 5);
  }
  return out;
}

/**
 * The therapist's own blocks (a lunch, an IEP meeting) inside the gap between two occurrences: their
 * minutes within [gapStart, gapEnd] (overlapping blocks counted once) and their labels, in time order.
 */
export function blockedInGap(
  gapStart: string,
  gapEnd: string,
  blocks: readonly { startTime: string; endTime: string; label: string }[],
): { minutes: number; labels: string[] } {
  const g0 = timeToMinutes(gapStart);
  const g1 = timeToMinutes(gapEnd);
  const inside = blocks
    .map((b) => ({ s: Math.max(g0, timeToMinutes(b.startTime)), e: Math.min(g1, timeToMinutes(b.endTime)), b }))
    .filter((x) => x.e > x.s)
    .sort((x, y) => x.s - y.s);
  let minutes = 0;
  let cursor = g0;
  for (const x of inside) {
    if (x.e > cursor) minutes += x.e - Math.max(x.s, cursor);
    cursor = Math.max(cursor, x.e);
  }
  return { minutes, labels: [...new Set(inside.map((x) => x.b.label))] };
}
