import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seal } from '../../electron/crypto/sealed-file';
import { type ExportData, exportAll, importAll } from '../../electron/db/transfer';
import { AppError } from '../../electron/ipc/errors';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp } from '../helpers/db';

// The hostile import corpus: 50+ export files that are malformed, forged or oversized. Each is refused
// with a plain message and nothing changed.

const dir = mkdtempSync(join(tmpdir(), 'caseload-import-corpus-'));
const src = new TestApp('2026-11-18');
src.call('loadSampleCaseload');
const base: ExportData = exportAll(src.db, '2026-11-18T10:00:00Z');
afterAll(() => {
  src.close();
  rmSync(dir, { recursive: true, force: true });
});

const clone = (): ExportData => structuredClone(base);
type Rows = Record<string, string | number | null>[];
const rows = (d: ExportData, t: string) => d.tables[t] as Rows;
function edit(f: (d: ExportData) => void): ExportData {
  const d = clone();
  f(d);
  return d;
}
const cases: [string, unknown][] = [
  ['not an object', 42],
  ['null', null],
  ['an array', []],
  ['a string', 'caseload'],
  ['wrong format', { ...clone(), format: 'other' }],
  ['newer format version', { ...clone(), version: 2 }],
  ['newer schema version', { ...clone(), schemaVersion: 999 }],
  ['schema version 0', { ...clone(), schemaVersion: 0 }],
  ['tables missing', { ...clone(), tables: undefined }],
  ['tables an array', { ...clone(), tables: [] }],
  ['rows not an array', edit((d) => ((d.tables as Record<string, unknown>)['students'] = { a: 1 }))],
  ['a cell that is an object', edit((d) => ((rows(d, 'students')[0] as Record<string, unknown>)['grade'] = { x: 1 }))],
  ['a cell that is an array', edit((d) => ((rows(d, 'students')[0] as Record<string, unknown>)['grade'] = [1]))],
  ['a cell that is a boolean', edit((d) => ((rows(d, 'students')[0] as Record<string, unknown>)['grade'] = true))],
  ['an unknown table', edit((d) => (d.tables['photos'] = [{ id: 1 }]))],
  ['an unknown table sqlite_master', edit((d) => (d.tables['sqlite_master'] = []))],
  ['an unknown column', edit((d) => (rows(d, 'students')[0]!['password'] = 'x'))],
  [
    'a column with SQL in its name',
    edit((d) => (rows(d, 'students')[0]!['id) VALUES (1); DROP TABLE students; --'] = 1)),
  ],
];
for (const [label, value] of [
  ['-5', -5],
  ['0', 0],
  ['1.5', 1.5],
  ['a string', 'abc'],
  ['2^60', 2 ** 60],
] as const) {
  cases.push([`student id ${label}`, edit((d) => (rows(d, 'students')[0]!['id'] = value))]);
  cases.push([`session school id ${label}`, edit((d) => (rows(d, 'students')[0]!['school_id'] = value))]);
}
for (const [col, value] of [
  ['first_name', 'Ava\u0000Nguyen'],
  ['first_name', 'x'.repeat(10 * 1024 * 1024)],
  ['first_name', 'x'.repeat(201)],
  ['first_name', null],
  ['date_of_birth', '2026-1-5'],
  ['date_of_birth', '2026-02-30'],
  ['date_of_birth', 'tomorrow'],
  ['date_of_birth', '<b>2020-01-01</b>'],
  ['status', 'graduated-with-honours'],
] as const) {
  cases.push([`student ${col} = ${String(value).slice(0, 20)}`, edit((d) => (rows(d, 'students')[0]![col] = value))]);
}
cases.push(
  ['a session date that is not real', edit((d) => (rows(d, 'sessions')[0]!['date'] = '2026-13-01'))],
  ['a session date with a tag', edit((d) => (rows(d, 'sessions')[0]!['date'] = '<img src=x>'))],
  ['a session of -30 minutes', edit((d) => (rows(d, 'sessions')[0]!['minutes'] = -30))],
  ['a note of 10 MB', edit((d) => (rows(d, 'sessions')[0]!['note'] = 'n'.repeat(10 * 1024 * 1024)))],
  ['a settings value that is not JSON', edit((d) => (rows(d, 'settings')[0]!['value'] = '{not json'))],
  ['a settings value with NUL', edit((d) => (rows(d, 'settings')[0]!['value'] = '"a\u0000b"'))],
  [
    'a final report snapshot that is not JSON',
    edit((d) => {
      const r = rows(d, 'progress_reports')[0];
      if (r) r['snapshot'] = '<<<';
      else d.tables['progress_reports'] = [{ id: 1, snapshot: '<<<' }];
    }),
  ],
  ['attendance for a session that is not there', edit((d) => (rows(d, 'attendance')[0]!['session_id'] = 999_999))],
  ['a student at a school that is not there', edit((d) => (rows(d, 'students')[0]!['school_id'] = 999_999))],
  ['two students with the same id', edit((d) => rows(d, 'students').push({ ...rows(d, 'students')[0]! }))],
  ['a school year ending before it starts', edit((d) => (rows(d, 'school_years')[0]!['last_day'] = '2000-01-01'))],
  [
    'an audit row with id -1',
    edit((d) => rows(d, 'audit_log').push({ id: -1, at: '2026-11-01T10:00:00Z', action: 'x' })),
  ],
  [
    'an audit row with NUL',
    edit((d) => rows(d, 'audit_log').push({ id: 9, at: '2026-11-01T10:00:00Z', action: 'x\u0000' })),
  ],
  ['more rows than Caseload holds', edit((d) => (d.tables['closures'] = new Array(2_000_001).fill({})))],
);

function shellFor(file: string): ReportShell {
  return {
    chooseFolder: async () => dir,
    chooseSavePath: async (n) => join(dir, n),
    chooseOpenPath: async () => file,
    htmlToPdf: async () => new Uint8Array(),
    printHtml: async () => false,
  };
}

describe('importing hostile files', () => {
  it(`refuses ${cases.length}+ malformed or forged exports with a plain message, changing nothing`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const app = new TestApp('2026-11-18');
    const before = app.snapshot();
    for (const [label, value] of cases) {
      let error: unknown = null;
      try {
        importAll(app.db, value);
      } catch (e) {
        error = e;
      }
      expect(error, label).toBeInstanceOf(AppError);
      expect((error as AppError).message, label).toMatch(/cannot be imported|newer Caseload|needs an empty app/);
      expect(app.snapshot(), label).toBe(before);
    }
    app.close();
  });

  it('refuses files that are not exports, and sealed files that are cut short or changed', async () => {
    const sealed = await seal(Buffer.from(JSON.stringify(base)), 'a long handover passphrase', {
      logN: 10,
      r: 8,
      p: 1,
    });
    const files: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['not JSON', Buffer.from('hello')],
      ['cut short', sealed.subarray(0, sealed.length - 100)],
      ['changed', Buffer.concat([sealed.subarray(0, 200), Buffer.from([sealed[200]! ^ 1]), sealed.subarray(201)])],
    ];
    for (const [label, bytes] of files) {
      const file = join(dir, `${label}.caseload`);
      writeFileSync(file, bytes);
      const app = new TestApp('2026-11-18', shellFor(file));
      const before = app.snapshot();
      const e = await app.failAsync('importEverything', { passphrase: 'a long handover passphrase' });
      expect(e.code, label).toBe('invalid');
      expect(e.message, label).toMatch(/Nothing was imported/);
      expect(app.snapshot(), label).toBe(before);
      app.close();
    }
  });

  it('renumbers the audit trail, so "start over, then import" works', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(base));
    const app = new TestApp('2026-11-18', shellFor(file));
    // The fresh app already has history of its own that would collide with the file's ids.
    const school = app.call('createSchool', { name: 'Temporary' });
    const st = app.call('createStudent', { firstName: 'T', lastName: 'Emp', schoolId: school.id });
    app.call('deleteStudent', { id: st.id });
    app.call('deleteSchool', { id: school.id });
    const own = app.call('listAudit', { limit: 50 }).length;
    expect(own).toBeGreaterThan(0);
    const r = await app.callAsync('importEverything', undefined);
    expect(r.rows).toBeGreaterThan(1000);
    const trail = app.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[];
    expect(trail.length).toBe(own + rows(base, 'audit_log').length + 1);
    expect(trail.at(-1)!.action).toBe('imported everything');
    app.close();
  });
});
