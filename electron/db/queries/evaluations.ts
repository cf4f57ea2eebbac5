import type { z } from 'zod';
import type * as sm from '../../../shared/api/schemas-medicaid';
import type { Evaluation, EvaluationWeek } from '../../../shared/api/types-medicaid';
import { fromDay, minutesToTime, mondayOf, timeToMinutes, toDay } from '../../../shared/domain/dates';
import { reevaluationDue } from '../../../shared/domain/medicaid';
import { AppError, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { getStudent } from './students';

const COLUMNS = `e.id, e.student_id AS studentId,
  coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS studentName,
  e.date, e.start_time AS startTime, e.minutes, e.cpt_code AS cptCode, e.note`;

type Row = Omit<Evaluation, 'endTime'>;
const withEnd = (r: Row): Evaluation => ({
  ...r,
  endTime: minutesToTime(timeToMinutes(r.startTime) + r.minutes),
});

export function getEvaluation(db: Sqlite, id: number): Evaluation {
  const r = db
    .prepare(`SELECT ${COLUMNS} FROM evaluations e JOIN students st ON st.id = e.student_id WHERE e.id = ?`)
    .get(id) as Row | undefined;
  if (!r) throw notFound('Evaluation', id, 'id');
  return withEnd(r);
}

export function listEvaluations(db: Sqlite, q: z.output<typeof sm.EvaluationQuery>): Evaluation[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM evaluations e JOIN students st ON st.id = e.student_id
       WHERE e.date BETWEEN ? AND ? AND (? IS NULL OR e.student_id = ?) ORDER BY e.date, e.start_time`,
    )
    .all(q.from, q.to, q.studentId ?? null, q.studentId ?? null) as Row[];
  return rows.map(withEnd);
}

/** The therapist is in one place at a time: an evaluation may not overlap a session or another evaluation. */
function checkOverlap(db: Sqlite, date: string, startTime: string, minutes: number) {
  const start = timeToMinutes(startTime);
  const end = start + minutes;
  const busy = db
    .prepare(
      `SELECT 'a session' AS what, start_time AS t, minutes FROM sessions WHERE date = ?
       UNION ALL SELECT 'an evaluation', start_time, minutes FROM evaluations WHERE date = ?`,
    )
    .all(date, date) as { what: string; t: string; minutes: number }[];
  const clash = busy.find((b) => timeToMinutes(b.t) < end && start < timeToMinutes(b.t) + b.minutes);
  if (clash) {
    throw new AppError(
      'conflict',
      `Start time: you already have ${clash.what} on ${date} at ${clash.t} (${clash.minutes} min) that overlaps this one. Change the time or the minutes.`,
      'startTime',
    );
  }
}

/**
 * Logs an evaluation or re-evaluation. It is not IEP minutes (no attendance row, so owed and
 * delivered do not change); its date becomes the last evaluation of the IEPs in effect then or later,
 * and the re-evaluation falls due 3 years after it.
 */
export function createEvaluation(db: Sqlite, v: z.output<typeof sm.EvaluationInput>, today: string): Evaluation {
  return db.transaction(() => {
    getStudent(db, v.studentId);
    if (v.date > today) {
      throw new AppError('invalid', `Date: ${v.date} is after today; log an evaluation once it has happened.`, 'date');
    }
    checkOverlap(db, v.date, v.startTime, v.minutes);
    const id = Number(
      db
        .prepare(
          'INSERT INTO evaluations (student_id, date, start_time, minutes, cpt_code, note) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(v.studentId, v.date, v.startTime, v.minutes, v.cptCode, v.note).lastInsertRowid,
    );
    db.prepare(
      `UPDATE plans SET last_eval_date = @date, reeval_due_date = @due
       WHERE student_id = @studentId AND end_date >= @date AND (last_eval_date IS NULL OR last_eval_date < @date)`,
    ).run({ studentId: v.studentId, date: v.date, due: reevaluationDue(v.date) });
    return getEvaluation(db, id);
  })();
}

/**
 * Deletes an evaluation logged by mistake. IEPs that took their last-evaluation date from it go back
 * to the latest evaluation still logged before it (when there is none, their dates stay as they are:
 * edit them on the IEP).
 */
export function deleteEvaluation(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    const e = getEvaluation(db, id);
    db.prepare('DELETE FROM evaluations WHERE id = ?').run(id);
    const prev = db
      .prepare('SELECT max(date) AS d FROM evaluations WHERE student_id = ? AND date <= ?')
      .get(e.studentId, e.date) as { d: string | null };
    if (prev.d && prev.d !== e.date) {
      db.prepare(
        `UPDATE plans SET last_eval_date = ?, reeval_due_date = ? WHERE student_id = ? AND last_eval_date = ?`,
      ).run(prev.d, reevaluationDue(prev.d), e.studentId, e.date);
    }
    return { id };
  })();
}

/** Evaluation minutes per Monday–Sunday week of the range (weeks with none are left out). */
export function evaluationWeeks(db: Sqlite, from: string, to: string): EvaluationWeek[] {
  const rows = db
    .prepare('SELECT date, minutes FROM evaluations WHERE date BETWEEN ? AND ? ORDER BY date')
    .all(from, to) as { date: string; minutes: number }[];
  const weeks = new Map<string, EvaluationWeek>();
  for (const r of rows) {
    const weekStart = fromDay(mondayOf(toDay(r.date)));
    const w = weeks.get(weekStart) ?? { weekStart, minutes: 0, evaluations: 0 };
    w.minutes += r.minutes;
    w.evaluations++;
    weeks.set(weekStart, w);
  }
  return [...weeks.values()];
}
