// Next school year's calendar, proposed from this year's shape. A date moves to the same weekday of the
// same week of its month a year later ("the 4th Wednesday of August"), which keeps every date on its
// weekday without drifting from year to year the way "52 weeks later" would. Holidays the calendar names
// move by their own rule (Labor Day is the 1st Monday of September, Veterans Day is November 11), and
// breaks around a floating holiday (Thanksgiving, Presidents' Day) move with it. The result is a
// proposal: the breaks are flagged for the therapist to check against the district's calendar.

import { addDays, daysInMonth, fromDay, toDay, weekdayOf } from './dates';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const ORDINALS = ['1st', '2nd', '3rd', '4th', '5th'];

const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The n-th weekday (0 = Monday … 6 = Sunday) of a month; n = -1 is the last one. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n < 0) {
    const last = toDay(iso(year, month, daysInMonth(year, month)));
    return fromDay(last - ((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = toDay(iso(year, month, 1));
  return fromDay(first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1));
}

/** Where a date sits in its month: its weekday, which one of them (1–5) and whether it is the last. */
export function weekdayPosition(date: string) {
  const [y, m, d] = ymd(date);
  return { month: m, weekday: weekdayOf(toDay(date)), n: Math.ceil(d / 7), last: d + 7 > daysInMonth(y, m) };
}

/**
 * The same weekday of the same week of the month, a year later. A 5th weekday the next year's month does
 * not have becomes its last (4th) one.
 */
export function sameWeekdayNextYear(date: string): string {
  const [y] = ymd(date);
  const p = weekdayPosition(date);
  const next = nthWeekday(y + 1, p.month, p.weekday, p.n > 4 ? -1 : p.n);
  return ymd(next)[1] === p.month ? next : nthWeekday(y + 1, p.month, p.weekday, -1);
}

const ruleText = (date: string) => {
  const p = weekdayPosition(date);
  return `${p.n > 4 ? 'last' : ORDINALS[p.n - 1]} ${WEEKDAYS[p.weekday]} of ${MONTHS[p.month - 1]}`;
};

interface Floating {
  name: string;
  month: number;
  weekday: number;
  n: number;
}
/** US holidays that fall on a weekday of a week of their month. */
const FLOATING: Floating[] = [
  { name: 'Martin Luther King Jr. Day', month: 1, weekday: 0, n: 3 },
  { name: "Presidents' Day", month: 2, weekday: 0, n: 3 },
  { name: 'Memorial Day', month: 5, weekday: 0, n: -1 },
  { name: 'Labor Day', month: 9, weekday: 0, n: 1 },
  { name: "Indigenous Peoples' Day", month: 10, weekday: 0, n: 2 },
  { name: 'Thanksgiving', month: 11, weekday: 3, n: 4 },
];
const floatingDate = (h: Floating, year: number) => nthWeekday(year, h.month, h.weekday, h.n);
const floatingRule = (h: Floating) =>
  `${h.n < 0 ? 'last' : ORDINALS[h.n - 1]} ${WEEKDAYS[h.weekday]} of ${MONTHS[h.month - 1]}`;

interface Fixed {
  name: string;
  label: RegExp;
  month: number;
  day: number;
}
/** Holidays on a fixed date, observed on the Friday before a Saturday and the Monday after a Sunday. */
const FIXED: Fixed[] = [
  { name: "New Year's Day", label: /new year/i, month: 1, day: 1 },
  { name: 'Juneteenth', label: /juneteenth/i, month: 6, day: 19 },
  { name: 'Independence Day', label: /independence|july 4|fourth of july/i, month: 7, day: 4 },
  { name: 'Veterans Day', label: /veteran/i, month: 11, day: 11 },
  { name: 'Christmas Day', label: /christmas/i, month: 12, day: 25 },
];
function observed(date: string): string {
  const wd = weekdayOf(toDay(date));
  return wd === 5 ? addDays(date, -1) : wd === 6 ? addDays(date, 1) : date;
}

export interface ClosureShape {
  startDate: string;
  endDate: string;
  label: string;
}

export interface ProposedClosure extends ClosureShape {
  /** This year's dates, for the preview. */
  was: { startDate: string; endDate: string };
  /** How the dates were found, in words. */
  rule: string;
  /** A break (several days) or a guess: the therapist checks it against the district's calendar. */
  confirm: boolean;
}

const spanOf = (c: ClosureShape) => toDay(c.endDate) - toDay(c.startDate);

/** Next year's dates for one holiday or break. */
export function proposeClosure(c: ClosureShape): ProposedClosure {
  const was = { startDate: c.startDate, endDate: c.endDate };
  const span = spanOf(c);
  const [y] = ymd(c.startDate);
  // A floating holiday on the closure, or the day just before or after it, carries the closure with it.
  const years = [...new Set([y, ymd(c.endDate)[0]])];
  for (const h of FLOATING) {
    for (const year of years) {
      const day = floatingDate(h, year);
      if (addDays(c.startDate, -1) <= day && day <= addDays(c.endDate, 1)) {
        const next = floatingDate(h, year + 1);
        const startDate = addDays(next, toDay(c.startDate) - toDay(day));
        const exact = span === 0 && c.startDate === day;
        const rule = exact
          ? `${h.name}, the ${floatingRule(h)}`
          : `${span === 0 ? 'the day' : `${span + 1} days`} around ${h.name} (the ${floatingRule(h)})`;
        return { label: c.label, startDate, endDate: addDays(startDate, span), was, rule, confirm: span > 0 };
      }
    }
  }
  if (span === 0) {
    // The holiday itself, or (when the label names it) the weekday it was observed on.
    let found: { f: Fixed; year: number } | undefined;
    for (const f of FIXED) {
      for (const year of [y - 1, y, y + 1]) {
        const day = iso(year, f.month, f.day);
        if (day === c.startDate || (f.label.test(c.label) && observed(day) === c.startDate)) found = { f, year };
      }
    }
    if (found) {
      const fixed = found.f;
      const target = iso(found.year + 1, fixed.month, fixed.day);
      const startDate = observed(target);
      return {
        label: c.label,
        startDate,
        endDate: startDate,
        was,
        rule: `${fixed.name}, ${MONTHS[fixed.month - 1]} ${fixed.day}${startDate === target ? '' : ` (observed on the ${WEEKDAYS[weekdayOf(toDay(startDate))]})`}`,
        confirm: false,
      };
    }
    const startDate = sameWeekdayNextYear(c.startDate);
    return { label: c.label, startDate, endDate: startDate, was, rule: `the ${ruleText(c.startDate)}`, confirm: false };
  }
  const startDate = sameWeekdayNextYear(c.startDate);
  return {
    label: c.label,
    startDate,
    endDate: addDays(startDate, span),
    was,
    rule: `${span + 1} days from the ${ruleText(c.startDate)}`,
    confirm: true,
  };
}

/** "2026-27" → "2027-28", "2026-2027" → "2027-2028", "SY 2026" → "SY 2027". */
export function nextYearLabel(label: string): string {
  const two = /^(\D*)(\d{4})(\s*[-–/]\s*)(\d{2}|\d{4})(\D*)$/.exec(label);
  if (two) {
    const a = Number(two[2]) + 1;
    const b = two[4]!.length === 2 ? String((Number(two[4]) + 1) % 100).padStart(2, '0') : String(Number(two[4]) + 1);
    return `${two[1]}${a}${two[3]}${b}${two[5]}`;
  }
  const one = /^(\D*)(\d{4})(\D*)$/.exec(label);
  if (one) return `${one[1]}${Number(one[2]) + 1}${one[3]}`;
  return `${label} (next year)`.slice(0, 40);
}

export interface PeriodShape {
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
}

export interface YearShape {
  label: string;
  firstDay: string;
  lastDay: string;
  closures: ClosureShape[];
  periods: PeriodShape[];
}

export interface YearProposal {
  label: string;
  firstDay: string;
  lastDay: string;
  closures: ProposedClosure[];
  periods: PeriodShape[];
}

/**
 * Next year's calendar from this year's. Reporting periods keep their shape: the first starts on the
 * first day, the last ends on the last day, back-to-back periods stay back to back, and each is due as
 * many days after its end as this year.
 */
export function proposeNextYear(year: YearShape): YearProposal {
  const firstDay = sameWeekdayNextYear(year.firstDay);
  const lastDay = sameWeekdayNextYear(year.lastDay);
  const closures = [...year.closures]
    .sort((a, b) => a.startDate.localeCompare(b.startDate))
    .map(proposeClosure)
    .map((c) => {
      if (c.startDate >= firstDay && c.endDate <= lastDay) return c;
      // A break that would stick out of the new year is cut to it, and flagged.
      const startDate = c.startDate < firstDay ? firstDay : c.startDate;
      const endDate = c.endDate > lastDay ? lastDay : c.endDate;
      return { ...c, startDate, endDate: endDate < startDate ? startDate : endDate, confirm: true };
    });
  const sorted = [...year.periods].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const periods: PeriodShape[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    const prevNew = periods[i - 1];
    let startDate = sameWeekdayNextYear(p.startDate);
    if (p.startDate <= year.firstDay) startDate = firstDay;
    else if (prev && prevNew && addDays(prev.endDate, 1) === p.startDate) startDate = addDays(prevNew.endDate, 1);
    let endDate = p.endDate >= year.lastDay ? lastDay : sameWeekdayNextYear(p.endDate);
    if (endDate > lastDay) endDate = lastDay;
    if (endDate < startDate) endDate = startDate;
    const dueDate = addDays(endDate, toDay(p.dueDate) - toDay(p.endDate));
    periods.push({ label: p.label, startDate, endDate, dueDate });
  });
  return { label: nextYearLabel(year.label), firstDay, lastDay, closures, periods };
}
