import { uniqueFileNames } from '../../shared/domain/file-names';
import { safeName } from './files';

interface NamedReport {
  name: string;
  periodLabel: string;
  version: number;
  status: string;
  schoolName?: string;
  districtStudentId?: string | null;
  studentId?: number;
}

/** "Ava Nguyen - Quarter 1 progress report (draft).pdf"; `who` replaces the name when names clash. */
export function reportFileName(r: NamedReport, who = r.name): string {
  const version = Math.max(r.version, 1);
  return safeName(
    `${who} - ${r.periodLabel} progress report${version > 1 ? ` v${version}` : ''}${r.status === 'final' ? '' : ' (draft)'}.pdf`,
  );
}

/**
 * One name per report for a batch written into one folder: the plain name, or, when two students'
 * names clash, the name with the school, then with the school and the student's ID.
 */
export function batchReportFileNames(rows: readonly NamedReport[]): string[] {
  return uniqueFileNames(
    rows.map((r) => [
      reportFileName(r),
      reportFileName(r, `${r.name} (${r.schoolName ?? ''})`),
      reportFileName(r, `${r.name} (${r.schoolName ?? ''}, ID ${r.districtStudentId || `#${r.studentId ?? ''}`})`),
    ]),
  );
}
