import { z } from 'zod';

/** A passphrase the user chooses to protect a whole-caseload export for a handover. */
export const ExportPassphrase = z
  .string()
  .min(8, { error: 'use at least 8 characters, so the file cannot be guessed open' })
  .max(1024, { error: 'is too long (at most 1024 characters)' });

export const ExportEverythingInput = z.object({ passphrase: ExportPassphrase.optional() }).strict().optional();

export const ImportEverythingInput = z
  .object({ passphrase: z.string().max(1024, { error: 'is too long (at most 1024 characters)' }).optional() })
  .strict()
  .optional();
