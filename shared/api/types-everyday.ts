import type { AttendanceCode, MissCode, Setting } from '../domain/codes';

/** One miss that still owes makeup minutes, on the caseload-wide list. */
export interface CaseloadMakeup {
  studentId: number;
  name: string;
  schoolName: string;
  attendanceId: number;
  sessionId: number;
  date: string;
  startTime: string;
  code: MissCode;
  minutes: number;
  outstanding: number;
}

export interface SearchResults {
  students: { id: number; name: string; schoolName: string; grade: string }[];
  /** Sessions whose note matches, or with a matching student; one line per session. */
  sessions: {
    sessionId: number;
    date: string;
    startTime: string;
    minutes: number;
    setting: Setting;
    students: { studentId: number; name: string; code: AttendanceCode }[];
    note: string | null;
  }[];
}
