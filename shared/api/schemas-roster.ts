import { z } from 'zod';
import { ROSTER_FIELDS } from '../domain/roster';
import { id } from './schemas';

/** A roster already read into cells (an XLSX sheet read by previewRoster, or any CSV). */
const RosterTable = z
  .object({
    headers: z
      .array(z.string().max(200, { error: 'a column name is at most 200 characters' }))
      .min(1, { error: 'the file has no header row' })
      .max(100, { error: 'a roster has at most 100 columns' }),
    rows: z
      .array(z.array(z.string().max(1000, { error: 'a cell is at most 1000 characters' })).max(100))
      .max(20_000, { error: 'a roster has at most 20,000 rows' }),
  })
  .strict();

/** Column header (as in the file) → the field it fills, or "ignore". Headers not named use the presets. */
const RosterMapping = z.record(
  z.string().max(200),
  z.enum([...ROSTER_FIELDS, 'ignore'], { error: 'is not a roster field' }),
);

const rosterFields = {
  csv: z.string().max(2_000_000, { error: 'roster file is too large (2 MB at most)' }).optional(),
  table: RosterTable.optional(),
  mapping: RosterMapping.optional(),
  /** The school for rows whose school cell is empty (or when the file has no school column). */
  defaultSchoolId: id.optional(),
  /** Shown in the summary and the audit trail. */
  fileName: z.string().trim().max(260).optional(),
};

function oneSource(v: Record<string, unknown>, ctx: z.RefinementCtx, sources: string[]) {
  if (!v || typeof v !== 'object') return;
  const given = sources.filter((k) => v[k] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      path: [sources[0]!],
      message: `give the roster once: one of ${sources.join(', ')} (${given.length ? given.join(' and ') + ' given' : 'none given'})`,
    });
  }
}

export const RosterImportInput = z
  .object(rosterFields)
  .strict()
  .superRefine((v, ctx) => oneSource(v, ctx, ['csv', 'table']));

export const RosterPreviewInput = z
  .object({
    ...rosterFields,
    /** An .xlsx file's bytes, base64 (the first sheet is read). */
    xlsxBase64: z
      .string()
      .max(14_000_000, { error: 'spreadsheet is too large (10 MB at most)' })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'is not base64' })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => oneSource(v, ctx, ['csv', 'table', 'xlsxBase64']));
