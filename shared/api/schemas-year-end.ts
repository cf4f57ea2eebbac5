import { z } from 'zod';
import { isRealDate, toDay } from '../domain/dates';
import { id, isoDate } from './schemas';

const label = (max: number) =>
  z
    .string({ error: 'is required' })
    .trim()
    .min(1, { error: 'is required' })
    .max(max, { error: `must be at most ${max} characters` });

const endNotBeforeStart = (v: { startDate: string; endDate: string }, ctx: z.RefinementCtx) => {
  if (isRealDate(v.startDate) && isRealDate(v.endDate) && toDay(v.endDate) < toDay(v.startDate))
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: `${v.endDate} is before the start date ${v.startDate}`,
    });
};

/** One school's next year, as the therapist confirmed it from the preview. */
export const NextYearSchoolInput = z
  .object({
    fromSchoolYearId: id,
    label: label(40),
    firstDay: isoDate,
    lastDay: isoDate,
    closures: z
      .array(
        z
          .object({ label: label(100), startDate: isoDate, endDate: isoDate })
          .strict()
          .superRefine(endNotBeforeStart),
      )
      .max(100, { error: 'at most 100 holidays and breaks a year' }),
    periods: z
      .array(
        z
          .object({ label: label(40), startDate: isoDate, endDate: isoDate, dueDate: isoDate })
          .strict()
          .superRefine(endNotBeforeStart),
      )
      .max(12, { error: 'at most 12 reporting periods a year' }),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (isRealDate(v.firstDay) && isRealDate(v.lastDay)) {
      const span = toDay(v.lastDay) - toDay(v.firstDay);
      if (span < 0)
        ctx.addIssue({
          code: 'custom',
          path: ['lastDay'],
          message: `${v.lastDay} is before the first day ${v.firstDay}`,
        });
      else if (span > 400)
        ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'a school year spans at most 400 days' });
    }
  });

export const StartNextYearInput = z
  .object({
    schools: z.array(NextYearSchoolInput).min(1, { error: 'choose at least one school' }).max(100),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.schools.forEach((s, i) => {
      if (seen.has(s.fromSchoolYearId))
        ctx.addIssue({
          code: 'custom',
          path: ['schools', i, 'fromSchoolYearId'],
          message: 'this school year is listed twice',
        });
      seen.add(s.fromSchoolYearId);
    });
  });

export const YearSummaryInput = z
  .object({ label: label(40).optional(), schoolId: id.optional() })
  .strict()
  .optional();
export const YearSummaryExportInput = z
  .object({ label: label(40), schoolId: id.optional(), format: z.enum(['pdf', 'csv']) })
  .strict();
