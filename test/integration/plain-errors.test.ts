// Item 6 of issue 10: disk full, read-only file or folder, and a file in use each get their own plain
// message; a read-only folder at start is never taken for damage; quitting always quits.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../electron/db/db';
import { CaseloadStore, closeForQuit } from '../../electron/db/store';
import { createHandlers } from '../../electron/ipc/handlers';
import { StorageStartError, storageError, storageTrouble } from '../../electron/ipc/storage-errors';
import { TestApp, seedSchool } from '../helpers/db';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const NOT_INTERNAL = /internal|restart the app|could not finish that/i;

/** Can this process write there (a file created in a folder, or a file opened for writing)? */
function canWrite(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) {
      const probe = join(path, '.probe');
      closeSync(openSync(probe, 'wx'));
      rmSync(probe);
    } else closeSync(openSync(path, 'r+'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes a folder or file read-only for real and returns how to undo it, or why it cannot here.
 * Permission bits do not bind root (tests may run as root), so then the immutable attribute is used
 * (ext4, XFS, Btrfs), which binds root too; where neither bites the test says so and is skipped.
 */
function makeReadOnly(path: string): { undo: () => void } | { skip: string } {
  const mode = statSync(path).mode & 0o777;
  chmodSync(path, statSync(path).isDirectory() ? 0o500 : 0o400);
  if (!canWrite(path)) return { undo: () => chmodSync(path, mode) };
  chmodSync(path, mode);
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
  } catch {
    return { skip: 'running as root on a file system without chattr +i: a read-only folder cannot be made here' };
  }
  if (!canWrite(path)) return { undo: () => execFileSync('chattr', ['-i', path], { stdio: 'ignore' }) };
  execFileSync('chattr', ['-i', path], { stdio: 'ignore' });
  return { skip: 'neither chmod nor chattr +i stops writes here: a read-only folder cannot be made' };
}

describe('the three troubles are told apart, whatever reports them', () => {
  it('maps SQLite and Node codes to full, read-only and in use, each with its own message', () => {
    const of = (code: string) => storageTrouble(Object.assign(new Error('x'), { code }));
    expect(['SQLITE_FULL', 'ENOSPC'].map(of)).toEqual(['full', 'full']);
    expect(['SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'EROFS', 'EACCES', 'EPERM'].map(of)).toEqual(
      Array(5).fill('read-only'),
    );
    expect(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'EBUSY'].map(of)).toEqual(Array(4).fill('in-use'));
    expect([of('SQLITE_CORRUPT'), of('ENOENT'), storageTrouble(new Error('x')), storageTrouble(null)]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    const messages = ['ENOSPC', 'EROFS', 'EBUSY'].map(
      (code) => storageError(Object.assign(new Error('x'), { code }), '/data')!.message,
    );
    expect(new Set(messages).size).toBe(3);
    for (const m of messages) {
      expect(m).not.toMatch(NOT_INTERNAL);
      expect(m).toMatch(/Nothing was changed/);
    }
    expect(messages[0]).toMatch(/disk is full.*Free some space/);
    expect(messages[1]).toMatch(/read-only.*permission/);
    expect(messages[2]).toMatch(/in use by another program.*try again/);
  });
});

describe('errors from a real database through the real handlers', () => {
  let app: TestApp;
  beforeEach(() => {
    app = new TestApp();
    seedSchool(app);
  });
  afterEach(() => app.close());

  it('a full disk: says so and what to do, and the caseload is as it was', () => {
    const schoolId = app.call('listSchools', undefined)[0]!.id;
    // The database may grow by no page: the next page it needs is refused with SQLITE_FULL, as on a full disk.
    const pages = Number(app.db.pragma('page_count', { simple: true }));
    app.db.pragma(`max_page_count = ${pages}`);
    let error = null;
    for (let n = 0; n < 500 && !error; n++) {
      const before = app.snapshot();
      const r = app.handlers.createStudent({
        firstName: `Student ${n}`,
        lastName: 'x'.repeat(100),
        schoolId,
        grade: '2',
        dateOfBirth: '2018-04-02',
      });
      if (!r.ok) {
        error = r.error;
        expect(app.snapshot()).toBe(before); // nothing half-written
      }
    }
    expect(error).not.toBeNull();
    expect(error!.message).toMatch(/^The disk is full, so Caseload could not save that\. Nothing was changed/);
    expect(error!.message).not.toMatch(NOT_INTERNAL);
    expect(error!.code).toBe('conflict');
  });

  it('a read-only data file: says the file or folder is read-only, not "internal"', () => {
    const ro = openDatabase(app.file, { readonly: true });
    try {
      const h = createHandlers({ db: ro, dataPath: app.file, today: () => app.today });
      const r = h.createSchool({ name: 'Washington Middle' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('forbidden');
        expect(r.error.message).toMatch(/cannot write to its data \(.*\): the file or its folder is read-only/);
        expect(r.error.message).not.toMatch(NOT_INTERNAL);
      }
      expect(h.listSchools(undefined).ok).toBe(true); // reading still works
    } finally {
      closeDatabase(ro);
    }
  });

  it('a file locked by another program: says so, and the same change succeeds once it lets go', () => {
    const other = openDatabase(app.file);
    app.db.pragma('busy_timeout = 50');
    try {
      other.exec('BEGIN IMMEDIATE'); // another writer holds the file
      const before = app.snapshot();
      const r = app.handlers.createSchool({ name: 'Washington Middle' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.message).toMatch(/^The caseload file is in use by another program/);
        expect(r.error.message).not.toMatch(NOT_INTERNAL);
      }
      expect(app.snapshot()).toBe(before);
      other.exec('ROLLBACK');
      expect(app.handlers.createSchool({ name: 'Washington Middle' }).ok).toBe(true);
    } finally {
      closeDatabase(other);
    }
  });
});

describe('start-up and quit', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caseload-plain-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function caseloadWithAStudent(folder: string) {
    const file = join(folder, 'caseload.sqlite3');
    const store = await CaseloadStore.open(file, join(folder, 'backups'));
    store.db.prepare(`INSERT INTO schools (name) VALUES ('Lincoln Elementary')`).run();
    store.close();
    return file;
  }

  for (const what of ['folder', 'file'] as const) {
    it(`a read-only data ${what} at start is said plainly, never moved aside as damage`, async (t) => {
      const data = join(dir, 'data');
      const file = await caseloadWithAStudent(
        (() => {
          execFileSync('mkdir', [data]);
          return data;
        })(),
      );
      const before = sha(file);
      const listing = readdirSync(data).sort();
      const ro = makeReadOnly(what === 'folder' ? data : file);
      if ('skip' in ro) return t.skip(ro.skip);
      try {
        const e = await CaseloadStore.open(file, join(data, 'backups')).then(
          () => null,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(StorageStartError);
        expect((e as Error).message).toMatch(
          /^Caseload cannot write to its data folder .*read-only.*Your caseload was not changed and is not damaged\./,
        );
      } finally {
        ro.undo();
      }
      expect(sha(file)).toBe(before);
      expect(readdirSync(data).sort()).toEqual(listing);
      expect(existsSync(join(dir, 'damaged'))).toBe(false);
      // Writable again: it opens with its data.
      const store = await CaseloadStore.open(file, join(data, 'backups'));
      expect(store.notice).toBeNull();
      expect((store.db.prepare('SELECT name FROM schools').all() as { name: string }[]).map((s) => s.name)).toEqual([
        'Lincoln Elementary',
      ]);
      store.close();
    });
  }

  it('quitting backs up what changed, then closes', async () => {
    const store = await CaseloadStore.open(join(dir, 'caseload.sqlite3'), join(dir, 'backups'));
    store.db.prepare(`INSERT INTO schools (name) VALUES ('Lincoln Elementary')`).run();
    const reported: string[] = [];
    await closeForQuit(store, (what) => reported.push(what));
    expect(reported).toEqual([]);
    expect(store.db.open).toBe(false);
    expect(store.list().map((b) => b.reason)).toContain('quit');
  });

  it('quitting on a full disk still closes and returns: the backup and close failures are reported, not thrown', async () => {
    const store = await CaseloadStore.open(join(dir, 'caseload.sqlite3'), join(dir, 'backups'));
    store.db.prepare(`INSERT INTO schools (name) VALUES ('Lincoln Elementary')`).run();
    const full = () => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    };
    // What a full disk does at quit: the backup cannot be written, and PRAGMA optimize fails on close.
    store.backupIfChanged = async () => full();
    store.db.pragma = full as typeof store.db.pragma;
    const reported: string[] = [];
    await expect(closeForQuit(store, (what, e) => reported.push(`${what}: ${storageTrouble(e)}`))).resolves.toBe(
      undefined,
    );
    expect(reported).toEqual(['backup on quit: full']); // optimize failing does not stop the close
    expect(store.db.open).toBe(false);
    // And a close that throws all the same is reported, not thrown.
    const again: string[] = [];
    await closeForQuit({ backupIfChanged: async () => null, close: full }, (what, e) =>
      again.push(`${what}: ${storageTrouble(e)}`),
    );
    expect(again).toEqual(['closing the caseload: full']);
  });

  it('a backup that never finishes does not hold the quit', async () => {
    const reported: string[] = [];
    let closed = false;
    await closeForQuit(
      { backupIfChanged: () => new Promise(() => {}), close: () => void (closed = true) },
      (what) => reported.push(what),
      50,
    );
    expect(reported).toEqual(['backup on quit']);
    expect(closed).toBe(true);
  });
});
