import type { EnrollmentEndKind } from '../domain/enrollment';

export interface EnrollmentRow {
  id: number;
  studentId: number;
  schoolId: number;
  schoolName: string;
  /** null: enrolled from before any record. */
  startDate: string | null;
  /** Last day enrolled; null while open. */
  endDate: string | null;
  endKind: EnrollmentEndKind | null;
  endReason: string | null;
}

export interface EnrollmentOnDate {
  studentId: number;
  date: string;
  enrolled: boolean;
  state: 'enrolled' | 'before_first' | 'not_enrolled';
  /** The school whose calendar the date follows for the student (their school that day). */
  calendarSchoolId: number;
  calendarSchoolName: string;
}

export type RecordIssueKind =
  'future_session' | 'non_school_day' | 'overlap' | 'outside_enrollment' | 'shared_note_names_student';

/** One entry of "Check my records": saved data that breaks a rule, listed, never changed silently. */
export interface RecordIssue {
  kind: RecordIssueKind;
  sessionId: number;
  date: string;
  startTime: string;
  /** The student concerned, when the issue is one student's (not for a shared note). */
  studentId: number | null;
  studentName: string | null;
  message: string;
}
