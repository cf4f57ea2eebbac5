import { z } from 'zod';
import { id, ReportGoalsInput } from './schemas';

/** Reporting periods taken together (one per school, e.g. every school's Quarter 1). */
export const PeriodsInput = z
  .object({
    periodIds: z
      .array(id)
      .min(1, { error: 'choose at least one reporting period' })
      .max(200, { error: 'choose at most 200 reporting periods' }),
  })
  .strict();

/** Mark a draft as reviewed (its words and codes saved as given) or take the mark off. */
export const ReviewInput = ReportGoalsInput.extend({ reviewed: z.boolean({ error: 'must be true or false' }) });

/**
 * Finalise every reviewed draft of these periods. `expectedCount` is the number the person
 * confirmed: if the reviewed drafts are not that many any more, nothing is finalised.
 */
export const FinaliseReviewedInput = PeriodsInput.extend({
  expectedCount: z.number({ error: 'must be a number' }).int().min(1, { error: 'must be at least 1' }),
});
