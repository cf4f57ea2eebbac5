import { format, parseISO } from 'date-fns';
import type { Setting } from '../../shared/domain/codes';
import { SETTING_LABELS } from '../../shared/domain/codes';

export const fmtDate = (iso: string | null | undefined) => (iso ? format(parseISO(iso), 'MMM d, yyyy') : '—');
export const fmtShort = (iso: string) => format(parseISO(iso), 'MMM d');
export const fmtDay = (iso: string) => format(parseISO(iso), 'EEE MMM d');
/** Sums keep fractions; screens round to whole minutes (docs/domain.md). */
export const mins = (n: number) => `${Math.round(n)}`;
export const pct = (r: number | null) => (r == null ? '—' : `${Math.round(r * 100)}%`);
export const settingLabel = (s: Setting) => SETTING_LABELS[s];
export const studentName = (s: { firstName: string; lastName: string; preferredName?: string | null }) =>
  `${s.preferredName || s.firstName} ${s.lastName}`;
