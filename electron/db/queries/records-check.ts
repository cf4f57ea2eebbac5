import type { RecordIssue } from '../../../shared/api/types-enrollment';
import { minutesToTime, timeToMinutes, toDay } from '../../../shared/domain/dates';
import { enrollmentProblem } from '../../../shared/domain/enrollment';
import { type NamedStudent, studentsNamed } from '../../../shared/domain/notes';
import type { Sqlite } from '../db';
import { calendarForStudent, loadEnrollments } from './enrollment';
import { calendarsFor } from './minutes';

interface Row {
  sessionId: number;
  date: string;
  startTime: string;
  minutes: number;
  note: string | null;
  nonSchool: string | null;
  studentId: number;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  schoolId: number;
}

/**
 * "Check my records": saved sessions that break the rules of docs/domain.md "Sessions and
 * attendance" (dated after today, on a day that is not a school day for the student without a
 * reason, overlapping another session, outside the student's enrollment) and group sessions whose
 * shared note names one of their students. Listed for the therapist to fix; never changed here.
 */
export function checkRecords(db: Sqlite, today: string): RecordIssue[] {
  const rows = db
    .prepare(
      `SELECT s.id AS sessionId, s.date, s.start_time AS startTime, s.minutes, s.note, s.non_school_reason AS nonSchool,
        st.id AS studentId, st.first_name AS firstName, st.last_name AS lastName, st.preferred_name AS preferredName,
        st.school_id AS schoolId
       FROM sessions s JOIN attendance a ON a.session_id = s.id JOIN students st ON st.id = a.student_id
       ORDER BY s.date, s.start_time, s.id`,
    )
    .all() as Row[];
  const enrollments = loadEnrollments(db);
  const calendars = calendarsFor(db);
  const cals = new Map<number, ReturnType<typeof calendarForStudent>>();
  const calOf = (r: Row) => {
    let c = cals.get(r.studentId);
    if (!c) cals.set(r.studentId, (c = calendarForStudent(calendars, enrollments.get(r.studentId), r.schoolId)));
    return c;
  };
  const out: RecordIssue[] = [];
  const nameOf = (r: Row) => `${r.preferredName ?? r.firstName} ${r.lastName}`;
  const issue = (kind: RecordIssue['kind'], r: Row, student: boolean, message: string) =>
    out.push({
      kind,
      sessionId: r.sessionId,
      date: r.date,
      startTime: r.startTime,
      studentId: student ? r.studentId : null,
      studentName: student ? nameOf(r) : null,
      message,
    });

  const bySession = new Map<number, Row[]>();
  for (const r of rows) {
    const list = bySession.get(r.sessionId);
    if (list) list.push(r);
    else bySession.set(r.sessionId, [r]);
  }
  for (const list of bySession.values()) {
    const s = list[0]!;
    if (s.date > today) {
      issue('future_session', s, false, `Dated after today: correct the date, or delete it if it did not happen.`);
    }
    for (const r of list) {
      const problem = enrollmentProblem(enrollments.get(r.studentId) ?? [], r.date, nameOf(r));
      if (problem) {
        issue('outside_enrollment', r, true, `Outside the enrollment: ${problem}.`);
        continue;
      }
      if (!r.nonSchool && !calOf(r).isInstructional(toDay(r.date))) {
        issue(
          'non_school_day',
          r,
          true,
          `Not a school day for ${nameOf(r)}: move it to a school day, or mark it as a non-school-day session and say why.`,
        );
      }
    }
    if (list.length > 1 && s.note) {
      const named = studentsNamed(
        s.note,
        list.map((r): NamedStudent => ({ id: r.studentId, ...r })),
      );
      if (named.length) {
        issue(
          'shared_note_names_student',
          s,
          false,
          `The shared note of this group of ${list.length} names ${named
            .map((n) => n.firstName)
            .join(', ')}: it is hidden from the other students' records. Move it into that student's own note.`,
        );
      }
    }
  }

  // The therapist's overlapping sessions, each pair once.
  const sessions = [...bySession.values()].map((l) => l[0]!);
  const byDate = new Map<string, Row[]>();
  for (const s of sessions) byDate.set(s.date, [...(byDate.get(s.date) ?? []), s]);
  for (const day of byDate.values()) {
    for (let i = 0; i < day.length; i++) {
      const a = day[i]!;
      const aEnd = timeToMinutes(a.startTime) + a.minutes;
      for (let j = i + 1; j < day.length; j++) {
        const b = day[j]!;
        if (timeToMinutes(b.startTime) >= aEnd) break; // sorted by start time
        issue(
          'overlap',
          b,
          false,
          `Overlaps the session of ${a.date} ${a.startTime}–${minutesToTime(aEnd)}: you cannot be in two sessions at once. Correct one of the times.`,
        );
      }
    }
  }
  return out.sort((x, y) => x.date.localeCompare(y.date) || x.startTime.localeCompare(y.startTime));
}
