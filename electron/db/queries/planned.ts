import type { PlannedMinutes } from '../../../shared/domain/compliance';
import type { Sqlite } from '../db';
import { occurrencesBetween } from './schedule';

/**
 * THE SEAM between the schedule (issue 9) and compliance (issue 8): the minutes of each setting
 * scheduled for each student on each date in [from, to].
 *
 * Compliance calls it for the open service intervals (the week, month or school year that contains
 * today) and counts, per setting, the planned minutes dated today or later on the student's
 * instructional days: an open interval is "at risk" when what remains to give is more than that.
 *
 * With no slots nothing is planned, so every open interval with minutes remaining is at risk. The rules
 * it follows (keep the signature when the schedule changes):
 * - one entry per student, date and setting (several slots on a day may be summed or listed apart);
 * - only occurrences of slots in effect on that date, on instructional days of the slot's school,
 *   inside the students' enrollment and service-line dates (docs/domain.md, "The therapist's schedule");
 * - leave out occurrences already logged as a session or cancelled, so minutes are not counted twice
 *   (once delivered, once planned);
 * - `studentIds` null means every student; keep it one or two queries for the whole caseload
 *   (npm run bench times caseload compliance).
 */
export function plannedMinutes(
  db: Sqlite,
  studentIds: readonly number[] | null,
  from: string,
  to: string,
): Map<number, PlannedMinutes[]> {
  const out = new Map<number, PlannedMinutes[]>();
  if (to < from) return out;
  // Logged (or cancelled) occurrences are sessions already: their minutes are delivered or missed.
  const done = new Set(
    (
      db
        .prepare('SELECT slot_id AS slotId, date FROM occurrence_sessions WHERE date BETWEEN ? AND ?')
        .all(from, to) as { slotId: number; date: string }[]
    ).map((r) => `${r.slotId}@${r.date}`),
  );
  const wanted = studentIds ? new Set(studentIds) : null;
  for (const o of occurrencesBetween(db, from, to)) {
    if (done.has(`${o.slotId}@${o.date}`)) continue;
    for (const id of o.studentIds) {
      if (wanted && !wanted.has(id)) continue;
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push({ date: o.date, setting: o.setting, minutes: o.minutes });
    }
  }
  return out;
}
