import { type ChannelName, type Output, type Parsed, contract } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/types';
import { localToday } from '../../shared/domain/dates';
import { type Sqlite, schemaVersion } from '../db/db';
import * as minutes from '../db/queries/minutes';
import * as plans from '../db/queries/plans';
import { loadSampleCaseload } from '../db/sample';
import * as schools from '../db/queries/schools';
import * as sessions from '../db/queries/sessions';
import * as settings from '../db/queries/settings';
import * as students from '../db/queries/students';
import { AppError, fromZod } from './errors';

export interface HandlerContext {
  db: Sqlite;
  /** Where the caseload file lives, shown to the user. */
  dataPath: string;
  /** The school date "today" (tests fix it). */
  today?: () => string;
  /** Reports unexpected errors without student data (message only). */
  onInternalError?: (channel: string, error: unknown) => void;
}

type Impl = { [K in ChannelName]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> };

const impl: Impl = {
  getAppState: (_i, { db, dataPath }) => {
    const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return {
      schools: count('schools'),
      students: count('students'),
      sessions: count('sessions'),
      dataPath,
      schemaVersion: schemaVersion(db),
    };
  },
  loadSampleCaseload: (_i, ctx) => {
    loadSampleCaseload(ctx.db, today(ctx));
    return impl.getAppState(undefined, ctx);
  },
  getSettings: (_i, { db }) => settings.getSettings(db),
  updateSettings: (i, { db }) => settings.updateSettings(db, i),

  listSchools: (_i, { db }) => schools.listSchools(db),
  createSchool: (i, { db }) => schools.createSchool(db, i),
  updateSchool: (i, { db }) => schools.updateSchool(db, i),
  deleteSchool: (i, { db }) => schools.deleteSchool(db, i.id),
  listSchoolYears: (i, { db }) => schools.listSchoolYears(db, i.id),
  createSchoolYear: (i, { db }) => schools.createSchoolYear(db, i),
  updateSchoolYear: (i, { db }) => schools.updateSchoolYear(db, i),
  deleteSchoolYear: (i, { db }) => schools.deleteSchoolYear(db, i.id),
  addClosure: (i, { db }) => schools.addClosure(db, i),
  deleteClosure: (i, { db }) => schools.deleteClosure(db, i.id),
  copyCalendar: (i, { db }) => schools.copyCalendar(db, i),
  setReportingPeriods: (i, { db }) => schools.setReportingPeriods(db, i),

  listStudents: (i, ctx) => students.listStudents(ctx.db, i, today(ctx)),
  getStudent: (i, { db }) => students.getStudentDetail(db, i.id),
  createStudent: (i, { db }) => students.createStudent(db, i),
  updateStudent: (i, { db }) => students.updateStudent(db, i),
  deleteStudent: (i, { db }) => students.deleteStudent(db, i.id),
  importRoster: (i, { db }) => students.importRoster(db, i.csv),

  createPlan: (i, { db }) => plans.createPlan(db, i),
  updatePlan: (i, { db }) => plans.updatePlan(db, i),
  deletePlan: (i, { db }) => plans.deletePlan(db, i.id),
  createServiceLine: (i, { db }) => plans.createServiceLine(db, i),
  correctServiceLine: (i, { db }) => plans.correctServiceLine(db, i),
  amendServiceLine: (i, { db }) => plans.amendServiceLine(db, i),
  endServiceLine: (i, { db }) => plans.endServiceLine(db, i),
  deleteServiceLine: (i, { db }) => plans.deleteServiceLine(db, i.id),
  createGoal: (i, { db }) => plans.createGoal(db, i),
  updateGoal: (i, { db }) => plans.updateGoal(db, i),
  deleteGoal: (i, { db }) => plans.deleteGoal(db, i.id),

  createSession: (i, { db }) => sessions.createSession(db, i),
  updateSession: (i, { db }) => sessions.updateSession(db, i),
  deleteSession: (i, { db }) => sessions.deleteSession(db, i.id),
  getSession: (i, { db }) => sessions.getSession(db, i.id),
  listSessions: (i, { db }) => sessions.listSessions(db, i),
  listOpenMisses: (i, { db }) => sessions.listOpenMisses(db, i.studentId),

  studentMinutes: (i, ctx) => minutes.studentMinutes(ctx.db, i.studentId, i.from, i.to, today(ctx)),
  studentOverview: (i, ctx) => minutes.studentOverview(ctx.db, i.id, today(ctx)),
  caseloadCompliance: (i, ctx) => minutes.caseloadCompliance(ctx.db, i, today(ctx)),
  listDeadlines: (_i, ctx) => minutes.listDeadlines(ctx.db, today(ctx)),
};

function today(ctx: HandlerContext): string {
  return ctx.today ? ctx.today() : localToday();
}

/** Channels after which the cached school calendars must be re-read. */
const CALENDAR_WRITES = new Set<ChannelName>([
  'createSchool',
  'updateSchool',
  'deleteSchool',
  'createSchoolYear',
  'updateSchoolYear',
  'deleteSchoolYear',
  'addClosure',
  'deleteClosure',
  'copyCalendar',
  'setReportingPeriods',
  'loadSampleCaseload',
  'importRoster',
]);

export type Handlers = { [K in ChannelName]: (input: unknown) => Result<Output<K>> };

/**
 * The one handler table: validates each input against the contract, runs the query, and returns
 * errors as data. Used by Electron's ipcMain, by the end-to-end server and by the tests alike.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const table = {} as Record<ChannelName, (input: unknown) => Result<unknown>>;
  for (const name of Object.keys(contract) as ChannelName[]) {
    table[name] = (input: unknown) => {
      const parsed = contract[name].input.safeParse(input ?? undefined);
      if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
      try {
        const value = (impl[name] as (i: unknown, c: HandlerContext) => unknown)(parsed.data, ctx);
        if (CALENDAR_WRITES.has(name)) minutes.invalidateCalendars(ctx.db);
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: toApiError(name, e, ctx) };
      }
    };
  }
  return table as Handlers;
}

function toApiError(channel: string, e: unknown, ctx: HandlerContext): ApiError {
  if (e instanceof AppError) return { code: e.code, message: e.message, field: e.field };
  const code = (e as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return { code: 'conflict', message: 'That change conflicts with records already saved; nothing was changed.' };
  }
  ctx.onInternalError?.(channel, e);
  return {
    code: 'internal',
    message: 'Caseload could not finish that. Nothing was changed. If it happens again, restart the app.',
  };
}
