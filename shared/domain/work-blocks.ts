// Non-student blocks of the therapist's week (evaluations, IEP meetings, documentation, lunch, other):
// one-off on a date, or weekly on weekdays like a slot. They are busy time for conflicts and for
// makeups into free time, and non-student time in the workload. Pure: no I/O.
import { type Day, fromDay, timeToMinutes, toDay, weekdayOf } from './dates';
import type { BlockKind } from './workload';

export type BlockRecurrence = { kind: 'once'; date: string } | { kind: 'weekdays'; days: number[] };

export interface BlockDef {
  id: number;
  kind: BlockKind;
  schoolId: number | null;
  startTime: string;
  endTime: string;
  startDate: string;
  endDate: string | null;
  recurrence: BlockRecurrence;
  note: string | null;
}

export interface BlockOccurrence {
  blockId: number;
  date: string;
  kind: BlockKind;
  schoolId: number | null;
  startTime: string;
  endTime: string;
  minutes: number;
  note: string | null;
}

/**
 * Whether the therapist works on a day at a school (its calendar's instructional days), or, for a
 * block with no school, at any of the schools.
 */
export type Workday = (schoolId: number | null, day: Day) => boolean;

/**
 * The blocks' occurrences over [from, to] in date then time order. A one-off block occurs on its
 * date whatever the calendar says (the therapist chose that day: a meeting on a teacher work day); a
 * weekly block occurs on its weekdays inside its dates, on the days the therapist works (a lunch is not
 * taken on a holiday).
 */
export function blockOccurrences(blocks: BlockDef[], from: string, to: string, workday: Workday): BlockOccurrence[] {
  const out: BlockOccurrence[] = [];
  const a = toDay(from);
  const b = toDay(to);
  for (const blk of blocks) {
    const minutes = timeToMinutes(blk.endTime) - timeToMinutes(blk.startTime);
    const at = (date: string) =>
      out.push({
        blockId: blk.id,
        date,
        kind: blk.kind,
        schoolId: blk.schoolId,
        startTime: blk.startTime,
        endTime: blk.endTime,
        minutes,
        note: blk.note,
      });
    const r = blk.recurrence;
    if (r.kind === 'once') {
      const d = toDay(r.date);
      if (a <= d && d <= b) at(r.date);
      continue;
    }
    const lo = Math.max(a, toDay(blk.startDate));
    const hi = Math.min(b, blk.endDate ? toDay(blk.endDate) : b);
    const wanted = new Set(r.days);
    for (let d = lo; d <= hi; d++) if (wanted.has(weekdayOf(d)) && workday(blk.schoolId, d)) at(fromDay(d));
  }
  return out.sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : timeToMinutes(x.startTime) - timeToMinutes(y.startTime),
  );
}
