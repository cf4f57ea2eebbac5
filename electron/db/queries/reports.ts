import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import type {
  GoalDataView,
  GoalReportLine,
  PeriodRow,
  ProgressReportView,
  ReportStatusRow,
  ServiceLog,
  ServiceLogRow,
} from '../../../shared/api/types';
import type { Goal, Plan } from '../../../shared/api/types';
import type { PromptLevel } from '../../../shared/domain/codes';
import { minutesToTime, timeToMinutes } from '../../../shared/domain/dates';
import { deliveredMinutes } from '../../../shared/domain/minutes-delivered';
import {
  type DataPoint,
  PROGRESS_MEANINGS,
  draftNarrative,
  levelOf,
  suggestProgress,
  summariseGoal,
} from '../../../shared/domain/progress';
import { AppError, invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { studentMinutes } from './minutes';
import { REPORT_PLAN_SQL } from './report-plan';
import { type NamedStudent, noteForStudent } from '../../../shared/domain/notes';
import { getGoal, listPlans } from './plans';
import { getSettings } from './settings';
import { medicaidClaims } from './medicaid';
import { listEvaluations } from './evaluations';
import type { MedicaidClaim } from '../../../shared/api/types-medicaid';
import { getStudent } from './students';

export function listReportingPeriods(db: Sqlite): PeriodRow[] {
  return db
    .prepare(
      `SELECT rp.id, rp.label, rp.start_date AS startDate, rp.end_date AS endDate, rp.due_date AS dueDate,
        sy.school_id AS schoolId, sc.name AS schoolName, sy.label AS schoolYear
       FROM reporting_periods rp JOIN school_years sy ON sy.id = rp.school_year_id JOIN schools sc ON sc.id = sy.school_id
       ORDER BY rp.start_date DESC, sc.name`,
    )
    .all() as PeriodRow[];
}

function getPeriod(db: Sqlite, id: number): PeriodRow {
  const p = listReportingPeriods(db).find((x) => x.id === id);
  if (!p) throw notFound('Reporting period', id, 'periodId');
  return p;
}

interface StoredReport {
  id: number;
  version: number;
  status: 'draft' | 'final';
  content: string;
  snapshot: string | null;
  finalizedAt: string | null;
  reviewedAt: string | null;
}

function versions(db: Sqlite, studentId: number, periodId: number): StoredReport[] {
  return db
    .prepare(
      `SELECT id, version, status, content, snapshot, finalized_at AS finalizedAt, reviewed_at AS reviewedAt FROM progress_reports
       WHERE student_id = ? AND period_id = ? ORDER BY version`,
    )
    .all(studentId, periodId) as StoredReport[];
}

/** The plan whose goals the period reports on: in effect at the period's end, else the latest overlapping. */
function planFor(plans: Plan[], start: string, end: string): Plan | null {
  return (
    plans.find((p) => p.startDate <= end && p.endDate >= end) ??
    plans.find((p) => p.startDate <= end && p.endDate >= start) ??
    null
  );
}

function goalData(db: Sqlite, goalId: number, from: string, to: string) {
  return db
    .prepare(
      `SELECT a.date, d.correct, d.total, d.value, d.prompt FROM goal_data d JOIN attendance a ON a.id = d.attendance_id
       WHERE d.goal_id = ? AND a.date BETWEEN ? AND ? ORDER BY a.date, d.id`,
    )
    .all(goalId, from, to) as DataPoint[];
}

/** Builds the report from the data as it stands: numbers, suggested codes and draft narratives. */
function compose(db: Sqlite, studentId: number, periodId: number, today: string, content: StoredContent | null) {
  const st = getStudent(db, studentId);
  const period = getPeriod(db, periodId);
  if (period.schoolId !== st.schoolId) {
    throw invalid('periodId', `${period.label} belongs to ${period.schoolName}, not ${st.schoolName}`);
  }
  const settings = getSettings(db);
  const plan = planFor(listPlans(db, studentId), period.startDate, period.endDate);
  const codes = settings.progressCodes;
  const everQ = db.prepare(
    `SELECT count(*) AS n FROM goal_data d JOIN attendance a ON a.id = d.attendance_id WHERE d.goal_id = ? AND a.date <= ?`,
  );
  const name = st.preferredName || st.firstName;
  const goals: GoalReportLine[] = (plan?.goals ?? []).map((g: Goal) => {
    const data = goalData(db, g.id, period.startDate, period.endDate);
    const summary = summariseGoal(g, data);
    const ever = (everQ.get(g.id, period.endDate) as { n: number }).n > 0;
    const meaning = suggestProgress(summary, period.endDate, plan!.endDate, ever);
    const suggestedCode = codes[PROGRESS_MEANINGS.indexOf(meaning)] ?? codes[codes.length - 1] ?? '';
    const narrative = draftNarrative(name, g, summary, period);
    const saved = content?.goals.find((x) => x.goalId === g.id);
    return {
      goalId: g.id,
      area: g.area,
      text: g.text,
      criterion: g.criterion,
      baseline: g.baseline,
      measurement: g.measurement,
      summary,
      suggestedCode,
      code: saved?.code || suggestedCode,
      narrative: saved?.narrative ?? narrative,
      draftNarrative: narrative,
      data: data
        .map((d) => ({ date: d.date, level: levelOf(d, g.measurement), prompt: d.prompt as PromptLevel | null }))
        .filter((d): d is { date: string; level: number; prompt: PromptLevel | null } => d.level != null),
    };
  });
  return {
    student: {
      id: st.id,
      name: `${st.preferredName || st.firstName} ${st.lastName}`,
      dateOfBirth: st.dateOfBirth,
      grade: st.grade,
      schoolName: st.schoolName,
      districtStudentId: st.districtStudentId,
    },
    plan: plan ? { kind: plan.kind, startDate: plan.startDate, endDate: plan.endDate } : null,
    period: {
      id: period.id,
      label: period.label,
      startDate: period.startDate,
      endDate: period.endDate,
      dueDate: period.dueDate,
    },
    provider: { name: settings.providerName, credentials: settings.credentials, district: settings.district },
    goals,
    minutes: studentMinutes(db, studentId, period.startDate, period.endDate, today),
    codes,
    preparedOn: today,
  };
}

interface StoredContent {
  goals: { goalId: number; code: string; narrative: string }[];
}

type Composed = ReturnType<typeof compose>;

export function getProgressReport(
  db: Sqlite,
  key: z.output<typeof s.ReportVersionInput>,
  today: string,
): ProgressReportView {
  const all = versions(db, key.studentId, key.periodId);
  const list = all.map((v) => ({ id: v.id, version: v.version, status: v.status, finalizedAt: v.finalizedAt }));
  const chosen = key.version ? all.find((v) => v.version === key.version) : all[all.length - 1];
  if (key.version && !chosen) throw notFound('Report version', key.version, 'version');
  if (chosen?.status === 'final' && chosen.snapshot) {
    // A finalised version shows exactly what was finalised, whatever the data says now.
    const frozen = JSON.parse(chosen.snapshot) as Composed;
    return {
      ...frozen,
      id: chosen.id,
      version: chosen.version,
      status: 'final',
      finalizedAt: chosen.finalizedAt,
      reviewedAt: chosen.reviewedAt,
      versions: list,
    };
  }
  const content = chosen ? (JSON.parse(chosen.content) as StoredContent) : null;
  return {
    ...compose(db, key.studentId, key.periodId, today, content),
    id: chosen?.id ?? null,
    version: chosen?.version ?? 1,
    status: chosen ? 'draft' : 'new',
    finalizedAt: null,
    reviewedAt: chosen?.reviewedAt ?? null,
    versions: list,
  };
}

function checkGoals(db: Sqlite, input: z.output<typeof s.ReportGoalsInput>, codes: string[]) {
  const view = compose(db, input.studentId, input.periodId, '2000-01-01', null);
  const known = new Set(view.goals.map((g) => g.goalId));
  input.goals.forEach((g, i) => {
    if (!known.has(g.goalId)) throw invalid(`goals.${i}.goalId`, 'that goal is not on this report');
    if (g.code && !codes.includes(g.code))
      throw invalid(`goals.${i}.code`, `"${g.code}" is not one of the progress codes in Settings`);
  });
}

export function saveProgressReport(
  db: Sqlite,
  input: z.output<typeof s.ReportGoalsInput>,
  today: string,
): ProgressReportView {
  return db.transaction(() => {
    checkGoals(db, input, getSettings(db).progressCodes);
    const all = versions(db, input.studentId, input.periodId);
    const last = all[all.length - 1];
    const content = JSON.stringify({ goals: input.goals } satisfies StoredContent);
    if (last?.status === 'final') {
      throw new AppError(
        'conflict',
        `Version ${last.version} is finalised and cannot change. Start a correction to make a new version.`,
      );
    }
    // A reviewed draft whose words or codes change is no longer the one that was reviewed.
    if (last)
      db.prepare(
        'UPDATE progress_reports SET content = ?, reviewed_at = CASE WHEN content = ? THEN reviewed_at END WHERE id = ?',
      ).run(content, content, last.id);
    else
      db.prepare(
        `INSERT INTO progress_reports (student_id, period_id, version, status, content) VALUES (?, ?, 1, 'draft', ?)`,
      ).run(input.studentId, input.periodId, content);
    return getProgressReport(db, { studentId: input.studentId, periodId: input.periodId }, today);
  })();
}

export function finaliseProgressReport(
  db: Sqlite,
  input: z.output<typeof s.ReportGoalsInput>,
  today: string,
  now: string,
): ProgressReportView {
  return db.transaction(() => {
    const codes = getSettings(db).progressCodes;
    const missing = input.goals.findIndex((g) => !g.code);
    if (missing >= 0) throw invalid(`goals.${missing}.code`, 'choose a progress code for every goal before finalising');
    saveProgressReport(db, input, today);
    const draft = versions(db, input.studentId, input.periodId).at(-1)!;
    const composed = compose(db, input.studentId, input.periodId, today, JSON.parse(draft.content) as StoredContent);
    if (composed.goals.some((g) => !codes.includes(g.code))) throw invalid('goals', 'every goal needs a progress code');
    db.prepare(`UPDATE progress_reports SET status = 'final', snapshot = ?, finalized_at = ? WHERE id = ?`).run(
      JSON.stringify(composed),
      now,
      draft.id,
    );
    return getProgressReport(db, { studentId: input.studentId, periodId: input.periodId }, today);
  })();
}

/** A correction: a new draft version that starts from the last finalised words; the old version stays. */
export function correctProgressReport(
  db: Sqlite,
  key: z.output<typeof s.ReportKey>,
  today: string,
): ProgressReportView {
  return db.transaction(() => {
    const all = versions(db, key.studentId, key.periodId);
    const last = all.at(-1);
    if (!last || last.status !== 'final') {
      throw new AppError('conflict', 'Only a finalised report needs a correction; edit the draft instead.');
    }
    db.prepare(
      `INSERT INTO progress_reports (student_id, period_id, version, status, content) VALUES (?, ?, ?, 'draft', ?)`,
    ).run(key.studentId, key.periodId, last.version + 1, last.content);
    return getProgressReport(db, key, today);
  })();
}

export function listProgressReports(db: Sqlite, periodId: number): ReportStatusRow[] {
  const period = getPeriod(db, periodId);
  const students = db
    .prepare(
      `SELECT st.id, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name, st.grade,
        (SELECT count(*) FROM goals g WHERE g.plan_id = (${REPORT_PLAN_SQL})) AS goals
       FROM students st WHERE st.school_id = ? AND st.status = 'active'
       ORDER BY st.last_name COLLATE NOCASE, st.first_name COLLATE NOCASE`,
    )
    .all(period.endDate, period.startDate, period.endDate, period.schoolId) as {
    id: number;
    name: string;
    grade: string;
    goals: number;
  }[];
  const latest = db.prepare(
    `SELECT version, status, finalized_at AS finalizedAt, reviewed_at AS reviewedAt FROM progress_reports
     WHERE student_id = ? AND period_id = ?
     ORDER BY version DESC LIMIT 1`,
  );
  return students.map((st) => {
    const r = latest.get(st.id, periodId) as
      { version: number; status: 'draft' | 'final'; finalizedAt: string | null; reviewedAt: string | null } | undefined;
    return {
      studentId: st.id,
      name: st.name,
      grade: st.grade,
      goals: st.goals,
      status: r?.status ?? 'new',
      version: r?.version ?? 0,
      finalizedAt: r?.finalizedAt ?? null,
      reviewed: r?.status === 'draft' && r.reviewedAt != null,
    };
  });
}

export function goalDataView(db: Sqlite, goalId: number): GoalDataView {
  const g = getGoal(db, goalId, 'goalId');
  const owner = db
    .prepare(
      `SELECT st.id, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name
       FROM plans p JOIN students st ON st.id = p.student_id WHERE p.id = ?`,
    )
    .get(g.planId) as { id: number; name: string };
  const points = goalData(db, goalId, '1900-01-01', '2200-12-31')
    .map((d) => ({ ...d, level: levelOf(d, g.measurement) }))
    .filter((d): d is typeof d & { level: number } => d.level != null);
  return { goal: { ...g, studentId: owner.id, studentName: owner.name }, points };
}

export function serviceLog(db: Sqlite, studentId: number, from: string, to: string): ServiceLog {
  const st = getStudent(db, studentId);
  const settings = getSettings(db);
  const rows = db
    .prepare(
      `SELECT s.date, s.start_time AS startTime, s.minutes AS sessionMinutes, a.minutes, s.setting, s.grouping, a.code,
        s.id AS sessionId, s.note AS sharedNote, a.note AS ownNote, s.is_makeup AS makeup,
        coalesce(s.group_size, (SELECT count(*) FROM attendance x WHERE x.session_id = s.id AND x.code = 'present')) AS groupSize,
        -- a session brought in with a student file holds one student here: its group shows by the size it had
        coalesce(s.group_size, (SELECT count(*) FROM attendance x WHERE x.session_id = s.id)) AS studentsInSession,
        (SELECT group_concat(g.area, '; ') FROM goal_data d JOIN goals g ON g.id = d.goal_id WHERE d.attendance_id = a.id) AS goals
       FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.student_id = ? AND a.date BETWEEN ? AND ? ORDER BY s.date, s.start_time`,
    )
    .all(studentId, from, to) as (Omit<ServiceLogRow, 'endTime' | 'makeup' | 'goals' | 'note'> & {
    sessionMinutes: number;
    makeup: number;
    goals: string | null;
    sessionId: number;
    sharedNote: string | null;
    ownNote: string | null;
  })[];
  // docs/domain.md "Notes belong to one student": the student's own note, and the shared note only
  // when it names no other student of the session; the group shows as its size.
  const classmates = db.prepare(
    `SELECT st.id, st.first_name AS firstName, st.last_name AS lastName, st.preferred_name AS preferredName
     FROM attendance x JOIN students st ON st.id = x.student_id WHERE x.session_id = ?`,
  );
  const noteOf = (r: { sessionId: number; sharedNote: string | null; ownNote: string | null }) =>
    r.sharedNote || r.ownNote
      ? noteForStudent(studentId, r.ownNote, r.sharedNote, classmates.all(r.sessionId) as NamedStudent[])
      : '';
  return {
    student: {
      id: st.id,
      name: `${st.preferredName || st.firstName} ${st.lastName}`,
      dateOfBirth: st.dateOfBirth,
      schoolName: st.schoolName,
      grade: st.grade,
      districtStudentId: st.districtStudentId,
    },
    from,
    to,
    provider: { name: settings.providerName, credentials: settings.credentials, district: settings.district },
    evaluations: listEvaluations(db, { studentId, from, to }).map(
      ({ date, startTime, endTime, minutes, cptCode, note }) => ({
        date,
        startTime,
        endTime,
        minutes,
        cptCode,
        note: note ?? '',
      }),
    ),
    rows: rows.map(({ sessionMinutes, makeup, goals, sessionId, sharedNote, ownNote, ...r }) => ({
      ...r,
      endTime: minutesToTime(timeToMinutes(r.startTime) + sessionMinutes),
      delivered: deliveredMinutes(r),
      makeup: makeup === 1,
      goals: goals ?? '',
      note: noteOf({ sessionId, sharedNote, ownNote }),
    })),
  };
}

/** A Medicaid log row as the first CSV wrote it (provider = "name, credentials"), plus the claim's fields. */
export type MedicaidRow = MedicaidClaim & { provider: string };

/** The month's billable services (see medicaidClaims, the one rule) with the notes to show. */
export function medicaidLog(db: Sqlite, month: string): { rows: MedicaidRow[]; notes: string[] } {
  const log = medicaidClaims(db, month);
  return {
    rows: log.claims.map((c) => ({ ...c, provider: [c.providerName, c.credentials].filter(Boolean).join(', ') })),
    notes: log.notes,
  };
}

/** Every finalised version of every progress report of a student, oldest first. */
export function finalReports(db: Sqlite, studentId: number, today: string): ProgressReportView[] {
  const rows = db
    .prepare(
      `SELECT r.period_id AS periodId, r.version FROM progress_reports r JOIN reporting_periods p ON p.id = r.period_id
       WHERE r.student_id = ? AND r.status = 'final' ORDER BY p.start_date, r.version`,
    )
    .all(studentId) as { periodId: number; version: number }[];
  return rows.map((r) => getProgressReport(db, { studentId, periodId: r.periodId, version: r.version }, today));
}
