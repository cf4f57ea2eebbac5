// Progress reports taken together across schools: the list of one period per school, marking drafts
// reviewed, and "Finalise all reviewed" (issue 11).
import type { z } from 'zod';
import type * as sr from '../../../shared/api/schemas-reports';
import type { ProgressReportView } from '../../../shared/api/types';
import type { FinaliseReviewedResult, ReportGroupRow } from '../../../shared/api/types-reports';
import { AppError, invalid, notFound } from '../../ipc/errors';
import { batchReportFileNames } from '../../reports/report-names';
import type { Sqlite } from '../db';
import {
  finaliseProgressReport,
  getProgressReport,
  listProgressReports,
  listReportingPeriods,
  saveProgressReport,
} from './reports';

/** Every active student's report in these periods, by school then name, each with a unique file name. */
export function listReportGroup(db: Sqlite, periodIds: readonly number[]): ReportGroupRow[] {
  const all = listReportingPeriods(db);
  const periods = [...new Set(periodIds)].map((id, i) => {
    const p = all.find((x) => x.id === id);
    if (!p) throw notFound('Reporting period', id, `periodIds.${i}`);
    return p;
  });
  periods.sort((a, b) => a.schoolName.localeCompare(b.schoolName) || a.startDate.localeCompare(b.startDate));
  const ids = db.prepare('SELECT district_student_id AS d FROM students WHERE id = ?');
  const rows = periods.flatMap((p) =>
    listProgressReports(db, p.id).map((r) => ({
      ...r,
      periodId: p.id,
      periodLabel: p.label,
      schoolId: p.schoolId,
      schoolName: p.schoolName,
      districtStudentId: (ids.get(r.studentId) as { d: string | null } | undefined)?.d ?? null,
    })),
  );
  const names = batchReportFileNames(rows);
  return rows.map(({ districtStudentId: _d, ...r }, i) => ({ ...r, fileName: names[i]! }));
}

/** Marks the draft reviewed (saving the words and codes given) or takes the mark off. */
export function markReviewed(
  db: Sqlite,
  input: z.output<typeof sr.ReviewInput>,
  today: string,
  now: string,
): ProgressReportView {
  return db.transaction(() => {
    const { reviewed, ...goals } = input;
    if (reviewed) {
      const missing = goals.goals.findIndex((g) => !g.code);
      if (missing >= 0) throw invalid(`goals.${missing}.code`, 'choose a progress code for every goal first');
    }
    saveProgressReport(db, goals, today);
    db.prepare(
      `UPDATE progress_reports SET reviewed_at = ? WHERE id =
        (SELECT id FROM progress_reports WHERE student_id = ? AND period_id = ? ORDER BY version DESC LIMIT 1)
        AND status = 'draft'`,
    ).run(reviewed ? now : null, input.studentId, input.periodId);
    return getProgressReport(db, { studentId: input.studentId, periodId: input.periodId }, today);
  })();
}

/**
 * Finalises every reviewed draft of these periods, exactly as the editor shows it, in one
 * transaction, and records each in the history. Nothing is finalised when the number of reviewed
 * drafts is not the number the person confirmed.
 */
export function finaliseReviewed(
  db: Sqlite,
  input: z.output<typeof sr.FinaliseReviewedInput>,
  today: string,
  now: string,
): FinaliseReviewedResult {
  return db.transaction(() => {
    const reviewed = listReportGroup(db, input.periodIds).filter((r) => r.reviewed);
    if (reviewed.length !== input.expectedCount) {
      throw new AppError(
        'conflict',
        `${reviewed.length} report${reviewed.length === 1 ? ' is' : 's are'} marked reviewed now, not ${input.expectedCount}. Nothing was finalised; look at the list again.`,
        'expectedCount',
      );
    }
    const audit = db.prepare(
      `INSERT INTO audit_log (at, action, student_id, subject, detail) VALUES (?, 'finalised report', ?, ?, ?)`,
    );
    const fullName = db.prepare(`SELECT first_name || ' ' || last_name AS n FROM students WHERE id = ?`);
    const finalised = reviewed.map((r) => {
      const key = { studentId: r.studentId, periodId: r.periodId };
      const view = getProgressReport(db, key, today);
      const goals = view.goals.map((g) => ({ goalId: g.goalId, code: g.code, narrative: g.narrative }));
      const done = finaliseProgressReport(db, { ...key, goals }, today, now);
      const who = (fullName.get(r.studentId) as { n: string } | undefined)?.n ?? r.name;
      audit.run(now, r.studentId, who, `${r.periodLabel} progress report v${done.version} (finalise all reviewed)`);
      return { ...key, name: r.name, version: done.version };
    });
    return { finalised };
  })();
}
