// The vocabularies of docs/domain.md, declared once for the contract, the engine and the screens.

export const SETTINGS = ['push_in', 'pull_out', 'consult'] as const;
export type Setting = (typeof SETTINGS)[number];
export const SETTING_LABELS: Record<Setting, string> = {
  push_in: 'Push-in',
  pull_out: 'Pull-out',
  consult: 'Consult',
};

export const GROUPINGS = ['individual', 'group', 'whole_class'] as const;
export type Grouping = (typeof GROUPINGS)[number];
export const GROUPING_LABELS: Record<Grouping, string> = {
  individual: 'Individual',
  group: 'Group',
  whole_class: 'Whole class',
};

export const INTERVALS = ['week', 'month', 'year'] as const;
export type Interval = (typeof INTERVALS)[number];
export const INTERVAL_LABELS: Record<Interval, string> = {
  week: 'weekly',
  month: 'monthly',
  year: 'yearly',
};

export const ATTENDANCE_CODES = [
  'present',
  'student_absent',
  'student_unavailable',
  'student_refused',
  'provider_absent',
  'school_closed',
] as const;
export type AttendanceCode = (typeof ATTENDANCE_CODES)[number];
export type MissCode = Exclude<AttendanceCode, 'present'>;
export const ATTENDANCE_LABELS: Record<AttendanceCode, string> = {
  present: 'Present',
  student_absent: 'Student absent',
  student_unavailable: 'Student unavailable',
  student_refused: 'Student refused',
  provider_absent: 'Provider absent',
  school_closed: 'School closed',
};
/** Who caused the miss: the Friday check asks "missed by the student, or by me?" */
export const MISS_CAUSE: Record<MissCode, 'student' | 'provider' | 'school'> = {
  student_absent: 'student',
  student_unavailable: 'school',
  student_refused: 'student',
  provider_absent: 'provider',
  school_closed: 'school',
};
export const DEFAULT_MAKEUP_CODES: MissCode[] = ['student_unavailable', 'provider_absent'];

export const PLAN_KINDS = ['IEP', '504'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const STUDENT_STATUSES = ['active', 'exited'] as const;
export type StudentStatus = (typeof STUDENT_STATUSES)[number];

export const MEASUREMENTS = ['trials', 'percent', 'count', 'duration', 'rubric'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];
export const MEASUREMENT_LABELS: Record<Measurement, string> = {
  trials: 'Trials correct / total',
  percent: 'Percentage',
  count: 'Count',
  duration: 'Duration (seconds)',
  rubric: 'Rubric level',
};

export const GOAL_AREAS = [
  'Fine motor',
  'Visual-motor',
  'Handwriting',
  'Self-care',
  'Sensory regulation',
  'Executive function',
  'Gross motor',
  'Keyboarding',
  'Other',
] as const;

export const PROMPT_LEVELS = [
  'independent',
  'verbal',
  'visual',
  'gestural',
  'partial_physical',
  'full_physical',
] as const;
export type PromptLevel = (typeof PROMPT_LEVELS)[number];
export const PROMPT_LABELS: Record<PromptLevel, string> = {
  independent: 'Independent',
  verbal: 'Verbal',
  visual: 'Visual',
  gestural: 'Gestural',
  partial_physical: 'Partial physical',
  full_physical: 'Full physical',
};

export const DEFAULT_PROGRESS_CODES = [
  'Goal met',
  'Making sufficient progress to meet the goal',
  'Making some progress, may not meet the goal',
  'Not making progress',
  'Not yet introduced',
];

export const MAX_WEEKLY_MINUTES = 2400;
export const MAX_SESSION_MINUTES = 600;
