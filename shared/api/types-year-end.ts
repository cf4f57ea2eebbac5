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
