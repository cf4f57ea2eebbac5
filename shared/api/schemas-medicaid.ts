import { z } from 'zod';
import { MAX_SESSION_MINUTES } from '../domain/codes';
import { EVALUATION_CODES } from '../domain/medicaid';
import { id, isoDate, time } from './schemas';
import { isRealDate, toDay } from '../domain/dates';

export const EvaluationInput = z
  .object({
    studentId: id,
    date: isoDate,
    startTime: time,
    minutes: z
      .number({ error: 'must be a number of minutes' })
      .int({ error: 'must be whole minutes' })
      .min(1, { error: 'must be at least 1 minute' })
      .max(MAX_SESSION_MINUTES, { error: `must be at most ${MAX_SESSION_MINUTES} minutes` }),
    cptCode: z.enum(EVALUATION_CODES, { error: 'must be 97165, 97166, 97167 (evaluation) or 97168 (re-evaluation)' }),
    note: z
      .string()
      .trim()
      .max(4000, { error: 'must be at most 4000 characters' })
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .strict();

export const EvaluationQuery = z
  .object({ studentId: id.optional(), from: isoDate, to: isoDate })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.from === 'string' && typeof v.to === 'string' && isRealDate(v.from) && isRealDate(v.to)) {
      if (toDay(v.to) < toDay(v.from))
        ctx.addIssue({ code: 'custom', path: ['to'], message: `${v.to} is before ${v.from}` });
      else if (toDay(v.to) - toDay(v.from) > 3700)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'a range spans at most 10 years' });
    }
  });

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' });
export const MedicaidLogInput = z.object({ month }).strict();
export const MedicaidExportInput = z.object({ month, format: z.enum(['csv', 'pdf']) }).strict();
