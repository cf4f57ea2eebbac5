import { type ChannelName, type Output, type Parsed, contract } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/api/types';
import { localToday } from '../../shared/domain/dates';
import { type Sqlite, schemaVersion } from '../db/db';
import * as minutes from '../db/queries/minutes';
import * as plans from '../db/queries/plans';
import * as reports from '../db/queries/reports';
import { checkWritableFolder, safeName, writeFileAtomic } from '../reports/files';
import { progressReportHtml } from '../reports/progress-report';
import { medicaidCsv, serviceLogCsv, serviceLogHtml } from '../reports/service-log';
import type { ReportShell } from '../reports/shell';
import { join } from 'node:path';
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
  /** Dialogs, PDF engine and printing; absent where no desktop is available. */
  shell?: ReportShell;
  /** The moment of a write, for finalisation stamps (tests fix it). */
  now?: () => string;
  /** Reports unexpected errors without student data (message only). */
  onInternalError?: (channel: string, error: unknown) => void;
}

type Impl = { [K in ChannelName]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> | Promise<Output<K>> };

function shellOf(ctx: HandlerContext): ReportShell {
  if (!ctx.shell) throw new AppError('internal', 'Printing and saving files are not available here.');
  return ctx.shell;
}

const reportFileName = (r: { student: { name: string }; period: { label: string }; version: number; status: string }) =>
  safeName(
    `${r.student.name} - ${r.period.label} progress report${r.version > 1 ? ` v${r.version}` : ''}${r.status === 'final' ? '' : ' (draft)'}.pdf`,
  );

function appState({ db, dataPath }: HandlerContext) {
  const count = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    schools: count('schools'),
    students: count('students'),
    sessions: count('sessions'),
    dataPath,
    schemaVersion: schemaVersion(db),
  };
}

const impl = {
  getAppState: (_i, ctx) => appState(ctx),
  loadSampleCaseload: (_i, ctx) => {
    loadSampleCaseload(ctx.db, today(ctx));
    return appState(ctx);
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

  listReportingPeriods: (_i, { db }) => reports.listReportingPeriods(db),
  listProgressReports: (i, { db }) => reports.listProgressReports(db, i.periodId),
  getProgressReport: (i, ctx) => reports.getProgressReport(ctx.db, i, today(ctx)),
  saveProgressReport: (i, ctx) => reports.saveProgressReport(ctx.db, i, today(ctx)),
  finaliseProgressReport: (i, ctx) => reports.finaliseProgressReport(ctx.db, i, today(ctx), now(ctx)),
  correctProgressReport: (i, ctx) => reports.correctProgressReport(ctx.db, i, today(ctx)),
  getGoalData: (i, { db }) => reports.goalDataView(db, i.goalId),
  getServiceLog: (i, { db }) => reports.serviceLog(db, i.studentId, i.from, i.to),
  chooseExportFolder: async (_i, ctx) => ({ folder: await shellOf(ctx).chooseFolder('Choose a folder for the PDFs') }),
  exportProgressReportPdf: async (i, ctx) => {
    checkWritableFolder(i.folder);
    const view = reports.getProgressReport(ctx.db, i, today(ctx));
    const pdf = await shellOf(ctx).htmlToPdf(progressReportHtml([view]));
    const file = join(i.folder, reportFileName(view));
    writeFileAtomic(file, pdf);
    return { file };
  },
  exportCombinedProgressPdf: async (i, ctx) => {
    checkWritableFolder(i.folder);
    const views = i.studentIds.map((studentId) =>
      reports.getProgressReport(ctx.db, { studentId, periodId: i.periodId }, today(ctx)),
    );
    const pdf = await shellOf(ctx).htmlToPdf(progressReportHtml(views));
    const file = join(
      i.folder,
      safeName(`All progress reports - ${views[0]!.period.label} - ${views[0]!.student.schoolName}.pdf`),
    );
    writeFileAtomic(file, pdf);
    return { file, rows: views.length };
  },
  saveProgressReportPdf: async (i, ctx) => {
    const view = reports.getProgressReport(ctx.db, i, today(ctx));
    const shell = shellOf(ctx);
    const file = await shell.chooseSavePath(reportFileName(view), 'pdf');
    if (!file) return { file: null };
    writeFileAtomic(file, await shell.htmlToPdf(progressReportHtml([view])));
    return { file };
  },
  printProgressReport: async (i, ctx) => {
    const view = reports.getProgressReport(ctx.db, i, today(ctx));
    return { printed: await shellOf(ctx).printHtml(progressReportHtml([view])) };
  },
  exportServiceLog: async (i, ctx) => {
    const log = reports.serviceLog(ctx.db, i.studentId, i.from, i.to);
    const shell = shellOf(ctx);
    const file = await shell.chooseSavePath(
      safeName(`${log.student.name} - service log ${i.from} to ${i.to}.${i.format}`),
      i.format,
    );
    if (!file) return { file: null };
    writeFileAtomic(file, i.format === 'csv' ? serviceLogCsv(log) : await shell.htmlToPdf(serviceLogHtml(log)));
    return { file, rows: log.rows.length };
  },
  exportMedicaidCsv: async (i, ctx) => {
    const { rows, notes } = reports.medicaidLog(ctx.db, i.month);
    const file = await shellOf(ctx).chooseSavePath(safeName(`Medicaid log ${i.month}.csv`), 'csv');
    if (!file) return { file: null };
    writeFileAtomic(file, medicaidCsv(rows));
    return { file, rows: rows.length, notes };
  },
} satisfies Impl;

function now(ctx: HandlerContext): string {
  return ctx.now ? ctx.now() : new Date().toISOString().slice(0, 19) + 'Z';
}

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

/** Synchronous channels answer at once; the ones that print or write files answer with a promise. */
export type Handlers = {
  [K in ChannelName]: (
    input: unknown,
  ) => ReturnType<(typeof impl)[K]> extends Promise<unknown> ? Promise<Result<Output<K>>> : Result<Output<K>>;
};

/**
 * The one handler table: validates each input against the contract, runs the query, and returns
 * errors as data. Used by Electron's ipcMain, by the end-to-end server and by the tests alike.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const table = {} as Record<ChannelName, (input: unknown) => Result<unknown> | Promise<Result<unknown>>>;
  for (const name of Object.keys(contract) as ChannelName[]) {
    table[name] = (input: unknown) => {
      const parsed = contract[name].input.safeParse(input ?? undefined);
      if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
      try {
        const value = (impl[name] as (i: unknown, c: HandlerContext) => unknown)(parsed.data, ctx);
        if (value instanceof Promise) {
          return value.then(
            (v: unknown) => ({ ok: true as const, value: v }),
            (e: unknown) => ({ ok: false as const, error: toApiError(name, e, ctx) }),
          );
        }
        if (CALENDAR_WRITES.has(name)) minutes.invalidateCalendars(ctx.db);
        return { ok: true, value };
      } catch (e) {
        return { ok: false, error: toApiError(name, e, ctx) };
      }
    };
  }
  return table as unknown as Handlers;
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
