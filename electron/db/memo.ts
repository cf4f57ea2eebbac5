// Derived figures kept between reads, per connection, and dropped the moment a table they were
// computed from is written. Temporary triggers on those tables call back into this module, so every
// write is seen whatever made it (a handler, an import, a migration, plain SQL in a test), and a
// figure can never outlive its data. Writes to a student's attendance (and to the sessions and makeup
// links behind it) are followed per student: logging a session for four students keeps the other
// 496 students' figures.
import type { Sqlite } from './db';

interface Entry {
  stamp: string;
  value: unknown;
}
interface State {
  /**
   * Writes seen per table: "attendance" counts every write to a student's attendance (and to the
   * sessions and makeup links behind it), "attendance*" those no student could be named for.
   */
  gens: Map<string, number>;
  /** Writes seen to each student's attendance. */
  students: Map<number, number>;
  watched: Set<string>;
  entries: Map<string, Entry>;
  /** A watched table was written in the transaction under way: what it reads may be rolled back. */
  txWrites: boolean;
}

const states = new WeakMap<Sqlite, State>();
/** Entries kept per connection; the oldest go first (a few keys per screen are in use at a time). */
const MAX_ENTRIES = 4096;

function stateOf(db: Sqlite): State {
  let s = states.get(db);
  if (!s) {
    const st: State = {
      gens: new Map(),
      students: new Map(),
      watched: new Set(),
      entries: new Map(),
      txWrites: false,
    };
    const bump = <K>(counts: Map<K, number>, k: K) => counts.set(k, (counts.get(k) ?? 0) + 1);
    db.function('caseload_memo_table', { deterministic: false }, (table: unknown) => {
      if (db.inTransaction) st.txWrites = true;
      bump(st.gens, String(table));
      return null;
    });
    db.function('caseload_memo_student', { deterministic: false }, (id: unknown) => {
      if (db.inTransaction) st.txWrites = true;
      bump(st.gens, 'attendance');
      if (typeof id === 'number' || typeof id === 'bigint') bump(st.students, Number(id));
      else bump(st.gens, 'attendance*');
      return null;
    });
    states.set(db, st);
    s = st;
  }
  return s;
}

const NAME = /^[a-z_]+$/;

const EVENTS = ['INSERT', 'UPDATE', 'DELETE'] as const;
/** The rows a trigger of the event sees. */
const rowsOf = (ev: (typeof EVENTS)[number]) =>
  ev === 'INSERT' ? ['NEW'] : ev === 'DELETE' ? ['OLD'] : ['OLD', 'NEW'];

/** The trigger bodies of a table: which counters a write to it moves. */
function triggers(table: string): string[] {
  const all = (ev: string) =>
    `CREATE TEMP TRIGGER IF NOT EXISTS memo_${table}_${ev.toLowerCase()} AFTER ${ev} ON main.${table}
     BEGIN SELECT caseload_memo_table('${table}'); END`;
  if (table === 'attendance')
    return [
      `CREATE TEMP TRIGGER IF NOT EXISTS memo_attendance_insert AFTER INSERT ON main.attendance
       BEGIN SELECT caseload_memo_student(NEW.student_id); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS memo_attendance_update AFTER UPDATE ON main.attendance
       BEGIN SELECT caseload_memo_student(OLD.student_id); SELECT caseload_memo_student(NEW.student_id); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS memo_attendance_delete AFTER DELETE ON main.attendance
       BEGIN SELECT caseload_memo_student(OLD.student_id); END`,
      // A session's own fields (date, time, setting, grouping) belong to each of its students; a new
      // session changes nothing until its attendance rows are written.
      `CREATE TEMP TRIGGER IF NOT EXISTS memo_att_sessions_update AFTER UPDATE ON main.sessions
       BEGIN SELECT caseload_memo_student(student_id) FROM attendance WHERE session_id IN (OLD.id, NEW.id); END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS memo_att_sessions_delete BEFORE DELETE ON main.sessions
       BEGIN SELECT caseload_memo_student(student_id) FROM attendance WHERE session_id = OLD.id; END`,
      // An occurrence logged (or undone) is no longer planned for any student of its slot.
      ...EVENTS.map((ev) => {
        const body = rowsOf(ev)
          .map((r) => `SELECT caseload_memo_student(student_id) FROM slot_students WHERE slot_id = ${r}.slot_id;`)
          .join(' ');
        return `CREATE TEMP TRIGGER IF NOT EXISTS memo_att_occurrence_sessions_${ev.toLowerCase()} AFTER ${ev} ON main.occurrence_sessions BEGIN ${body} END`;
      }),
      ...EVENTS.map((ev) => {
        const body = rowsOf(ev)
          .flatMap((r) => [
            `SELECT caseload_memo_student((SELECT student_id FROM attendance WHERE id = ${r}.missed_attendance_id));`,
            `SELECT caseload_memo_student((SELECT student_id FROM attendance WHERE id = ${r}.makeup_attendance_id));`,
          ])
          .join(' ');
        return `CREATE TEMP TRIGGER IF NOT EXISTS memo_att_makeup_links_${ev.toLowerCase()} ${ev === 'DELETE' ? 'BEFORE' : 'AFTER'} ${ev} ON main.makeup_links BEGIN ${body} END`;
      }),
    ];
  return EVENTS.map(all);
}

/**
 * True once every table is watched. Never installs inside a transaction (a rollback would drop the
 * triggers), nor where it cannot (a read-only file, a table an old schema lacks): then nothing is kept.
 */
function watch(db: Sqlite, s: State, tables: readonly string[]): boolean {
  const missing = tables.filter((t) => !s.watched.has(t));
  if (missing.length === 0) return true;
  if (db.inTransaction || db.readonly) return false;
  for (const t of missing) {
    if (!NAME.test(t)) throw new Error(`memo: not a table name: ${t}`);
    try {
      db.transaction(() => {
        for (const sql of triggers(t)) db.exec(sql);
      })();
    } catch {
      return false;
    }
    s.watched.add(t);
  }
  return true;
}

/** What the schedule's occurrences are computed from: writing any of these recomputes them. */
export const SCHEDULE_TABLES = [
  'slots',
  'slot_students',
  'school_schedules',
  'schools',
  'school_years',
  'closures',
  'students',
  'enrollments',
  'plans',
  'service_lines',
] as const;

/** The tables the kept figures are computed from, watched as the database opens. */
const KNOWN_TABLES = ['attendance', 'settings', ...SCHEDULE_TABLES, 'progress_reports', 'reporting_periods', 'goals'];

/** Watches the tables figures are kept from (call once the schema is migrated). */
export function watchTables(db: Sqlite): void {
  const s = stateOf(db);
  for (const t of KNOWN_TABLES) watch(db, s, [t]);
}

/** The counters of `tables`; per student, attendance counts only the writes no student was named for. */
function stampOf(s: State, tables: readonly string[], perStudent = false): string {
  return tables.map((t) => s.gens.get(perStudent && t === 'attendance' ? 'attendance*' : t) ?? 0).join('.');
}

/**
 * Whether what is read now may be kept: outside a transaction always; inside one, only until it writes
 * a watched table (a rollback would take those writes back, and the figure with them).
 */
function mayKeep(db: Sqlite, s: State): boolean {
  if (!db.inTransaction) s.txWrites = false;
  return !s.txWrites;
}

/** Marks the start of a unit of work's transaction (the IPC layer runs each call in one). */
export function beginTransaction(db: Sqlite): void {
  const s = states.get(db);
  if (s) s.txWrites = false;
}

function put(s: State, key: string, entry: Entry) {
  s.entries.delete(key);
  s.entries.set(key, entry);
  if (s.entries.size > MAX_ENTRIES) s.entries.delete(s.entries.keys().next().value!);
}

/**
 * `compute()`, or its last result if none of `tables` has been written since. Callers must treat the
 * result as read-only. Nothing read after a write in the same transaction is kept.
 */
export function memoized<T>(db: Sqlite, key: string, tables: readonly string[], compute: () => T): T {
  const s = stateOf(db);
  if (!watch(db, s, tables)) return compute();
  const stamp = stampOf(s, tables);
  const hit = s.entries.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const keep = mayKeep(db, s);
  const value = compute();
  if (keep && mayKeep(db, s)) put(s, key, { stamp, value });
  return value;
}

/**
 * A figure per student, recomputed only for the students whose attendance (or any of `tables`) was
 * written since: `compute(ids)` gets the students to work out and returns their values.
 */
export function memoizedPerStudent<T>(
  db: Sqlite,
  key: string,
  tables: readonly string[],
  ids: readonly number[],
  compute: (ids: number[]) => Map<number, T>,
): Map<number, T> {
  const s = stateOf(db);
  const all = ['attendance', ...tables];
  if (!watch(db, s, all)) return compute([...ids]);
  // One entry per key: the tables' counters, and per student the value with their own counter.
  const stamp = stampOf(s, all, true);
  const hit = s.entries.get(key);
  const kept = hit && hit.stamp === stamp ? (hit.value as Map<number, { gen: number; value: T }>) : undefined;
  const missing: number[] = [];
  for (const id of ids) {
    const e = kept?.get(id);
    if (!e || e.gen !== (s.students.get(id) ?? 0)) missing.push(id);
  }
  const keep = mayKeep(db, s);
  const fresh = missing.length ? compute(missing) : new Map<number, T>();
  if (keep && mayKeep(db, s)) {
    const byStudent = kept ?? new Map<number, { gen: number; value: T }>();
    for (const id of missing) byStudent.set(id, { gen: s.students.get(id) ?? 0, value: fresh.get(id) as T });
    put(s, key, { stamp, value: byStudent });
  }
  // In the order asked for.
  return new Map(ids.map((id) => [id, (fresh.has(id) ? fresh.get(id) : kept!.get(id)!.value) as T]));
}

/** Forgets one kept figure (a cache the caller is told to drop). */
export function forget(db: Sqlite, key: string): void {
  states.get(db)?.entries.delete(key);
}
