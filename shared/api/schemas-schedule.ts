import { z } from 'zod';
import { ATTENDANCE_CODES, SETTINGS } from '../domain/codes';
import { isRealDate, timeToMinutes, toDay } from '../domain/dates';
import { SessionInput, id, isoDate, time } from './schemas';

const before = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' && isRealDate(a) && isRealDate(b) && toDay(a) < toDay(b);

const colour = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour like #2f6db5' });

export const SchoolScheduleInput = z
  .object({
    schoolId: id,
    colour: colour.default('#2f6db5'),
    dayStart: time.default('08:00'),
    dayEnd: time.default('15:00'),
    rotation: z
      .object({
        names: z
          .array(z.string().trim().min(1, { error: 'a day needs a name' }).max(12, { error: 'at most 12 characters' }))
          .min(2, { error: 'a rotation has at least 2 days' })
          .max(10, { error: 'a rotation has at most 10 days' }),
        day1: isoDate,
      })
      .strict()
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.dayStart === 'string' && typeof v.dayEnd === 'string' && v.dayEnd <= v.dayStart)
      ctx.addIssue({ code: 'custom', path: ['dayEnd'], message: `the day must end after it starts (${v.dayStart})` });
    const names = v.rotation?.names ?? [];
    if (new Set(names.map((n) => n.toLowerCase())).size !== names.length)
      ctx.addIssue({ code: 'custom', path: ['rotation', 'names'], message: 'each rotation day needs its own name' });
  });

export const TravelInput = z
  .object({
    schoolA: id,
    schoolB: id,
    minutes: z
      .number({ error: 'must be a number of minutes' })
      .int({ error: 'must be whole minutes' })
      .min(0, { error: 'cannot be negative' })
      .max(240, { error: 'must be at most 240 minutes' }),
    miles: z.number({ error: 'must be a distance' }).min(0, { error: 'cannot be negative' }).max(500).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.schoolA === v.schoolB)
      ctx.addIssue({ code: 'custom', path: ['schoolB'], message: 'choose two different schools' });
  });

export const RecurrenceInput = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('weekdays'),
        days: z
          .array(z.number().int().min(0).max(4, { error: 'weekdays are 0 (Monday) to 4 (Friday)' }))
          .min(1, { error: 'choose at least one weekday' })
          .max(5),
      })
      .strict(),
    z
      .object({
        kind: z.literal('rotation'),
        days: z
          .array(z.number().int().min(0).max(9, { error: 'a rotation has at most 10 days' }))
          .min(1, { error: 'choose at least one rotation day' })
          .max(10),
      })
      .strict(),
    z.object({ kind: z.literal('once'), date: isoDate }).strict(),
  ],
  { error: 'must say when the slot recurs: weekdays, rotation days or once' },
);

const slotFields = {
  schoolId: id,
  label: z
    .string()
    .trim()
    .max(80, { error: 'must be at most 80 characters' })
    .nullish()
    .transform((v) => v || null),
  startTime: time,
  endTime: time,
  setting: z.enum(SETTINGS, { error: 'must be push-in, pull-out or consult' }),
  grouping: z.enum(['individual', 'group'], { error: 'must be individual or group' }),
  startDate: isoDate,
  endDate: isoDate.nullish().transform((v) => v ?? null),
  recurrence: RecurrenceInput,
};

function checkSlot(
  v: {
    startTime?: unknown;
    endTime?: unknown;
    startDate?: unknown;
    endDate?: unknown;
    grouping?: unknown;
    studentIds?: unknown;
  },
  ctx: z.RefinementCtx,
) {
  if (typeof v.startTime === 'string' && typeof v.endTime === 'string' && /^\d\d:\d\d$/.test(v.startTime)) {
    const m = timeToMinutes(v.endTime) - timeToMinutes(v.startTime);
    if (m <= 0)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: `must be after the start time ${v.startTime}` });
    else if (m > 240) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'a slot lasts at most 4 hours' });
  }
  if (before(v.endDate, v.startDate))
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: `${String(v.endDate)} is before the start date ${String(v.startDate)}`,
    });
  if (v.grouping === 'individual' && Array.isArray(v.studentIds) && v.studentIds.length > 1)
    ctx.addIssue({ code: 'custom', path: ['studentIds'], message: 'an individual slot has one student; choose group' });
  if (Array.isArray(v.studentIds) && new Set(v.studentIds).size !== v.studentIds.length)
    ctx.addIssue({ code: 'custom', path: ['studentIds'], message: 'a student is listed twice' });
}

export const SlotInput = z
  .object({ ...slotFields, studentIds: z.array(id).max(30, { error: 'at most 30 students' }).default([]) })
  .strict()
  .superRefine(checkSlot);

/** Change a slot from a date: before it the slot stays as it was (the past is never rewritten). */
export const SlotChange = z
  .object({ id, from: isoDate, ...slotFields })
  .omit({ schoolId: true })
  .strict()
  .superRefine(checkSlot);

export const SlotEnd = z.object({ id, lastDate: isoDate }).strict();
export const SlotMemberInput = z.object({ slotId: id, studentId: id, from: isoDate }).strict();
export const DateInput = z.object({ date: isoDate }).strict();
export const OccurrenceKey = z.object({ slotId: id, date: isoDate }).strict();
export const OccurrenceCancel = z
  .object({
    slotId: id,
    date: isoDate,
    code: z.enum(ATTENDANCE_CODES.filter((c) => c !== 'present') as [string, ...string[]], {
      error:
        'must be a reason for missing: student_absent, student_unavailable, student_refused, provider_absent or school_closed',
    }),
    note: z.string().trim().max(2000).nullish(),
  })
  .strict();
/** Log an occurrence with changes: the session as the form has it, linked to its slot and date. */
export const OccurrenceLog = z.object({ slotId: id, date: isoDate, session: SessionInput }).strict();
export const WeekInput = z.object({ date: isoDate, schoolId: id.optional() }).strict();
export const CoverageInput = z.object({ date: isoDate, studentId: id.optional() }).strict();
export const MakeupOfferInput = z.object({ attendanceId: id, from: isoDate }).strict();
export const MakeupBookInput = z
  .object({ attendanceId: id, date: isoDate, startTime: time, minutes: z.number().int().min(5).max(240) })
  .strict();
export const SlotFilter = z.object({ schoolId: id.optional() }).strict().default({});
