import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import type { Student, StudentDetail, StudentRow } from '../../../shared/api/types';
import type { Setting } from '../../../shared/domain/codes';
import { emptyBySetting, weeklyEquivalent } from '../../../shared/domain/minutes-owed';
import { notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { listEnrollments, syncFromStudentEdit } from './enrollment';
import { listPlans } from './plans';
import { getSchool } from './schools';

const STUDENT_COLUMNS = `st.id, st.first_name AS firstName, st.last_name AS lastName,
  st.preferred_name AS preferredName, st.date_of_birth AS dateOfBirth, st.grade,
  st.school_id AS schoolId, sc.name AS schoolName, st.teacher, st.district_student_id AS districtStudentId,
  st.medicaid_id AS medicaidId, st.medicaid_consent_from AS medicaidConsentFrom,
  st.medicaid_consent_to AS medicaidConsentTo, st.status`;

export function getStudent(db: Sqlite, id: number, field = 'studentId'): Student {
  const row = db
    .prepare(`SELECT ${STUDENT_COLUMNS} FROM students st JOIN schools sc ON sc.id = st.school_id WHERE st.id = ?`)
    .get(id) as Student | undefined;
  if (!row) throw notFound('Student', id, field);
  return row;
}

export function getStudentDetail(db: Sqlite, id: number): StudentDetail {
  return { ...getStudent(db, id, 'id'), plans: listPlans(db, id), enrollments: listEnrollments(db, id) };
}

export function listStudents(db: Sqlite, filter: z.output<typeof s.StudentFilter>, today: string): StudentRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.status !== 'all') {
    where.push('st.status = ?');
    args.push(filter.status);
  }
  if (filter.schoolId) {
    where.push('st.school_id = ?');
    args.push(filter.schoolId);
  }
  if (filter.search) {
    where.push(`(st.first_name || ' ' || st.last_name || ' ' || coalesce(st.preferred_name, '')) LIKE ? ESCAPE '\\'`);
    args.push(`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const students = db
    .prepare(
      `SELECT ${STUDENT_COLUMNS},
        (SELECT max(p.end_date) FROM plans p WHERE p.student_id = st.id) AS iepEndDate
       FROM students st JOIN schools sc ON sc.id = st.school_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY st.last_name COLLATE NOCASE, st.first_name COLLATE NOCASE`,
    )
    .all(...args) as (Student & { iepEndDate: string | null })[];
  // Lines in effect today (or the next to start) give the weekly minutes column.
  const lines = db
    .prepare(
      `SELECT p.student_id AS studentId, l.setting, l.interval, l.minutes
       FROM service_lines l JOIN plans p ON p.id = l.plan_id
       WHERE l.start_date <= ? AND l.end_date >= ?`,
    )
    .all(today, today) as {
    studentId: number;
    setting: Setting;
    interval: 'week' | 'month' | 'year';
    minutes: number;
  }[];
  const weekly = new Map<number, ReturnType<typeof emptyBySetting>>();
  for (const l of lines) {
    const w = weekly.get(l.studentId) ?? emptyBySetting();
    w[l.setting] += weeklyEquivalent(l.minutes, l.interval);
    weekly.set(l.studentId, w);
  }
  return students.map((st) => ({ ...st, weeklyMinutes: weekly.get(st.id) ?? emptyBySetting() }));
}

/** Named parameters shared by insert and update. */
const studentParams = (v: z.output<typeof s.StudentInput>) => ({
  firstName: v.firstName,
  lastName: v.lastName,
  preferredName: v.preferredName,
  dateOfBirth: v.dateOfBirth ?? null,
  grade: v.grade,
  schoolId: v.schoolId,
  teacher: v.teacher,
  districtStudentId: v.districtStudentId,
  medicaidId: v.medicaidId,
  status: v.status,
  medicaidConsentFrom: v.medicaidConsentFrom ?? null,
  medicaidConsentTo: v.medicaidConsentTo ?? null,
  // An update that leaves the consent out keeps it (clients older than the consent fields).
  keepConsent: v.medicaidConsentFrom === undefined && v.medicaidConsentTo === undefined ? 1 : 0,
});

const insertStudent = (db: Sqlite, v: z.output<typeof s.StudentInput>) =>
  db
    .prepare(
      `INSERT INTO students (first_name, last_name, preferred_name, date_of_birth, grade, school_id,
        teacher, district_student_id, medicaid_id, status, medicaid_consent_from, medicaid_consent_to)
        VALUES (@firstName, @lastName, @preferredName, @dateOfBirth, @grade, @schoolId, @teacher,
        @districtStudentId, @medicaidId, @status, @medicaidConsentFrom, @medicaidConsentTo)`,
    )
    .run((({ keepConsent: _, ...p }) => p)(studentParams(v)));

/** A new student, enrolled at their school from `enrolledFrom` (else from before any record). */
export function createStudent(db: Sqlite, input: z.output<typeof s.StudentInput>): Student {
  return db.transaction(() => {
    getSchool(db, input.schoolId);
    const id = Number(insertStudent(db, input).lastInsertRowid);
    db.prepare('INSERT INTO enrollments (student_id, school_id, start_date) VALUES (?, ?, ?)').run(
      id,
      input.schoolId,
      input.enrolledFrom ?? null,
    );
    return getStudent(db, id);
  })();
}

export function updateStudent(db: Sqlite, v: z.output<typeof s.StudentUpdate>, today: string): Student {
  return db.transaction(() => {
    const before = getStudent(db, v.id, 'id');
    getSchool(db, v.schoolId);
    syncFromStudentEdit(db, v.id, before, { schoolId: v.schoolId, status: v.status }, today);
    db.prepare(
      `UPDATE students SET first_name = @firstName, last_name = @lastName, preferred_name = @preferredName,
        date_of_birth = @dateOfBirth, grade = @grade, school_id = @schoolId, teacher = @teacher,
        district_student_id = @districtStudentId, medicaid_id = @medicaidId, status = @status,
        medicaid_consent_from = CASE WHEN @keepConsent THEN medicaid_consent_from ELSE @medicaidConsentFrom END,
        medicaid_consent_to = CASE WHEN @keepConsent THEN medicaid_consent_to ELSE @medicaidConsentTo END
        WHERE id = @id`,
    ).run({ ...studentParams(v), id: v.id });
    return getStudent(db, v.id);
  })();
}

export function deleteStudent(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    getStudent(db, id, 'id');
    db.prepare('DELETE FROM students WHERE id = ?').run(id);
    // A session whose only students were this one is no longer anyone's record.
    db.prepare(
      'DELETE FROM sessions WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = sessions.id)',
    ).run();
    return { id };
  })();
}
