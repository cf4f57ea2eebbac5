import type { Sqlite } from '../db';
import { schemaVersion } from '../db';
import { listPlans } from '../queries/plans';
import { listSchoolYears } from '../queries/schools';
import { getSettings } from '../queries/settings';
import { getStudent } from '../queries/students';
import { type NamedStudent, noteForStudent, redactNames } from '../../../shared/domain/notes';
import { listEnrollments } from '../queries/enrollment';
import type { StudentFile } from './format';

type SessionRow = Omit<StudentFile['sessions'][number], 'isMakeup' | 'makeupFor' | 'goalData' | 'note'> & {
  isMakeup: number;
  sessionId: number;
  studentsInSession: number;
  ownNote: string | null;
  sharedNote: string | null;
};

/**
 * One student's whole record for another Caseload: details, school calendars, IEPs with their lines and
 * goals, enrollments, every session of theirs with their goal data and makeups, their evaluations and
 * their finalised reports. A group session carries only this student's attendance, their own note and
 * the group's size: the shared note of a session held with other students is left out (it belongs to
 * the group), and the own note has any other student's name of the session replaced (notes.ts).
 */
export function buildStudentFile(db: Sqlite, studentId: number, now: string): StudentFile {
  return db.transaction(() => {
    const st = getStudent(db, studentId);
    const settings = getSettings(db);
    const calendar = (schoolId: number) =>
      listSchoolYears(db, schoolId)
        .slice()
        .reverse()
        .map((y) => ({
          label: y.label,
          firstDay: y.firstDay,
          lastDay: y.lastDay,
          closures: y.closures.map(({ startDate, endDate, label }) => ({ startDate, endDate, label })),
          periods: y.periods.map((p) => ({
            key: p.id,
            label: p.label,
            startDate: p.startDate,
            endDate: p.endDate,
            dueDate: p.dueDate,
          })),
        }));
    const plans = listPlans(db, studentId)
      .slice()
      .reverse()
      .map((p) => ({
        kind: p.kind,
        startDate: p.startDate,
        endDate: p.endDate,
        meetingDate: p.meetingDate,
        reevalDueDate: p.reevalDueDate,
        lastEvalDate: p.lastEvalDate,
        medicaidConsentExpires: p.medicaidConsentExpires,
        lines: p.lines.map((l) => ({
          key: l.id,
          service: l.service,
          providerRole: l.providerRole,
          setting: l.setting,
          grouping: l.grouping,
          maxGroupSize: l.maxGroupSize,
          interval: l.interval,
          minutes: l.minutes,
          sessionsCount: l.sessionsCount,
          minutesPerSession: l.minutesPerSession,
          startDate: l.startDate,
          endDate: l.endDate,
          replaces: l.replacesLineId,
        })),
        goals: p.goals.map((g) => ({
          key: g.id,
          area: g.area,
          text: g.text,
          criterion: g.criterion,
          baseline: g.baseline,
          measurement: g.measurement,
          targetValue: g.targetValue,
          sort: g.sort,
        })),
      }));
    const rows = db
      .prepare(
        `SELECT a.id AS key, s.id AS sessionId, s.date, s.start_time AS startTime, s.minutes, s.setting, s.grouping,
          coalesce(s.group_size, (SELECT count(*) FROM attendance x WHERE x.session_id = s.id AND x.code = 'present'))
            AS groupSize,
          (SELECT count(*) FROM attendance x WHERE x.session_id = s.id) AS studentsInSession,
          s.cpt_code AS cptCode, s.is_makeup AS isMakeup, a.code, a.minutes AS creditedMinutes,
          s.non_school_reason AS nonSchoolDayReason, a.note AS ownNote, s.note AS sharedNote
         FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE a.student_id = ? ORDER BY s.date, s.start_time, s.id`,
      )
      .all(studentId) as SessionRow[];
    const makeups = db.prepare('SELECT missed_attendance_id AS m FROM makeup_links WHERE makeup_attendance_id = ?');
    const data = db.prepare(
      `SELECT goal_id AS goal, correct, total, value, prompt, note FROM goal_data WHERE attendance_id = ? ORDER BY id`,
    );
    const others = db.prepare(
      `SELECT st.id, st.first_name AS firstName, st.last_name AS lastName, st.preferred_name AS preferredName
       FROM attendance x JOIN students st ON st.id = x.student_id WHERE x.session_id = ? AND x.student_id <> ?`,
    );
    const noteOf = (r: SessionRow): string | null => {
      // Alone in the session: the session's note is about this student's session, and the own note too.
      if (r.studentsInSession === 1) return noteForStudent(studentId, r.ownNote, r.sharedNote, []) || null;
      // With others: only the student's own note, never the group's shared note.
      if (!r.ownNote) return null;
      return redactNames(r.ownNote, others.all(r.sessionId, studentId) as NamedStudent[]);
    };
    const sessions = rows.map((r) => ({
      key: r.key,
      date: r.date,
      startTime: r.startTime,
      minutes: r.minutes,
      setting: r.setting,
      grouping: r.grouping,
      groupSize: r.groupSize,
      cptCode: r.cptCode,
      code: r.code,
      creditedMinutes: r.creditedMinutes,
      nonSchoolDayReason: r.nonSchoolDayReason,
      note: noteOf(r),
      isMakeup: r.isMakeup === 1,
      makeupFor: (makeups.all(r.key) as { m: number }[]).map((x) => x.m),
      goalData: data.all(r.key) as StudentFile['sessions'][number]['goalData'],
    }));
    const reports = db
      .prepare(
        `SELECT period_id AS period, version, content, snapshot, created_at AS createdAt, finalized_at AS finalizedAt
         FROM progress_reports WHERE student_id = ? AND status = 'final' ORDER BY period_id, version`,
      )
      .all(studentId) as StudentFile['reports'];
    const enrollments = listEnrollments(db, studentId);
    const evaluations = db
      .prepare(
        `SELECT date, start_time AS startTime, minutes, cpt_code AS cptCode, note FROM evaluations
         WHERE student_id = ? ORDER BY date, start_time, id`,
      )
      .all(studentId) as StudentFile['evaluations'];
    // The student's school first, then the other schools they were enrolled at, then any other school one
    // of the reports was written in.
    const schools = db
      .prepare(
        `SELECT id, name FROM schools WHERE id = ? UNION
         SELECT sc.id, sc.name FROM enrollments e JOIN schools sc ON sc.id = e.school_id WHERE e.student_id = ?
         UNION
         SELECT sc.id, sc.name FROM progress_reports r JOIN reporting_periods rp ON rp.id = r.period_id
           JOIN school_years sy ON sy.id = rp.school_year_id JOIN schools sc ON sc.id = sy.school_id
         WHERE r.student_id = ? AND r.status = 'final'`,
      )
      .all(st.schoolId, studentId, studentId) as { id: number; name: string }[];
    schools.sort((x, y) => Number(y.id === st.schoolId) - Number(x.id === st.schoolId) || x.name.localeCompare(y.name));
    return {
      format: 'caseload-student' as const,
      version: 1 as const,
      schemaVersion: schemaVersion(db),
      exportedAt: now,
      from: { provider: settings.providerName, credentials: settings.credentials, district: settings.district },
      student: {
        firstName: st.firstName,
        lastName: st.lastName,
        preferredName: st.preferredName,
        dateOfBirth: st.dateOfBirth,
        grade: st.grade,
        teacher: st.teacher,
        districtStudentId: st.districtStudentId,
        medicaidId: st.medicaidId,
        status: st.status,
        medicaidConsentFrom: st.medicaidConsentFrom,
        medicaidConsentTo: st.medicaidConsentTo,
      },
      enrollments: enrollments.map((e) => ({
        schoolName: e.schoolName,
        startDate: e.startDate,
        endDate: e.endDate,
        endKind: e.endKind,
        endReason: e.endReason,
      })),
      schoolName: st.schoolName,
      schools: schools.map((sc) => ({ name: sc.name, years: calendar(sc.id) })),
      plans,
      sessions,
      evaluations,
      reports,
    };
  })();
}
