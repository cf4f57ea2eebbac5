import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

/**
 * Encryption at rest. Every caseload database, its WAL and every backup is encrypted with SQLCipher 4's
 * format (SQLite3 Multiple Ciphers, `cipher=sqlcipher`, `legacy=4`) under a random 32-byte raw key, so
 * the stock `sqlcipher` tool opens a file with `PRAGMA key = "x'<64 hex digits>'"`. A raw key skips
 * SQLCipher's PBKDF2 (the key is already random), so opening costs no more than without encryption.
 *
 * Where the key comes from (the OS secret store, or a passphrase) is the app's business
 * (electron/crypto/key-store.ts); this module only takes a key. The process-wide default is set once by
 * the app at start (and by the test set-up), so every caller of openDatabase gets the same key.
 */
export type Sqlite = Database.Database;
export const KEY_BYTES = 32;

let defaultKey: Buffer | null = null;

export function setDefaultDatabaseKey(key: Buffer | null): void {
  if (key && key.length !== KEY_BYTES) throw new Error(`A database key is ${KEY_BYTES} bytes`);
  defaultKey = key ? Buffer.from(key) : null;
}

export function defaultDatabaseKey(): Buffer | null {
  return defaultKey;
}

export const newDatabaseKey = (): Buffer => randomBytes(KEY_BYTES);

export interface SqliteOptions {
  /** The raw key; `null` opens a plaintext file; omitted uses the process default. */
  key?: Buffer | null;
  readonly?: boolean;
  fileMustExist?: boolean;
}

function applyKey(db: Sqlite, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * Opens a SQLite file with the key applied and checks that the key fits (SQLITE_NOTADB otherwise).
 * A new file is created owner-only (0600); SQLite gives its -wal and -shm the same mode.
 */
export function openSqlite(path: string, options: SqliteOptions = {}): Sqlite {
  const key = options.key === undefined ? defaultKey : options.key;
  if (!options.readonly && !options.fileMustExist && path !== ':memory:' && !existsSync(path)) {
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.fileMustExist ?? false });
  try {
    if (key) applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's plaintext header (an unencrypted database). */
export function isPlaintextSqlite(path: string): boolean {
  if (!existsSync(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Overwrites a file's bytes in place with random data, flushes, and removes it. */
export function shredFile(path: string): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  try {
    const chunk = 1 << 20;
    for (let at = 0; at < size; at += chunk) {
      const len = Math.min(chunk, size - at);
      writeSync(fd, randomBytes(len), 0, len, at);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(path, { force: true });
}

function tableCounts(db: Sqlite): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map((t) => [t.name, (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
  );
}

/**
 * Encrypts a plaintext database file in place: an encrypted copy is written beside it, verified
 * (integrity check, same tables, same row counts, same user_version), then the plaintext file and its
 * -wal/-shm are overwritten and removed and the copy takes its name. If anything fails before the swap
 * the plaintext file is left as it was. Returns false when the file was not plaintext.
 */
export function encryptPlaintextDatabase(path: string, key: Buffer): boolean {
  if (!isPlaintextSqlite(path)) return false;
  const tmp = `${path}.encrypting`;
  for (const s of ['', '-wal', '-shm', '-journal']) rmSync(tmp + s, { force: true });
  let expected: { counts: Record<string, number>; version: number };
  const plain = new Database(path, { fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    expected = { counts: tableCounts(plain), version: Number(plain.pragma('user_version', { simple: true })) };
    closeSync(openSync(tmp, 'w', 0o600));
    plain.exec(`VACUUM INTO '${tmp.replaceAll("'", "''")}'`);
  } finally {
    plain.close();
  }
  try {
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma(`cipher = 'sqlcipher'`);
      copy.pragma('legacy = 4');
      copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      copy.close();
    }
    if (isPlaintextSqlite(tmp)) throw new Error('the encrypted copy is not encrypted');
    const check = openSqlite(tmp, { key, readonly: true, fileMustExist: true });
    try {
      const ok =
        check.pragma('integrity_check', { simple: true }) === 'ok' &&
        JSON.stringify(tableCounts(check)) === JSON.stringify(expected.counts) &&
        Number(check.pragma('user_version', { simple: true })) === expected.version;
      if (!ok) throw new Error('the encrypted copy does not match the original');
    } finally {
      check.close();
    }
  } catch (e) {
    for (const s of ['', '-journal']) rmSync(tmp + s, { force: true });
    throw e;
  }
  for (const s of ['-wal', '-shm', '-journal']) shredFile(path + s);
  shredFile(path);
  renameSync(tmp, path);
  return true;
}

/** A file left by an interrupted encryption (plaintext already removed): finish the swap. */
export function finishInterruptedEncryption(path: string, key: Buffer): void {
  const tmp = `${path}.encrypting`;
  if (!existsSync(tmp)) return;
  if (existsSync(path)) {
    rmSync(tmp, { force: true }); // the plaintext is still there: start again from it
    return;
  }
  try {
    openSqlite(tmp, { key, readonly: true, fileMustExist: true }).close();
    renameSync(tmp, path);
  } catch {
    // not a sound copy: leave it for a person to look at
  }
}
