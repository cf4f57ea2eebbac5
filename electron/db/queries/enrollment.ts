import type { z } from 'zod';
import type * as e from '../../../shared/api/schemas-enrollment';
import type { EnrollmentOnDate, EnrollmentRow } from '../../../shared/api/types-enrollment';
import type { InstructionalCalendar, SchoolCalendar } from '../../../shared/domain/calendar';
import { SchoolCalendar as Calendar } from '../../../shared/domain/calendar';
import { addDays } from '../../../shared/domain/dates';
import { type Enrollment, enrollmentOn, studentCalendar } from '../../../shared/domain/enrollment';
import { AppError, invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';

const EMPTY = new Calendar([]);

const COLUMNS = `e.id, e.student_id AS studentId, e.school_id AS schoolId, sc.name AS schoolName,
  e.start_date AS startDate, e.end_date AS endDate, e.end_kind AS endKind, e.end_reason AS endReason`;

export function listEnrollments(db: Sqlite, studentId: number): EnrollmentRow[] {
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM enrollments e JOIN schools sc ON sc.id = e.school_id
       WHERE e.student_id = ? ORDER BY coalesce(e.start_date, ''), e.id`,
    )
    .all(studentId) as EnrollmentRow[];
}

/** Every student's enrollments (or one student's), for the minutes engine. */
export function loadEnrollments(db: Sqlite, studentId?: number | readonly number[]): Map<number, Enrollment[]> {
  const many = Array.isArray(studentId);
  const where =
    studentId == null ? '' : many ? 'WHERE student_id IN (SELECT value FROM json_each(?))' : 'WHERE student_id = ?';
  const rows = db
    .prepare(
      `SELECT student_id AS studentId, school_id AS schoolId, start_date AS startDate, end_date AS endDate,
        end_kind AS endKind FROM enrollments ${where}`,
    )
    .all(...(studentId == null ? [] : [many ? JSON.stringify(studentId) : studentId])) as (Enrollment & {
    studentId: number;
  })[];
  const out = new Map<number, Enrollment[]>();
  for (const { studentId: sid, ...rest } of rows) {
    const list = out.get(sid);
    if (list) list.push(rest);
    else out.set(sid, [rest]);
  }
  return out;
}

/** The calendar a student's owed minutes follow (their schools' calendars by enrollment dates). */
export function calendarForStudent(
  calendars: ReadonlyMap<number, SchoolCalendar>,
  enrollments: readonly Enrollment[] | undefined,
  schoolId: number,
): InstructionalCalendar {
  return studentCalendar(enrollments ?? [], calendars, EMPTY, schoolId);
}

/**
 * Is the student enrolled on the date, and at which school? For the schedule, the session checks
 * and the screens: `calendarSchoolId` is the school whose calendar the date follows either way.
 */
export function enrollmentOnDate(db: Sqlite, studentId: number, date: string): EnrollmentOnDate {
  const st = db.prepare('SELECT school_id AS schoolId FROM students WHERE id = ?').get(studentId) as
    { schoolId: number } | undefined;
  if (!st) throw notFound('Student', studentId, 'studentId');
  const list = loadEnrollments(db, studentId).get(studentId) ?? [];
  const s = enrollmentOn(list, date);
  const schoolId = s.state === 'none' ? st.schoolId : s.schoolId;
  const name = (db.prepare('SELECT name FROM schools WHERE id = ?').get(schoolId) as { name: string } | undefined)
    ?.name;
  return {
    studentId,
    date,
    enrolled: s.state === 'enrolled' || s.state === 'none',
    state: s.state === 'none' ? 'enrolled' : s.state,
    calendarSchoolId: schoolId,
    calendarSchoolName: name ?? '',
  };
}

function current(db: Sqlite, studentId: number): EnrollmentRow {
  const list = listEnrollments(db, studentId);
  const last = list[list.length - 1];
  if (!last) throw new AppError('invalid', 'This student has no enrollment; add one by editing the student.');
  return last;
}

function checkSchool(db: Sqlite, schoolId: number) {
  if (!db.prepare('SELECT 1 FROM schools WHERE id = ?').get(schoolId)) throw notFound('School', schoolId, 'schoolId');
}

function sessionsAfter(db: Sqlite, studentId: number, date: string): { n: number; first: string | null } {
  return db
    .prepare('SELECT count(*) AS n, min(date) AS first FROM attendance WHERE student_id = ? AND date > ?')
    .get(studentId, date) as { n: number; first: string | null };
}

/** A transfer: the current enrollment ends the day before `date`; the new one starts on `date`. */
export function transferStudent(db: Sqlite, v: z.output<typeof e.TransferInput>): EnrollmentRow[] {
  const cur = current(db, v.studentId);
  checkSchool(db, v.schoolId);
  if (cur.endDate != null) {
    throw invalid('date', `the student exited on ${cur.endDate}; reactivate them at the new school instead`);
  }
  if (cur.schoolId === v.schoolId) throw invalid('schoolId', `the student is already enrolled at ${cur.schoolName}`);
  if (cur.startDate != null && v.date <= cur.startDate) {
    throw invalid('date', `the transfer must come after the enrollment at ${cur.schoolName} began (${cur.startDate})`);
  }
  db.prepare(`UPDATE enrollments SET end_date = ?, end_kind = 'transfer', end_reason = ? WHERE id = ?`).run(
    addDays(v.date, -1),
    v.reason,
    cur.id,
  );
  db.prepare('INSERT INTO enrollments (student_id, school_id, start_date) VALUES (?, ?, ?)').run(
    v.studentId,
    v.schoolId,
    v.date,
  );
  db.prepare(`UPDATE students SET school_id = ?, status = 'active' WHERE id = ?`).run(v.schoolId, v.studentId);
  return listEnrollments(db, v.studentId);
}

/** An exit: `date` is the last day the student is enrolled; nothing is owed or logged after it. */
export function exitStudent(db: Sqlite, v: z.output<typeof e.ExitInput>): EnrollmentRow[] {
  const cur = current(db, v.studentId);
  if (cur.endDate != null) throw invalid('date', `the student already exited on ${cur.endDate}`);
  if (cur.startDate != null && v.date < cur.startDate) {
    throw invalid('date', `the exit cannot come before the enrollment at ${cur.schoolName} began (${cur.startDate})`);
  }
  const after = sessionsAfter(db, v.studentId, v.date);
  if (after.n > 0) {
    throw invalid(
      'date',
      `${after.n} session(s) are logged after ${v.date} (the first on ${after.first}); choose a later exit date or move those sessions first`,
    );
  }
  db.prepare(`UPDATE enrollments SET end_date = ?, end_kind = 'exit', end_reason = ? WHERE id = ?`).run(
    v.date,
    v.reason,
    cur.id,
  );
  db.prepare(`UPDATE students SET status = 'exited' WHERE id = ?`).run(v.studentId);
  return listEnrollments(db, v.studentId);
}

/** Reactivation: a new enrollment from `date`, after the exit, at the school given (or the last one). */
export function reactivateStudent(db: Sqlite, v: z.output<typeof e.ReactivateInput>): EnrollmentRow[] {
  const cur = current(db, v.studentId);
  const schoolId = v.schoolId ?? cur.schoolId;
  checkSchool(db, schoolId);
  if (cur.endDate == null) {
    // Marked exited by the older status field only: the open enrollment simply carries on.
    db.prepare(`UPDATE students SET status = 'active' WHERE id = ?`).run(v.studentId);
    return listEnrollments(db, v.studentId);
  }
  if (v.date <= cur.endDate)
    throw invalid('date', `the student was enrolled until ${cur.endDate}; reactivate after it`);
  db.prepare('INSERT INTO enrollments (student_id, school_id, start_date) VALUES (?, ?, ?)').run(
    v.studentId,
    schoolId,
    v.date,
  );
  db.prepare(`UPDATE students SET school_id = ?, status = 'active' WHERE id = ?`).run(schoolId, v.studentId);
  return listEnrollments(db, v.studentId);
}

/**
 * Keeps the enrollments in step with edits made through the student form (older channel inputs):
 * a changed school corrects the current enrollment's school (a correction, not a transfer), and a
 * status change exits today or reopens the last enrollment.
 */
export function syncFromStudentEdit(
  db: Sqlite,
  studentId: number,
  before: { schoolId: number; status: string },
  after: { schoolId: number; status: string },
  today: string,
) {
  const list = listEnrollments(db, studentId);
  const last = list[list.length - 1];
  if (!last) {
    db.prepare('INSERT INTO enrollments (student_id, school_id) VALUES (?, ?)').run(studentId, after.schoolId);
    return;
  }
  if (before.schoolId !== after.schoolId) {
    db.prepare('UPDATE enrollments SET school_id = ? WHERE id = ?').run(after.schoolId, last.id);
  }
  if (before.status === 'active' && after.status === 'exited' && last.endDate == null) {
    const lastSession = db.prepare('SELECT max(date) AS d FROM attendance WHERE student_id = ?').get(studentId) as {
      d: string | null;
    };
    const end = lastSession.d && lastSession.d > today ? lastSession.d : today;
    const start = last.startDate ?? end;
    db.prepare(
      `UPDATE enrollments SET end_date = ?, end_kind = 'exit', end_reason = 'Marked exited on the student form' WHERE id = ?`,
    ).run(end < start ? start : end, last.id);
  }
  if (before.status === 'exited' && after.status === 'active' && last.endKind === 'exit') {
    db.prepare('UPDATE enrollments SET end_date = NULL, end_kind = NULL, end_reason = NULL WHERE id = ?').run(last.id);
  }
}
