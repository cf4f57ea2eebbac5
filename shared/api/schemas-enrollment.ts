import { z } from 'zod';
import { id, isoDate } from './schemas';

const reason = z
  .string({ error: 'is required (say why, e.g. "moved to Lincoln")' })
  .trim()
  .min(1, { error: 'is required (say why, e.g. "moved to Lincoln")' })
  .max(300, { error: 'must be at most 300 characters' });

/** Transfer: `date` is the first day at the new school. */
export const TransferInput = z.object({ studentId: id, schoolId: id, date: isoDate, reason }).strict();
/** Exit: `date` is the last day the student is served. */
export const ExitInput = z.object({ studentId: id, date: isoDate, reason }).strict();
/** Reactivation: a new enrollment from `date`, at `schoolId` (default: the school they left). */
export const ReactivateInput = z.object({ studentId: id, date: isoDate, schoolId: id.optional() }).strict();
export const EnrollmentOnInput = z.object({ studentId: id, date: isoDate }).strict();
