import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import type { GoalDatum, OpenMiss, Session, SessionStudent } from '../../../shared/api/types';
import type { MissCode } from '../../../shared/domain/codes';
import { minutesToTime, timeToMinutes, toDay } from '../../../shared/domain/dates';
import { enrollmentProblem, enrollmentOn } from '../../../shared/domain/enrollment';
import { type NamedStudent, studentsNamed } from '../../../shared/domain/notes';
import { calendarForStudent, loadEnrollments } from './enrollment';
import { makeupLedger } from '../../../shared/domain/makeups';
import { AppError, invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { getSettings } from './settings';
import { calendarsFor, loadMakeupInputs } from './minutes';

type SessionInput = z.output<typeof s.SessionInput>;

interface SessionRow {
  id: number;
  date: string;
  startTime: string;
  minutes: number;
  setting: Session['setting'];
  grouping: Session['grouping'];
  note: string | null;
  cptCode: string | null;
  isMakeup: number;
  nonSchoolDayReason: string | null;
}

const SESSION_COLUMNS = `s.id, s.date, s.start_time AS startTime, s.minutes, s.setting, s.grouping, s.note,
  s.cpt_code AS cptCode, s.is_makeup AS isMakeup, s.non_school_reason AS nonSchoolDayReason`;

function hydrate(db: Sqlite, rows: SessionRow[]): Session[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const placeholders = ids.map(() => '?').join(',');
  const att = db
    .prepare(
      `SELECT a.id AS attendanceId, a.session_id AS sessionId, a.student_id AS studentId,
        coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name, a.code, a.minutes,
        a.note
       FROM attendance a JOIN students st ON st.id = a.student_id
       WHERE a.session_id IN (${placeholders}) ORDER BY st.last_name, st.first_name`,
    )
    .all(...ids) as (Omit<SessionStudent, 'makeupFor' | 'goalData'> & { sessionId: number })[];
  const attIds = att.map((a) => a.attendanceId);
  const links = new Map<number, number[]>();
  const data = new Map<number, GoalDatum[]>();
  if (attIds.length) {
    const ph = attIds.map(() => '?').join(',');
    for (const l of db
      .prepare(
        `SELECT makeup_attendance_id AS m, missed_attendance_id AS x FROM makeup_links WHERE makeup_attendance_id IN (${ph})`,
      )
      .all(...attIds) as { m: number; x: number }[]) {
      links.set(l.m, [...(links.get(l.m) ?? []), l.x]);
    }
    for (const d of db
      .prepare(
        `SELECT id, attendance_id AS attendanceId, goal_id AS goalId, correct, total, value, prompt, note
         FROM goal_data WHERE attendance_id IN (${ph}) ORDER BY id`,
      )
      .all(...attIds) as (GoalDatum & { attendanceId: number })[]) {
      const { attendanceId, ...datum } = d;
      data.set(attendanceId, [...(data.get(attendanceId) ?? []), datum]);
    }
  }
  const bySession = new Map<number, SessionStudent[]>();
  for (const a of att) {
    const { sessionId, ...rest } = a;
    bySession.set(sessionId, [
      ...(bySession.get(sessionId) ?? []),
      { ...rest, makeupFor: links.get(a.attendanceId) ?? [], goalData: data.get(a.attendanceId) ?? [] },
    ]);
  }
  return rows.map((r) => ({ ...r, isMakeup: r.isMakeup === 1, students: bySession.get(r.id) ?? [] }));
}

export function getSession(db: Sqlite, id: number): Session {
  const row = db.prepare(`SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.id = ?`).get(id) as SessionRow | undefined;
  if (!row) throw notFound('Session', id, 'id');
  return hydrate(db, [row])[0]!;
}

export function listSessions(db: Sqlite, q: z.output<typeof s.SessionQuery>): Session[] {
  const rows = q.studentId
    ? (db
        .prepare(
          `SELECT ${SESSION_COLUMNS} FROM attendance a JOIN sessions s ON s.id = a.session_id
           WHERE a.student_id = ? AND a.date BETWEEN ? AND ? ORDER BY s.date DESC, s.start_time DESC LIMIT ?`,
        )
        .all(q.studentId, q.from, q.to, q.limit) as SessionRow[])
    : (db
        .prepare(
          `SELECT ${SESSION_COLUMNS} FROM sessions s WHERE s.date BETWEEN ? AND ?
           ORDER BY s.date DESC, s.start_time DESC LIMIT ?`,
        )
        .all(q.from, q.to, q.limit) as SessionRow[]);
  return hydrate(db, rows);
}

/** Names as written in the records: a note is refused only when it names a student exactly so. */
function namedExactly(note: string | null, students: NamedStudent[]): NamedStudent[] {
  return studentsNamed(note, students).filter((st) =>
    [st.firstName, st.lastName, st.preferredName ?? ''].some((n) => n.length >= 2 && note!.includes(n)),
  );
}

/** Checks every rule that needs the database; throws an AppError naming the field. */
function validate(db: Sqlite, v: SessionInput, sessionId: number | null, today: string) {
  if (v.grouping === 'individual' && v.students.length > 1) {
    throw invalid(
      'grouping',
      `an individual session has one student; this one lists ${v.students.length}. Choose group`,
    );
  }
  // docs/domain.md "Sessions and attendance": a session is what happened, so it is dated today or earlier.
  if (v.date > today) {
    throw invalid('date', `${v.date} is after today (${today}); a session is logged once it has happened`);
  }
  const enrollments = loadEnrollments(
    db,
    v.students.map((s) => s.studentId),
  );
  const calendars = calendarsFor(db);
  const schoolName = db.prepare('SELECT name FROM schools WHERE id = ?');
  const studentQ = db.prepare(
    `SELECT st.id, st.first_name || ' ' || st.last_name AS name, st.school_id AS schoolId, sc.name AS school
     FROM students st JOIN schools sc ON sc.id = st.school_id WHERE st.id = ?`,
  );
  const yearQ = db.prepare('SELECT 1 FROM school_years WHERE school_id = ? AND first_day <= ? AND last_day >= ?');
  const namesQ = db.prepare(
    'SELECT id, first_name AS firstName, last_name AS lastName, preferred_name AS preferredName FROM students WHERE id = ?',
  );
  const sameDay = db.prepare(
    `SELECT s.id, s.start_time AS startTime, s.minutes FROM attendance a JOIN sessions s ON s.id = a.session_id
     WHERE a.student_id = ? AND a.date = ? AND s.id <> ?`,
  );
  const missQ = db.prepare(
    'SELECT id, student_id AS studentId, code, session_id AS sessionId, date FROM attendance WHERE id = ?',
  );
  const goalQ = db.prepare(
    'SELECT p.student_id AS studentId FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = ?',
  );
  const start = timeToMinutes(v.startTime);
  const end = start + v.minutes;
  v.students.forEach((entry, i) => {
    const st = studentQ.get(entry.studentId) as
      { id: number; name: string; schoolId: number; school: string } | undefined;
    if (!st) throw notFound('Student', entry.studentId, `students.${i}.studentId`);
    const list = enrollments.get(st.id) ?? [];
    const problem = enrollmentProblem(list, v.date, st.name);
    if (problem) throw invalid('date', problem);
    const here = enrollmentOn(list, v.date);
    const schoolId = here.state === 'none' ? st.schoolId : here.schoolId;
    const school = schoolId === st.schoolId ? st.school : (schoolName.get(schoolId) as { name: string }).name;
    if (!v.nonSchoolDayReason) {
      if (!yearQ.get(schoolId, v.date, v.date)) {
        throw invalid(
          'date',
          `${v.date} is outside every school year of ${school}; add the school year under Schools first, or mark it as a non-school-day session and say why`,
        );
      }
      if (!calendarForStudent(calendars, list, st.schoolId).isInstructional(toDay(v.date))) {
        throw invalid(
          'date',
          `${v.date} is not a school day for ${st.name} at ${school} (weekend, holiday or break). Choose another date, or mark it as a non-school-day session and say why (e.g. extended school year)`,
        );
      }
    }
    for (const other of sameDay.all(st.id, v.date, sessionId ?? 0) as {
      id: number;
      startTime: string;
      minutes: number;
    }[]) {
      const os = timeToMinutes(other.startTime);
      if (os < end && start < os + other.minutes) {
        throw new AppError(
          'conflict',
          `Start time: ${st.name} is already in a session on ${v.date} at ${other.startTime} (${other.minutes} min) that overlaps this one.`,
          'startTime',
        );
      }
    }
    for (const [j, missId] of entry.makeupFor.entries()) {
      const miss = missQ.get(missId) as
        { id: number; studentId: number; code: string; sessionId: number; date: string } | undefined;
      const field = `students.${i}.makeupFor.${j}`;
      if (!miss) throw notFound('Missed session', missId, field);
      if (miss.studentId !== st.id)
        throw invalid(field, `that missed session belongs to another student, not ${st.name}`);
      if (miss.code === 'present')
        throw invalid(field, `${st.name} attended the session of ${miss.date}; only a missed session can be made up`);
      if (sessionId != null && miss.sessionId === sessionId) throw invalid(field, 'a session cannot make up itself');
    }
    if (entry.makeupFor.length && entry.code !== 'present') {
      // A makeup the student missed is recorded, but it makes nothing up: say so rather than guess.
      throw invalid(
        `students.${i}.code`,
        `a makeup counts only when ${st.name} is present; remove the makeup link or mark present`,
      );
    }
    if (entry.note) {
      const others = v.students
        .filter((x) => x.studentId !== st.id)
        .map((x) => namesQ.get(x.studentId) as NamedStudent | undefined)
        .filter((x): x is NamedStudent => !!x);
      const named = namedExactly(entry.note, others);
      if (named.length) {
        throw invalid(
          `students.${i}.note`,
          `${st.name}'s note names ${named.map((n) => n.firstName).join(', ')}; a student's note is about that student only. Write it in their own note instead`,
        );
      }
    }
    if (entry.goalData.length && entry.code !== 'present') {
      throw invalid(`students.${i}.goalData`, `goal data needs ${st.name} to be present`);
    }
    entry.goalData.forEach((d, k) => {
      const g = goalQ.get(d.goalId) as { studentId: number } | undefined;
      if (!g) throw notFound('Goal', d.goalId, `students.${i}.goalData.${k}.goalId`);
      if (g.studentId !== st.id)
        throw invalid(`students.${i}.goalData.${k}.goalId`, `that goal is not one of ${st.name}'s goals`);
    });
  });
  if (v.note && v.students.length > 1) {
    const all = v.students.map((x) => namesQ.get(x.studentId) as NamedStudent);
    const named = namedExactly(v.note, all);
    if (named.length) {
      throw invalid(
        'note',
        `the shared activity note names ${named.map((n) => n.firstName).join(', ')}; it goes into every student's record. Write about a student in their own note instead`,
      );
    }
  }
  // The therapist cannot be in two sessions at once, whichever students they hold.
  const clash = db
    .prepare(
      `SELECT s.id, s.start_time AS startTime, s.minutes FROM sessions s WHERE s.date = ? AND s.id <> ?
       ORDER BY s.start_time`,
    )
    .all(v.date, sessionId ?? 0) as { id: number; startTime: string; minutes: number }[];
  for (const other of clash) {
    const os = timeToMinutes(other.startTime);
    if (os < end && start < os + other.minutes) {
      throw new AppError(
        'conflict',
        `Start time: you already have a session on ${v.date} from ${other.startTime} to ${minutesToTime(os + other.minutes)}; you cannot be in two sessions at once. Change the time, or edit that session.`,
        'startTime',
      );
    }
  }
}

/**
 * Final progress reports whose period holds the session (before or after the change), for the
 * students concerned: changing such a session needs a confirmation and is recorded in History.
 */
export function finalReportsTouching(
  db: Sqlite,
  sessionId: number | null,
  change: { date: string; students: { studentId: number }[] } | null,
): string[] {
  const pairs: { studentId: number; date: string }[] = [];
  if (sessionId != null) {
    for (const r of db
      .prepare('SELECT student_id AS studentId, date FROM attendance WHERE session_id = ?')
      .all(sessionId) as { studentId: number; date: string }[])
      pairs.push(r);
  }
  if (change) for (const s of change.students) pairs.push({ studentId: s.studentId, date: change.date });
  const q = db.prepare(
    `SELECT rp.label, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name
     FROM progress_reports pr JOIN reporting_periods rp ON rp.id = pr.period_id JOIN students st ON st.id = pr.student_id
     WHERE pr.status = 'final' AND pr.student_id = ? AND rp.start_date <= ? AND rp.end_date >= ? LIMIT 1`,
  );
  const out = new Set<string>();
  for (const p of pairs) {
    const r = q.get(p.studentId, p.date, p.date) as { label: string; name: string } | undefined;
    if (r) out.add(`${r.name} (${r.label})`);
  }
  return [...out];
}

function confirmFinal(db: Sqlite, sessionId: number, change: SessionInput | null, confirmed: boolean | undefined) {
  if (confirmed) return;
  const finals = finalReportsTouching(db, sessionId, change);
  if (finals.length) {
    throw new AppError(
      'confirm',
      `This session is inside a reporting period whose progress report is final: ${finals.join(', ')}. The final report will not change; the change will be recorded in History. Confirm to go ahead.`,
      'confirmFinalReport',
    );
  }
}

function writeStudents(db: Sqlite, sessionId: number, v: SessionInput) {
  const existing = new Map(
    (
      db.prepare('SELECT id, student_id AS studentId, code FROM attendance WHERE session_id = ?').all(sessionId) as {
        id: number;
        studentId: number;
        code: string;
      }[]
    ).map((r) => [r.studentId, r]),
  );
  const insert = db.prepare(
    'INSERT INTO attendance (session_id, student_id, code, minutes, date, note) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare('UPDATE attendance SET code = ?, minutes = ?, date = ?, note = ? WHERE id = ?');
  const madeUp = db.prepare('SELECT count(*) AS n FROM makeup_links WHERE missed_attendance_id = ?');
  const clearLinks = db.prepare('DELETE FROM makeup_links WHERE makeup_attendance_id = ?');
  const link = db.prepare('INSERT INTO makeup_links (makeup_attendance_id, missed_attendance_id) VALUES (?, ?)');
  const clearData = db.prepare('DELETE FROM goal_data WHERE attendance_id = ?');
  const addData = db.prepare(
    'INSERT INTO goal_data (attendance_id, goal_id, correct, total, value, prompt, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const keep = new Set<number>();
  v.students.forEach((entry, i) => {
    const minutes = entry.minutes ?? v.minutes;
    const prior = existing.get(entry.studentId);
    let attId: number;
    if (prior) {
      if (entry.code === 'present' && prior.code !== 'present' && (madeUp.get(prior.id) as { n: number }).n > 0) {
        throw invalid(
          `students.${i}.code`,
          `a makeup session already replaces this miss; unlink that makeup before marking the student present`,
        );
      }
      update.run(entry.code, minutes, v.date, entry.note ?? null, prior.id);
      attId = prior.id;
    } else {
      attId = Number(
        insert.run(sessionId, entry.studentId, entry.code, minutes, v.date, entry.note ?? null).lastInsertRowid,
      );
    }
    keep.add(entry.studentId);
    clearLinks.run(attId);
    for (const missId of entry.makeupFor) link.run(attId, missId);
    clearData.run(attId);
    for (const d of entry.goalData) {
      addData.run(attId, d.goalId, d.correct ?? null, d.total ?? null, d.value ?? null, d.prompt ?? null, d.note);
    }
  });
  const drop = db.prepare('DELETE FROM attendance WHERE id = ?');
  for (const [studentId, row] of existing) if (!keep.has(studentId)) drop.run(row.id);
}

export function createSession(db: Sqlite, v: SessionInput, today: string): Session {
  return db.transaction(() => {
    validate(db, v, null, today);
    const isMakeup = v.students.some((x) => x.makeupFor.length > 0) ? 1 : 0;
    const r = db
      .prepare(
        `INSERT INTO sessions (date, start_time, minutes, setting, grouping, note, cpt_code, is_makeup, non_school_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.date,
        v.startTime,
        v.minutes,
        v.setting,
        v.grouping,
        v.note,
        v.cptCode ?? null,
        isMakeup,
        v.nonSchoolDayReason ?? null,
      );
    const id = Number(r.lastInsertRowid);
    writeStudents(db, id, v);
    return getSession(db, id);
  })();
}

export function updateSession(db: Sqlite, v: z.output<typeof s.SessionUpdate>, today: string): Session {
  return db.transaction(() => {
    getSession(db, v.id);
    validate(db, v, v.id, today);
    confirmFinal(db, v.id, v, v.confirmFinalReport);
    const isMakeup = v.students.some((x) => x.makeupFor.length > 0) ? 1 : 0;
    db.prepare(
      `UPDATE sessions SET date = ?, start_time = ?, minutes = ?, setting = ?, grouping = ?, note = ?, cpt_code = ?,
        is_makeup = ?, non_school_reason = ? WHERE id = ?`,
    ).run(
      v.date,
      v.startTime,
      v.minutes,
      v.setting,
      v.grouping,
      v.note,
      v.cptCode ?? null,
      isMakeup,
      v.nonSchoolDayReason ?? null,
      v.id,
    );
    writeStudents(db, v.id, v);
    return getSession(db, v.id);
  })();
}

export function deleteSession(db: Sqlite, id: number, confirmed?: boolean): { id: number } {
  return db.transaction(() => {
    getSession(db, id);
    confirmFinal(db, id, null, confirmed);
    db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
    return { id };
  })();
}

/** Misses that still owe makeup minutes, for the makeup picker. */
export function listOpenMisses(db: Sqlite, studentId: number): OpenMiss[] {
  const settings = getSettings(db);
  const { misses, makeups } = loadMakeupInputs(db, studentId, '1900-01-01', '2200-12-31');
  const ledger = makeupLedger(misses, makeups, new Set<MissCode>(settings.makeupCodes));
  return ledger.rows
    .filter((r) => r.owesMakeup && r.outstanding > 0)
    .map((r) => ({
      attendanceId: r.attendanceId,
      sessionId: r.sessionId,
      date: r.date,
      startTime: r.startTime,
      code: r.code,
      minutes: r.minutes,
      outstanding: r.outstanding,
    }));
}
