import { z } from 'zod';
import {
  ATTENDANCE_CODES,
  GROUPINGS,
  INTERVALS,
  MAX_SESSION_MINUTES,
  MEASUREMENTS,
  PLAN_KINDS,
  PROMPT_LEVELS,
  SETTINGS,
  STUDENT_STATUSES,
} from '../domain/codes';
import { isRealDate, isTime, toDay } from '../domain/dates';
import { UNIT_RULES } from '../domain/medicaid';

export const id = z
  .number({ error: 'must be a record id' })
  .int({ error: 'must be a whole number' })
  .positive({ error: 'must be a record id' });

export const isoDate = z
  .string({ error: 'is required (YYYY-MM-DD)' })
  .trim()
  .refine(isRealDate, { error: (i) => `${String(i.input)} is not a real date (use YYYY-MM-DD)` });

export const time = z
  .string({ error: 'is required (HH:MM)' })
  .trim()
  .refine(isTime, { error: (i) => `${String(i.input)} is not a time of day (use HH:MM, 24-hour)` });

const required = (max = 200) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .nullish()
    .transform((v) => (v ? v : null));

const optionalDate = isoDate.nullish().or(z.literal('').transform(() => null));

const wholeMinutes = (max: number) =>
  z
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be whole minutes' })
    .min(1, { error: 'must be at least 1 minute' })
    .max(max, { error: `must be at most ${max} minutes` });

/** Cross-field checks run even when a field failed its own check: compare only real dates. */
const before = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && isRealDate(a) && isRealDate(b) && toDay(a) < toDay(b);
const spanDays = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && isRealDate(a) && isRealDate(b) ? toDay(b) - toDay(a) : 0;

/** A date range's end may not come before its start. */
function toNotBeforeFrom(v: { from: string; to: string }, ctx: z.RefinementCtx): boolean {
  if (!before(v.to, v.from)) return true;
  ctx.addIssue({ code: 'custom', path: ['to'], message: `${v.to} is before ${v.from}` });
  return false;
}

function endNotBeforeStart<T extends { startDate?: string | null; endDate?: string | null }>(
  v: T,
  ctx: z.RefinementCtx,
  startLabel = 'start date',
) {
  if (before(v.endDate, v.startDate)) {
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: `${v.endDate} is before the ${startLabel} ${v.startDate}`,
    });
  }
}

export const Empty = z.object({}).strict().optional();

// ---------- provider profile and settings ----------
export const SettingsInput = z
  .object({
    providerName: z.string().trim().max(200),
    credentials: z.string().trim().max(100),
    district: z.string().trim().max(200),
    npi: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d{10}$/.test(v), { error: 'must be 10 digits' }),
    complianceThreshold: z
      .number({ error: 'must be a number' })
      .min(0.5, { error: 'must be at least 50%' })
      .max(1, { error: 'must be at most 100%' }),
    prorateShortWeeks: z.boolean(),
    makeupCodes: z.array(z.enum(ATTENDANCE_CODES).exclude(['present'])),
    medicaidUnits: z.enum(UNIT_RULES, { error: 'must be fifteen_minute, per_session or minutes' }),
    contractedWeeklyMinutes: z
      .number({ error: 'must be a number of minutes per week' })
      .int({ error: 'must be whole minutes' })
      .min(60, { error: 'must be at least 60 minutes a week' })
      .max(4800, { error: 'must be at most 4800 minutes (80 hours) a week' }),
    progressCodes: z
      .array(z.string().trim().min(1, { error: 'a progress code cannot be empty' }).max(120))
      .min(2, { error: 'give at least 2 progress codes' })
      .max(10, { error: 'at most 10 progress codes' }),
  })
  .partial()
  .strict();

// ---------- schools and calendars ----------
export const SchoolInput = z.object({ name: required(), notes: optionalText() }).strict();
export const SchoolUpdate = SchoolInput.extend({ id }).strict();

export const SchoolYearInput = z
  .object({
    schoolId: id,
    label: required(40),
    firstDay: isoDate,
    lastDay: isoDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (before(v.lastDay, v.firstDay)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastDay'],
        message: `${v.lastDay} is before the first day ${v.firstDay}`,
      });
    } else if (spanDays(v.firstDay, v.lastDay) > 400) {
      ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'a school year spans at most 400 days' });
    }
  });
export const SchoolYearUpdate = z
  .object({ id, label: required(40), firstDay: isoDate, lastDay: isoDate })
  .strict()
  .superRefine((v, ctx) => {
    if (before(v.lastDay, v.firstDay)) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastDay'],
        message: `${v.lastDay} is before the first day ${v.firstDay}`,
      });
    }
  });

export const ClosureInput = z
  .object({
    schoolYearId: id,
    startDate: isoDate,
    endDate: isoDate.optional(),
    label: required(100),
  })
  .strict()
  .superRefine((v, ctx) => endNotBeforeStart(v, ctx));

export const CopyCalendarInput = z.object({ fromSchoolYearId: id, toSchoolId: id }).strict();

export const ReportingPeriodsInput = z
  .object({
    schoolYearId: id,
    periods: z
      .array(
        z
          .object({ label: required(40), startDate: isoDate, endDate: isoDate, dueDate: isoDate })
          .strict()
          .superRefine((v, ctx) => endNotBeforeStart(v, ctx)),
      )
      .max(12, { error: 'at most 12 reporting periods a year' }),
  })
  .strict();

// ---------- students ----------
export const StudentInput = z
  .object({
    firstName: required(100),
    lastName: required(100),
    preferredName: optionalText(100),
    dateOfBirth: optionalDate,
    grade: z.string().trim().max(20).default(''),
    schoolId: id,
    teacher: optionalText(100),
    districtStudentId: optionalText(50),
    medicaidId: optionalText(50),
    /** Left out of an update: kept as they are. */
    medicaidConsentFrom: optionalDate,
    medicaidConsentTo: optionalDate,
    status: z.enum(STUDENT_STATUSES).default('active'),
    /** First day enrolled at the school (new students only; left out: from before any record). */
    enrolledFrom: optionalDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (before(v.medicaidConsentTo, v.medicaidConsentFrom)) {
      ctx.addIssue({
        code: 'custom',
        path: ['medicaidConsentTo'],
        message: `${v.medicaidConsentTo} is before the consent was signed (${v.medicaidConsentFrom})`,
      });
    }
  });
// `enrollments` (part of getStudent's answer) is accepted and ignored: enrollment changes go through transfer, exit and reactivate.
export const StudentUpdate = StudentInput.safeExtend({
  id,
  enrollments: z.array(z.unknown()).max(1000).optional(),
}).strict();
export const StudentFilter = z
  .object({
    schoolId: id.optional(),
    status: z.enum([...STUDENT_STATUSES, 'all']).default('active'),
    search: z.string().trim().max(100).optional(),
  })
  .strict()
  .default({ status: 'active' });

// ---------- plans, service lines, goals ----------
const planFields = {
  startDate: isoDate,
  endDate: isoDate,
  meetingDate: optionalDate,
  reevalDueDate: optionalDate,
  lastEvalDate: optionalDate,
  medicaidConsentExpires: optionalDate,
};
export const PlanInput = z
  .object({ studentId: id, kind: z.enum(PLAN_KINDS).default('IEP'), ...planFields })
  .strict()
  .superRefine((v, ctx) => endNotBeforeStart(v, ctx, 'IEP start date'));
export const PlanUpdate = z
  .object({ id, kind: z.enum(PLAN_KINDS), ...planFields })
  .strict()
  .superRefine((v, ctx) => endNotBeforeStart(v, ctx, 'IEP start date'));

const lineFields = {
  service: required(100).default('Occupational Therapy'),
  providerRole: z.string().trim().max(60).default('OTR/L'),
  setting: z.enum(SETTINGS, { error: 'must be push-in, pull-out or consult' }),
  grouping: z.enum(['individual', 'group'], { error: 'must be individual or group' }),
  maxGroupSize: z.number().int({ error: 'must be a whole number' }).max(30, { error: 'must be at most 30' }).nullish(),
  interval: z.enum(INTERVALS, { error: 'must be week, month or year' }),
  minutes: z
    .number({ error: 'must be a number of minutes' })
    .int({ error: 'must be whole minutes' })
    .positive({ error: 'must be more than 0' })
    .nullish(),
  sessionsCount: z
    .number()
    .int({ error: 'must be a whole number' })
    .positive({ error: 'must be more than 0' })
    .max(40, { error: 'must be at most 40' })
    .nullish(),
  minutesPerSession: z
    .number()
    .int({ error: 'must be whole minutes' })
    .positive({ error: 'must be more than 0' })
    .max(MAX_SESSION_MINUTES, { error: `must be at most ${MAX_SESSION_MINUTES}` })
    .nullish(),
};

type LineShape = {
  grouping: string;
  maxGroupSize?: number | null;
  interval: string;
  minutes?: number | null;
  sessionsCount?: number | null;
  minutesPerSession?: number | null;
};

/** The amount rules shared by create, correct and amend. */
export function checkLineAmount(v: LineShape, ctx: z.RefinementCtx) {
  if (!v || typeof v !== 'object') return;
  if (v.grouping === 'group' && (v.maxGroupSize == null || v.maxGroupSize < 2)) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxGroupSize'],
      message: 'a group service needs a maximum group size of at least 2',
    });
  }
  const hasSessions = v.sessionsCount != null || v.minutesPerSession != null;
  if (hasSessions && (v.sessionsCount == null || v.minutesPerSession == null)) {
    ctx.addIssue({
      code: 'custom',
      path: [v.sessionsCount == null ? 'sessionsCount' : 'minutesPerSession'],
      message: 'give both the number of sessions and the minutes per session',
    });
    return;
  }
  const total = hasSessions ? v.sessionsCount! * v.minutesPerSession! : v.minutes;
  if (total == null) {
    ctx.addIssue({ code: 'custom', path: ['minutes'], message: 'is required (minutes per interval)' });
    return;
  }
  const weeklyCap = { week: 2400, month: 2400 * 5, year: 2400 * 45 }[v.interval] ?? 2400;
  if (total > weeklyCap) {
    ctx.addIssue({
      code: 'custom',
      path: [hasSessions ? 'sessionsCount' : 'minutes'],
      message: `${total} minutes per ${v.interval} is more than a school ${v.interval} holds (at most ${weeklyCap})`,
    });
  }
}

export const LineInput = z
  .object({ planId: id, ...lineFields, startDate: isoDate, endDate: isoDate })
  .strict()
  .superRefine((v, ctx) => {
    endNotBeforeStart(v, ctx);
    checkLineAmount(v, ctx);
  });
export const LineCorrection = z
  .object({ id, ...lineFields, startDate: isoDate, endDate: isoDate })
  .strict()
  .superRefine((v, ctx) => {
    endNotBeforeStart(v, ctx);
    checkLineAmount(v, ctx);
  });
export const LineAmendment = z
  .object({ id, effectiveFrom: isoDate, ...lineFields })
  .strict()
  .superRefine((v, ctx) => checkLineAmount(v, ctx));
export const LineEnd = z.object({ id, endDate: isoDate }).strict();

export const GoalInput = z
  .object({
    planId: id,
    area: required(60),
    text: required(2000),
    criterion: optionalText(500),
    baseline: optionalText(500),
    measurement: z.enum(MEASUREMENTS).default('trials'),
    targetValue: z.number().min(0).max(100000).nullish(),
  })
  .strict();
export const GoalUpdate = z
  .object({
    id,
    area: required(60),
    text: required(2000),
    criterion: optionalText(500),
    baseline: optionalText(500),
    measurement: z.enum(MEASUREMENTS),
    targetValue: z.number().min(0).max(100000).nullish(),
  })
  .strict();

// ---------- sessions ----------
export const GoalDataInput = z
  .object({
    goalId: id,
    correct: z.number().int().min(0).max(1000).nullish(),
    total: z.number().int().min(1, { error: 'must be at least 1 trial' }).max(1000).nullish(),
    value: z.number().min(0).max(100000).nullish(),
    prompt: z.enum(PROMPT_LEVELS).nullish(),
    note: optionalText(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.correct != null && v.total != null && v.correct > v.total) {
      ctx.addIssue({
        code: 'custom',
        path: ['correct'],
        message: `${v.correct} correct is more than ${v.total} trials`,
      });
    }
  });

export const SessionStudentInput = z
  .object({
    studentId: id,
    code: z.enum(ATTENDANCE_CODES, { error: 'is not an attendance code' }),
    minutes: wholeMinutes(MAX_SESSION_MINUTES).optional(),
    makeupFor: z.array(id).max(20).default([]),
    goalData: z.array(GoalDataInput).max(20).default([]),
    /** The student's own note (docs/domain.md: notes belong to one student). */
    note: optionalText(4000),
  })
  .strict();

const sessionFields = {
  date: isoDate,
  startTime: time,
  minutes: wholeMinutes(MAX_SESSION_MINUTES),
  setting: z.enum(SETTINGS, { error: 'must be push-in, pull-out or consult' }),
  grouping: z.enum(GROUPINGS, { error: 'must be individual, group or whole class' }),
  note: optionalText(4000),
  cptCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { error: 'must be a 5-digit CPT code' })
    .nullish(),
  students: z
    .array(SessionStudentInput)
    .min(1, { error: 'add at least one student' })
    .max(40, { error: 'at most 40 students in one session' }),
  /** Marks a session on a day that is not instructional (extended school year, a makeup on a work day). */
  nonSchoolDayReason: optionalText(300),
  /** Confirms a change to a session inside a reporting period whose report is final. */
  confirmFinalReport: z.boolean().optional(),
};

function checkSessionStudents(
  v: { minutes: number; students: { studentId: number; minutes?: number | undefined }[] },
  ctx: z.RefinementCtx,
) {
  if (!Array.isArray(v.students) || typeof v.minutes !== 'number') return;
  const seen = new Set<number>();
  v.students.forEach((s, i) => {
    if (!s || typeof s !== 'object') return;
    if (seen.has(s.studentId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['students', i, 'studentId'],
        message: 'the same student is listed twice',
      });
    }
    seen.add(s.studentId);
    if (s.minutes != null && s.minutes > v.minutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['students', i, 'minutes'],
        message: `${s.minutes} credited minutes is more than the session's ${v.minutes}`,
      });
    }
  });
}

export const SessionInput = z.object(sessionFields).strict().superRefine(checkSessionStudents);
export const SessionUpdate = z
  .object({ id, ...sessionFields })
  .strict()
  .superRefine(checkSessionStudents);
export const SessionQuery = z
  .object({
    studentId: id.optional(),
    from: isoDate,
    to: isoDate,
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();

export const RangeInput = z
  .object({ from: isoDate, to: isoDate, schoolId: id.optional() })
  .strict()
  .superRefine((v, ctx) => {
    if (toNotBeforeFrom(v, ctx) && spanDays(v.from, v.to) > 3700)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'a range spans at most 10 years' });
  });

const studentRange = { studentId: id, from: isoDate, to: isoDate };
export const StudentRangeInput = z
  .object(studentRange)
  .strict()
  .superRefine((v, ctx) => void toNotBeforeFrom(v, ctx));

export const IdInput = z.object({ id }).strict();
/** Deleting a session: `confirmFinalReport` confirms a deletion inside a period with a final report. */
export const SessionDeleteInput = z.object({ id, confirmFinalReport: z.boolean().optional() }).strict();
export const StudentIdInput = z.object({ studentId: id }).strict();

// ---------- progress reports and district records ----------
export const PeriodInput = z.object({ periodId: id }).strict();
export const ReportKey = z.object({ studentId: id, periodId: id }).strict();
export const ReportGoalsInput = z
  .object({
    studentId: id,
    periodId: id,
    goals: z
      .array(
        z
          .object({
            goalId: id,
            code: z.string().trim().max(120),
            narrative: z.string().max(4000, { error: 'must be at most 4000 characters' }),
          })
          .strict(),
      )
      .max(40),
  })
  .strict();
export const ReportVersionInput = z
  .object({ studentId: id, periodId: id, version: z.number().int().positive().optional() })
  .strict();
export const GoalIdInput = z.object({ goalId: id }).strict();
export const ExportReportInput = z
  .object({
    studentId: id,
    periodId: id,
    folder: z.string().min(1).max(1000),
    /** The file's name in the folder (from listReportGroup, unique in a batch); default: student and period. */
    fileName: z
      .string()
      .trim()
      .min(5)
      .max(150, { error: 'must be at most 150 characters' })
      .refine((n) => n.toLowerCase().endsWith('.pdf'), { error: 'must end in .pdf' })
      .refine((n) => !/[\\/:*?"<>|]/.test(n) && [...n].every((c) => c >= ' ') && !n.startsWith('.'), {
        error: 'must be a plain file name (no folder, no \\ / : * ? " < > |)',
      })
      .optional(),
  })
  .strict();
export const ExportCombinedInput = z
  .object({
    periodId: id,
    studentIds: z.array(id).min(1, { error: 'choose at least one student' }).max(500),
    folder: z.string().min(1).max(1000),
  })
  .strict();
export const ServiceLogInput = StudentRangeInput;
export const ServiceLogExportInput = z
  .object({ ...studentRange, format: z.enum(['pdf', 'csv']) })
  .strict()
  .superRefine((v, ctx) => void toNotBeforeFrom(v, ctx));
export const MonthInput = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' }) })
  .strict();

// ---------- backups, transfer, audit ----------
export const BackupName = z
  .object({ name: z.string().regex(/^caseload-[\w-]+\.sqlite3$/, { error: 'is not a backup file name' }) })
  .strict();
export const AuditQuery = z
  .object({ limit: z.number().int().min(1).max(5000).default(200) })
  .strict()
  .default({ limit: 200 });
