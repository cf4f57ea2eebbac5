import type { z } from 'zod';
import * as s from './schemas';
import * as ss from './schemas-schedule';
import * as se from './schemas-everyday';
import * as sc from './schemas-compliance';
import * as sec from './schemas-security';
import * as sm from './schemas-medicaid';
import * as sen from './schemas-enrollment';
import type * as tsec from './types-security';
import type * as t from './types';
import type * as ts from './types-schedule';
import * as sf from './schemas-student-file';
import * as ye from './schemas-year-end';
import type * as tsf from './types-student-file';
import type * as tye from './types-year-end';
import * as sr from './schemas-roster';
import type * as tr from './types-roster';
import type * as tm from './types-medicaid';
import type * as te from './types-everyday';
import * as srb from './schemas-reports';
import type * as trb from './types-reports';
import * as sw from './schemas-workload';
import type * as tw from './types-workload';
import type { ChannelName } from './channels';

export { CHANNELS, CHANNEL_PREFIX, type ChannelName } from './channels';

/** A channel: its input schema and (phantom) output type. */
function channel<I extends z.ZodType>(input: I) {
  return { returns: <O>() => ({ input, output: undefined as unknown as O }) };
}

/**
 * Every IPC channel of the app, declared once. The preload exposes one function per key, the main
 * process registers one handler per key, and the end-to-end harness serves the same table.
 */
export const contract = {
  getAppState: channel(s.Empty).returns<t.AppState>(),
  loadSampleCaseload: channel(s.Empty).returns<t.AppState>(),
  getSettings: channel(s.Empty).returns<t.AppSettings>(),
  updateSettings: channel(s.SettingsInput).returns<t.AppSettings>(),

  listSchools: channel(s.Empty).returns<t.School[]>(),
  createSchool: channel(s.SchoolInput).returns<t.School>(),
  updateSchool: channel(s.SchoolUpdate).returns<t.School>(),
  deleteSchool: channel(s.IdInput).returns<{ id: number }>(),
  listSchoolYears: channel(s.IdInput).returns<t.SchoolYear[]>(),
  createSchoolYear: channel(s.SchoolYearInput).returns<t.SchoolYear>(),
  updateSchoolYear: channel(s.SchoolYearUpdate).returns<t.SchoolYear>(),
  deleteSchoolYear: channel(s.IdInput).returns<{ id: number }>(),
  addClosure: channel(s.ClosureInput).returns<t.SchoolYear>(),
  deleteClosure: channel(s.IdInput).returns<t.SchoolYear>(),
  copyCalendar: channel(s.CopyCalendarInput).returns<t.SchoolYear>(),
  setReportingPeriods: channel(s.ReportingPeriodsInput).returns<t.SchoolYear>(),

  listStudents: channel(s.StudentFilter).returns<t.StudentRow[]>(),
  getStudent: channel(s.IdInput).returns<t.StudentDetail>(),
  createStudent: channel(s.StudentInput).returns<t.Student>(),
  updateStudent: channel(s.StudentUpdate).returns<t.Student>(),
  deleteStudent: channel(s.IdInput).returns<{ id: number }>(),
  importRoster: channel(sr.RosterImportInput).returns<tr.RosterImportResult>(),
  previewRoster: channel(sr.RosterPreviewInput).returns<tr.RosterPreview>(),
  transferStudent: channel(sen.TransferInput).returns<t.EnrollmentRow[]>(),
  exitStudent: channel(sen.ExitInput).returns<t.EnrollmentRow[]>(),
  reactivateStudent: channel(sen.ReactivateInput).returns<t.EnrollmentRow[]>(),
  getEnrollmentOn: channel(sen.EnrollmentOnInput).returns<t.EnrollmentOnDate>(),
  checkRecords: channel(s.Empty).returns<t.RecordIssue[]>(),

  createPlan: channel(s.PlanInput).returns<t.Plan>(),
  updatePlan: channel(s.PlanUpdate).returns<t.Plan>(),
  deletePlan: channel(s.IdInput).returns<{ id: number }>(),
  createServiceLine: channel(s.LineInput).returns<t.ServiceLine>(),
  correctServiceLine: channel(s.LineCorrection).returns<t.ServiceLine>(),
  amendServiceLine: channel(s.LineAmendment).returns<t.ServiceLine[]>(),
  endServiceLine: channel(s.LineEnd).returns<t.ServiceLine>(),
  deleteServiceLine: channel(s.IdInput).returns<{ id: number }>(),
  createGoal: channel(s.GoalInput).returns<t.Goal>(),
  updateGoal: channel(s.GoalUpdate).returns<t.Goal>(),
  deleteGoal: channel(s.IdInput).returns<{ id: number }>(),

  createSession: channel(s.SessionInput).returns<t.Session>(),
  updateSession: channel(s.SessionUpdate).returns<t.Session>(),
  deleteSession: channel(s.SessionDeleteInput).returns<{ id: number }>(),
  getSession: channel(s.IdInput).returns<t.Session>(),
  listSessions: channel(s.SessionQuery).returns<t.Session[]>(),
  listOpenMisses: channel(s.StudentIdInput).returns<t.OpenMiss[]>(),

  studentMinutes: channel(s.StudentRangeInput).returns<t.MinutesSummary>(),
  studentOverview: channel(s.IdInput).returns<t.StudentOverview>(),
  caseloadCompliance: channel(s.RangeInput).returns<t.CaseloadCompliance>(),
  listDeadlines: channel(s.Empty).returns<t.DueItem[]>(),
  exportCompliance: channel(sc.ComplianceExportInput).returns<t.ExportResult>(),

  listReportingPeriods: channel(s.Empty).returns<t.PeriodRow[]>(),
  listProgressReports: channel(s.PeriodInput).returns<t.ReportStatusRow[]>(),
  getProgressReport: channel(s.ReportVersionInput).returns<t.ProgressReportView>(),
  saveProgressReport: channel(s.ReportGoalsInput).returns<t.ProgressReportView>(),
  finaliseProgressReport: channel(s.ReportGoalsInput).returns<t.ProgressReportView>(),
  correctProgressReport: channel(s.ReportKey).returns<t.ProgressReportView>(),
  getGoalData: channel(s.GoalIdInput).returns<t.GoalDataView>(),
  getServiceLog: channel(s.ServiceLogInput).returns<t.ServiceLog>(),
  chooseExportFolder: channel(s.Empty).returns<{ folder: string | null }>(),
  exportProgressReportPdf: channel(s.ExportReportInput).returns<t.ExportResult>(),
  exportCombinedProgressPdf: channel(s.ExportCombinedInput).returns<t.ExportResult>(),
  saveProgressReportPdf: channel(s.ReportVersionInput).returns<t.ExportResult>(),
  printProgressReport: channel(s.ReportVersionInput).returns<{ printed: boolean }>(),
  exportServiceLog: channel(s.ServiceLogExportInput).returns<t.ExportResult>(),
  exportMedicaidCsv: channel(s.MonthInput).returns<t.ExportResult>(),
  exportStudentHandover: channel(s.IdInput).returns<t.ExportResult>(),
  getMedicaidLog: channel(sm.MedicaidLogInput).returns<tm.MedicaidLog>(),
  exportMedicaidLog: channel(sm.MedicaidExportInput).returns<t.ExportResult>(),
  createEvaluation: channel(sm.EvaluationInput).returns<tm.Evaluation>(),
  deleteEvaluation: channel(s.IdInput).returns<{ id: number }>(),
  listEvaluations: channel(sm.EvaluationQuery).returns<tm.Evaluation[]>(),
  evaluationWeeks: channel(s.RangeInput).returns<tm.EvaluationWeek[]>(),

  getStartupNotice: channel(s.Empty).returns<t.StartupNotice | null>(),
  listBackups: channel(s.Empty).returns<t.BackupState>(),
  backupNow: channel(s.Empty).returns<t.BackupRow>(),
  restoreBackup: channel(s.BackupName).returns<{ restored: t.BackupRow; undo: t.BackupRow }>(),
  startFresh: channel(s.Empty).returns<{ kept: t.BackupRow }>(),
  exportEverything: channel(sec.ExportEverythingInput).returns<t.ExportResult>(),
  importEverything: channel(sec.ImportEverythingInput).returns<t.ExportResult>(),
  listAudit: channel(s.AuditQuery).returns<t.AuditEntry[]>(),

  getScheduleSetup: channel(s.Empty).returns<ts.ScheduleSetup>(),
  setSchoolSchedule: channel(ss.SchoolScheduleInput).returns<ts.ScheduleSetup>(),
  setTravel: channel(ss.TravelInput).returns<ts.ScheduleSetup>(),
  listSlots: channel(ss.SlotFilter).returns<ts.Slot[]>(),
  createSlot: channel(ss.SlotInput).returns<ts.Slot>(),
  changeSlot: channel(ss.SlotChange).returns<ts.Slot>(),
  endSlot: channel(ss.SlotEnd).returns<ts.Slot>(),
  deleteSlot: channel(s.IdInput).returns<{ id: number }>(),
  addSlotStudent: channel(ss.SlotMemberInput).returns<ts.Slot>(),
  removeSlotStudent: channel(ss.SlotMemberInput).returns<ts.Slot>(),
  getAgenda: channel(ss.DateInput).returns<ts.Agenda>(),
  getWeek: channel(ss.WeekInput).returns<ts.WeekView>(),
  logOccurrenceAsPlanned: channel(ss.OccurrenceKey).returns<t.Session>(),
  logOccurrence: channel(ss.OccurrenceLog).returns<t.Session>(),
  cancelOccurrence: channel(ss.OccurrenceCancel).returns<t.Session>(),
  undoOccurrence: channel(ss.OccurrenceKey).returns<{ sessionId: number }>(),
  getSessionOccurrence: channel(s.IdInput).returns<{ slotId: number; date: string } | null>(),
  getCoverage: channel(ss.CoverageInput).returns<ts.StudentCoverage[]>(),
  previewNextYear: channel(s.Empty).returns<tye.NextYearPreview>(),
  startNextYear: channel(ye.StartNextYearInput).returns<tye.NextYearResult>(),
  exportWeekPdf: channel(ss.WeekInput).returns<t.ExportResult>(),
  offerMakeups: channel(ss.MakeupOfferInput).returns<ts.MakeupOffer>(),
  bookMakeup: channel(ss.MakeupBookInput).returns<ts.Slot>(),
  listBlocks: channel(sw.BlockFilter).returns<tw.WorkBlock[]>(),
  createBlock: channel(sw.BlockInput).returns<tw.WorkBlock>(),
  changeBlock: channel(sw.BlockChange).returns<tw.WorkBlock>(),
  deleteBlock: channel(s.IdInput).returns<{ id: number }>(),
  getWorkload: channel(sw.WorkloadInput).returns<tw.WorkloadWeek>(),
  getMileage: channel(sw.MileageInput).returns<tw.MileageLog>(),
  exportMileageCsv: channel(sw.MileageInput).returns<t.ExportResult>(),

  listCaseloadMakeups: channel(se.MakeupsQuery).returns<te.CaseloadMakeup[]>(),
  search: channel(se.SearchQuery).returns<te.SearchResults>(),
  listReportGroup: channel(srb.PeriodsInput).returns<trb.ReportGroupRow[]>(),
  markProgressReportReviewed: channel(srb.ReviewInput).returns<t.ProgressReportView>(),
  finaliseReviewedReports: channel(srb.FinaliseReviewedInput).returns<trb.FinaliseReviewedResult>(),
  getLockState: channel(s.Empty).returns<tsec.LockState>(),
  setLockSecret: channel(sec.LockSecretInput).returns<tsec.LockState>(),
  setLockIdle: channel(sec.LockIdleInput).returns<tsec.LockState>(),
  lockNow: channel(s.Empty).returns<tsec.LockState>(),
  unlock: channel(sec.UnlockInput).returns<tsec.LockState>(),
  getYearSummary: channel(ye.YearSummaryInput).returns<tye.YearSummary>(),
  exportYearSummary: channel(ye.YearSummaryExportInput).returns<t.ExportResult>(),
  exportStudentFile: channel(sf.StudentFileExportInput).returns<t.ExportResult>(),
  openStudentFile: channel(sf.StudentFileOpenInput).returns<tsf.StudentFilePreview>(),
  importStudentFile: channel(sf.StudentFileImportInput).returns<tsf.StudentFileImport>(),
} satisfies Record<ChannelName, { input: z.ZodType; output: unknown }>;

export type Contract = typeof contract;
export type Input<K extends ChannelName> = z.input<Contract[K]['input']>;
export type Parsed<K extends ChannelName> = z.output<Contract[K]['input']>;
export type Output<K extends ChannelName> = Contract[K]['output'];

/** The API the preload gives the page: one named async function per channel. */
export type CaseloadApi = {
  [K in ChannelName]: (input?: Input<K>) => Promise<t.Result<Output<K>>>;
};
