import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../electron/db/cipher';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, NewerDatabaseError, openDatabase, schemaVersion } from '../../electron/db/db';
import { migrations } from '../../electron/db/migrations';
import { EXPORT_TABLES } from '../../electron/db/transfer';
import { checkRecords } from '../../electron/db/queries/records-check';
import { serviceLog } from '../../electron/db/queries/reports';
import { studentMinutes } from '../../electron/db/queries/minutes';

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

  it('migration 5 (the schedule) keeps schools, students and sessions, and the new tables work', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < 5) });
    db.prepare("INSERT INTO schools (id, name) VALUES (1, 'Lincoln')").run();
    db.prepare("INSERT INTO students (id, first_name, last_name, school_id) VALUES (1, 'Ava', 'Nguyen', 1)").run();
    db.prepare(
      "INSERT INTO sessions (id, date, start_time, minutes, setting, grouping) VALUES (1, '2026-10-14', '09:00', 30, 'pull_out', 'individual')",
    ).run();
    db.prepare(
      "INSERT INTO attendance (session_id, student_id, code, minutes, date) VALUES (1, 1, 'present', 30, '2026-10-14')",
    ).run();
    db.close();
    const after = openDatabase(file);
    expect(schemaVersion(after)).toBe(LATEST_VERSION);
    expect(after.prepare('SELECT count(*) AS n FROM attendance').get()).toEqual({ n: 1 });
    after
      .prepare(
        "INSERT INTO slots (id, school_id, start_time, end_time, setting, grouping, start_date, recurrence, days) VALUES (1, 1, '09:00', '09:30', 'pull_out', 'individual', '2026-09-01', 'weekdays', '2')",
      )
      .run();
    after.prepare("INSERT INTO occurrence_sessions (session_id, slot_id, date) VALUES (1, 1, '2026-10-14')").run();
    // Deleting the session drops its link to the occurrence, never the slot.
    after.prepare('DELETE FROM sessions WHERE id = 1').run();
    expect(after.prepare('SELECT count(*) AS n FROM occurrence_sessions').get()).toEqual({ n: 0 });
    expect(after.prepare('SELECT count(*) AS n FROM slots').get()).toEqual({ n: 1 });
    after.close();
  });

  it('migration 6 (Medicaid consent dates, evaluations) keeps students and plans; consent starts unknown', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < 6) });
    db.prepare("INSERT INTO schools (id, name) VALUES (1, 'Lincoln')").run();
    db.prepare(
      "INSERT INTO students (id, first_name, last_name, school_id, medicaid_id) VALUES (1, 'Ava', 'Nguyen', 1, 'MC1')",
    ).run();
    db.prepare(
      "INSERT INTO plans (student_id, kind, start_date, end_date, last_eval_date, medicaid_consent_expires) VALUES (1, 'IEP', '2026-08-26', '2027-06-11', '2024-01-10', '2027-01-31')",
    ).run();
    db.close();
    const after = openDatabase(file);
    expect(schemaVersion(after)).toBe(LATEST_VERSION);
    expect(
      after
        .prepare('SELECT medicaid_id AS m, medicaid_consent_from AS f, medicaid_consent_to AS t FROM students')
        .get(),
    ).toEqual({ m: 'MC1', f: null, t: null });
    expect(after.prepare('SELECT last_eval_date AS l, medicaid_consent_expires AS c FROM plans').get()).toEqual({
      l: '2024-01-10',
      c: '2027-01-31',
    });
    after
      .prepare(
        "INSERT INTO evaluations (student_id, date, start_time, minutes, cpt_code) VALUES (1, '2026-10-26', '13:00', 52, '97168')",
      )
      .run();
    expect(() =>
      after
        .prepare(
          "INSERT INTO evaluations (student_id, date, start_time, minutes, cpt_code) VALUES (1, '2026-10-26', '13:00', 52, '97530')",
        )
        .run(),
    ).toThrow(/CHECK/);
    after.prepare('DELETE FROM students WHERE id = 1').run();
    expect(after.prepare('SELECT count(*) AS n FROM evaluations').get()).toEqual({ n: 0 });
    after.close();
  });

  it('7: every student gets one open enrollment at their school; notes stay, and leaking ones are listed', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < 7) });
    db.exec(`
      INSERT INTO schools (id, name) VALUES (1, 'Lincoln'), (2, 'Washington');
      INSERT INTO school_years (school_id, label, first_day, last_day) VALUES (1, '2026-27', '2026-08-26', '2027-06-11');
      INSERT INTO students (id, first_name, last_name, school_id, status) VALUES
        (1, 'Grace', 'Hall', 1, 'active'), (2, 'Isla', 'Moore', 1, 'active'), (3, 'Old', 'Timer', 2, 'exited');
      INSERT INTO plans (id, student_id, kind, start_date, end_date) VALUES (1, 1, 'IEP', '2026-08-26', '2027-06-11');
      INSERT INTO service_lines (plan_id, service, setting, grouping, interval, minutes, start_date, end_date)
        VALUES (1, 'OT', 'pull_out', 'group', 'week', 60, '2026-08-26', '2027-06-11');
      INSERT INTO sessions (id, date, start_time, minutes, setting, grouping, note) VALUES
        (1, '2026-10-13', '09:00', 30, 'pull_out', 'group', 'Isla at field trip'),
        (2, '2026-10-14', '09:00', 30, 'pull_out', 'individual', 'Grace cut on the line');
      INSERT INTO attendance (session_id, student_id, code, minutes, date) VALUES
        (1, 1, 'present', 30, '2026-10-13'), (1, 2, 'student_unavailable', 30, '2026-10-13'),
        (2, 1, 'present', 30, '2026-10-14');
    `);
    db.close();
    const after = openDatabase(file);
    expect(
      after.prepare('SELECT student_id, school_id, start_date, end_date FROM enrollments ORDER BY student_id').all(),
    ).toEqual([
      { student_id: 1, school_id: 1, start_date: null, end_date: null },
      { student_id: 2, school_id: 1, start_date: null, end_date: null },
      { student_id: 3, school_id: 2, start_date: null, end_date: null },
    ]);
    expect(after.prepare('SELECT note FROM sessions ORDER BY id').all()).toEqual([
      { note: 'Isla at field trip' },
      { note: 'Grace cut on the line' },
    ]);
    // Figures unchanged: 60/week over the 5 school days of Oct 12–16, 60 delivered.
    const m = studentMinutes(after, 1, '2026-10-12', '2026-10-18', '2026-10-30');
    expect([m.owedTotal, m.deliveredTotal]).toEqual([60, 60]);
    // Grace's log keeps her individual note and drops the group note that names Isla.
    expect(serviceLog(after, 1, '2026-10-01', '2026-10-31').rows.map((r) => r.note)).toEqual([
      '',
      'Grace cut on the line',
    ]);
    expect(serviceLog(after, 2, '2026-10-01', '2026-10-31').rows.map((r) => r.note)).toEqual(['Isla at field trip']);
    expect(checkRecords(after, '2026-10-30').map((i) => [i.kind, i.sessionId])).toEqual([
      ['shared_note_names_student', 1],
    ]);
    after.close();
  });

  it('8: progress reports keep their versions and words; none starts reviewed; a final one still cannot change', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < 8) });
    db.exec(`
      INSERT INTO schools (id, name) VALUES (1, 'Lincoln');
      INSERT INTO school_years (id, school_id, label, first_day, last_day) VALUES (1, 1, '2026-27', '2026-08-26', '2027-06-11');
      INSERT INTO reporting_periods (id, school_year_id, label, start_date, end_date, due_date)
        VALUES (1, 1, 'Quarter 1', '2026-08-26', '2026-10-31', '2026-11-07');
      INSERT INTO students (id, first_name, last_name, school_id) VALUES (1, 'Ava', 'Nguyen', 1), (2, 'Sam', 'Lee', 1);
      INSERT INTO progress_reports (student_id, period_id, version, status, content, snapshot, finalized_at) VALUES
        (1, 1, 1, 'final', '{"goals":[]}', '{"frozen":true}', '2026-11-02T15:00:00Z'),
        (2, 1, 1, 'draft', '{"goals":[{"goalId":1,"code":"Goal met","narrative":"typed"}]}', NULL, NULL);
    `);
    db.close();
    const after = openDatabase(file);
    expect(schemaVersion(after)).toBe(LATEST_VERSION);
    expect(
      after
        .prepare('SELECT student_id, status, content, snapshot, reviewed_at FROM progress_reports ORDER BY id')
        .all(),
    ).toEqual([
      { student_id: 1, status: 'final', content: '{"goals":[]}', snapshot: '{"frozen":true}', reviewed_at: null },
      {
        student_id: 2,
        status: 'draft',
        content: '{"goals":[{"goalId":1,"code":"Goal met","narrative":"typed"}]}',
        snapshot: null,
        reviewed_at: null,
      },
    ]);
    expect(() => after.prepare("UPDATE progress_reports SET reviewed_at = 'x' WHERE student_id = 1").run()).toThrow(
      /finalised progress report cannot be changed/,
    );
    after.close();
  });

  it('migration 9 (group size of an imported session) keeps every session, and its groups count as before', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < 9) });
    db.prepare("INSERT INTO schools (id, name) VALUES (1, 'Lincoln')").run();
    db.prepare("INSERT INTO students (id, first_name, last_name, school_id) VALUES (1, 'Ava', 'Nguyen', 1)").run();
    db.prepare("INSERT INTO students (id, first_name, last_name, school_id) VALUES (2, 'Liam', 'Garcia', 1)").run();
    db.prepare(
      "INSERT INTO sessions (id, date, start_time, minutes, setting, grouping) VALUES (1, '2026-10-14', '09:00', 30, 'pull_out', 'group')",
    ).run();
    for (const st of [1, 2])
      db.prepare(
        "INSERT INTO attendance (session_id, student_id, code, minutes, date) VALUES (1, ?, 'present', 30, '2026-10-14')",
      ).run(st);
    db.close();
    const after = openDatabase(file);
    expect(after.prepare('SELECT id, group_size AS g FROM sessions').all()).toEqual([{ id: 1, g: null }]);
    expect(after.prepare('SELECT count(*) AS n FROM attendance').get()).toEqual({ n: 2 });
    expect(() => after.prepare('UPDATE sessions SET group_size = 41').run()).toThrow(/CHECK/);
    after.close();
  });

  it('10 (non-student blocks): the schedule, travel and settings stay; a block at a deleted school keeps its time', () => {
    const file = tempFile();
    const db = openDatabase(file, { migrations: migrations.filter((x) => x.version < 10) });
    db.exec(`
      INSERT INTO schools (id, name) VALUES (1, 'Lincoln'), (2, 'Oak');
      INSERT INTO travel_times (school_a, school_b, minutes, miles) VALUES (1, 2, 20, 6.5);
      INSERT INTO settings (key, value) VALUES ('providerName', '"Sam"');
      INSERT INTO slots (id, school_id, start_time, end_time, setting, grouping, start_date, recurrence, days)
        VALUES (1, 1, '09:00', '09:30', 'pull_out', 'individual', '2026-09-01', 'weekdays', '2');
    `);
    db.close();
    const after = openDatabase(file);
    expect(schemaVersion(after)).toBe(LATEST_VERSION);
    expect(after.prepare('SELECT minutes, miles FROM travel_times').all()).toEqual([{ minutes: 20, miles: 6.5 }]);
    expect(after.prepare('SELECT count(*) AS n FROM slots').get()).toEqual({ n: 1 });
    expect(after.prepare("SELECT value FROM settings WHERE key = 'providerName'").get()).toEqual({ value: '"Sam"' });
    after
      .prepare(
        "INSERT INTO work_blocks (id, kind, school_id, start_time, end_time, recurrence, start_date, end_date) VALUES (1, 'iep_meeting', 2, '13:00', '14:00', 'once', '2026-10-15', '2026-10-15')",
      )
      .run();
    expect(() =>
      after
        .prepare(
          "INSERT INTO work_blocks (kind, start_time, end_time, recurrence, start_date) VALUES ('nap', '13:00', '14:00', 'once', '2026-10-15')",
        )
        .run(),
    ).toThrow(/CHECK/);
    after.prepare('DELETE FROM travel_times').run();
    after.prepare('DELETE FROM schools WHERE id = 2').run();
    expect(after.prepare('SELECT school_id AS s, start_time AS t FROM work_blocks').all()).toEqual([
      { s: null, t: '13:00' },
    ]);
    after.close();
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
    const raw = openSqlite(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Caseload/);
    const check = openSqlite(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    check.close();
  });
});
