import { openSqlite, type Sqlite } from './cipher';
import { watchTables } from './memo';
import { LATEST_VERSION, type Migration, migrations as allMigrations } from './migrations';

export type { Sqlite };

export class NewerDatabaseError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This caseload file was saved by a newer version of Caseload (data version ${fileVersion}; ` +
        `this app reads up to ${appVersion}). Install the newer Caseload to open it. The file was not changed.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export interface OpenOptions {
  /** Called before migrations run on an existing database that needs them (e.g. to back it up). */
  beforeMigrate?: (db: Sqlite, fromVersion: number) => void;
  migrations?: Migration[];
  readonly?: boolean;
  /** The raw encryption key; omitted uses the app's key (electron/db/cipher.ts); null opens plaintext. */
  key?: Buffer | null;
}

export interface Pragmas {
  journal_mode: string;
  synchronous: number;
  foreign_keys: number;
  busy_timeout: number;
}

/** Opens (and migrates) a caseload database file. The only place that sets pragmas. */
export function openDatabase(file: string, options: OpenOptions = {}): Sqlite {
  const db = openSqlite(file, { readonly: options.readonly ?? false, key: options.key });
  try {
    db.pragma('busy_timeout = 5000');
    // Deleted rows (a removed student, an edited note) are overwritten, not left in free pages.
    db.pragma('secure_delete = ON');
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Room for the whole caseload's pages (64 MiB at most; a caseload of 500 students over ten years
    // is 15 MB). With SQLite's default 2 MB, a caseload-wide figure read hundreds of pages again from
    // the file on every call, decrypting each one.
    db.pragma('cache_size = -65536');
    const pragmas = readPragmas(db);
    if (pragmas.foreign_keys !== 1 || pragmas.synchronous !== 2) {
      throw new Error('SQLite refused the durability settings Caseload needs');
    }
    if (!options.readonly) migrate(db, options.migrations ?? allMigrations, options.beforeMigrate);
    if (!options.readonly) watchTables(db);
    cacheStatements(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Queries prepare the same SQL on every call; compiling it costs more than running it for the small
 * reads most screens make. Keep the compiled statements of this connection (bounded), handing each
 * back in its default row mode (a caller may have switched it to raw or pluck) and never while it is
 * still being iterated.
 */
const STATEMENT_CACHE_LIMIT = 400;
function cacheStatements(db: Sqlite): void {
  const prepare = db.prepare.bind(db) as (sql: string) => ReturnType<Sqlite['prepare']>;
  const cache = new Map<string, ReturnType<Sqlite['prepare']>>();
  db.prepare = ((sql: string) => {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const stmt = prepare(sql);
    if (cache.size >= STATEMENT_CACHE_LIMIT) cache.clear();
    cache.set(sql, stmt);
    return stmt;
  }) as Sqlite['prepare'];
}

export function readPragmas(db: Sqlite): Pragmas {
  return {
    journal_mode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    foreign_keys: Number(db.pragma('foreign_keys', { simple: true })),
    busy_timeout: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

export function schemaVersion(db: Sqlite): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function migrate(
  db: Sqlite,
  list: Migration[] = allMigrations,
  beforeMigrate?: OpenOptions['beforeMigrate'],
): void {
  const current = schemaVersion(db);
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (current > latest) throw new NewerDatabaseError(current, latest);
  const pending = list.filter((m) => m.version > current);
  if (pending.length === 0) return;
  if (current > 0 && beforeMigrate) beforeMigrate(db, current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function closeDatabase(db: Sqlite): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } catch {
    // Only an optimisation: on a full disk or a read-only file it fails, and closing must not.
  }
  db.close();
}

export { LATEST_VERSION };
