import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas';
import type { School, SchoolYear } from '../../../shared/api/types';
import { SchoolCalendar } from '../../../shared/domain/calendar';
import { toDay } from '../../../shared/domain/dates';
import { AppError, invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';

export function listSchools(db: Sqlite): School[] {
  return db
    .prepare(
      `SELECT s.id, s.name, s.notes,
              (SELECT count(*) FROM students st WHERE st.school_id = s.id AND st.status = 'active') AS studentCount
       FROM schools s ORDER BY s.name`,
    )
    .all() as School[];
}

export function getSchool(db: Sqlite, id: number): School {
  const row = listSchools(db).find((x) => x.id === id);
  if (!row) throw notFound('School', id, 'schoolId');
  return row;
}

function uniqueName(db: Sqlite, name: string, exceptId = 0) {
  const clash = db.prepare('SELECT id FROM schools WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, exceptId);
  if (clash) throw new AppError('conflict', `Name: a school called "${name}" already exists.`, 'name');
}

export function createSchool(db: Sqlite, input: z.output<typeof s.SchoolInput>): School {
  return db.transaction(() => {
    uniqueName(db, input.name);
    const r = db.prepare('INSERT INTO schools (name, notes) VALUES (?, ?)').run(input.name, input.notes);
    return getSchool(db, Number(r.lastInsertRowid));
  })();
}

export function updateSchool(db: Sqlite, input: z.output<typeof s.SchoolUpdate>): School {
  return db.transaction(() => {
    getSchool(db, input.id);
    uniqueName(db, input.name, input.id);
    db.prepare('UPDATE schools SET name = ?, notes = ? WHERE id = ?').run(input.name, input.notes, input.id);
    return getSchool(db, input.id);
  })();
}

export function deleteSchool(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    getSchool(db, id);
    const n = db.prepare('SELECT count(*) AS n FROM students WHERE school_id = ?').get(id) as { n: number };
    if (n.n > 0) {
      throw new AppError(
        'conflict',
        `This school still has ${n.n} student(s). Move them to another school or delete them first.`,
      );
    }
    db.prepare('DELETE FROM schools WHERE id = ?').run(id);
    return { id };
  })();
}

interface YearRow {
  id: number;
  schoolId: number;
  label: string;
  firstDay: string;
  lastDay: string;
}

const YEAR_COLUMNS = 'id, school_id AS schoolId, label, first_day AS firstDay, last_day AS lastDay';

function hydrateYears(db: Sqlite, years: YearRow[]): SchoolYear[] {
  const closures = db.prepare(
    'SELECT id, start_date AS startDate, end_date AS endDate, label FROM closures WHERE school_year_id = ? ORDER BY start_date',
  );
  const periods = db.prepare(
    `SELECT id, label, start_date AS startDate, end_date AS endDate, due_date AS dueDate
     FROM reporting_periods WHERE school_year_id = ? ORDER BY start_date`,
  );
  return years.map((y) => {
    const c = closures.all(y.id) as SchoolYear['closures'];
    const cal = new SchoolCalendar([{ ...y, closures: c }]);
    return {
      ...y,
      closures: c,
      periods: periods.all(y.id) as SchoolYear['periods'],
      instructionalDays: cal.count(toDay(y.firstDay), toDay(y.lastDay)),
    };
  });
}

export function listSchoolYears(db: Sqlite, schoolId: number): SchoolYear[] {
  getSchool(db, schoolId);
  const years = db
    .prepare(`SELECT ${YEAR_COLUMNS} FROM school_years WHERE school_id = ? ORDER BY first_day DESC`)
    .all(schoolId) as YearRow[];
  return hydrateYears(db, years);
}

export function getSchoolYear(db: Sqlite, id: number, field = 'schoolYearId'): SchoolYear {
  const y = db.prepare(`SELECT ${YEAR_COLUMNS} FROM school_years WHERE id = ?`).get(id) as YearRow | undefined;
  if (!y) throw notFound('School year', id, field);
  return hydrateYears(db, [y])[0]!;
}

function noOverlap(db: Sqlite, schoolId: number, firstDay: string, lastDay: string, label: string, exceptId = 0) {
  const clash = db
    .prepare(`SELECT label FROM school_years WHERE school_id = ? AND id <> ? AND first_day <= ? AND last_day >= ?`)
    .get(schoolId, exceptId, lastDay, firstDay) as { label: string } | undefined;
  if (clash) throw invalid('firstDay', `this school year overlaps the school year ${clash.label}`);
  const dup = db
    .prepare('SELECT 1 FROM school_years WHERE school_id = ? AND label = ? AND id <> ?')
    .get(schoolId, label, exceptId);
  if (dup) throw invalid('label', `this school already has a school year called ${label}`);
}

export function createSchoolYear(db: Sqlite, input: z.output<typeof s.SchoolYearInput>): SchoolYear {
  return db.transaction(() => {
    getSchool(db, input.schoolId);
    noOverlap(db, input.schoolId, input.firstDay, input.lastDay, input.label);
    const r = db
      .prepare('INSERT INTO school_years (school_id, label, first_day, last_day) VALUES (?, ?, ?, ?)')
      .run(input.schoolId, input.label, input.firstDay, input.lastDay);
    return getSchoolYear(db, Number(r.lastInsertRowid));
  })();
}

export function updateSchoolYear(db: Sqlite, input: z.output<typeof s.SchoolYearUpdate>): SchoolYear {
  return db.transaction(() => {
    const y = getSchoolYear(db, input.id, 'id');
    noOverlap(db, y.schoolId, input.firstDay, input.lastDay, input.label, y.id);
    db.prepare('UPDATE school_years SET label = ?, first_day = ?, last_day = ? WHERE id = ?').run(
      input.label,
      input.firstDay,
      input.lastDay,
      input.id,
    );
    return getSchoolYear(db, input.id);
  })();
}

export function deleteSchoolYear(db: Sqlite, id: number): { id: number } {
  return db.transaction(() => {
    getSchoolYear(db, id, 'id');
    db.prepare('DELETE FROM school_years WHERE id = ?').run(id);
    return { id };
  })();
}

export function addClosure(db: Sqlite, input: z.output<typeof s.ClosureInput>): SchoolYear {
  return db.transaction(() => {
    const y = getSchoolYear(db, input.schoolYearId);
    const end = input.endDate ?? input.startDate;
    if (input.startDate < y.firstDay || end > y.lastDay) {
      throw invalid(
        input.startDate < y.firstDay ? 'startDate' : 'endDate',
        `must fall inside the school year ${y.label} (${y.firstDay} to ${y.lastDay})`,
      );
    }
    db.prepare('INSERT INTO closures (school_year_id, start_date, end_date, label) VALUES (?, ?, ?, ?)').run(
      y.id,
      input.startDate,
      end,
      input.label,
    );
    return getSchoolYear(db, y.id);
  })();
}

export function deleteClosure(db: Sqlite, id: number): SchoolYear {
  return db.transaction(() => {
    const row = db.prepare('SELECT school_year_id AS y FROM closures WHERE id = ?').get(id) as
      { y: number } | undefined;
    if (!row) throw notFound('Holiday or break', id, 'id');
    db.prepare('DELETE FROM closures WHERE id = ?').run(id);
    return getSchoolYear(db, row.y);
  })();
}

/** Copies a school year with its breaks and reporting periods to another school. */
export function copyCalendar(db: Sqlite, input: z.output<typeof s.CopyCalendarInput>): SchoolYear {
  return db.transaction(() => {
    const from = getSchoolYear(db, input.fromSchoolYearId, 'fromSchoolYearId');
    getSchool(db, input.toSchoolId);
    noOverlap(db, input.toSchoolId, from.firstDay, from.lastDay, from.label);
    const r = db
      .prepare('INSERT INTO school_years (school_id, label, first_day, last_day) VALUES (?, ?, ?, ?)')
      .run(input.toSchoolId, from.label, from.firstDay, from.lastDay);
    const yid = Number(r.lastInsertRowid);
    const addC = db.prepare('INSERT INTO closures (school_year_id, start_date, end_date, label) VALUES (?, ?, ?, ?)');
    for (const c of from.closures) addC.run(yid, c.startDate, c.endDate, c.label);
    const addP = db.prepare(
      'INSERT INTO reporting_periods (school_year_id, label, start_date, end_date, due_date) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of from.periods) addP.run(yid, p.label, p.startDate, p.endDate, p.dueDate);
    return getSchoolYear(db, yid);
  })();
}

export function setReportingPeriods(db: Sqlite, input: z.output<typeof s.ReportingPeriodsInput>): SchoolYear {
  return db.transaction(() => {
    const y = getSchoolYear(db, input.schoolYearId);
    const sorted = [...input.periods].sort((a, b) => toDay(a.startDate) - toDay(b.startDate));
    sorted.forEach((p, i) => {
      if (p.startDate < y.firstDay || p.endDate > y.lastDay) {
        throw invalid(`periods.${i}.startDate`, `must fall inside ${y.label} (${y.firstDay} to ${y.lastDay})`);
      }
      const prev = sorted[i - 1];
      if (prev && prev.endDate >= p.startDate) {
        throw invalid(`periods.${i}.startDate`, `${p.label} overlaps ${prev.label}`);
      }
    });
    const used = db
      .prepare(
        `SELECT rp.label FROM progress_reports r JOIN reporting_periods rp ON rp.id = r.period_id
         WHERE rp.school_year_id = ? LIMIT 1`,
      )
      .get(y.id) as { label: string } | undefined;
    if (used) {
      throw new AppError(
        'conflict',
        `Progress reports were written for ${used.label}; this year's reporting periods are kept as they are.`,
      );
    }
    db.prepare('DELETE FROM reporting_periods WHERE school_year_id = ?').run(y.id);
    const add = db.prepare(
      'INSERT INTO reporting_periods (school_year_id, label, start_date, end_date, due_date) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of sorted) add.run(y.id, p.label, p.startDate, p.endDate, p.dueDate);
    return getSchoolYear(db, y.id);
  })();
}

/** The calendars of every school, for the minutes engine. */
export function loadCalendars(db: Sqlite): Map<number, SchoolCalendar> {
  const years = db.prepare(`SELECT ${YEAR_COLUMNS} FROM school_years ORDER BY school_id, first_day`).all() as YearRow[];
  const closures = db
    .prepare('SELECT school_year_id AS y, start_date AS startDate, end_date AS endDate, label FROM closures')
    .all() as { y: number; startDate: string; endDate: string; label: string }[];
  const byYear = new Map<number, typeof closures>();
  for (const c of closures) byYear.set(c.y, [...(byYear.get(c.y) ?? []), c]);
  const bySchool = new Map<
    number,
    { id: number; label: string; firstDay: string; lastDay: string; closures: typeof closures }[]
  >();
  for (const y of years) {
    bySchool.set(y.schoolId, [...(bySchool.get(y.schoolId) ?? []), { ...y, closures: byYear.get(y.id) ?? [] }]);
  }
  const out = new Map<number, SchoolCalendar>();
  for (const [schoolId, list] of bySchool) out.set(schoolId, new SchoolCalendar(list));
  return out;
}
