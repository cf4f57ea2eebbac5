// Inputs of the workload channels: non-student blocks, the week's workload, the mileage log.
import { z } from 'zod';
import { isRealDate, timeToMinutes, toDay } from '../domain/dates';
import { BLOCK_KINDS } from '../domain/workload';
import { id, isoDate, time } from './schemas';

/** A block lasts at most a working day. */
export const MAX_BLOCK_MINUTES = 600;

const BlockRecurrenceInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('once'), date: isoDate }).strict(),
    z
      .object({
        kind: z.literal('weekdays'),
        days: z
          .array(z.number().int().min(0).max(4, { error: 'weekdays are 0 (Monday) to 4 (Friday)' }))
          .min(1, { error: 'choose at least one weekday' })
          .max(5),
      })
      .strict(),
  ],
  { error: 'must say when the block happens: once on a date, or every week on weekdays' },
);

const blockFields = {
  kind: z.enum(BLOCK_KINDS, { error: 'must be evaluation, iep_meeting, documentation, lunch or other' }),
  schoolId: id.nullish().transform((v) => v ?? null),
  startTime: time,
  endTime: time,
  recurrence: BlockRecurrenceInput,
  /** A weekly block's first date (a one-off block takes its date). */
  startDate: isoDate.nullish().transform((v) => v ?? null),
  endDate: isoDate.nullish().transform((v) => v ?? null),
  note: z
    .string()
    .trim()
    .max(500, { error: 'must be at most 500 characters' })
    .nullish()
    .transform((v) => v || null),
};

function checkBlock(
  v: { startTime?: unknown; endTime?: unknown; startDate?: unknown; endDate?: unknown; recurrence?: unknown },
  ctx: z.RefinementCtx,
) {
  if (typeof v.startTime === 'string' && typeof v.endTime === 'string' && /^\d\d:\d\d$/.test(v.startTime)) {
    const m = timeToMinutes(v.endTime) - timeToMinutes(v.startTime);
    if (m <= 0)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: `must be after the start time ${v.startTime}` });
    else if (m > MAX_BLOCK_MINUTES)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'a block lasts at most 10 hours' });
  }
  const weekly = (v.recurrence as { kind?: unknown } | undefined)?.kind === 'weekdays';
  if (weekly && !v.startDate)
    ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'a weekly block needs the date it starts' });
  if (
    weekly &&
    typeof v.startDate === 'string' &&
    typeof v.endDate === 'string' &&
    isRealDate(v.startDate) &&
    isRealDate(v.endDate) &&
    toDay(v.endDate) < toDay(v.startDate)
  )
    ctx.addIssue({
      code: 'custom',
      path: ['endDate'],
      message: `${v.endDate} is before the start date ${v.startDate}`,
    });
}

export const BlockInput = z.object(blockFields).strict().superRefine(checkBlock);

/**
 * Change a block. With `from` after a weekly block's first day, the block is ended the day before
 * and a new one starts then (weeks before keep what they had); otherwise it is corrected in place.
 */
export const BlockChange = z
  .object({ id, from: isoDate.nullish().transform((v) => v ?? null), ...blockFields })
  .strict()
  .superRefine(checkBlock);

export const BlockFilter = z.object({ schoolId: id.optional() }).strict().default({});

export const WorkloadInput = z.object({ date: isoDate }).strict();

export const MileageInput = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.from === 'string' && typeof v.to === 'string' && isRealDate(v.from) && isRealDate(v.to)) {
      if (toDay(v.to) < toDay(v.from))
        ctx.addIssue({ code: 'custom', path: ['to'], message: `${v.to} is before ${v.from}` });
      else if (toDay(v.to) - toDay(v.from) > 400)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'a mileage log spans at most a year (400 days)' });
    }
  });
