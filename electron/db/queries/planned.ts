import type { PlannedMinutes } from '../../../shared/domain/compliance';
import type { Sqlite } from '../db';

/**
 * THE SEAM between the schedule (issue 9) and compliance (issue 8): the minutes of each setting
 * scheduled for each student on each date in [from, to].
 *
 * Compliance calls it for the open service intervals (the week, month or school year that contains
 * today) and counts, per setting, the planned minutes dated today or later on the student's
 * instructional days: an open interval is "at risk" when what remains to give is more than that.
 *
 * Until the schedule exists nothing is planned, so this returns no entries and every open interval
 * with minutes remaining is at risk. When the schedule lands, fill this in (keep the signature):
 * - one entry per student, date and setting (several slots on a day may be summed or listed apart);
 * - only occurrences of slots in effect on that date, on instructional days of the slot's school,
 *   inside the students' enrollment and service-line dates (docs/domain.md, "The therapist's schedule");
 * - leave out occurrences already logged as a session or cancelled, so minutes are not counted twice
 *   (once delivered, once planned);
 * - `studentIds` null means every student; keep it one or two queries for the whole caseload
 *   (npm run bench times caseload compliance).
 */
export function plannedMinutes(
  _db: Sqlite,
  _studentIds: readonly number[] | null,
  _from: string,
  _to: string,
): Map<number, PlannedMinutes[]> {
  return new Map();
}
