import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { defaultDatabaseKey, isPlaintextSqlite, openSqlite } from './cipher';
import type { Sqlite } from './db';

// Backups are made with VACUUM INTO (never a copy of the live file; unlike the online backup API it
// writes the copy encrypted with the source's key), checked with integrity_check before any older one
// is removed, and kept densely for today, daily for a month and monthly for a year. Each backup has a
// SHA-256 of its bytes beside it (`<name>.sha256`), checked before it is restored.

export interface BackupInfo {
  name: string;
  path: string;
  createdAt: string;
  reason: string;
  bytes: number;
  students: number | null;
  sessions: number | null;
  ok: boolean;
}

const NAME = /^caseload-(\d{8})-(\d{6})(\d{3})?-([a-z-]+)\.sqlite3$/;

function stamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}${p(d.getUTCMilliseconds(), 3)}`;
}

function parseName(name: string): { createdAt: string; reason: string } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  return {
    createdAt: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${m[3] ?? '000'}Z`,
    reason: m[4]!,
  };
}

/** integrity_check on a file, read-only; false for anything that is not a sound SQLite database. */
export function verifyFile(path: string, quick = false): boolean {
  let db: Sqlite | null = null;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true });
    const r = db.pragma(quick ? 'quick_check' : 'integrity_check', { simple: true });
    return r === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function counts(path: string): { students: number | null; sessions: number | null } {
  let db: Sqlite | null = null;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true });
    const n = (t: string) => (db!.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { students: n('students'), sessions: n('sessions') };
  } catch {
    return { students: null, sessions: null };
  } finally {
    db?.close();
  }
}

export async function createBackup(db: Sqlite, dir: string, reason: string, now = new Date()): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  const name = `caseload-${stamp(now)}-${reason}.sqlite3`;
  const final = join(dir, name);
  const tmp = join(dir, `.${name}.partial`);
  try {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tmp + suffix, { force: true });
    closeSync(openSync(tmp, 'w', 0o600)); // VACUUM INTO fills an empty file; this one is owner-only
    db.exec(`VACUUM INTO '${tmp.replaceAll("'", "''")}'`);
    // A backup is one self-contained file: no -wal beside it, so it can be copied anywhere as it is.
    const copy = openSqlite(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    if (defaultDatabaseKey() && isPlaintextSqlite(tmp)) throw new Error('the new backup is not encrypted');
    if (!verifyFile(tmp)) throw new Error('the new backup failed its integrity check');
    writeFileSync(`${final}.sha256`, `${sha256File(tmp)}  ${name}\n`, { mode: 0o600 });
    renameSync(tmp, final);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tmp + suffix, { force: true });
  }
  rotateBackups(dir, now);
  return describe(final);
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Whether a backup's bytes are the ones written: 'ok', 'changed' (the SHA-256 beside it differs) or
 * 'unrecorded' (no checksum beside it: a backup from before checksums, or copied without it).
 */
export function checkBackupHash(path: string): 'ok' | 'changed' | 'unrecorded' {
  const side = `${path}.sha256`;
  if (!existsSync(side)) return 'unrecorded';
  const recorded = readFileSync(side, 'utf8').trim().split(/\s+/)[0] ?? '';
  return recorded === sha256File(path) ? 'ok' : 'changed';
}

function describe(path: string): BackupInfo {
  const meta = parseName(basename(path))!;
  return { name: basename(path), path, ...meta, bytes: statSync(path).size, ...counts(path), ok: true };
}

export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n))
    .map((n) => describe(join(dir, n)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Which backups to keep: everything from the last 24 hours, the newest of each day for 30 days,
 * the newest of each month for 12 months, and always the 3 newest.
 */
export function backupsToKeep(names: string[], now: Date): Set<string> {
  const items = names
    .map((n) => ({ n, meta: parseName(n) }))
    .filter((x): x is { n: string; meta: { createdAt: string; reason: string } } => x.meta !== null)
    .sort((a, b) => b.meta.createdAt.localeCompare(a.meta.createdAt));
  const keep = new Set<string>(items.slice(0, 3).map((x) => x.n));
  const day = 86_400_000;
  const seenDay = new Set<string>();
  const seenMonth = new Set<string>();
  for (const { n, meta } of items) {
    const age = now.getTime() - Date.parse(meta.createdAt);
    const d = meta.createdAt.slice(0, 10);
    const m = meta.createdAt.slice(0, 7);
    if (age <= day) keep.add(n);
    else if (age <= 30 * day && !seenDay.has(d)) keep.add(n);
    else if (age <= 366 * day && !seenMonth.has(m)) keep.add(n);
    seenDay.add(d);
    seenMonth.add(m);
  }
  return keep;
}

export function rotateBackups(dir: string, now: Date): string[] {
  const names = readdirSync(dir).filter((n) => NAME.test(n));
  const keep = backupsToKeep(names, now);
  const removed = names.filter((n) => !keep.has(n));
  for (const n of removed) for (const s of ['', '.sha256']) rmSync(join(dir, n + s), { force: true });
  return removed;
}

/** Moves a database file and its -wal/-shm aside, untouched; returns the new path of the main file. */
export function moveAside(file: string, dir: string, label: string, now = new Date()): string {
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `${label}-${stamp(now)}-${basename(file)}`);
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

/** Puts a verified backup in place of the (closed) database file. */
export function installBackup(backupPath: string, file: string): void {
  const tmp = `${file}.restoring`;
  copyFileSync(backupPath, tmp);
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  renameSync(tmp, file);
}
