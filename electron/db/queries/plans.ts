import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import type { Goal, Plan, ServiceLine } from '../../../shared/api/types';
import { addDays } from '../../../shared/domain/dates';
import { lineMinutes } from '../../../shared/domain/minutes-owed';
import { AppError, invalid, notFound } from '../../ipc/errors';
import { reevaluationDue } from '../../../shared/domain/medicaid';
import { assertLineDeletable, assertPlanDeletable } from './history';
import type { Sqlite } from '../db';

const PLAN_COLUMNS = `id, student_id AS studentId, kind, start_date AS startDate, end_date AS endDate,
  meeting_date AS meetingDate, reeval_due_date AS reevalDueDate, last_eval_date AS lastEvalDate,
  medicaid_consent_expires AS medicaidConsentExpires`;
const LINE_COLUMNS = `id, plan_id AS planId, service, provider_role AS providerRole, setting, grouping,
  max_group_size AS maxGroupSize, interval, minutes, sessions_count AS sessionsCount,
  minutes_per_session AS minutesPerSession, start_date AS startDate, end_date AS endDate,
  replaces_line_id AS replacesLineId`;
const GOAL_COLUMNS = `id, plan_id AS planId, area, text, criterion, baseline, measurement,
  target_value AS targetValue, sort`;

type PlanRow = Omit<Plan, 'lines' | 'goals'>;

function hydrate(db: Sqlite, p: PlanRow): Plan {
  const lines = db
    .prepare(`SELECT ${LINE_COLUMNS} FROM service_lines WHERE plan_id = ? ORDER BY setting, start_date, id`)
    .all(p.id) as ServiceLine[];
  const goals = db.prepare(`SELECT ${GOAL_COLUMNS} FROM goals WHERE plan_id = ? ORDER BY sort, id`).all(p.id) as Goal[];
  return { ...p, lines, goals };
}

export function listPlans(db: Sqlite, studentId: number): Plan[] {
  const rows = db
    .prepare(`SELECT ${PLAN_COLUMNS} FROM plans WHERE student_id = ? ORDER BY start_date DESC`)
    .all(studentId) as PlanRow[];
  return rows.map((p) => hydrate(db, p));
}

export function getPlan(db: Sqlite, id: number, field = 'planId'): Plan {
  const p = db.prepare(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = ?`).get(id) as PlanRow | undefined;
  if (!p) throw notFound('IEP', id, field);
  return hydrate(db, p);
}

function noPlanOverlap(db: Sqlite, studentId: number, start: string, end: string, exceptId = 0) {
  const clash = db
    .prepare(
      `SELECT start_date AS s, end_date AS e FROM plans
       WHERE student_id = ? AND id <> ? AND start_date <= ? AND end_date >= ?`,
    )
    .get(studentId, exceptId, end, start) as { s: string; e: string } | undefined;
  if (clash) {
    throw invalid(
      'startDate',
      `overlaps this student's plan of ${clash.s} to ${clash.e}; end that plan the day before the new one starts`,
    );
  }
}

/** Named parameters shared by insert and update. */
const planParams = (v: z.output<typeof s.PlanUpdate> | z.output<typeof s.PlanInput>) => ({
  kind: v.kind,
  startDate: v.startDate,
  endDate: v.endDate,
  meetingDate: v.meetingDate ?? null,
  reevalDueDate: v.reevalDueDate ?? null,
  lastEvalDate: v.lastEvalDate ?? null,
  medicaidConsentExpires: v.medicaidConsentExpires ?? null,
});

/**
 * A new IEP given no last-evaluation date takes the student's latest logged evaluation, so the
 * evaluation that led to the IEP sets its re-evaluation date.
 */
function lastEvaluation(db: Sqlite, v: z.output<typeof s.PlanInput>) {
  if (v.lastEvalDate) return {};
  const e = db.prepare('SELECT max(date) AS d FROM evaluations WHERE student_id = ?').get(v.studentId) as {
    d: string | null;
  };
  if (!e.d) return {};
  return { lastEvalDate: e.d, reevalDueDate: v.reevalDueDate ?? reevaluationDue(e.d) };
}

export function createPlan(db: Sqlite, v: z.output<typeof s.PlanInput>): Plan {
  return db.transaction(() => {
    const st = db.prepare('SELECT id FROM students WHERE id = ?').get(v.studentId);
    if (!st) throw notFound('Student', v.studentId, 'studentId');
    noPlanOverlap(db, v.studentId, v.startDate, v.endDate);
    const r = db
      .prepare(
        `INSERT INTO plans (student_id, kind, start_date, end_date, meeting_date, reeval_due_date, last_eval_date,
          medicaid_consent_expires) VALUES (@studentId, @kind, @startDate, @endDate, @meetingDate, @reevalDueDate,
          @lastEvalDate, @medicaidConsentExpires)`,
      )
      .run({ ...planParams(v), studentId: v.studentId, ...lastEvaluation(db, v) });
    return getPlan(db, Number(r.lastInsertRowid));
  })();
}

export function updatePlan(db: Sqlite, v: z.output<typeof s.PlanUpdate>): Plan {
  return db.transaction(() => {
    const p = getPlan(db, v.id, 'id');
    noPlanOverlap(db, p.studentId, v.startDate, v.endDate, p.id);
    const outside = p.lines.find((l) => l.startDate < v.startDate || l.endDate > v.endDate);
    if (outside) {
      throw invalid(
        outside.startDate < v.startDate ? 'startDate' : 'endDate',
        `a service line runs ${outside.startDate} to ${outside.endDate}, outside the new IEP dates; end or correct it first`,
      );
    }
    db.prepare(
      `UPDATE plans SET kind = @kind, start_date = @startDate, end_date = @endDate, meeting_date = @meetingDate,
        reeval_due_date = @reevalDueDate, last_eval_date = @lastEvalDate,
        medicaid_consent_expires = @medicaidConsentExpires WHERE id = @id`,
    ).run({ ...planParams(v), id: v.id });
    return getPlan(db, v.id);
  })();
}

export function deletePlan(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    getPlan(db, id, 'id');
    assertPlanDeletable(db, id);
    db.prepare('DELETE FROM plans WHERE id = ?').run(id);
    return { id };
  })();
}

export function getLine(db: Sqlite, id: number, field = 'id'): ServiceLine {
  const l = db.prepare(`SELECT ${LINE_COLUMNS} FROM service_lines WHERE id = ?`).get(id) as ServiceLine | undefined;
  if (!l) throw notFound('Service line', id, field);
  return l;
}

type LineValues = Omit<z.output<typeof s.LineInput>, 'planId' | 'startDate' | 'endDate'>;

function lineParams(v: LineValues) {
  const hasSessions = v.sessionsCount != null && v.minutesPerSession != null;
  return {
    service: v.service,
    providerRole: v.providerRole,
    setting: v.setting,
    grouping: v.grouping,
    maxGroupSize: v.grouping === 'group' ? (v.maxGroupSize ?? null) : null,
    interval: v.interval,
    minutes: lineMinutes({
      minutes: v.minutes ?? null,
      sessionsCount: v.sessionsCount ?? null,
      minutesPerSession: v.minutesPerSession ?? null,
    }),
    sessionsCount: hasSessions ? v.sessionsCount! : null,
    minutesPerSession: hasSessions ? v.minutesPerSession! : null,
  };
}

function insideIep(plan: Plan, start: string, end: string) {
  if (start < plan.startDate) {
    throw invalid('startDate', `${start} is before the IEP starts (${plan.startDate})`);
  }
  if (end > plan.endDate) throw invalid('endDate', `${end} is after the IEP ends (${plan.endDate})`);
}

const INSERT_LINE = `INSERT INTO service_lines (plan_id, service, provider_role, setting, grouping, max_group_size,
  interval, minutes, sessions_count, minutes_per_session, start_date, end_date, replaces_line_id)
  VALUES (@planId, @service, @providerRole, @setting, @grouping, @maxGroupSize, @interval, @minutes,
  @sessionsCount, @minutesPerSession, @startDate, @endDate, @replacesLineId)`;

export function createServiceLine(db: Sqlite, v: z.output<typeof s.LineInput>): ServiceLine {
  return db.transaction(() => {
    const plan = getPlan(db, v.planId);
    insideIep(plan, v.startDate, v.endDate);
    const r = db
      .prepare(INSERT_LINE)
      .run({ ...lineParams(v), planId: plan.id, startDate: v.startDate, endDate: v.endDate, replacesLineId: null });
    return getLine(db, Number(r.lastInsertRowid));
  })();
}

/** Fixes a data-entry mistake in place. Changes of service use amendServiceLine. */
export function correctServiceLine(db: Sqlite, v: z.output<typeof s.LineCorrection>): ServiceLine {
  return db.transaction(() => {
    const line = getLine(db, v.id);
    insideIep(getPlan(db, line.planId), v.startDate, v.endDate);
    db.prepare(
      `UPDATE service_lines SET service = @service, provider_role = @providerRole, setting = @setting,
        grouping = @grouping, max_group_size = @maxGroupSize, interval = @interval, minutes = @minutes,
        sessions_count = @sessionsCount, minutes_per_session = @minutesPerSession, start_date = @startDate,
        end_date = @endDate WHERE id = @id`,
    ).run({ ...lineParams(v), startDate: v.startDate, endDate: v.endDate, id: v.id });
    return getLine(db, v.id);
  })();
}

/**
 * An amendment from a date on: the old line ends the day before, a new line carries the new
 * service to the old line's end. Minutes owed before the date stay what the IEP said then.
 */
export function amendServiceLine(db: Sqlite, v: z.output<typeof s.LineAmendment>): ServiceLine[] {
  return db.transaction(() => {
    const old = getLine(db, v.id);
    if (v.effectiveFrom <= old.startDate || v.effectiveFrom > old.endDate) {
      throw invalid(
        'effectiveFrom',
        `an amendment must start after the line starts (${old.startDate}) and on or before it ends (${old.endDate}); to fix a typo, edit the line instead`,
      );
    }
    db.prepare('UPDATE service_lines SET end_date = ? WHERE id = ?').run(addDays(v.effectiveFrom, -1), old.id);
    const r = db.prepare(INSERT_LINE).run({
      ...lineParams(v),
      planId: old.planId,
      startDate: v.effectiveFrom,
      endDate: old.endDate,
      replacesLineId: old.id,
    });
    return [getLine(db, old.id), getLine(db, Number(r.lastInsertRowid))];
  })();
}

/** Stops a service from a date (step-down): the line ends, nothing replaces it. */
export function endServiceLine(db: Sqlite, v: z.output<typeof s.LineEnd>): ServiceLine {
  return db.transaction(() => {
    const line = getLine(db, v.id);
    if (v.endDate < line.startDate || v.endDate > line.endDate) {
      throw invalid('endDate', `must fall between ${line.startDate} and ${line.endDate}`);
    }
    db.prepare('UPDATE service_lines SET end_date = ? WHERE id = ?').run(v.endDate, line.id);
    return getLine(db, line.id);
  })();
}

export function deleteServiceLine(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    getLine(db, id);
    assertLineDeletable(db, id);
    db.prepare('DELETE FROM service_lines WHERE id = ?').run(id);
    return { id };
  })();
}

export function getGoal(db: Sqlite, id: number, field = 'id'): Goal {
  const g = db.prepare(`SELECT ${GOAL_COLUMNS} FROM goals WHERE id = ?`).get(id) as Goal | undefined;
  if (!g) throw notFound('Goal', id, field);
  return g;
}

export function createGoal(db: Sqlite, v: z.output<typeof s.GoalInput>): Goal {
  return db.transaction(() => {
    const plan = getPlan(db, v.planId);
    const r = db
      .prepare(
        `INSERT INTO goals (plan_id, area, text, criterion, baseline, measurement, target_value, sort)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        plan.id,
        v.area,
        v.text,
        v.criterion,
        v.baseline,
        v.measurement,
        v.targetValue ?? null,
        plan.goals.length + 1,
      );
    return getGoal(db, Number(r.lastInsertRowid));
  })();
}

export function updateGoal(db: Sqlite, v: z.output<typeof s.GoalUpdate>): Goal {
  return db.transaction(() => {
    getGoal(db, v.id);
    db.prepare(
      `UPDATE goals SET area = ?, text = ?, criterion = ?, baseline = ?, measurement = ?, target_value = ? WHERE id = ?`,
    ).run(v.area, v.text, v.criterion, v.baseline, v.measurement, v.targetValue ?? null, v.id);
    return getGoal(db, v.id);
  })();
}

export function deleteGoal(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    const g = getGoal(db, id);
    const data = db.prepare('SELECT count(*) AS n FROM goal_data WHERE goal_id = ?').get(id) as { n: number };
    if (data.n > 0) {
      throw new AppError(
        'conflict',
        `This goal has ${data.n} data point(s) from sessions. Goals with data are kept for the record.`,
      );
    }
    db.prepare('DELETE FROM goals WHERE id = ?').run(g.id);
    return { id };
  })();
}
