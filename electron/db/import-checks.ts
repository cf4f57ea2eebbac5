import { isRealDate } from '../../shared/domain/dates';
import { AppError } from '../ipc/errors';

/**
 * The checks every row of a whole-caseload import passes before anything is written, beyond the
 * database's own types and constraints: known tables only, ids that are positive whole numbers, real
 * dates, JSON where the app stores JSON, no NUL characters, and sizes the app itself would accept.
 */
export const MAX_IMPORT_ROWS = 2_000_000;
const MAX_TEXT = 20_000; // the longest text the app accepts (notes, narratives)
const MAX_JSON = 2_000_000; // a report's content or snapshot
const NAME_COLUMNS = new Set(['name', 'first_name', 'last_name', 'preferred_name', 'label', 'teacher']);
const MAX_NAME = 200;
const JSON_COLUMNS: Record<string, string[]> = {
  settings: ['value'],
  progress_reports: ['content', 'snapshot'],
};
const isDateColumn = (c: string) =>
  c === 'date' || c.endsWith('_date') || c === 'first_day' || c === 'last_day' || c === 'date_of_birth';
const isIdColumn = (c: string) => c === 'id' || c.endsWith('_id');

const refuse = (what: string): never => {
  throw new AppError('invalid', `This file cannot be imported: ${what}. Nothing was imported.`);
};

export function checkImportTables(tables: Record<string, unknown[]>, known: readonly string[]): void {
  const unknown = Object.keys(tables).find((t) => !known.includes(t));
  if (unknown !== undefined) refuse(`it has a table Caseload does not know (${unknown.slice(0, 60)})`);
  const rows = Object.values(tables).reduce((n, t) => n + t.length, 0);
  if (rows > MAX_IMPORT_ROWS) refuse(`it has ${rows} records, more than Caseload can hold (${MAX_IMPORT_ROWS})`);
}

/** `integerColumns`: the table's INTEGER columns (ids are checked only there; `district_student_id` is text). */
export function checkImportRow(
  table: string,
  index: number,
  row: Record<string, string | number | null>,
  integerColumns: Set<string>,
): void {
  const where = `${table} record ${index + 1}`;
  for (const [column, value] of Object.entries(row)) {
    const at = `${where}, ${column}`;
    if (value === null) continue;
    if (
      isIdColumn(column) &&
      integerColumns.has(column) &&
      !(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
    )
      refuse(`${at} is not a valid id (a whole number above 0)`);
    if (typeof value === 'number' && !Number.isFinite(value)) refuse(`${at} is not a number`);
    if (typeof value !== 'string') continue;
    if (value.includes('\u0000')) refuse(`${at} contains a NUL character`);
    const isJson = JSON_COLUMNS[table]?.includes(column) ?? false;
    const limit = isJson ? MAX_JSON : NAME_COLUMNS.has(column) ? MAX_NAME : MAX_TEXT;
    if (value.length > limit) refuse(`${at} is too long (${value.length} characters; at most ${limit})`);
    if (isDateColumn(column) && !isRealDate(value)) refuse(`${at} is not a real date (YYYY-MM-DD)`);
    if (isJson) {
      try {
        JSON.parse(value);
      } catch {
        refuse(`${at} is damaged (it should hold JSON)`);
      }
    }
  }
}
