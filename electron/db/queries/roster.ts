import Papa from 'papaparse';
import type { z } from 'zod';
import type { RosterImportInput } from '../../../shared/api/schemas-roster';
import { StudentInput } from '../../../shared/api/schemas';
import type {
  RosterColumn,
  RosterImportResult,
  RosterPreview,
  RosterRowOutcome,
} from '../../../shared/api/types-roster';
import {
  ROSTER_FIELD_LABELS,
  type RosterField,
  headerKey,
  parseRosterDate,
  presetField,
} from '../../../shared/domain/roster';
import { AppError, fromZod } from '../../ipc/errors';
import type { Sqlite } from '../db';

export type RosterTable = { headers: string[]; rows: string[][] };
type Options = Omit<z.output<typeof RosterImportInput>, 'csv' | 'table'>;

/** A CSV read into cells; the line of each row is kept (blank lines are skipped, not renumbered). */
export function csvTable(csv: string): RosterTable {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false });
  const [headers = [], ...rows] = parsed.data;
  return { headers: headers.map((h) => h.trim()), rows };
}

/** Spreadsheet cells as the text a CSV would hold: dates as ISO dates, numbers as written. */
export function cellText(v: unknown): string {
  if (v == null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

const COLUMN: Record<Exclude<RosterField, 'school'>, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  grade: 'grade',
  teacher: 'teacher',
  districtStudentId: 'district_student_id',
  medicaidId: 'medicaid_id',
};

interface Existing {
  id: number;
  schoolName: string;
  values: Record<string, string | null>;
}

interface PlannedRow extends RosterRowOutcome {
  values?: Record<string, string | null>;
  schoolName?: string;
  existingId?: number;
  changes?: Record<string, string | null>;
}

interface Plan {
  columns: RosterColumn[];
  unknownColumns: string[];
  missing: RosterField[];
  newSchools: string[];
  rows: PlannedRow[];
}

function mapColumns(table: RosterTable, mapping: Options['mapping']): Omit<Plan, 'rows' | 'newSchools'> {
  const given = new Map(Object.entries(mapping ?? {}).map(([h, f]) => [headerKey(h), f]));
  const taken = new Map<RosterField, string>();
  const unknownColumns: string[] = [];
  const columns = table.headers.map((header, i): RosterColumn => {
    const sample = table.rows.map((r) => (r[i] ?? '').trim()).find(Boolean) ?? '';
    const chosen = given.get(headerKey(header));
    const field = chosen === 'ignore' ? null : (chosen ?? presetField(header));
    if (field && taken.has(field)) {
      if (chosen) {
        throw new AppError(
          'invalid',
          `Columns "${taken.get(field)}" and "${header}" are both mapped to ${ROSTER_FIELD_LABELS[field]}; choose one.`,
          'mapping',
        );
      }
      unknownColumns.push(header); // a second preset match: the first column wins
      return { header, field: null, preset: false, sample };
    }
    if (field) taken.set(field, header);
    else if (chosen !== 'ignore' && header.trim()) unknownColumns.push(header);
    return { header, field, preset: !chosen && !!field, sample };
  });
  const missing = (['firstName', 'lastName', 'school'] as const).filter((f) => !taken.has(f));
  return { columns, unknownColumns, missing };
}

/** What an import would do, row by row, without writing anything. */
export function planRoster(db: Sqlite, table: RosterTable, opts: Options): Plan {
  const mapped = mapColumns(table, opts.mapping);
  const defaultSchool = opts.defaultSchoolId
    ? (db.prepare('SELECT name FROM schools WHERE id = ?').get(opts.defaultSchoolId) as { name: string } | undefined)
    : undefined;
  if (opts.defaultSchoolId && !defaultSchool) {
    throw new AppError('not_found', `School #${opts.defaultSchoolId} no longer exists.`, 'defaultSchoolId');
  }
  const missing = mapped.missing.filter((f) => !(f === 'school' && defaultSchool));
  const plan: Plan = { ...mapped, missing, newSchools: [], rows: [] };
  if (missing.length) return plan;

  const schoolByName = new Map(
    (db.prepare('SELECT id, name FROM schools').all() as { id: number; name: string }[]).map((s) => [
      s.name.toLowerCase(),
      s,
    ]),
  );
  const newSchools = new Map<string, string>();
  const byDistrictId = db.prepare(
    `SELECT st.id, sc.name AS schoolName, st.first_name, st.last_name, st.preferred_name, st.date_of_birth, st.grade,
       st.teacher, st.district_student_id, st.medicaid_id
     FROM students st JOIN schools sc ON sc.id = st.school_id WHERE st.district_student_id = ?`,
  );
  const byName = db.prepare(
    `SELECT st.id FROM students st JOIN schools sc ON sc.id = st.school_id
     WHERE st.first_name = ? COLLATE NOCASE AND st.last_name = ? COLLATE NOCASE
       AND (CASE WHEN ? IS NULL THEN sc.name = ? COLLATE NOCASE ELSE st.date_of_birth = ? END)`,
  );
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  const index = new Map(mapped.columns.flatMap((c, i) => (c.field ? [[c.field, i] as const] : [])));

  table.rows.forEach((cells, i) => {
    const line = i + 2;
    if (cells.every((c) => !c.trim())) return;
    const rec = (f: RosterField) => {
      const at = index.get(f);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    const name = `${rec('firstName')} ${rec('lastName')}`.trim() || '(no name)';
    const skip = (detail: string) => plan.rows.push({ line, name, action: 'skip', detail });
    const schoolName = rec('school') || defaultSchool?.name || '';
    if (!schoolName) return skip('School is empty');
    let dateOfBirth: string | null = null;
    if (rec('dateOfBirth')) {
      const d = parseRosterDate(rec('dateOfBirth'));
      if (!d.ok) return skip(`Date of birth: ${d.reason}`);
      dateOfBirth = d.date;
    }
    const candidate = StudentInput.safeParse({
      firstName: rec('firstName'),
      lastName: rec('lastName'),
      preferredName: rec('preferredName') || null,
      dateOfBirth,
      grade: rec('grade'),
      schoolId: 1,
      teacher: rec('teacher') || null,
      districtStudentId: rec('districtStudentId') || null,
      medicaidId: rec('medicaidId') || null,
    });
    if (!candidate.success) return skip(fromZod(candidate.error).message);
    const v = candidate.data;
    const values: Record<string, string | null> = {
      first_name: v.firstName,
      last_name: v.lastName,
      preferred_name: v.preferredName,
      date_of_birth: v.dateOfBirth ?? null,
      grade: v.grade,
      teacher: v.teacher,
      district_student_id: v.districtStudentId,
      medicaid_id: v.medicaidId,
    };

    if (v.districtStudentId) {
      const first = seenIds.get(v.districtStudentId);
      if (first) return skip(`Student ID ${v.districtStudentId} is also on line ${first}; only that line is read`);
      seenIds.set(v.districtStudentId, line);
      const found = byDistrictId.all(v.districtStudentId) as (Record<string, string | null> & {
        id: number;
        schoolName: string;
      })[];
      if (found.length > 1) {
        return skip(`${found.length} students already have Student ID ${v.districtStudentId}; correct them first`);
      }
      if (found.length === 1) return plan.rows.push(updateRow(line, name, values, schoolName, toExisting(found[0]!)));
    } else {
      const key = `${v.firstName}|${v.lastName}|${dateOfBirth ?? schoolName}`.toLowerCase();
      const first = seenNames.get(key);
      if (first) return skip(`The same student is also on line ${first} (no Student ID to tell them apart)`);
      seenNames.set(key, line);
      if (byName.get(v.firstName, v.lastName, dateOfBirth, schoolName, dateOfBirth)) {
        return skip(
          `Already on the caseload (same name and ${dateOfBirth ? 'date of birth' : 'school'}); a Student ID column lets a re-import update them`,
        );
      }
    }
    const isNew = !schoolByName.has(schoolName.toLowerCase());
    if (isNew && !newSchools.has(schoolName.toLowerCase())) newSchools.set(schoolName.toLowerCase(), schoolName);
    const detail = `New student at ${schoolName}${isNew ? ' (a new school)' : ''}`;
    plan.rows.push({ line, name, action: 'create', detail, values, schoolName });
  });
  plan.newSchools = [...newSchools.values()];
  return plan;
}

function toExisting(row: Record<string, string | null> & { id: number; schoolName: string }): Existing {
  const { id, schoolName, ...values } = row;
  return { id, schoolName, values };
}

const FIELD_OF_COLUMN = Object.fromEntries(Object.entries(COLUMN).map(([f, c]) => [c, f as RosterField]));

/** A known student: the fields the file gives (non-empty) that differ are updated; the school never is. */
function updateRow(
  line: number,
  name: string,
  values: Record<string, string | null>,
  schoolName: string,
  existing: Existing,
): PlannedRow {
  const changes: Record<string, string | null> = {};
  const said: string[] = [];
  for (const [col, value] of Object.entries(values)) {
    if (value == null || value === '' || value === existing.values[col]) continue;
    changes[col] = value;
    said.push(`${ROSTER_FIELD_LABELS[FIELD_OF_COLUMN[col]!]}: ${existing.values[col] || '(empty)'} → ${value}`);
  }
  const schoolNote =
    schoolName.toLowerCase() !== existing.schoolName.toLowerCase()
      ? `School in the file is ${schoolName}, on the caseload ${existing.schoolName}: not changed by an import (use Transfer on the student's page)`
      : '';
  if (!said.length) {
    return {
      line,
      name,
      action: 'skip',
      detail: ['Already on the caseload, nothing to change', schoolNote].filter(Boolean).join('. '),
    };
  }
  return {
    line,
    name,
    action: 'update',
    detail: [said.join('; '), schoolNote].filter(Boolean).join('. '),
    existingId: existing.id,
    changes,
  };
}

function summary(plan: Plan): RosterImportResult {
  const rows = plan.rows.map(({ line, name, action, detail }) => ({ line, name, action, detail }));
  if (plan.missing.length) {
    return {
      created: 0,
      updated: 0,
      skipped: [
        {
          line: 1,
          reason: `The header row needs the columns First name, Last name and School (missing: ${plan.missing
            .map((m) => ROSTER_FIELD_LABELS[m])
            .join(', ')}).`,
        },
      ],
      unknownColumns: plan.unknownColumns,
      newSchools: [],
      rows,
    };
  }
  return {
    created: rows.filter((r) => r.action === 'create').length,
    updated: rows.filter((r) => r.action === 'update').length,
    skipped: rows.filter((r) => r.action === 'skip').map((r) => ({ line: r.line, reason: r.detail })),
    unknownColumns: plan.unknownColumns,
    newSchools: plan.newSchools,
    rows,
  };
}

export function previewRoster(db: Sqlite, table: RosterTable, opts: Options): RosterPreview {
  const plan = planRoster(db, table, opts);
  return { ...summary(plan), columns: plan.columns, table, missing: plan.missing };
}

/**
 * Adds and updates students from a roster. The district student ID is the key: a student already on
 * the caseload is updated (or skipped when nothing changed), never added twice. Schools are matched
 * by name and created when new. A bad row is skipped with its reason; the rest land in one transaction.
 */
export function importRoster(db: Sqlite, table: RosterTable, opts: Options): RosterImportResult {
  return db.transaction(() => {
    const plan = planRoster(db, table, opts);
    const schools = new Map<string, number>();
    const findSchool = db.prepare('SELECT id FROM schools WHERE name = ? COLLATE NOCASE');
    const addSchool = db.prepare('INSERT INTO schools (name) VALUES (?)');
    const schoolId = (name: string) => {
      const key = name.toLowerCase();
      let id = schools.get(key) ?? (findSchool.get(name) as { id: number } | undefined)?.id;
      if (id === undefined) id = Number(addSchool.run(name).lastInsertRowid);
      schools.set(key, id);
      return id;
    };
    const insert = db.prepare(
      `INSERT INTO students (first_name, last_name, preferred_name, date_of_birth, grade, school_id, teacher,
         district_student_id, medicaid_id) VALUES (@first_name, @last_name, @preferred_name, @date_of_birth, @grade,
         @school_id, @teacher, @district_student_id, @medicaid_id)`,
    );
    // Each new student gets one open enrollment at their school (docs/domain.md "Enrollment"); a
    // roster that corrects a school corrects the current enrollment's school.
    const enrol = db.prepare('INSERT INTO enrollments (student_id, school_id) VALUES (?, ?)');
    const correctSchool = db.prepare(
      'UPDATE enrollments SET school_id = ? WHERE id = (SELECT max(id) FROM enrollments WHERE student_id = ?)',
    );
    for (const r of plan.rows) {
      if (r.action === 'create') {
        const sid = schoolId(r.schoolName!);
        enrol.run(Number(insert.run({ ...r.values, school_id: sid }).lastInsertRowid), sid);
      }
      if (r.action === 'update') {
        const cols = Object.keys(r.changes!);
        db.prepare(`UPDATE students SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
          ...r.changes,
          id: r.existingId,
        });
        const changed = (r.changes as Record<string, unknown>)['school_id'];
        if (typeof changed === 'number') correctSchool.run(changed, r.existingId);
      }
    }
    return summary(plan);
  })();
}
