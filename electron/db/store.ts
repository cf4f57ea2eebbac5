import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../ipc/errors';
import { type BackupInfo, createBackup, installBackup, listBackups, moveAside, verifyFile } from './backup';
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

  private async openChecked() {
    if (existsSync(this.file) && !this.healthy()) this.recover();
    await this.backupBeforeMigration();
    this.db = openDatabase(this.file);
    this.changesAtLastBackup = this.changes();
  }

  private healthy(): boolean {
    let db: Sqlite | null = null;
    try {
      db = new Database(this.file, { fileMustExist: true });
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > LATEST_VERSION) return true; // refused later, untouched, with a clear message
      return db.pragma('quick_check', { simple: true }) === 'ok';
    } catch {
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
    const db = new Database(this.file, { readonly: true, fileMustExist: true });
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

  /** Restores a backup; the current state is backed up first, so the restore can itself be undone. */
  async restore(name: string): Promise<{ restored: BackupInfo; undo: BackupInfo }> {
    const chosen = this.list().find((b) => b.name === name);
    if (!chosen) throw new AppError('not_found', `The backup ${name} no longer exists.`, 'name');
    if (!verifyFile(chosen.path))
      throw new AppError('invalid', `The backup ${name} is damaged and cannot be restored. Choose another.`, 'name');
    const undo = await this.backup('before-restore');
    closeDatabase(this.db);
    try {
      installBackup(chosen.path, this.file);
    } finally {
      this.db = openDatabase(this.file);
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

  close() {
    closeDatabase(this.db);
  }
}
