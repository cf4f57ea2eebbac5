// School dates are plain local calendar dates ("YYYY-MM-DD"). They are handled as whole day numbers
// (days since 1970-01-01, computed in UTC) so that no time zone or daylight-saving shift can move a
// date, and so that the minutes engine can do integer arithmetic on them.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_DAY = 86_400_000;

export type Day = number;

export function isRealDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function isTime(value: string): boolean {
  return ISO_TIME.test(value);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The minutes engine converts the same few thousand dates over and over (a caseload's school years):
// both conversions are pure, so they are remembered, within a bound.
const MEMO_LIMIT = 100_000;
const dayOf = new Map<string, Day>();
const dateOf = new Map<Day, string>();

export function toDay(date: string): Day {
  const known = dayOf.get(date);
  if (known !== undefined) return known;
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not an ISO date: ${date}`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (dayOf.size >= MEMO_LIMIT) dayOf.clear();
  dayOf.set(date, day);
  return day;
}

export function fromDay(day: Day): string {
  const known = dateOf.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (dateOf.size >= MEMO_LIMIT) dateOf.clear();
  dateOf.set(day, date);
  return date;
}

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
export function weekdayOf(day: Day): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function isWeekend(day: Day): boolean {
  return weekdayOf(day) >= 5;
}

export function mondayOf(day: Day): Day {
  return day - weekdayOf(day);
}

export function monthBounds(day: Day): [Day, Day] {
  const d = new Date(day * MS_PER_DAY);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  return [Date.UTC(y, m, 1) / MS_PER_DAY, Date.UTC(y, m + 1, 0) / MS_PER_DAY];
}

export function addDays(date: string, n: number): string {
  return fromDay(toDay(date) + n);
}

export function timeToMinutes(time: string): number {
  // "HH:MM", the stored form, read without allocating (it runs inside sorts of thousands of times).
  if (time.length === 5 && time.charCodeAt(2) === 58) {
    const a = time.charCodeAt(0) - 48;
    const b = time.charCodeAt(1) - 48;
    const c = time.charCodeAt(3) - 48;
    const d = time.charCodeAt(4) - 48;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9 && d >= 0 && d <= 9) {
      return (a * 10 + b) * 60 + c * 10 + d;
    }
  }
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function minutesToTime(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Today's local calendar date, as the therapist's laptop sees it. */
export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export interface DateRange {
  from: string;
  to: string;
}

export function weekRange(date: string): DateRange {
  const monday = mondayOf(toDay(date));
  return { from: fromDay(monday), to: fromDay(monday + 6) };
}

export function monthRange(date: string): DateRange {
  const [a, b] = monthBounds(toDay(date));
  return { from: fromDay(a), to: fromDay(b) };
}
