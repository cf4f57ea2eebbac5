import { type ChannelName, type Output, type Parsed, contract } from '../../shared/api/contract';
import type { ApiError, AuditEntry, Result } from '../../shared/api/types';
import { localToday } from '../../shared/domain/dates';
import { type Sqlite, schemaVersion } from '../db/db';
import * as minutes from '../db/queries/minutes';
import * as plans from '../db/queries/plans';
import * as reports from '../db/queries/reports';
import { checkWritableFolder, rememberWritten, safeName, writeFileAtomic, writeNewFile } from '../reports/files';
import { handoverHtml } from '../reports/handover';
import { progressReportHtml } from '../reports/progress-report';
import { medicaidCsv, serviceLogCsv, serviceLogHtml } from '../reports/service-log';
import type { ReportShell } from '../reports/shell';
import type { CaseloadStore } from '../db/store';
import { exportAll, importAll } from '../db/transfer';
import { EXPORT_EXTENSION, readExportFile, sealExport } from '../db/transfer-file';
import type { BackupInfo } from '../db/backup';
import { loadSampleCaseload } from '../db/sample';
import * as schools from '../db/queries/schools';
import * as sessions from '../db/queries/sessions';
import * as settings from '../db/queries/settings';
import * as students from '../db/queries/students';
import { AppError, fromZod } from './errors';
import { chosenFolder, shellOf } from './shell-of';
import { storageError } from './storage-errors';
import { dirname } from 'node:path';
import { scheduleHandlers } from './handlers/schedule';
import { everydayHandlers } from './handlers/everyday';
import { reportBatchHandlers } from './handlers/report-batch';
import { reportFileName as namedReportFile } from '../reports/report-names';
import { complianceHandlers } from './handlers/compliance';
import { OPEN_WHILE_LOCKED, isLocked, lockHandlers } from './handlers/lock';
import { studentFileAudited, studentFileHandlers } from './handlers/student-file';
import { yearEndAudited, yearEndCalendarWrites, yearEndHandlers } from './handlers/year-end';
import { rosterHandlers } from './handlers/roster';
import { medicaidHandlers } from './handlers/medicaid';
import { enrollmentHandlers } from './handlers/enrollment';
import { workloadHandlers } from './handlers/workload';
import { checkRecords } from '../db/queries/records-check';
import { finalReportsTouching } from '../db/queries/sessions';
import { beginTransaction } from '../db/memo';

export interface HandlerContext {
  db: Sqlite;
  /** Where the caseload file lives, shown to the user. */
  dataPath: string;
  /** The school date "today" (tests fix it). */
  today?: () => string;
  /** The file, its backups and recovery; absent in tests that use a bare database. */
  store?: CaseloadStore;
  /** Dialogs, PDF engine and printing; absent where no desktop is available. */
  shell?: ReportShell;
  /** The moment of a write, for finalisation stamps (tests fix it). */
  now?: () => string;
  /** Reports unexpected errors without student data (message only). */
  onInternalError?: (channel: string, error: unknown) => void;
}

export type Impl = { [K in ChannelName]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> | Promise<Output<K>> };

function storeOf(ctx: HandlerContext): CaseloadStore {
  if (!ctx.store) throw new AppError('internal', 'Backups are not available here.');
  return ctx.store;
}

const backupRow = ({ name, createdAt, reason, bytes, students, sessions }: BackupInfo) => ({
  name,
  createdAt,
  reason,
  bytes,
  students,
  sessions,
});

/** Which document a progress report file holds (files.ts: a re-save replaces Caseload's own copy). */
const reportIdentity = (r: { student: { id: number }; period: { id: number }; version: number; status: string }) =>
  `progress-report:${r.student.id}:${r.period.id}:v${r.version}:${r.status}`;

const reportFileName = (r: { student: { name: string }; period: { label: string }; version: number; status: string }) =>
  namedReportFile({ name: r.student.name, periodLabel: r.period.label, version: r.version, status: r.status });

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
  updateStudent: (i, ctx) => students.updateStudent(ctx.db, i, today(ctx)),
  deleteStudent: (i, { db }) => students.deleteStudent(db, i.id),
  ...rosterHandlers,
  ...medicaidHandlers,
  ...enrollmentHandlers,
  checkRecords: (_i, ctx) => checkRecords(ctx.db, today(ctx)),

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

  createSession: (i, ctx) => sessions.createSession(ctx.db, i, today(ctx)),
  updateSession: (i, ctx) => sessions.updateSession(ctx.db, i, today(ctx)),
  deleteSession: (i, { db }) => sessions.deleteSession(db, i.id, i.confirmFinalReport),
  getSession: (i, { db }) => sessions.getSession(db, i.id),
  listSessions: (i, { db }) => sessions.listSessions(db, i),
  listOpenMisses: (i, { db }) => sessions.listOpenMisses(db, i.studentId),

  studentMinutes: (i, ctx) => minutes.studentMinutes(ctx.db, i.studentId, i.from, i.to, today(ctx)),
  studentOverview: (i, ctx) => minutes.studentOverview(ctx.db, i.id, today(ctx)),
  caseloadCompliance: (i, ctx) => minutes.caseloadCompliance(ctx.db, i, today(ctx)),
  listDeadlines: (_i, ctx) => minutes.listDeadlines(ctx.db, today(ctx)),
  ...complianceHandlers,

  listReportingPeriods: (_i, { db }) => reports.listReportingPeriods(db),
  listProgressReports: (i, { db }) => reports.listProgressReports(db, i.periodId),
  getProgressReport: (i, ctx) => reports.getProgressReport(ctx.db, i, today(ctx)),
  saveProgressReport: (i, ctx) => reports.saveProgressReport(ctx.db, i, today(ctx)),
  finaliseProgressReport: (i, ctx) => reports.finaliseProgressReport(ctx.db, i, today(ctx), now(ctx)),
  correctProgressReport: (i, ctx) => reports.correctProgressReport(ctx.db, i, today(ctx)),
  getGoalData: (i, { db }) => reports.goalDataView(db, i.goalId),
  getServiceLog: (i, { db }) => reports.serviceLog(db, i.studentId, i.from, i.to),
  chooseExportFolder: async (_i, ctx) => ({ folder: await shellOf(ctx).chooseFolder('Choose a folder for the PDFs') }),
  // The page names the folder; it is written to only when the person chose it in Caseload's own dialog
  // in this run (shell-of.ts), and a name already there gets " (2)" rather than being overwritten.
  exportProgressReportPdf: async (i, ctx) => {
    checkWritableFolder(i.folder);
    const folder = chosenFolder(ctx, i.folder);
    const view = reports.getProgressReport(ctx.db, i, today(ctx));
    const pdf = await shellOf(ctx).htmlToPdf(progressReportHtml([view]));
    const name = i.fileName ? safeName(i.fileName) : reportFileName(view);
    return { file: writeNewFile(folder, name, pdf, reportIdentity(view)) };
  },
  exportCombinedProgressPdf: async (i, ctx) => {
    checkWritableFolder(i.folder);
    const folder = chosenFolder(ctx, i.folder);
    const views = i.studentIds.map((studentId) =>
      reports.getProgressReport(ctx.db, { studentId, periodId: i.periodId }, today(ctx)),
    );
    const pdf = await shellOf(ctx).htmlToPdf(progressReportHtml(views));
    const name = `All progress reports - ${views[0]!.period.label} - ${views[0]!.student.schoolName}.pdf`;
    const what = `progress-reports:${i.periodId}:${views.map(reportIdentity).join(',')}`;
    return { file: writeNewFile(folder, name, pdf, what), rows: views.length };
  },
  saveProgressReportPdf: async (i, ctx) => {
    const view = reports.getProgressReport(ctx.db, i, today(ctx));
    const shell = shellOf(ctx);
    const file = await shell.chooseSavePath(reportFileName(view), 'pdf');
    if (!file) return { file: null };
    writeFileAtomic(file, await shell.htmlToPdf(progressReportHtml([view])));
    rememberWritten(file, reportIdentity(view));
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

  exportStudentHandover: async (i, ctx) => {
    const detail = students.getStudentDetail(ctx.db, i.id);
    // The log runs from the student's first IEP or session, whichever is earlier.
    const first = ctx.db
      .prepare(
        `SELECT min(d) AS d FROM (SELECT min(start_date) AS d FROM plans WHERE student_id = ?
         UNION ALL SELECT min(date) FROM attendance WHERE student_id = ?)`,
      )
      .get(i.id, i.id) as { d: string | null };
    const log = reports.serviceLog(ctx.db, i.id, first.d ?? today(ctx), today(ctx));
    const finals = reports.finalReports(ctx.db, i.id, today(ctx));
    const shell = shellOf(ctx);
    const file = await shell.chooseSavePath(safeName(`${log.student.name} - records for handover.pdf`), 'pdf');
    if (!file) return { file: null };
    writeFileAtomic(file, await shell.htmlToPdf(handoverHtml(detail, log, finals, today(ctx))));
    return { file, rows: log.rows.length };
  },
  getStartupNotice: (_i, ctx) => ctx.store?.notice ?? null,
  listBackups: (_i, ctx) => ({ folder: storeOf(ctx).backupDir, backups: storeOf(ctx).list().map(backupRow) }),
  backupNow: async (_i, ctx) => backupRow(await storeOf(ctx).backup('manual')),
  restoreBackup: async (i, ctx) => {
    const store = storeOf(ctx);
    const r = await store.restore(i.name);
    ctx.db = store.db;
    return { restored: backupRow(r.restored), undo: backupRow(r.undo) };
  },
  startFresh: async (_i, ctx) => {
    const store = storeOf(ctx);
    const kept = await store.startFresh();
    ctx.db = store.db;
    return { kept: backupRow(kept) };
  },
  exportEverything: async (i, ctx) => {
    // Every export file is sealed: a whole caseload never leaves the app as readable text.
    if (!i?.passphrase)
      throw new AppError(
        'invalid',
        'Passphrase: choose a passphrase to protect the export (at least 8 characters). Nothing was exported.',
        'passphrase',
      );
    const file = await shellOf(ctx).chooseSavePath(`Caseload export ${today(ctx)}.${EXPORT_EXTENSION}`, 'caseload');
    if (!file) return { file: null };
    const data = exportAll(ctx.db, now(ctx));
    writeFileAtomic(file, await sealExport(data, i.passphrase));
    return { file, rows: Object.values(data.tables).reduce((n, t) => n + t.length, 0) };
  },
  importEverything: async (i, ctx) => {
    const file = await shellOf(ctx).chooseOpenPath('caseload');
    if (!file) return { file: null };
    const raw = await readExportFile(file, i?.passphrase);
    if (ctx.store) await ctx.store.backup('before-import');
    const { rows } = importAll(ctx.db, raw);
    minutes.invalidateCalendars(ctx.db);
    return { file, rows };
  },
  listAudit: (i, { db }) =>
    db
      .prepare(
        `SELECT id, at, action, student_id AS studentId, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?`,
      )
      .all(i.limit) as AuditEntry[],
  ...scheduleHandlers,
  ...workloadHandlers,
  ...yearEndHandlers,
  ...everydayHandlers,
  ...reportBatchHandlers,
  ...lockHandlers,
  ...studentFileHandlers,
} satisfies Impl;

interface AuditNote {
  studentId?: number | null;
  subject?: string | null;
  detail?: string | null;
}

const nameOf = (db: Sqlite, studentId: number) =>
  (
    db.prepare(`SELECT first_name || ' ' || last_name AS n FROM students WHERE id = ?`).get(studentId) as
      { n: string } | undefined
  )?.n ?? null;

function sessionNote(db: Sqlite, id: number): AuditNote {
  const s = db.prepare('SELECT date, start_time AS t, minutes, setting FROM sessions WHERE id = ?').get(id) as
    { date: string; t: string; minutes: number; setting: string } | undefined;
  const who = db
    .prepare(
      `SELECT group_concat(st.first_name || ' ' || st.last_name, ', ') AS n, min(a.student_id) AS sid FROM attendance a JOIN students st ON st.id = a.student_id WHERE a.session_id = ?`,
    )
    .get(id) as { n: string | null; sid: number | null };
  return {
    studentId: who.sid,
    subject: who.n,
    detail: s ? `session ${s.date} ${s.t}, ${s.minutes} min ${s.setting}` : null,
  };
}

function reportNote(db: Sqlite, i: { studentId: number; periodId: number; version?: number | undefined }): AuditNote {
  const p = db.prepare('SELECT label FROM reporting_periods WHERE id = ?').get(i.periodId) as
    { label: string } | undefined;
  return {
    studentId: i.studentId,
    subject: nameOf(db, i.studentId),
    detail: `${p?.label ?? 'period'} progress report${i.version ? ` v${i.version}` : ''}`,
  };
}

/**
 * What the audit trail records, and what it notes: read before the action for deletions (the record
 * is gone after), from the input otherwise.
 */
const AUDITED: Partial<{
  [K in ChannelName]: {
    action: string;
    note: (input: Parsed<K>, db: Sqlite) => AuditNote;
    /** What the action did, added to the note once it has run. */
    outcome?: (value: Output<K>) => string;
  };
}> = {
  deleteStudent: { action: 'deleted student', note: (i, db) => ({ studentId: i.id, subject: nameOf(db, i.id) }) },
  deleteSession: {
    action: 'deleted session',
    note: (i, db) => withFinal(sessionNote(db, i.id), finalReportsTouching(db, i.id, null)),
  },
  updateSession: {
    action: 'edited session',
    note: (i, db) => withFinal(sessionNote(db, i.id), finalReportsTouching(db, i.id, i)),
  },
  updateStudent: {
    action: 'edited student',
    note: (i, db) => ({ studentId: i.id, subject: nameOf(db, i.id), detail: studentChanges(db, i) }),
  },
  transferStudent: {
    action: 'transferred student',
    note: (i, db) => ({
      studentId: i.studentId,
      subject: nameOf(db, i.studentId),
      detail: `to ${schoolName(db, i.schoolId)} from ${i.date}: ${i.reason}`,
    }),
  },
  exitStudent: {
    action: 'exited student',
    note: (i, db) => ({
      studentId: i.studentId,
      subject: nameOf(db, i.studentId),
      detail: `last day ${i.date}: ${i.reason}`,
    }),
  },
  reactivateStudent: {
    action: 'reactivated student',
    note: (i, db) => ({ studentId: i.studentId, subject: nameOf(db, i.studentId), detail: `from ${i.date}` }),
  },
  correctServiceLine: {
    action: 'corrected service line',
    note: (i, db) => {
      const l = db
        .prepare(
          `SELECT p.student_id AS s, l.setting, l.interval, l.minutes, l.start_date AS a, l.end_date AS b
           FROM service_lines l JOIN plans p ON p.id = l.plan_id WHERE l.id = ?`,
        )
        .get(i.id) as
        { s: number; setting: string; interval: string; minutes: number; a: string; b: string } | undefined;
      return l
        ? {
            studentId: l.s,
            subject: nameOf(db, l.s),
            detail: `line #${i.id} was ${l.minutes} min/${l.interval} ${l.setting}, ${l.a} to ${l.b}`,
          }
        : {};
    },
  },
  endServiceLine: { action: 'ended service line', note: (i) => ({ detail: `line #${i.id} ends ${i.endDate}` }) },
  deletePlan: {
    action: 'deleted IEP',
    note: (i, db) => {
      const p = db
        .prepare('SELECT student_id AS s, start_date AS a, end_date AS b FROM plans WHERE id = ?')
        .get(i.id) as { s: number; a: string; b: string } | undefined;
      return p ? { studentId: p.s, subject: nameOf(db, p.s), detail: `IEP ${p.a} to ${p.b}` } : {};
    },
  },
  deleteServiceLine: { action: 'deleted service line', note: (i) => ({ detail: `line #${i.id}` }) },
  deleteGoal: { action: 'deleted goal', note: (i) => ({ detail: `goal #${i.id}` }) },
  deleteSchool: {
    action: 'deleted school',
    note: (i, db) => ({
      subject:
        (db.prepare('SELECT name FROM schools WHERE id = ?').get(i.id) as { name: string } | undefined)?.name ?? null,
    }),
  },
  finaliseProgressReport: { action: 'finalised report', note: (i, db) => reportNote(db, i) },
  printProgressReport: { action: 'printed report', note: (i, db) => reportNote(db, i) },
  saveProgressReportPdf: { action: 'exported report PDF', note: (i, db) => reportNote(db, i) },
  exportProgressReportPdf: { action: 'exported report PDF', note: (i, db) => reportNote(db, i) },
  exportCombinedProgressPdf: {
    action: 'exported combined report PDF',
    note: (i) => ({ detail: `${i.studentIds.length} reports` }),
  },
  exportServiceLog: {
    action: 'exported service log',
    note: (i, db) => ({
      studentId: i.studentId,
      subject: nameOf(db, i.studentId),
      detail: `${i.format.toUpperCase()} ${i.from} to ${i.to}`,
    }),
  },
  exportMedicaidCsv: { action: 'exported Medicaid log', note: (i) => ({ detail: i.month }) },
  exportMileageCsv: { action: 'exported mileage log', note: (i) => ({ detail: `CSV ${i.from} to ${i.to}` }) },
  exportCompliance: {
    action: 'exported compliance',
    note: (i) => ({
      detail: `${i.format.toUpperCase()} ${i.from} to ${i.to}${i.schoolId ? ` school #${i.schoolId}` : ''}`,
    }),
  },
  exportStudentHandover: {
    action: 'exported handover packet',
    note: (i, db) => ({ studentId: i.id, subject: nameOf(db, i.id) }),
  },
  exportEverything: { action: 'exported everything', note: () => ({}) },
  importEverything: { action: 'imported everything', note: () => ({}) },
  restoreBackup: { action: 'restored backup', note: (i) => ({ detail: i.name }) },
  startFresh: { action: 'started a new, empty caseload', note: () => ({}) },
  exportMedicaidLog: {
    action: 'exported Medicaid log',
    note: (i) => ({ detail: `${i.format.toUpperCase()} ${i.month}` }),
  },
  createEvaluation: {
    action: 'logged evaluation',
    note: (i, db) => ({
      studentId: i.studentId,
      subject: nameOf(db, i.studentId),
      detail: `${i.cptCode} on ${i.date}`,
    }),
  },
  deleteEvaluation: {
    action: 'deleted evaluation',
    note: (i, db) => {
      const e = db.prepare('SELECT student_id AS s, date, cpt_code AS c FROM evaluations WHERE id = ?').get(i.id) as
        { s: number; date: string; c: string } | undefined;
      return e ? { studentId: e.s, subject: nameOf(db, e.s), detail: `${e.c} on ${e.date}` } : {};
    },
  },
  importRoster: {
    action: 'imported roster',
    note: (i) => ({ detail: i.fileName ?? null }),
    outcome: (v) => `${v.created} added, ${v.updated} updated, ${v.skipped.length} skipped`,
  },
  ...yearEndAudited,
  ...studentFileAudited,
};

function withFinal(note: AuditNote, finals: string[]): AuditNote {
  if (!finals.length) return note;
  return { ...note, detail: `${note.detail ?? ''} (inside a period with a final report: ${finals.join(', ')})`.trim() };
}

const schoolName = (db: Sqlite, id: number) =>
  (db.prepare('SELECT name FROM schools WHERE id = ?').get(id) as { name: string } | undefined)?.name ?? `#${id}`;

/** Which fields a student edit changes, by name only (values stay out of the trail). */
function studentChanges(db: Sqlite, i: Parsed<'updateStudent'>): string | null {
  const b = db
    .prepare(
      `SELECT first_name AS firstName, last_name AS lastName, preferred_name AS preferredName,
        date_of_birth AS dateOfBirth, grade, school_id AS schoolId, teacher, district_student_id AS districtStudentId,
        medicaid_id AS medicaidId, status FROM students WHERE id = ?`,
    )
    .get(i.id) as Record<string, unknown> | undefined;
  if (!b) return null;
  const labels: Record<string, string> = {
    firstName: 'first name',
    lastName: 'last name',
    preferredName: 'preferred name',
    dateOfBirth: 'date of birth',
    grade: 'grade',
    schoolId: 'school',
    teacher: 'teacher',
    districtStudentId: 'district student ID',
    medicaidId: 'Medicaid ID',
    status: 'status',
  };
  const changed = Object.keys(labels).filter(
    (k) => (b[k] ?? null) !== ((i as unknown as Record<string, unknown>)[k] ?? null),
  );
  return changed.length ? `changed ${changed.map((k) => labels[k]).join(', ')}` : 'no change';
}

type Audit = { action: string; note: (i: unknown, db: Sqlite) => AuditNote; outcome?: (v: unknown) => string };

function writeAudit(db: Sqlite, at: string, audit: Audit, note: AuditNote, result: unknown) {
  const { action } = audit;
  const file = (result as { file?: string | null } | null)?.file;
  if (file === null) return; // the person cancelled the dialog: nothing happened
  if ((result as { printed?: boolean } | null)?.printed === false) return; // print dialog cancelled
  const detail =
    [note.detail, file ? `to ${file}` : null, audit.outcome ? `(${audit.outcome(result)})` : null]
      .filter(Boolean)
      .join(' ') || null;
  db.prepare('INSERT INTO audit_log (at, action, student_id, subject, detail) VALUES (?, ?, ?, ?, ?)').run(
    at,
    action,
    note.studentId ?? null,
    note.subject ?? null,
    detail,
  );
}

function now(ctx: HandlerContext): string {
  return ctx.now ? ctx.now() : new Date().toISOString().slice(0, 19) + 'Z';
}

function today(ctx: HandlerContext): string {
  return ctx.today ? ctx.today() : localToday();
}

/** Channels that print, write files or touch backups: they answer with a promise. */
const ASYNC_CHANNELS = new Set<ChannelName>(
  (Object.keys(impl) as ChannelName[]).filter((k) => impl[k].constructor.name === 'AsyncFunction'),
);

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
  ...yearEndCalendarWrites,
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
      let parsed: ReturnType<(typeof contract)[typeof name]['input']['safeParse']>;
      try {
        parsed = contract[name].input.safeParse(input);
      } catch {
        // A schema must never throw; if one does, the answer is still a refusal, not a crash.
        return {
          ok: false,
          error: { code: 'invalid', message: 'Input: this request is not in a form Caseload understands.' },
        };
      }
      if (!parsed.success) return { ok: false, error: fromZod(parsed.error) };
      if (!OPEN_WHILE_LOCKED.has(name) && isLocked(ctx)) {
        return { ok: false, error: { code: 'forbidden', message: 'Caseload is locked. Unlock it to carry on.' } };
      }
      const run = impl[name] as (i: unknown, c: HandlerContext) => unknown;
      const audit = AUDITED[name] as Audit | undefined;
      try {
        if (ASYNC_CHANNELS.has(name)) {
          const note = audit?.note(parsed.data, ctx.db);
          return (run(parsed.data, ctx) as Promise<unknown>).then(
            (v: unknown) => {
              if (audit && note) writeAudit(ctx.db, now(ctx), audit, note, v);
              return { ok: true as const, value: v };
            },
            (e: unknown) => ({ ok: false as const, error: toApiError(name, e, ctx) }),
          );
        }
        // One user action, one transaction: the change and its audit entry land together or not at all.
        const value = ctx.db.transaction(() => {
          beginTransaction(ctx.db);
          const note = audit?.note(parsed.data, ctx.db);
          const v = run(parsed.data, ctx);
          if (audit && note) writeAudit(ctx.db, now(ctx), audit, note, v);
          return v;
        })();
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
  // Disk full, read-only file or folder, file in use: each says what happened and what to do.
  const storage = storageError(e, dirname(ctx.dataPath));
  if (storage) return { code: storage.code, message: storage.message };
  ctx.onInternalError?.(channel, e);
  return {
    code: 'internal',
    message: 'Caseload could not finish that. Nothing was changed. If it happens again, restart the app.',
  };
}
