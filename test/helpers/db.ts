import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName, Input, Output } from '../../shared/api/contract';
import type { ApiError } from '../../shared/api/types';
import { closeDatabase, openDatabase, type Sqlite } from '../../electron/db/db';
import { createHandlers, type Handlers } from '../../electron/ipc/handlers';
import type { ReportShell } from '../../electron/reports/shell';

/** A real caseload database in a temp folder, with the real handler table. */
export class TestApp {
  readonly dir: string;
  readonly file: string;
  db: Sqlite;
  handlers: Handlers;
  today: string;

  shell: ReportShell | undefined;

  constructor(today = '2026-10-14', shell?: ReportShell) {
    this.shell = shell;
    this.dir = mkdtempSync(join(tmpdir(), 'caseload-test-'));
    this.file = join(this.dir, 'caseload.sqlite3');
    this.today = today;
    this.db = openDatabase(this.file);
    this.handlers = this.makeHandlers();
  }

  private makeHandlers() {
    return createHandlers({
      db: this.db,
      dataPath: this.file,
      today: () => this.today,
      now: () => `${this.today}T15:00:00Z`,
      shell: this.shell,
    });
  }

  /** Calls a channel and returns its value; throws with the error message when it fails. */
  call<K extends ChannelName>(name: K, input?: Input<K>): Output<K> {
    const r = this.handlers[name](input);
    if (r instanceof Promise) throw new Error(`${name} is asynchronous: use callAsync`);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
    return r.value as Output<K>;
  }

  async callAsync<K extends ChannelName>(name: K, input?: Input<K>): Promise<Output<K>> {
    const r = await this.handlers[name](input);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.message}`);
    return r.value as Output<K>;
  }

  /** Calls a channel that must fail, and returns the error. */
  fail<K extends ChannelName>(name: K, input: unknown): ApiError {
    const r = this.handlers[name](input);
    if (r instanceof Promise) throw new Error(`${name} is asynchronous: use failAsync`);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
    return r.error;
  }

  async failAsync<K extends ChannelName>(name: K, input: unknown): Promise<ApiError> {
    const r = await this.handlers[name](input);
    if (r.ok) throw new Error(`${name} unexpectedly succeeded`);
    return r.error;
  }

  restart() {
    closeDatabase(this.db);
    this.db = openDatabase(this.file);
    this.handlers = this.makeHandlers();
  }

  /** Every row of every table, to prove a rejected call changed nothing. */
  snapshot(): string {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    return JSON.stringify(
      tables.map((t) => [t.name, this.db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]),
    );
  }

  close() {
    closeDatabase(this.db);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A school with the 2026-27 year of the tests: first day Wed 2026-08-26, last day Fri 2027-06-11. */
export function seedSchool(app: TestApp, closures: { startDate: string; endDate?: string; label: string }[] = []) {
  const school = app.call('createSchool', { name: 'Lincoln Elementary' });
  const year = app.call('createSchoolYear', {
    schoolId: school.id,
    label: '2026-27',
    firstDay: '2026-08-26',
    lastDay: '2027-06-11',
  });
  for (const c of closures) app.call('addClosure', { schoolYearId: year.id, ...c });
  return { school, year };
}

export function seedStudent(app: TestApp, schoolId: number, firstName = 'Ava', lastName = 'Nguyen') {
  return app.call('createStudent', { firstName, lastName, schoolId, grade: '2', dateOfBirth: '2018-04-02' });
}

/** A handler's value, or the handler's error thrown: for setting up a test's data. */
export const call = <T>(r: { ok: boolean; value?: T; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

/**
 * An IEP for the 2026-27 year with one weekly group line (up to 4) per setting and minutes given;
 * the plan, for goals. For the integration tests' app and the end-to-end tests' alike.
 */
export function seedWeeklyLines(
  app: { handlers: Handlers },
  studentId: number,
  ...lines: ['push_in' | 'pull_out' | 'consult', number][]
) {
  const h = app.handlers;
  const plan = call(h.createPlan({ studentId, startDate: '2026-08-26', endDate: '2027-06-11' }));
  for (const [setting, minutes] of lines) {
    call(
      h.createServiceLine({
        planId: plan.id,
        setting,
        grouping: 'group',
        maxGroupSize: 4,
        interval: 'week',
        minutes,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      }),
    );
  }
  return plan;
}

/** A slot's recurrence on weekdays (0 = Monday … 4 = Friday). */
export const weekdays = (days: number[]) => ({ kind: 'weekdays' as const, days });
