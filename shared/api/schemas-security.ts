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

// ---------- app lock ----------
export const LOCK_KINDS = ['pin', 'passphrase'] as const;
const secret = z.string().max(1024, { error: 'is too long (at most 1024 characters)' });

export const LockSecretInput = z
  .object({
    kind: z.enum(LOCK_KINDS, { error: 'must be pin or passphrase' }),
    secret,
    /** Required to change an existing PIN or passphrase. */
    current: secret.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'pin' && !/^\d{4,12}$/.test(v.secret))
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a PIN is 4 to 12 digits' });
    if (v.kind === 'passphrase' && [...v.secret].length < 8)
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'use at least 8 characters' });
  });

export const UnlockInput = z.object({ secret: secret.min(1, { error: 'is required' }) }).strict();

export const LockIdleInput = z
  .object({
    idleMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int({ error: 'must be whole minutes' })
      .min(1, { error: 'must be at least 1 minute' })
      .max(240, { error: 'must be at most 240 minutes (4 hours)' }),
  })
  .strict();
