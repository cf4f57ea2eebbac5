import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, NewerDatabaseError, openDatabase, schemaVersion } from '../../electron/db/db';
import { migrations } from '../../electron/db/migrations';
import { EXPORT_TABLES } from '../../electron/db/transfer';

const dirs: string[] = [];
function tempFile() {
  const d = mkdtempSync(join(tmpdir(), 'caseload-mig-'));
  dirs.push(d);
  return join(d, 'c.sqlite3');
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('the migrations build the schema from an empty file and record the version', () => {
    const db = openDatabase(tempFile());
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    // The schema has exactly the tables the whole-caseload export writes: nothing is left out of it.
    expect(tables.map((t) => t.name).sort()).toEqual([...EXPORT_TABLES].sort());
    db.close();
  });

  it('each later migration keeps the data of the schema before it', () => {
    // For every migration after the first: build the previous schema, add data, migrate, compare.
    for (const m of migrations.slice(1)) {
      const file = tempFile();
      const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < m.version) });
      db.prepare("INSERT INTO schools (name) VALUES ('Lincoln')").run();
      db.close();
      const after = openDatabase(file);
      expect((after.prepare('SELECT name FROM schools').get() as { name: string }).name).toBe('Lincoln');
      after.close();
    }
  });

  it('runs the before-migrate hook (the backup point) only when an existing database needs migrating', () => {
    const file = tempFile();
    const seen: number[] = [];
    const hook = (_db: unknown, v: number) => seen.push(v);
    openDatabase(file, { beforeMigrate: hook }).close(); // new file: nothing to protect
    const next = [
      ...migrations,
      { version: LATEST_VERSION + 1, name: 'test step', sql: 'CREATE TABLE test_step (x INTEGER)' },
    ];
    openDatabase(file, { migrations: next, beforeMigrate: hook }).close();
    openDatabase(file, { migrations: next, beforeMigrate: hook }).close(); // up to date: no hook
    expect(seen).toEqual([LATEST_VERSION]);
  });

  it('refuses a database from a newer app, without changing it', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Caseload/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    check.close();
  });
});
