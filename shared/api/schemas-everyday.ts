import { z } from 'zod';
import { id } from './schemas';

/** The caseload's makeups owed, optionally for one school. */
export const MakeupsQuery = z.object({ schoolId: id.optional() }).strict();

/** Search across students, sessions and their notes. */
export const SearchQuery = z
  .object({
    q: z
      .string({ error: 'type what to search for' })
      .trim()
      .min(2, { error: 'type at least 2 letters' })
      .max(100, { error: 'use at most 100 characters' }),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
