import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBackupHash } from '../../electron/db/backup';
import { isPlaintextSqlite, openSqlite, setDefaultDatabaseKey } from '../../electron/db/cipher';
import { CaseloadStore } from '../../electron/db/store';
import { createHandlers } from '../../electron/ipc/handlers';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp } from '../helpers/db';
import { TEST_KEY } from '../helpers/encryption';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caseload-enc-'))));
afterEach(() => {
  setDefaultDatabaseKey(TEST_KEY);
  rmSync(dir, { recursive: true, force: true });
});

// Strings that must never appear in any file the app writes.
const NAME = 'Zebulon';
const SURNAME = 'Quixotefield';
const MEDICAID = 'MCD-77441-90913';
const NOTE = 'handwriting-xyzzy-plover';
const NEEDLES = [NAME, SURNAME, MEDICAID, NOTE];

const found = (path: string) => {
  const bytes = readFileSync(path);
  return NEEDLES.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
};
const mode = (path: string) => statSync(path).mode & 0o777;

function shellFor(openPath: () => string | null): ReportShell {
  return {
    chooseFolder: async () => dir,
    chooseSavePath: async (n) => join(dir, n),
    chooseOpenPath: async () => openPath(),
    htmlToPdf: async () => new Uint8Array(),
    printHtml: async () => false,
  };
}

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function caseloadWithSecrets(file: string) {
  const store = await CaseloadStore.open(file, join(dir, 'backups'));
  let exported: string | null = null;
  const h = createHandlers({
    db: store.db,
    store,
    dataPath: file,
    today: () => '2026-11-18',
    shell: shellFor(() => exported),
  });
  const school = ok(h.createSchool({ name: 'Lincoln Elementary' }) as never) as { id: number };
  ok(
    h.createSchoolYear({
      schoolId: school.id,
      label: '2026-27',
      firstDay: '2026-08-26',
      lastDay: '2027-06-11',
    }) as never,
  );
  const student = ok(
    h.createStudent({ firstName: NAME, lastName: SURNAME, schoolId: school.id, medicaidId: MEDICAID }) as never,
  ) as { id: number };
  ok(
    h.createSession({
      date: '2026-11-16',
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      note: NOTE,
      students: [{ studentId: student.id, code: 'present' }],
    }) as never,
  );
  return { store, h, setExported: (f: string) => (exported = f) };
}

describe('encryption at rest', () => {
  it('no name, note or Medicaid ID in the data file, WAL, backups or export; the key opens them', async () => {
    const file = join(dir, 'caseload.sqlite3');
    const { store, h, setExported } = await caseloadWithSecrets(file);
    const backup = ok(await h.backupNow(undefined));
    const exp = ok(await h.exportEverything({ passphrase: 'a long handover passphrase' }));
    expect(exp.file).toMatch(/\.caseload$/);
    setExported(exp.file!);

    // The WAL holds the recent writes (the store is still open), encrypted like the file.
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const backupPath = join(dir, 'backups', backup.name);
    for (const f of [file, `${file}-wal`, backupPath, exp.file!]) {
      expect(found(f), f).toEqual([]);
      expect(isPlaintextSqlite(f), f).toBe(false);
      expect(mode(f).toString(8), f).toBe('600');
    }
    expect(checkBackupHash(backupPath)).toBe('ok');

    // The library opens the data file and the backup with the key, and finds the records.
    for (const f of [file, backupPath]) {
      const db = openSqlite(f, { key: TEST_KEY, readonly: true });
      const row = db.prepare('SELECT first_name, last_name, medicaid_id FROM students').get();
      expect(row).toEqual({ first_name: NAME, last_name: SURNAME, medicaid_id: MEDICAID });
      expect(db.prepare('SELECT note FROM sessions').get()).toEqual({ note: NOTE });
      db.close();
    }
    // …and nothing opens them without it, or with another key.
    expect(() => openSqlite(file, { key: null, readonly: true })).toThrow(/not a database/);
    expect(() => openSqlite(backupPath, { key: Buffer.alloc(32, 1), readonly: true })).toThrow(/not a database/);

    // The export opens only with its passphrase, in another (empty) app.
    const dst = new TestApp(
      '2026-11-18',
      shellFor(() => exp.file),
    );
    const before = dst.snapshot();
    const noPass = await dst.failAsync('importEverything', undefined);
    expect(noPass).toMatchObject({ field: 'passphrase' });
    expect(noPass.message).toMatch(/protected/);
    const wrong = await dst.failAsync('importEverything', { passphrase: 'A long handover passphrase' });
    expect(wrong).toMatchObject({ field: 'passphrase' });
    expect(wrong.message).toMatch(/does not open this file/);
    expect(dst.snapshot()).toBe(before);
    const imported = await dst.callAsync('importEverything', { passphrase: 'a long handover passphrase' });
    expect(imported.rows).toBe(exp.rows);
    expect(dst.call('listStudents', { status: 'active' }).map((s) => s.lastName)).toEqual([SURNAME]);
    dst.close();
    store.close();
  });

  it('refuses to export without a passphrase of at least 8 characters', async () => {
    const file = join(dir, 'caseload.sqlite3');
    const { store, h } = await caseloadWithSecrets(file);
    for (const input of [undefined, {}, { passphrase: 'short' }]) {
      const r = await h.exportEverything(input);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatchObject({ code: 'invalid', field: 'passphrase' });
    }
    expect(readdirSync(dir).filter((f) => f.includes('export'))).toEqual([]);
    store.close();
  });

  it('encrypts a plaintext caseload and its backups on first start, verified, leaving no plaintext behind', async () => {
    const file = join(dir, 'caseload.sqlite3');
    setDefaultDatabaseKey(null); // an older Caseload, without encryption
    const old = await caseloadWithSecrets(file);
    const oldBackup = ok(await old.h.backupNow(undefined));
    const students = old.store.db.prepare('SELECT * FROM students').all();
    old.store.close();
    const oldBackupPath = join(dir, 'backups', oldBackup.name);
    expect(isPlaintextSqlite(file)).toBe(true);
    expect(found(file).length + found(oldBackupPath).length).toBeGreaterThan(0);

    setDefaultDatabaseKey(TEST_KEY);
    const store = await CaseloadStore.open(file, join(dir, 'backups'));
    expect(store.notice).toBeNull();
    expect(store.db.prepare('SELECT * FROM students').all()).toEqual(students);
    for (const f of [file, oldBackupPath]) {
      expect(isPlaintextSqlite(f), f).toBe(false);
      expect(found(f), f).toEqual([]);
    }
    for (const f of readdirSync(dir)) expect(f).not.toMatch(/encrypting/);
    expect(checkBackupHash(oldBackupPath)).toBe('ok');
    // The migrated backup restores.
    const h = createHandlers({ db: store.db, store, dataPath: file, today: () => '2026-11-18' });
    expect((await h.restoreBackup({ name: oldBackup.name })).ok).toBe(true);
    expect(store.db.prepare('SELECT * FROM students').all()).toEqual(students);
    store.close();
  });

  it('finishes an encryption interrupted after the plaintext was removed', async () => {
    const file = join(dir, 'caseload.sqlite3');
    const first = await caseloadWithSecrets(file);
    first.store.close();
    const { renameSync } = await import('node:fs');
    renameSync(file, `${file}.encrypting`);
    rmSync(`${file}-wal`, { force: true });
    const store = await CaseloadStore.open(file, join(dir, 'backups'));
    expect(store.notice).toBeNull();
    expect(existsSync(`${file}.encrypting`)).toBe(false);
    expect(store.db.prepare('SELECT last_name FROM students').get()).toEqual({ last_name: SURNAME });
    store.close();
  });
});
