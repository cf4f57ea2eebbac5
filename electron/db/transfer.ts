import { z } from 'zod';
import { AppError } from '../ipc/errors';
import { LATEST_VERSION, type Sqlite, schemaVersion } from './db';
import { checkImportRow, checkImportTables } from './import-checks';

const LOCK_SETTING = 'app_lock';

/**
 * The whole caseload as one file: JSON, `format: "caseload-export"`, `version: 1`, the schema version
 * it was written at, and every table's rows keyed by column name, in an order that satisfies the
 * foreign keys. Documented in docs/export-format.md.
 */
export const EXPORT_TABLES = [
  'settings',
  'schools',
  'school_years',
  'closures',
  'reporting_periods',
  'students',
  'enrollments',
  'plans',
  'service_lines',
  'goals',
  'sessions',
  'attendance',
  'makeup_links',
  'goal_data',
  'progress_reports',
  'audit_log',
  'school_schedules',
  'travel_times',
  'slots',
  'slot_students',
  'occurrence_sessions',
  'evaluations',
  'work_blocks',
] as const;

const Cell = z.union([z.string(), z.number(), z.null()]);
export const ExportFile = z.object({
  format: z.literal('caseload-export', { error: 'this is not a Caseload export file' }),
  version: z.literal(1, { error: 'this export was written by a newer Caseload' }),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string(),
  tables: z.record(z.string(), z.array(z.record(z.string(), Cell))),
});
export type ExportData = z.infer<typeof ExportFile>;

export function exportAll(db: Sqlite, now: string): ExportData {
  const tables: ExportData['tables'] = {};
  db.transaction(() => {
    for (const t of EXPORT_TABLES)
      // The app lock's hash stays on this computer: it is not part of a handover.
      tables[t] = db
        .prepare(`SELECT * FROM ${t} ${t === 'settings' ? "WHERE key <> 'app_lock'" : ''} ORDER BY rowid`)
        .all() as Record<string, string | number | null>[];
  })();
  return { format: 'caseload-export', version: 1, schemaVersion: schemaVersion(db), exportedAt: now, tables };
}

/** Imports an export into an empty app, keeping every id; all of it or nothing. */
export function importAll(db: Sqlite, raw: unknown): { rows: number } {
  // Counted before the full parse, so a file of millions of junk rows is refused at once.
  const rawTables = (raw as { tables?: unknown } | null)?.tables;
  if (rawTables && typeof rawTables === 'object')
    checkImportTables(rawTables as Record<string, unknown[]>, EXPORT_TABLES);
  const parsed = ExportFile.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      'invalid',
      `This file cannot be imported: ${parsed.error.issues[0]?.message ?? 'it is not a Caseload export'}.`,
    );
  }
  const data = parsed.data;
  if (data.schemaVersion > LATEST_VERSION) {
    throw new AppError('invalid', 'This export was written by a newer Caseload; install it to import this file.');
  }
  const existing = (
    db.prepare('SELECT (SELECT count(*) FROM schools) + (SELECT count(*) FROM students) AS n').get() as { n: number }
  ).n;
  if (existing > 0) {
    throw new AppError(
      'conflict',
      'Import needs an empty app: this one already has schools or students. Nothing was imported.',
    );
  }
  checkImportTables(data.tables, EXPORT_TABLES);
  for (const t of EXPORT_TABLES) {
    const ints = new Set(
      (db.pragma(`table_info(${t})`) as { name: string; type: string }[])
        .filter((c) => c.type.toUpperCase() === 'INTEGER')
        .map((c) => c.name),
    );
    (data.tables[t] ?? []).forEach((row, i) => checkImportRow(t, i, row, ints));
  }
  let rows = 0;
  db.transaction(() => {
    // This computer's app lock stays as it is; it is never taken from a file.
    db.prepare(`DELETE FROM settings WHERE key <> '${LOCK_SETTING}'`).run();
    for (const t of EXPORT_TABLES) {
      const list = data.tables[t] ?? [];
      if (list.length === 0) continue;
      const columns = new Set((db.pragma(`table_info(${t})`) as { name: string }[]).map((c) => c.name));
      for (const [index, original] of list.entries()) {
        if (t === 'settings' && original['key'] === LOCK_SETTING) continue;
        // The audit trail is appended after this app's own history, renumbered, so ids never collide.
        const row =
          t === 'audit_log' ? Object.fromEntries(Object.entries(original).filter(([k]) => k !== 'id')) : original;
        const keys = Object.keys(row);
        const unknown = keys.find((k) => !columns.has(k));
        if (unknown)
          throw new AppError(
            'invalid',
            `This file cannot be imported: table ${t} has no column ${unknown}. Nothing was imported.`,
          );
        try {
          db.prepare(`INSERT INTO ${t} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(
            ...keys.map((k) => row[k]),
          );
        } catch (e) {
          const why = String((e as Error).message)
            .split('\n')[0]!
            .slice(0, 120);
          throw new AppError(
            'invalid',
            `This file cannot be imported: ${t} record ${index + 1} does not fit (${why}). Nothing was imported.`,
          );
        }
        rows++;
      }
    }
    // An export from before enrollments were kept: each student gets one open enrollment, as the
    // migration gives them.
    db.prepare(
      `INSERT INTO enrollments (student_id, school_id) SELECT id, school_id FROM students st
       WHERE NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = st.id)`,
    ).run();
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length)
      throw new AppError(
        'invalid',
        'This file cannot be imported: its records refer to records it does not contain. Nothing was imported.',
      );
  })();
  return { rows };
}
