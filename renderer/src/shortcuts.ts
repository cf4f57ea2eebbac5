import type { AttendanceCode } from '../../shared/domain/codes';

/** One key per attendance code in the session form, shown on the control. */
export const ATTENDANCE_KEYS: Record<AttendanceCode, string> = {
  present: 'p',
  student_absent: 'a',
  student_unavailable: 'u',
  student_refused: 'r',
  provider_absent: 'o',
  school_closed: 'c',
};

export const SHORTCUTS: { group: string; items: [string, string][] }[] = [
  {
    group: 'Anywhere',
    items: [
      ['Ctrl L', 'Log a session'],
      ['Ctrl F', 'Find a student'],
      ['Ctrl K', 'Search students, sessions and notes'],
      ['Ctrl 9', 'Makeups owed'],
      ['Ctrl T', 'Today’s agenda'],
      ['Ctrl 8', 'Week and slots'],
      ['Ctrl 1 … 7', 'Caseload, Compliance, Progress reports, Records, Schools, Backups, The year’s end'],
      ['Ctrl ,', 'Settings'],
      ['?', 'This list of shortcuts'],
      ['Tab, first stop', 'Skip to content'],
      ['Escape', 'Close a dialog (asks first when you have typed in it)'],
      ['Enter / Escape', 'Leaving a screen with unsaved changes: keep as draft and leave / stay'],
    ],
  },
  {
    group: 'Log session',
    items: [
      ['Type a name, Enter', 'Add the first matching student'],
      ['↓ ↑', 'Move through the matching students'],
      [
        'P A U R O C',
        'On a student: Present, student Absent, student Unavailable, Refused, prOvider absent, school Closed',
      ],
      ['Ctrl Enter', 'Save the session'],
    ],
  },
];
