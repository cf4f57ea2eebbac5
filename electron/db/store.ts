import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../ipc/errors';
import { StorageStartError, storageTrouble } from '../ipc/storage-errors';
import {
  type BackupInfo,
  checkBackupHash,
  createBackup,
  installBackup,
  listBackups,
  moveAside,
  sha256File,
  verifyFile,
} from './backup';
import { defaultDatabaseKey, encryptPlaintextDatabase, finishInterruptedEncryption, openSqlite } from './cipher';
import { LATEST_VERSION, NewerDatabaseError, closeDatabase, openDatabase, type Sqlite } from './db';

export interface StartupNotice {
  kind: 'recovered' | 'damaged-no-backup';
  damagedPath: string;
  backup: { name: string; createdAt: string } | null;
}

/**
 * The caseload file and its backups: opens with a health check (recovering from the newest sound
 * backup when the file is damaged), backs up before migrations, on demand, on a timer and on quit,
 * and restores a backup after first saving the current state.
 */
export class CaseloadStore {
  db!: Sqlite;
  notice: StartupNotice | null = null;
  private changesAtLastBackup = -1;

  private constructor(
    readonly file: string,
    readonly backupDir: string,
  ) {}

  static async open(file: string, backupDir: string): Promise<CaseloadStore> {
    const store = new CaseloadStore(file, backupDir);
    await store.openChecked();
    return store;
  }

  get damagedDir() {
    return join(this.backupDir, '..', 'damaged');
  }

  /**
   * A file closed cleanly by this app, and not touched since (same size, modification and change
   * times, no write-ahead log left), skips the whole-file quick_check that would otherwise hold the
   * first window for most of a second at a large caseload; any other file is checked in full.
   */
  private get cleanMark() {
    return `${this.file}.clean`;
  }
  private closedCleanly(): boolean {
    try {
      const mark = JSON.parse(readFileSync(this.cleanMark, 'utf8')) as Record<string, number | string>;
      const now = this.fingerprint();
      return Object.entries(now).every(([k, v]) => mark[k] === v) && !existsSync(`${this.file}-wal`);
    } catch {
      return false;
    }
  }

  /** Size, times, and a hash of the file's first 8 MiB (all of a small file), as closed. */
  private fingerprint(): Record<string, number | string> {
    const st = statSync(this.file);
    const fd = openSync(this.file, 'r');
    const hash = createHash('sha256');
    try {
      const buf = Buffer.alloc(1 << 20);
      for (let pos = 0; pos < Math.min(st.size, 8 << 20);) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n <= 0) break;
        hash.update(buf.subarray(0, n));
        pos += n;
      }
    } finally {
      closeSync(fd);
    }
    return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, head: hash.digest('hex') };
  }

  private async openChecked() {
    this.checkWritable();
    this.encryptLeftovers();
    const clean = this.closedCleanly();
    rmSync(this.cleanMark, { force: true });
    if (existsSync(this.file) && !this.healthy(clean)) this.recover();
    await this.backupBeforeMigration();
    this.db = openDatabase(this.file);
    this.changesAtLastBackup = this.changes();
  }

  /**
   * First start with encryption: the plaintext caseload and plaintext backups are encrypted in place,
   * verified, and the plaintext bytes overwritten and removed. A file that cannot be encrypted (it is
   * damaged) is left for the health check, which moves it aside.
   */
  private encryptLeftovers() {
    const key = defaultDatabaseKey();
    if (!key) return;
    finishInterruptedEncryption(this.file, key);
    try {
      encryptPlaintextDatabase(this.file, key);
    } catch {
      // damaged: the health check below deals with it
    }
    if (!existsSync(this.backupDir)) return;
    for (const name of readdirSync(this.backupDir).filter((n) => n.endsWith('.sqlite3'))) {
      const path = join(this.backupDir, name);
      try {
        if (encryptPlaintextDatabase(path, key)) writeFileSync(`${path}.sha256`, `${sha256File(path)}  ${name}\n`);
      } catch {
        // a damaged plaintext backup stays as it is; it is never offered as sound
      }
    }
  }

  /**
   * A folder or file Caseload may not write (read-only drive, permissions, a file locked by another
   * program) is said so plainly before anything else, never taken for a damaged file: nothing is moved
   * aside and nothing is changed. Probed for real (a file created and removed; the caseload opened for
   * writing), since permission bits do not tell the whole story (ACLs, read-only mounts, root).
   */
  private checkWritable() {
    const folder = dirname(this.file);
    const fail = (e: unknown): never => {
      throw new StorageStartError(storageTrouble(e) ?? 'read-only', folder);
    };
    try {
      mkdirSync(folder, { recursive: true });
      const probe = join(folder, `.caseload-write-test-${process.pid}`);
      closeSync(openSync(probe, 'wx', 0o600));
      rmSync(probe, { force: true });
    } catch (e) {
      fail(e);
    }
    for (const path of [this.file, `${this.file}-wal`, `${this.file}-shm`]) {
      if (!existsSync(path)) continue;
      try {
        closeSync(openSync(path, 'r+'));
      } catch (e) {
        fail(e);
      }
    }
  }

  private healthy(closedCleanly = false): boolean {
    let db: Sqlite | null = null;
    try {
      db = openSqlite(this.file, { fileMustExist: true });
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > LATEST_VERSION) return true; // refused later, untouched, with a clear message
      if (closedCleanly) {
        db.prepare('SELECT count(*) FROM sqlite_master').get(); // header and schema still read
        return true;
      }
      return db.pragma('quick_check', { simple: true }) === 'ok';
    } catch (e) {
      // Busy, read-only or a full disk is not damage: say so, and move nothing aside.
      const trouble = storageTrouble(e);
      if (trouble) throw new StorageStartError(trouble, dirname(this.file));
      return false;
    } finally {
      db?.close();
    }
  }

  /** Moves the damaged file aside untouched and puts the newest sound backup in its place. */
  private recover() {
    const damagedPath = moveAside(this.file, this.damagedDir, 'damaged');
    const good = listBackups(this.backupDir).find((b) => verifyFile(b.path));
    if (good) installBackup(good.path, this.file);
    this.notice = {
      kind: good ? 'recovered' : 'damaged-no-backup',
      damagedPath,
      backup: good ? { name: good.name, createdAt: good.createdAt } : null,
    };
  }

  private async backupBeforeMigration() {
    if (!existsSync(this.file)) return;
    const db = openSqlite(this.file, { readonly: true, fileMustExist: true });
    try {
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > LATEST_VERSION) throw new NewerDatabaseError(version, LATEST_VERSION);
      if (version > 0 && version < LATEST_VERSION) await createBackup(db, this.backupDir, 'before-migration');
    } finally {
      db.close();
    }
  }

  private changes(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  async backup(
    reason: 'manual' | 'auto' | 'quit' | 'before-restore' | 'before-import' | 'before-reset',
  ): Promise<BackupInfo> {
    const info = await createBackup(this.db, this.backupDir, reason);
    this.changesAtLastBackup = this.changes();
    return info;
  }

  /** The 15-minute timer's call: backs up only when something changed since the last backup. */
  async backupIfChanged(reason: 'auto' | 'quit'): Promise<BackupInfo | null> {
    if (this.changes() === this.changesAtLastBackup) return null;
    return this.backup(reason);
  }

  list(): BackupInfo[] {
    return listBackups(this.backupDir);
  }

  /**
   * Restores a backup; the current state is backed up first, so the restore can itself be undone.
   * The candidate is checked (checksum, key, integrity, data version, tables, links) before anything
   * is replaced; if it cannot be opened once in place, the undo copy is put back.
   */
  async restore(name: string): Promise<{ restored: BackupInfo; undo: BackupInfo }> {
    const chosen = this.list().find((b) => b.name === name);
    if (!chosen) throw new AppError('not_found', `The backup ${name} no longer exists.`, 'name');
    checkRestoreCandidate(chosen.path, name);
    const undo = await this.backup('before-restore');
    closeDatabase(this.db);
    try {
      installBackup(chosen.path, this.file);
      this.db = openDatabase(this.file);
    } catch {
      installBackup(undo.path, this.file);
      this.db = openDatabase(this.file);
      throw new AppError(
        'invalid',
        `The backup ${name} could not be opened once in place, so your caseload was put back as it was. Choose another backup.`,
        'name',
      );
    }
    this.changesAtLastBackup = this.changes();
    return { restored: chosen, undo };
  }

  /** An empty caseload (e.g. after trying the sample); the current one stays restorable as a backup. */
  async startFresh(): Promise<BackupInfo> {
    const kept = await this.backup('before-reset');
    closeDatabase(this.db);
    for (const suffix of ['', '-wal', '-shm']) rmSync(this.file + suffix, { force: true });
    this.db = openDatabase(this.file);
    this.changesAtLastBackup = this.changes();
    return kept;
  }

  /** Closes the database; throws if SQLite cannot (a full disk, say). See closeForQuit for quitting. */
  close() {
    closeDatabase(this.db);
    try {
      writeFileSync(this.cleanMark, JSON.stringify(this.fingerprint()));
    } catch {
      /* no mark: the next start checks the whole file, as after a crash */
    }
  }
}

/** Tables every caseload has had since the first data version. */
const CORE_TABLES = ['settings', 'schools', 'school_years', 'students', 'sessions', 'attendance', 'audit_log'];

/** Throws a plain AppError unless the file at `path` is a sound caseload this app can open. */
export function checkRestoreCandidate(path: string, name: string): void {
  const refuse = (why: string): never => {
    throw new AppError('invalid', `The backup ${name} cannot be restored: ${why} Choose another backup.`, 'name');
  };
  if (checkBackupHash(path) === 'changed') refuse('its bytes have changed since it was made (damaged or edited).');
  let db: Sqlite | null = null;
  try {
    try {
      db = openSqlite(path, { readonly: true, fileMustExist: true });
    } catch {
      return refuse('it is damaged, not a Caseload backup, or was made with another key.');
    }
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch {
      integrity = 'error';
    }
    if (integrity !== 'ok') refuse('it is damaged (it failed the integrity check).');
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > LATEST_VERSION) refuse('it was made by a newer version of Caseload.');
    if (version < 1) refuse('it holds no caseload (it is empty).');
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    const missing = CORE_TABLES.find((t) => !tables.has(t));
    if (missing) refuse(`it is not a Caseload backup (it has no ${missing} table).`);
    if ((db.pragma('foreign_key_check') as unknown[]).length) refuse('its records refer to records it does not hold.');
    const settings = db.prepare('SELECT value FROM settings').all() as { value: unknown }[];
    for (const { value } of settings) {
      try {
        JSON.parse(String(value));
      } catch {
        refuse('one of its settings is damaged.');
      }
    }
  } finally {
    db?.close();
  }
}

/**
 * Quitting always quits: a last backup when anything changed (if it can be made), then the database
 * closed; a failure of either (a full disk, a file gone read-only) is reported and passed over.
 */
export async function closeForQuit(
  store: Pick<CaseloadStore, 'backupIfChanged' | 'close'>,
  report: (what: string, error: unknown) => void,
  timeoutMs = 20_000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      store.backupIfChanged('quit'),
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('the backup took too long')), timeoutMs);
      }),
    ]);
  } catch (e) {
    report('backup on quit', e);
  } finally {
    clearTimeout(timer);
  }
  try {
    store.close();
  } catch (e) {
    report('closing the caseload', e);
  }
}
