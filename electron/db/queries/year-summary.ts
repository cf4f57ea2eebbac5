import type { Workload, YearSummary } from '../../../shared/api/types-year-end';
import { toDay, mondayOf } from '../../../shared/domain/dates';
import { PUBLISHED_MIX } from '../../../shared/domain/minutes-delivered';
import { emptyBySetting } from '../../../shared/domain/minutes-owed';
import { yearSummaryRow } from '../../../shared/domain/year-summary';
import { AppError } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { calendarsFor, caseloadCompliance, heldBySetting, studentMinutes } from './minutes';

/** School year labels, newest first. */
function labels(db: Sqlite): string[] {
  return (
    db.prepare('SELECT label FROM school_years GROUP BY label ORDER BY min(first_day) DESC').all() as {
      label: string;
    }[]
  ).map((r) => r.label);
}

/** The year containing today at some school, else the latest that has started, else the first. */
function defaultLabel(db: Sqlite, today: string): string | null {
  const row = (db
    .prepare(
      `SELECT label FROM school_years WHERE first_day <= ? ORDER BY (last_day >= ?) DESC, first_day DESC LIMIT 1`,
    )
    .get(today, today) ?? db.prepare('SELECT label FROM school_years ORDER BY first_day LIMIT 1').get()) as
    { label: string } | undefined;
  return row?.label ?? null;
}

/**
 * A school year for the therapist and the supervisor: per student, minutes owed and delivered by setting,
 * compliance judged per setting and interval, makeups still owed and time out of class (exited students
 * for the time they were served), then the caseload's delivery mix beside the published reference and
 * the workload. Every figure comes from the same engine as the Compliance screen.
 */
export function yearSummary(
  db: Sqlite,
  input: { label?: string | undefined; schoolId?: number | undefined },
  today: string,
): YearSummary {
  const all = labels(db);
  const label = input.label ?? defaultLabel(db, today);
  const school = input.schoolId ? 'AND school_id = ?' : '';
  const args = input.schoolId ? [input.schoolId] : [];
  const span = label
    ? (db
        .prepare(`SELECT min(first_day) AS "from", max(last_day) AS "to" FROM school_years WHERE label = ? ${school}`)
        .get(label, ...args) as { from: string | null; to: string | null })
    : { from: null, to: null };
  if (!label || !span.from || !span.to) {
    throw new AppError(
      'not_found',
      label
        ? `There is no school year ${label}${input.schoolId ? ' at that school' : ''}.`
        : 'There is no school year yet.',
      'label',
    );
  }
  const range = { from: span.from, to: span.to };
  const view = caseloadCompliance(db, { ...range, schoolId: input.schoolId }, today);
  // The engine already holds active students and those who exited during the year (by their enrollments).
  const status = new Map(
    (db.prepare('SELECT id, status FROM students').all() as { id: number; status: string }[]).map((r) => [
      r.id,
      r.status === 'active' ? ('active' as const) : ('exited' as const),
    ]),
  );
  const rows = view.rows.map((r) => yearSummaryRow(r, status.get(r.studentId) ?? 'active'));
  const listed = new Set(rows.map((r) => r.studentId));
  // Students marked exited whose enrollment does not say when (older records) still appear in the
  // figures of the dates they were served.
  const exited = db
    .prepare(
      `SELECT st.id, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name, st.grade,
        sc.name AS schoolName
       FROM students st JOIN schools sc ON sc.id = st.school_id
       WHERE st.status <> 'active' ${input.schoolId ? 'AND st.school_id = ?' : ''} AND (
         EXISTS (SELECT 1 FROM attendance a WHERE a.student_id = st.id AND a.date BETWEEN ? AND ?)
         OR EXISTS (SELECT 1 FROM plans p JOIN service_lines l ON l.plan_id = p.id
                    WHERE p.student_id = st.id AND l.start_date <= ? AND l.end_date >= ?))
       ORDER BY st.last_name COLLATE NOCASE, st.first_name COLLATE NOCASE`,
    )
    .all(...args, range.from, range.to, range.to, range.from) as {
    id: number;
    name: string;
    grade: string;
    schoolName: string;
  }[];
  for (const st of exited) {
    if (listed.has(st.id)) continue;
    const summary = studentMinutes(db, st.id, range.from, range.to, today);
    rows.push(
      yearSummaryRow(
        { studentId: st.id, name: st.name, schoolName: st.schoolName, grade: st.grade, summary },
        'exited',
      ),
    );
  }
  rows.sort((a, b) => a.schoolName.localeCompare(b.schoolName) || a.name.localeCompare(b.name));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    label,
    labels: all,
    ...range,
    preparedOn: today,
    threshold: view.threshold,
    rows,
    mix: view.mix,
    reference: { ...PUBLISHED_MIX },
    workload: workload(db, range, label, input.schoolId),
    totals: {
      students: rows.length,
      owed: sum((r) => r.owedTotal),
      delivered: sum((r) => r.deliveredTotal),
      makeupBalance: sum((r) => r.makeupBalance),
      outOfClass: sum((r) => r.outOfClass),
      behind: rows.filter((r) => r.behind).length,
    },
  };
}

/** The therapist's time over the year: each session once, for its length. */
function workload(db: Sqlite, range: { from: string; to: string }, label: string, schoolId?: number): Workload {
  const atSchool = schoolId ? 'JOIN students st ON st.id = a.student_id AND st.school_id = ?' : '';
  const args = schoolId ? [schoolId] : [];
  const held = heldBySetting(db, { ...range, schoolId });
  const missed = db
    .prepare(
      `SELECT count(*) AS n FROM sessions s WHERE s.date BETWEEN ? AND ?
       AND EXISTS (SELECT 1 FROM attendance a ${atSchool} WHERE a.session_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.code <> 'provider_absent')`,
    )
    .get(range.from, range.to, ...args) as { n: number };
  const minutes = emptyBySetting();
  let sessions = 0;
  for (const h of held) {
    minutes[h.setting] += h.minutes;
    sessions += h.n;
  }
  // Weeks with school: Mondays of the instructional days of this year's calendars.
  const cals = calendarsFor(db);
  const years = db
    .prepare(
      `SELECT school_id AS schoolId, first_day AS f, last_day AS l FROM school_years WHERE label = ? ${schoolId ? 'AND school_id = ?' : ''}`,
    )
    .all(label, ...args) as { schoolId: number; f: string; l: string }[];
  const mondays = new Set<number>();
  for (const y of years) {
    for (const d of cals.get(y.schoolId)?.instructionalDates(toDay(y.f), toDay(y.l)) ?? [])
      mondays.add(mondayOf(toDay(d)));
  }
  // Evaluations and re-evaluations: not IEP minutes, but the therapist's (non-direct) time.
  const evals = db
    .prepare(
      `SELECT count(*) AS n, coalesce(sum(e.minutes), 0) AS minutes FROM evaluations e
       ${schoolId ? 'JOIN students st ON st.id = e.student_id AND st.school_id = ?' : ''}
       WHERE e.date BETWEEN ? AND ?`,
    )
    .get(...args, range.from, range.to) as { n: number; minutes: number };
  const direct = minutes.push_in + minutes.pull_out;
  const total = direct + minutes.consult + evals.minutes;
  return {
    sessions,
    minutes,
    direct,
    consult: minutes.consult,
    evaluations: evals.n,
    evaluationMinutes: evals.minutes,
    missedByProvider: missed.n,
    weeks: mondays.size,
    perWeek: mondays.size ? total / mondays.size : 0,
  };
}
