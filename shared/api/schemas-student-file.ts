import { z } from 'zod';
import { id } from './schemas';

/** Passphrases are taken as typed (no trimming): spaces can be part of them. */
const passphrase = z
  .string({ error: 'is required' })
  .min(1, { error: 'enter the passphrase' })
  .max(1024, { error: 'must be at most 1024 characters' });

export const StudentFileExportInput = z
  .object({
    studentId: id,
    passphrase: passphrase.refine((p) => [...p].length >= 8, {
      error: 'choose at least 8 characters (a few words are easy to type and hard to guess)',
    }),
  })
  .strict();
export const StudentFileOpenInput = z.object({ passphrase }).strict();
export const StudentFileImportInput = z
  .object({ token: z.string().regex(/^[0-9a-f]{32}$/, { error: 'open the student file again' }) })
  .strict();
