import type { z } from 'zod';
import type { StartNextYearInput } from '../../../shared/api/schemas-year-end';
import type { NextYearPreview, NextYearResult, NextYearSchool } from '../../../shared/api/types-year-end';
import { proposeNextYear } from '../../../shared/domain/next-year';
import { AppError, fieldLabel, invalid } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { addClosure, createSchoolYear, getSchoolYear, listSchoolYears, setReportingPeriods } from './schools';

interface SchoolRow {
  id: number;
  name: string;
}

/**
 * "This year" for a school: the latest school year that has started by today. Next year is already set
 * up when a later one exists.
 */
function schoolPlan(db: Sqlite, school: SchoolRow, today: string): NextYearSchool {
  const base = { schoolId: school.id, schoolName: school.name, from: null, proposal: null };
  const years = listSchoolYears(db, school.id); // newest first
  if (years.length === 0) return { ...base, skipped: 'No school year yet: add this year’s calendar first.' };
  const current = years.find((y) => y.firstDay <= today);
  if (!current) {
    const next = years[years.length - 1]!;
    return { ...base, skipped: `${next.label} starts on ${next.firstDay}: it is already set up.` };
  }
  const later = years.find((y) => y.firstDay > current.lastDay);
  if (later) return { ...base, skipped: `${later.label} (from ${later.firstDay}) is already set up.` };
  return {
    ...base,
    from: { id: current.id, label: current.label, firstDay: current.firstDay, lastDay: current.lastDay },
    proposal: proposeNextYear(current),
    skipped: null,
  };
}

const activeStudents = (db: Sqlite) =>
  db
    .prepare(
      `SELECT st.id, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name, st.grade,
        st.school_id AS schoolId, sc.name AS schoolName, st.status
       FROM students st JOIN schools sc ON sc.id = st.school_id
       ORDER BY sc.name, st.last_name COLLATE NOCASE, st.first_name COLLATE NOCASE`,
    )
    .all() as { id: number; name: string; grade: string; schoolId: number; schoolName: string; status: string }[];

/** What "Start the next school year" would do, for the therapist to check and adjust. */
export function previewNextYear(db: Sqlite, today: string): NextYearPreview {
  const schools = (db.prepare('SELECT id, name FROM schools ORDER BY name').all() as SchoolRow[]).map((s) =>
    schoolPlan(db, s, today),
  );
  // Next year's first day at each school: proposed, or the year already set up.
  const firstDay = new Map<number, string>();
  for (const s of schools) {
    if (s.proposal) firstDay.set(s.schoolId, s.proposal.firstDay);
    else {
      const next = db
        .prepare('SELECT min(first_day) AS d FROM school_years WHERE school_id = ? AND first_day > ?')
        .get(s.schoolId, today) as { d: string | null };
      if (next.d) firstDay.set(s.schoolId, next.d);
    }
  }
  const plan = db.prepare(
    `SELECT start_date AS startDate, end_date AS endDate FROM plans
     WHERE student_id = ? AND end_date >= ? ORDER BY start_date LIMIT 1`,
  );
  const all = activeStudents(db);
  const carried = all
    .filter((st) => st.status === 'active')
    .map((st) => {
      const first = firstDay.get(st.schoolId) ?? today;
      const iep = (plan.get(st.id, first) as { startDate: string; endDate: string } | undefined) ?? null;
      const lastEnd = (
        db.prepare('SELECT max(end_date) AS d FROM plans WHERE student_id = ?').get(st.id) as { d: string | null }
      ).d;
      const note = iep
        ? iep.startDate <= first
          ? `IEP continues to ${iep.endDate}; the annual review is due by then.`
          : `Next IEP starts on ${iep.startDate}.`
        : lastEnd
          ? `IEP ended on ${lastEnd}, before next year starts: hold the annual review and add the new IEP.`
          : 'No IEP yet.';
      return {
        studentId: st.id,
        name: st.name,
        schoolName: st.schoolName,
        grade: st.grade,
        iep,
        note,
      };
    });
  const exited = all
    .filter((st) => st.status !== 'active')
    .map((st) => ({ studentId: st.id, name: st.name, schoolName: st.schoolName }));
  return { schools, carried, exited };
}

/** Re-labels an error of a nested write with the path of the school and item it came from. */
function within<T>(prefix: string, write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (e instanceof AppError && e.field) {
      const field = `${prefix}.${e.field}`;
      throw new AppError(e.code, `${fieldLabel(field)}: ${e.message.replace(/^[^:]*:\s*/, '')}`, field);
    }
    throw e;
  }
}

/**
 * Sets up next year in one transaction: each school's calendar, its holidays and breaks and its reporting
 * periods, checked exactly as when they are entered by hand. Students, IEPs, lines and goals carry on as
 * they are: IEPs are dated, so a continuing IEP simply runs on into the new year, and exited students stay
 * out of the active caseload with all their records. Grades are left alone: last year's logs and reports
 * show the grade the student is in, and the district's roster import is where grades change.
 */
export function startNextYear(db: Sqlite, input: z.output<typeof StartNextYearInput>): NextYearResult {
  return db.transaction(() => {
    const years = input.schools.map((s, i) => {
      const at = `schools.${i}`;
      const from = within(at, () => getSchoolYear(db, s.fromSchoolYearId, 'fromSchoolYearId'));
      if (s.firstDay <= from.lastDay) {
        throw invalid(`${at}.firstDay`, `next year must start after ${from.label} ends (${from.lastDay})`);
      }
      const year = within(at, () =>
        createSchoolYear(db, { schoolId: from.schoolId, label: s.label, firstDay: s.firstDay, lastDay: s.lastDay }),
      );
      s.closures.forEach((c, j) =>
        within(`${at}.closures.${j}`, () =>
          addClosure(db, { schoolYearId: year.id, startDate: c.startDate, endDate: c.endDate, label: c.label }),
        ),
      );
      within(at, () => setReportingPeriods(db, { schoolYearId: year.id, periods: s.periods }));
      return getSchoolYear(db, year.id);
    });
    const active = db.prepare(`SELECT count(*) AS n FROM students WHERE status = 'active'`).get() as { n: number };
    const exited = db.prepare(`SELECT count(*) AS n FROM students WHERE status <> 'active'`).get() as { n: number };
    if (years.length === 0) throw new AppError('invalid', 'Choose at least one school.', 'schools');
    return { years, carried: active.n, exitedLeftOut: exited.n };
  })();
}
