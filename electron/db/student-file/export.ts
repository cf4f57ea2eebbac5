import type { Sqlite } from '../db';
import { schemaVersion } from '../db';
import { listPlans } from '../queries/plans';
import { listSchoolYears } from '../queries/schools';
import { getSettings } from '../queries/settings';
import { getStudent } from '../queries/students';
import type { StudentFile } from './format';

type SessionRow = Omit<StudentFile['sessions'][number], 'isMakeup' | 'makeupFor' | 'goalData'> & {
  isMakeup: number;
  sessionId: number;
  studentsInSession: number;
};

/**
 * One student's whole record for another Caseload: details, school calendars, IEPs with their lines and
 * goals, every session of theirs with their goal data and makeups, and their finalised reports. A group
 * session carries only this student's attendance and the group's size; a note written on a session
 * shared with other students is left out, since it may name them.
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
          s.cpt_code AS cptCode, s.is_makeup AS isMakeup, a.code, a.minutes AS creditedMinutes, s.note
         FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE a.student_id = ? ORDER BY s.date, s.start_time, s.id`,
      )
      .all(studentId) as SessionRow[];
    const makeups = db.prepare('SELECT missed_attendance_id AS m FROM makeup_links WHERE makeup_attendance_id = ?');
    const data = db.prepare(
      `SELECT goal_id AS goal, correct, total, value, prompt, note FROM goal_data WHERE attendance_id = ? ORDER BY id`,
    );
    const sessions = rows.map(({ sessionId: _s, studentsInSession, isMakeup, note, ...r }) => ({
      ...r,
      // A session held with other students of this caseload may carry a note naming them: leave it out.
      note: studentsInSession === 1 ? note : null,
      isMakeup: isMakeup === 1,
      makeupFor: (makeups.all(r.key) as { m: number }[]).map((x) => x.m),
      goalData: data.all(r.key) as StudentFile['sessions'][number]['goalData'],
    }));
    const reports = db
      .prepare(
        `SELECT period_id AS period, version, content, snapshot, created_at AS createdAt, finalized_at AS finalizedAt
         FROM progress_reports WHERE student_id = ? AND status = 'final' ORDER BY period_id, version`,
      )
      .all(studentId) as StudentFile['reports'];
    // The student's school first, then any other school one of the reports was written in.
    const schools = db
      .prepare(
        `SELECT id, name FROM schools WHERE id = ? UNION ALL
         SELECT DISTINCT sc.id, sc.name FROM progress_reports r JOIN reporting_periods rp ON rp.id = r.period_id
           JOIN school_years sy ON sy.id = rp.school_year_id JOIN schools sc ON sc.id = sy.school_id
         WHERE r.student_id = ? AND r.status = 'final' AND sc.id <> ?`,
      )
      .all(st.schoolId, studentId, st.schoolId) as { id: number; name: string }[];
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
      },
      schoolName: st.schoolName,
      schools: schools.map((sc) => ({ name: sc.name, years: calendar(sc.id) })),
      plans,
      sessions,
      reports,
    };
  })();
}
