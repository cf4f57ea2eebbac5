import type { z } from 'zod';
import type * as se from '../../../shared/api/schemas-everyday';
import type { CaseloadMakeup, SearchResults } from '../../../shared/api/types-everyday';
import type { Sqlite } from '../db';
import { listOpenMisses } from './sessions';

const NAME = `st.first_name || ' ' || st.last_name`;

/**
 * Every miss on the caseload that still owes makeup minutes (active students), oldest first: the
 * same ledger as each student's page and the session form's makeup picker (listOpenMisses).
 */
export function listCaseloadMakeups(db: Sqlite, input: z.output<typeof se.MakeupsQuery>): CaseloadMakeup[] {
  // Only students with a miss of a makeup code at all are read through the ledger.
  const students = db
    .prepare(
      `SELECT st.id, ${NAME} AS name, sc.name AS schoolName
       FROM students st JOIN schools sc ON sc.id = st.school_id
       WHERE st.status = 'active' ${input.schoolId ? 'AND st.school_id = ?' : ''}
         AND EXISTS (SELECT 1 FROM attendance a WHERE a.student_id = st.id AND a.code != 'present')
       ORDER BY st.last_name COLLATE NOCASE, st.first_name COLLATE NOCASE`,
    )
    .all(...(input.schoolId ? [input.schoolId] : [])) as { id: number; name: string; schoolName: string }[];
  const out: CaseloadMakeup[] = [];
  for (const s of students) {
    for (const m of listOpenMisses(db, s.id))
      out.push({ studentId: s.id, name: s.name, schoolName: s.schoolName, ...m });
  }
  return out.sort((a, b) => (a.date + a.startTime).localeCompare(b.date + b.startTime) || a.name.localeCompare(b.name));
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Students by name or ID; sessions by note or by a student's name; newest sessions first. */
export function search(db: Sqlite, input: z.output<typeof se.SearchQuery>): SearchResults {
  const q = like(input.q);
  const students = db
    .prepare(
      `SELECT st.id, ${NAME} AS name, sc.name AS schoolName, st.grade
       FROM students st JOIN schools sc ON sc.id = st.school_id
       WHERE (${NAME} || ' ' || coalesce(st.preferred_name, '') || ' ' || coalesce(st.district_student_id, '')) LIKE ? ESCAPE '\\'
       ORDER BY st.status, st.last_name COLLATE NOCASE, st.first_name COLLATE NOCASE LIMIT ?`,
    )
    .all(q, input.limit) as SearchResults['students'];
  const sessions = db
    .prepare(
      `SELECT s.id AS sessionId, s.date, s.start_time AS startTime, s.minutes, s.setting, s.note
       FROM sessions s
       WHERE s.note LIKE ? ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM attendance a JOIN students st ON st.id = a.student_id
                     WHERE a.session_id = s.id AND (${NAME}) LIKE ? ESCAPE '\\')
       ORDER BY s.date DESC, s.start_time DESC LIMIT ?`,
    )
    .all(q, q, input.limit) as Omit<SearchResults['sessions'][number], 'students'>[];
  const who = db.prepare(
    `SELECT a.student_id AS studentId, ${NAME} AS name, a.code
     FROM attendance a JOIN students st ON st.id = a.student_id WHERE a.session_id = ? ORDER BY a.id`,
  );
  return {
    students,
    sessions: sessions.map((s) => ({
      ...s,
      students: who.all(s.sessionId) as SearchResults['sessions'][number]['students'],
    })),
  };
}
