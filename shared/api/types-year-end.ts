import type { BySetting } from '../domain/minutes-owed';
import type { ProposedClosure } from '../domain/next-year';
import type { SchoolYear } from './types';

export interface NextYearSchool {
  schoolId: number;
  schoolName: string;
  /** The year the proposal is made from (this year), when there is one. */
  from: { id: number; label: string; firstDay: string; lastDay: string } | null;
  proposal: {
    label: string;
    firstDay: string;
    lastDay: string;
    closures: ProposedClosure[];
    periods: { label: string; startDate: string; endDate: string; dueDate: string }[];
  } | null;
  /** Why this school is not offered (no calendar yet, next year already set up). */
  skipped: string | null;
}

export interface NextYearStudent {
  studentId: number;
  name: string;
  schoolName: string;
  grade: string;
  /** The IEP in effect on next year's first day, if any. */
  iep: { startDate: string; endDate: string } | null;
  /** What the therapist needs to know: IEP continues, ends before next year, or none. */
  note: string;
}

export interface NextYearPreview {
  schools: NextYearSchool[];
  carried: NextYearStudent[];
  exited: { studentId: number; name: string; schoolName: string }[];
}

export interface NextYearResult {
  years: SchoolYear[];
  carried: number;
  exitedLeftOut: number;
}

export interface YearSummaryRow {
  studentId: number;
  name: string;
  schoolName: string;
  grade: string;
  /** Exited students appear for the dates they were served. */
  status: 'active' | 'exited';
  owed: BySetting;
  owedTotal: number;
  delivered: BySetting;
  deliveredTotal: number;
  /** Judged per setting over whole service intervals (Σ met ÷ Σ owed over the ended ones). */
  compliance: number | null;
  behind: boolean;
  shortfall: BySetting;
  makeupBalance: number;
  outOfClass: number;
  missedBy: { byStudent: number; byProvider: number; bySchool: number };
}

export interface Workload {
  /** Sessions held (someone present), and the therapist's minutes in them by setting. */
  sessions: number;
  minutes: BySetting;
  direct: number;
  consult: number;
  /** Evaluations and re-evaluations: not IEP minutes, but the therapist's time. */
  evaluations: number;
  evaluationMinutes: number;
  /** Sessions the therapist could not hold (every student marked provider absent). */
  missedByProvider: number;
  /** Weeks with at least one instructional day, and minutes per such week. */
  weeks: number;
  perWeek: number;
}

export interface YearSummary {
  label: string;
  /** Every school year label, newest first, for the picker. */
  labels: string[];
  from: string;
  to: string;
  preparedOn: string;
  threshold: number;
  rows: YearSummaryRow[];
  mix: { total: number; minutes: BySetting; share: BySetting };
  reference: { pullOut: number; inEducationSetting: number };
  workload: Workload;
  totals: {
    students: number;
    owed: number;
    delivered: number;
    makeupBalance: number;
    outOfClass: number;
    behind: number;
  };
}
