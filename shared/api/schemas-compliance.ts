import { z } from 'zod';
import { RangeInput } from './schemas';

/** The Compliance view for any range (and school), saved as CSV or PDF with the screen's columns. */
export const ComplianceExportInput = RangeInput.safeExtend({
  format: z.enum(['csv', 'pdf'], { error: 'must be csv or pdf' }),
});
