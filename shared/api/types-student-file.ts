/** What importing a student file adds to this caseload, and what it leaves out and why. */
export interface StudentFileSummary {
  file: string;
  from: { provider: string; credentials: string; district: string; exportedAt: string };
  student: {
    name: string;
    districtStudentId: string | null;
    schoolName: string;
    /** The student already here with the same district student ID, if any: the file is merged into them. */
    matched: { id: number; name: string } | null;
  };
  added: {
    schools: number;
    schoolYears: number;
    plans: number;
    lines: number;
    goals: number;
    sessions: number;
    goalData: number;
    makeups: number;
    evaluations: number;
    reports: number;
  };
  /** What will be added, in words, for the preview. */
  details: string[];
  skipped: { what: string; reason: string }[];
}

export interface StudentFilePreview {
  /** Null when the dialog was cancelled. */
  file: string | null;
  /** Names the opened file for the import that follows the preview. */
  token: string | null;
  summary: StudentFileSummary | null;
}

export interface StudentFileImport extends StudentFileSummary {
  studentId: number;
}
