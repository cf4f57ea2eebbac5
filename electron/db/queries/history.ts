import { AppError } from '../../ipc/errors';
import type { Sqlite } from '../db';

/**
 * docs/domain.md: a new IEP or an amendment never rewrites history. An IEP or service line that
 * logged sessions, goal data or a final report rest on cannot be deleted; it can be ended or
 * corrected (corrections are audited). Returns what holds the record, empty when it can go.
 */
function holders(
  db: Sqlite,
  studentId: number,
  from: string,
  to: string,
  setting: string | null,
  planId: number | null,
) {
  const sessions = (
    db
      .prepare(
        `SELECT count(*) AS n FROM attendance a JOIN sessions s ON s.id = a.session_id
         WHERE a.student_id = ? AND a.date BETWEEN ? AND ? ${setting ? 'AND s.setting = ?' : ''}`,
      )
      .get(studentId, from, to, ...(setting ? [setting] : [])) as { n: number }
  ).n;
  const data =
    planId == null
      ? 0
      : (
          db
            .prepare('SELECT count(*) AS n FROM goal_data d JOIN goals g ON g.id = d.goal_id WHERE g.plan_id = ?')
            .get(planId) as { n: number }
        ).n;
  const finals = (
    db
      .prepare(
        `SELECT count(*) AS n FROM progress_reports pr JOIN reporting_periods rp ON rp.id = pr.period_id
         WHERE pr.student_id = ? AND pr.status = 'final' AND rp.start_date <= ? AND rp.end_date >= ?`,
      )
      .get(studentId, to, from) as { n: number }
  ).n;
  const out: string[] = [];
  if (sessions) out.push(`${sessions} logged session${sessions === 1 ? '' : 's'}`);
  if (data) out.push(`${data} goal data point${data === 1 ? '' : 's'}`);
  if (finals) out.push(`${finals} final progress report${finals === 1 ? '' : 's'}`);
  return out;
}

export function assertPlanDeletable(db: Sqlite, planId: number) {
  const p = db.prepare('SELECT student_id AS s, start_date AS a, end_date AS b FROM plans WHERE id = ?').get(planId) as
    { s: number; a: string; b: string } | undefined;
  if (!p) return;
  const h = holders(db, p.s, p.a, p.b, null, planId);
  if (h.length) {
    throw new AppError(
      'conflict',
      `This IEP is part of the record (${h.join(', ')}), so it cannot be deleted. End it on the day it stopped, or correct its dates or lines instead.`,
    );
  }
}

export function assertLineDeletable(db: Sqlite, lineId: number) {
  const l = db
    .prepare(
      `SELECT p.student_id AS s, l.start_date AS a, l.end_date AS b, l.setting FROM service_lines l
       JOIN plans p ON p.id = l.plan_id WHERE l.id = ?`,
    )
    .get(lineId) as { s: number; a: string; b: string; setting: string } | undefined;
  if (!l) return;
  const h = holders(db, l.s, l.a, l.b, l.setting, null);
  if (h.length) {
    throw new AppError(
      'conflict',
      `This service line is part of the record (${h.join(', ')} while it was in effect), so it cannot be deleted. End it on the day it stopped, or correct it (the correction is recorded in History).`,
    );
  }
}
