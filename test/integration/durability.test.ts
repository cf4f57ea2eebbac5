import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsToKeep, createBackup, verifyFile } from '../../electron/db/backup';
import { closeDatabase, openDatabase } from '../../electron/db/db';
import { CaseloadStore } from '../../electron/db/store';
import { EXPORT_TABLES, exportAll, importAll } from '../../electron/db/transfer';
import { createHandlers } from '../../electron/ipc/handlers';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp } from '../helpers/db';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caseload-dur-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
const count = (db: ReturnType<typeof openDatabase>, t: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

/** Overwrites pages in the middle of a closed database file with noise. */
function corruptPages(file: string, pages: number[], pageSize = 4096) {
  const fd = openSync(file, 'r+');
  try {
    for (const p of pages) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, p * pageSize);
  } finally {
    closeSync(fd);
  }
}

describe('backup retention', () => {
  it('keeps all of today, one a day for a month, one a month for a year, and the 3 newest', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const names = [
      'caseload-20261128-110000000-auto.sqlite3', // today
      'caseload-20261128-094500000-auto.sqlite3', // today
      'caseload-20261127-170000000-quit.sqlite3', // yesterday, newest of its day
      'caseload-20261127-090000000-auto.sqlite3', // yesterday, older: dropped
      'caseload-20261101-090000000-auto.sqlite3', // 27 days: newest of that day
      'caseload-20261015-090000000-quit.sqlite3', // October: newest of October
      'caseload-20261002-090000000-auto.sqlite3', // October, older: dropped
      'caseload-20251215-090000000-auto.sqlite3', // Dec 2025, within a year
      'caseload-20251101-090000000-auto.sqlite3', // over a year: dropped
    ];
    const keep = backupsToKeep(names, now);
    expect([...keep].sort()).toEqual(
      [
        'caseload-20261128-110000000-auto.sqlite3',
        'caseload-20261128-094500000-auto.sqlite3',
        'caseload-20261127-170000000-quit.sqlite3',
        'caseload-20261101-090000000-auto.sqlite3',
        'caseload-20261015-090000000-quit.sqlite3',
        'caseload-20251215-090000000-auto.sqlite3',
      ].sort(),
    );
  });
});

describe('backups, restore and recovery with a real caseload file', () => {
  async function seeded() {
    const file = join(dir, 'caseload.sqlite3');
    const store = await CaseloadStore.open(file, join(dir, 'backups'));
    const h = createHandlers({ db: store.db, store, dataPath: file, today: () => '2026-11-18' });
    const r = h.loadSampleCaseload(undefined);
    if (!r.ok) throw new Error(r.error.message);
    return { file, store, h };
  }

  it('backs up with the online API, verified, with counts; backs up only when something changed', async () => {
    const { store } = await seeded();
    const b = await store.backup('manual');
    expect(b).toMatchObject({ reason: 'manual', students: 40 });
    expect(b.sessions).toBeGreaterThan(200);
    expect(verifyFile(b.path)).toBe(true);
    expect(await store.backupIfChanged('auto')).toBeNull();
    store.db.prepare("UPDATE students SET grade = '5' WHERE id = 1").run();
    expect(await store.backupIfChanged('auto')).not.toBeNull();
    expect(store.list()).toHaveLength(2);
    store.close();
  });

  it('restores a backup after saving the current state, so the restore can be undone', async () => {
    const { store, h } = await seeded();
    const before = await store.backup('manual');
    const del = h.deleteStudent({ id: 1 });
    expect(del.ok).toBe(true);
    expect(count(store.db, 'students')).toBe(39);
    const r = await h.restoreBackup({ name: before.name });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(count(store.db, 'students')).toBe(40);
    expect(r.value.undo.students).toBe(39);
    // The restore is recorded in the restored database's history.
    const audit = h.listAudit({ limit: 10 });
    expect(audit.ok && audit.value[0]).toMatchObject({ action: 'restored backup', detail: before.name });
    // And undone by restoring the undo point.
    const undo = await h.restoreBackup({ name: r.value.undo.name });
    expect(undo.ok).toBe(true);
    expect(count(store.db, 'students')).toBe(39);
    const missing = await h.restoreBackup({ name: 'caseload-20200101-000000000-manual.sqlite3' });
    expect(missing.ok).toBe(false);
    store.close();
  });

  it('recovers from a damaged file: moves it aside untouched, restores the newest sound backup, and says so', async () => {
    const { file, store } = await seeded();
    const older = await store.backup('manual');
    store.db.prepare("UPDATE students SET grade = 'K'").run();
    const newer = await store.backup('auto');
    store.db.prepare("UPDATE students SET grade = '9'").run(); // after the last backup: will be lost
    store.close();
    // The newest backup is damaged too: recovery must fall back to the older sound one.
    corruptPages(newer.path, [3, 4, 5, 6]);
    expect(verifyFile(newer.path)).toBe(false);
    corruptPages(file, [2, 3, 4, 5, 6, 7, 8]);
    const damagedHash = sha(file);

    const again = await CaseloadStore.open(file, join(dir, 'backups'));
    expect(again.notice).toMatchObject({ kind: 'recovered', backup: { name: older.name } });
    expect(sha(again.notice!.damagedPath)).toBe(damagedHash);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(count(again.db, 'students')).toBe(40);
    // The older backup's grades: none of the later edits (all 'K', then all '9').
    expect(again.db.prepare("SELECT count(*) AS n FROM students WHERE grade = '9'").get()).toEqual({ n: 0 });
    expect(
      (again.db.prepare("SELECT count(*) AS n FROM students WHERE grade = 'K'").get() as { n: number }).n,
    ).toBeLessThan(40);
    const h = createHandlers({ db: again.db, store: again, dataPath: file });
    const notice = h.getStartupNotice(undefined);
    expect(notice.ok && notice.value?.kind).toBe('recovered');
    again.close();
  });

  it('a file that is not a database at all is kept aside, and with no backup the app starts empty and says so', async () => {
    const file = join(dir, 'caseload.sqlite3');
    writeFileSync(file, 'this is not sqlite '.repeat(500));
    const store = await CaseloadStore.open(file, join(dir, 'backups'));
    expect(store.notice).toMatchObject({ kind: 'damaged-no-backup', backup: null });
    expect(readFileSync(store.notice!.damagedPath, 'utf8')).toContain('this is not sqlite');
    expect(count(store.db, 'students')).toBe(0);
    store.close();
  });

  it('backs up before migrating an older database', async () => {
    const file = join(dir, 'caseload.sqlite3');
    const { migrations } = await import('../../electron/db/migrations');
    const old = openDatabase(file, { migrations: migrations.slice(0, 1) });
    old.prepare("INSERT INTO schools (name) VALUES ('Lincoln')").run();
    closeDatabase(old);
    const store = await CaseloadStore.open(file, join(dir, 'backups'));
    const backups = store.list();
    expect(backups.map((b) => b.reason)).toEqual(['before-migration']);
    const inBackup = openDatabase(backups[0]!.path, { readonly: true });
    expect(inBackup.pragma('user_version', { simple: true })).toBe(1);
    inBackup.close();
    store.close();
  });
});

describe('export and import of everything', () => {
  it('round-trips every table exactly into an empty app', async () => {
    const src = new TestApp('2026-11-18');
    src.call('loadSampleCaseload');
    const period = src.call('listReportingPeriods').find((p) => p.label === 'Quarter 1')!;
    const student = src.call('listProgressReports', { periodId: period.id })[0]!;
    const view = src.call('getProgressReport', { studentId: student.studentId, periodId: period.id });
    src.call('finaliseProgressReport', {
      studentId: student.studentId,
      periodId: period.id,
      goals: view.goals.map((g) => ({ goalId: g.goalId, code: g.suggestedCode, narrative: g.narrative })),
    });
    src.call('deleteSession', { id: 1 });
    const data = exportAll(src.db, '2026-11-18T10:00:00Z');
    const file = join(dir, 'export.json');
    writeFileSync(file, JSON.stringify(data));

    const shell: ReportShell = {
      chooseFolder: async () => dir,
      chooseSavePath: async (n) => join(dir, n),
      chooseOpenPath: async () => file,
      htmlToPdf: async () => {
        throw new Error('not used');
      },
      printHtml: async () => false,
    };
    const dst = new TestApp('2026-11-18', shell);
    const r = await dst.callAsync('importEverything');
    expect(r.rows).toBe(Object.values(data.tables).reduce((n, t) => n + t.length, 0));
    let rowsChecked = 0;
    for (const t of EXPORT_TABLES) {
      const a = src.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
      const b = dst.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
      if (t === 'audit_log') {
        // The import itself is appended to the trail.
        expect(b.slice(0, a.length)).toEqual(a);
        expect(b.at(-1)).toMatchObject({ action: 'imported everything' });
      } else {
        expect(b, t).toEqual(a);
      }
      rowsChecked += a.length;
    }
    expect(rowsChecked).toBeGreaterThan(1000);
    // The same numbers come out of the engine on both sides.
    expect(dst.call('caseloadCompliance', { from: '2026-08-01', to: '2026-11-18' })).toEqual(
      src.call('caseloadCompliance', { from: '2026-08-01', to: '2026-11-18' }),
    );

    // A second import into a non-empty app is refused and changes nothing.
    const before = dst.snapshot();
    expect((await dst.failAsync('importEverything', undefined)).message).toMatch(/needs an empty app/);
    expect(dst.snapshot()).toBe(before);
    src.close();
    dst.close();
  });

  it('refuses a file that is not an export, or whose records do not hold together, writing nothing', () => {
    const app = new TestApp();
    const before = app.snapshot();
    expect(() => importAll(app.db, { hello: 'world' })).toThrow(/not a Caseload export/);
    expect(() =>
      importAll(app.db, {
        format: 'caseload-export',
        version: 1,
        schemaVersion: 3,
        exportedAt: 'x',
        tables: { students: [{ id: 1, first_name: 'A', last_name: 'B', grade: '', school_id: 99, status: 'active' }] },
      }),
    ).toThrow();
    expect(app.snapshot()).toBe(before);
    app.close();
  });
});

describe('the audit trail', () => {
  it('records finalisations, exports and deletions, and cannot be edited', () => {
    const app = new TestApp('2026-11-18');
    app.call('loadSampleCaseload');
    const st = app.call('listStudents', { status: 'active' })[0]!;
    app.call('deleteStudent', { id: st.id });
    const trail = app.call('listAudit', { limit: 5 });
    expect(trail[0]).toMatchObject({
      action: 'deleted student',
      studentId: st.id,
      subject: `${st.firstName} ${st.lastName}`,
    });
    expect(() => app.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => app.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    // A refused deletion leaves no trace in the trail.
    expect(app.fail('deleteStudent', { id: 99999 }).code).toBe('not_found');
    expect(app.call('listAudit', { limit: 5 })).toHaveLength(1);
    app.close();
  });
});

describe('backup files', () => {
  it('never leave a partial file behind', async () => {
    const app = new TestApp();
    await createBackup(app.db, join(dir, 'b'), 'manual');
    expect(readdirSync(join(dir, 'b')).filter((f) => f.includes('partial'))).toEqual([]);
    expect(existsSync(join(dir, 'b'))).toBe(true);
    app.close();
  });
});

describe('start-up check', () => {
  it('skips the whole-file check only for a file closed cleanly and untouched since; damage after a clean close is still found', async () => {
    const file = join(dir, 'caseload.sqlite3');
    const store = await CaseloadStore.open(file, join(dir, 'backups'));
    const r = createHandlers({ db: store.db, store, dataPath: file, today: () => '2026-11-18' }).loadSampleCaseload(
      undefined,
    );
    expect(r.ok).toBe(true);
    store.close();
    expect(existsSync(`${file}.clean`)).toBe(true);
    // Clean and untouched: opens without recovery, and the mark is used up (a crash now means a full check).
    const again = await CaseloadStore.open(file, join(dir, 'backups'));
    expect(again.notice).toBeNull();
    expect(existsSync(`${file}.clean`)).toBe(false);
    await again.backup('manual');
    again.close();
    corruptPages(file, [2, 3, 4, 5, 6, 7, 8]);
    const third = await CaseloadStore.open(file, join(dir, 'backups'));
    expect(third.notice).toMatchObject({ kind: 'recovered' });
    expect(count(third.db, 'students')).toBe(40);
    third.close();
  });
});
