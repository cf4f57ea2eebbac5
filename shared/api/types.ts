import type { EnrollmentRow } from './types-enrollment';
import type {
  AttendanceCode,
  Grouping,
  Interval,
  Measurement,
  MissCode,
  PlanKind,
  PromptLevel,
  Setting,
  StudentStatus,
} from '../domain/codes';
import type { JudgedCompliance, MissedByWhom } from '../domain/compliance';
import type { LedgerRow } from '../domain/makeups';
import type { EvaluationCode, UnitRule } from '../domain/medicaid';
import type { BySetting } from '../domain/minutes-owed';
import type { GoalPeriodSummary } from '../domain/progress';

export interface ApiError {
  /** `confirm`: the change needs a confirmation; send it again with the confirming flag the field names. */
  code: 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'internal' | 'confirm';
  message: string;
  field?: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface AppSettings {
  progressCodes: string[];
  providerName: string;
  credentials: string;
  district: string;
  npi: string;
  complianceThreshold: number;
  prorateShortWeeks: boolean;
  makeupCodes: MissCode[];
  /** How the Medicaid log counts units. */
  medicaidUnits: UnitRule;
  /** The therapist's contracted minutes per week, the workload summary's yardstick. */
  contractedWeeklyMinutes: number;
}

export interface AppState {
  schools: number;
  students: number;
  sessions: number;
  dataPath: string;
  schemaVersion: number;
}

export interface School {
  id: number;
  name: string;
  notes: string | null;
  studentCount: number;
}

export interface Closure {
  id: number;
  startDate: string;
  endDate: string;
  label: string;
}

export interface ReportingPeriod {
  id: number;
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
}

export interface SchoolYear {
  id: number;
  schoolId: number;
  label: string;
  firstDay: string;
  lastDay: string;
  instructionalDays: number;
  closures: Closure[];
  periods: ReportingPeriod[];
}

export interface Student {
  id: number;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  grade: string;
  schoolId: number;
  schoolName: string;
  teacher: string | null;
  districtStudentId: string | null;
  medicaidId: string | null;
  /** The parent's consent to bill Medicaid: signed on, and ended on (null: still in effect). */
  medicaidConsentFrom: string | null;
  medicaidConsentTo: string | null;
  status: StudentStatus;
}

export interface StudentRow extends Student {
  iepEndDate: string | null;
  weeklyMinutes: BySetting;
}

export interface ServiceLine {
  id: number;
  planId: number;
  service: string;
  providerRole: string;
  setting: Setting;
  grouping: Exclude<Grouping, 'whole_class'>;
  maxGroupSize: number | null;
  interval: Interval;
  minutes: number;
  sessionsCount: number | null;
  minutesPerSession: number | null;
  startDate: string;
  endDate: string;
  replacesLineId: number | null;
}

export interface Goal {
  id: number;
  planId: number;
  area: string;
  text: string;
  criterion: string | null;
  baseline: string | null;
  measurement: Measurement;
  targetValue: number | null;
  sort: number;
}

export interface Plan {
  id: number;
  studentId: number;
  kind: PlanKind;
  startDate: string;
  endDate: string;
  meetingDate: string | null;
  reevalDueDate: string | null;
  lastEvalDate: string | null;
  medicaidConsentExpires: string | null;
  lines: ServiceLine[];
  goals: Goal[];
}

export interface StudentDetail extends Student {
  plans: Plan[];
  /** Schools and dates, oldest first (docs/domain.md "Enrollment"). */
  enrollments: EnrollmentRow[];
}

export interface SessionStudent {
  attendanceId: number;
  studentId: number;
  name: string;
  code: AttendanceCode;
  minutes: number;
  makeupFor: number[];
  goalData: GoalDatum[];
  /** This student's own note for the session. */
  note: string | null;
}

export interface GoalDatum {
  id: number;
  goalId: number;
  correct: number | null;
  total: number | null;
  value: number | null;
  prompt: PromptLevel | null;
  note: string | null;
}

export interface Session {
  id: number;
  date: string;
  startTime: string;
  minutes: number;
  setting: Setting;
  grouping: Grouping;
  /** The shared activity note (names no student). */
  note: string | null;
  cptCode: string | null;
  isMakeup: boolean;
  /** Set when the session was on a day that is not instructional for its students. */
  nonSchoolDayReason: string | null;
  students: SessionStudent[];
}

export interface MinutesSummary {
  from: string;
  to: string;
  owed: BySetting;
  owedTotal: number;
  owedToDate: number;
  delivered: BySetting;
  deliveredTotal: number;
  deliveredByGrouping: Record<Grouping, number>;
  missedByCode: Record<MissCode, number>;
  missedTotal: number;
  makeupBalance: number;
  /** Delivered ÷ owed to date over the range (the pace); kept as it was for existing readers. */
  compliance: number | null;
  /** The pace under the threshold; screens flag `judged.behind` instead (docs/domain.md). */
  behind: boolean;
  outOfClass: number;
  /** Judged per setting over whole service intervals: behind, shortfall, at risk, extra. */
  judged: JudgedCompliance;
  /** Missed minutes by whom: the student, the provider, the school (every minute in one). */
  missedBy: MissedByWhom;
}

export interface WeekPoint {
  weekOf: string;
  owed: number;
  push_in: number;
  pull_out: number;
  consult: number;
}

export interface OpenMiss {
  attendanceId: number;
  sessionId: number;
  date: string;
  startTime: string;
  code: MissCode;
  minutes: number;
  outstanding: number;
}

export interface StudentOverview {
  studentId: number;
  today: string;
  periods: { key: string; label: string; summary: MinutesSummary }[];
  weekly: WeekPoint[];
  ledger: LedgerRow[];
  threshold: number;
}

export interface ComplianceRow {
  studentId: number;
  name: string;
  schoolName: string;
  grade: string;
  summary: MinutesSummary;
}

export interface CaseloadCompliance {
  from: string;
  to: string;
  threshold: number;
  rows: ComplianceRow[];
  mix: { total: number; minutes: BySetting; share: BySetting };
  totals: {
    owedToDate: number;
    delivered: number;
    makeupBalance: number;
    /** Students whose pace is under the threshold (as before). */
    behind: number;
    /** Students behind over closed intervals (judged.behind), and at risk in open ones. */
    judgedBehind: number;
    atRisk: number;
  };
}

export type { RosterImportResult } from './types-roster';

export interface DueItem {
  studentId: number;
  name: string;
  kind: 'annual_review' | 'reevaluation' | 'medicaid_consent' | 'progress_report';
  label: string;
  dueDate: string;
  overdue: boolean;
  /** Whole days past the due date (0 when not overdue). */
  daysOverdue: number;
  /** Progress reports: the period's reports that are final, of those the period needs. */
  reports?: { final: number; total: number; periodId: number };
}

export interface GoalReportLine {
  goalId: number;
  area: string;
  text: string;
  criterion: string | null;
  baseline: string | null;
  measurement: Measurement;
  summary: GoalPeriodSummary;
  suggestedCode: string;
  code: string;
  narrative: string;
  draftNarrative: string;
  data: { date: string; level: number; prompt: PromptLevel | null }[];
}

export interface ProgressReportView {
  id: number | null;
  version: number;
  status: 'new' | 'draft' | 'final';
  finalizedAt: string | null;
  /** When the draft was marked reviewed (ready to finalise); null when not, or once its words change. */
  reviewedAt: string | null;
  versions: { id: number; version: number; status: 'draft' | 'final'; finalizedAt: string | null }[];
  student: {
    id: number;
    name: string;
    dateOfBirth: string | null;
    grade: string;
    schoolName: string;
    districtStudentId: string | null;
  };
  plan: { kind: PlanKind; startDate: string; endDate: string } | null;
  period: { id: number; label: string; startDate: string; endDate: string; dueDate: string };
  provider: { name: string; credentials: string; district: string };
  goals: GoalReportLine[];
  minutes: MinutesSummary;
  codes: string[];
  preparedOn: string;
}

export interface PeriodRow {
  id: number;
  label: string;
  startDate: string;
  endDate: string;
  dueDate: string;
  schoolId: number;
  schoolName: string;
  schoolYear: string;
}

export interface ReportStatusRow {
  studentId: number;
  name: string;
  grade: string;
  status: 'new' | 'draft' | 'final';
  version: number;
  finalizedAt: string | null;
  goals: number;
  /** The latest version is a draft marked reviewed: "Finalise all reviewed" finalises it. */
  reviewed: boolean;
}

export interface GoalDataView {
  goal: Goal & { studentId: number; studentName: string };
  points: {
    date: string;
    level: number;
    prompt: PromptLevel | null;
    correct: number | null;
    total: number | null;
    value: number | null;
  }[];
}

export interface ServiceLogRow {
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  setting: Setting;
  grouping: Grouping;
  groupSize: number;
  /** Every student in the session, present or not (the group's size as the therapist saw it). */
  studentsInSession?: number;
  /** Minutes this row delivered to the student: `minutes` when present, 0 for a miss. */
  delivered?: number;
  code: AttendanceCode;
  goals: string;
  note: string;
  makeup: boolean;
}

export interface ServiceLog {
  student: {
    id: number;
    name: string;
    dateOfBirth: string | null;
    schoolName: string;
    grade: string;
    districtStudentId: string | null;
  };
  from: string;
  to: string;
  rows: ServiceLogRow[];
  provider: { name: string; credentials: string; district: string };
  /** Evaluations and re-evaluations in the range: in the log, but not IEP minutes. */
  evaluations: ServiceLogEvaluation[];
}

export interface ServiceLogEvaluation {
  date: string;
  startTime: string;
  endTime: string;
  minutes: number;
  cptCode: EvaluationCode;
  note: string;
}

export interface ExportResult {
  /** null when the person cancelled the file dialog. */
  file: string | null;
  rows?: number;
  notes?: string[];
}

export interface BackupRow {
  name: string;
  createdAt: string;
  reason: string;
  bytes: number;
  students: number | null;
  sessions: number | null;
}

export interface BackupState {
  folder: string;
  backups: BackupRow[];
}

export interface StartupNotice {
  kind: 'recovered' | 'damaged-no-backup';
  damagedPath: string;
  backup: { name: string; createdAt: string } | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  studentId: number | null;
  subject: string | null;
  detail: string | null;
}

export type { EnrollmentOnDate, EnrollmentRow, RecordIssue, RecordIssueKind } from './types-enrollment';
