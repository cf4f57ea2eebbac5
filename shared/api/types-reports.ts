import type { ReportStatusRow } from './types';

/** A student's report in a set of periods (one per school): the status row, where, and its file name. */
export interface ReportGroupRow extends ReportStatusRow {
  periodId: number;
  periodLabel: string;
  schoolId: number;
  schoolName: string;
  /** The name "Save all as PDFs" writes this report under: unique within the set. */
  fileName: string;
}

export interface FinaliseReviewedResult {
  finalised: { studentId: number; periodId: number; name: string; version: number }[];
}
