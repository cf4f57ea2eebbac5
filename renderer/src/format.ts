import { format, parseISO } from 'date-fns';
import type { Setting } from '../../shared/domain/codes';
import { SETTING_LABELS } from '../../shared/domain/codes';

/**
 * A date's text, worked out once per date: date-fns' parse and format cost tens of microseconds a
 * call, and a screen of a large caseload formats the same few hundred dates on every visit.
 */
function remembered(pattern: string) {
  const seen = new Map<string, string>();
  return (iso: string) => {
    let text = seen.get(iso);
    if (text === undefined) {
      if (seen.size >= 5000) seen.clear();
      text = format(parseISO(iso), pattern);
      seen.set(iso, text);
    }
    return text;
  };
}
const longDate = remembered('MMM d, yyyy');
export const fmtDate = (iso: string | null | undefined) => (iso ? longDate(iso) : '—');
export const fmtShort = remembered('MMM d');
export const fmtDay = remembered('EEE MMM d');
/** Sums keep fractions; screens round to whole minutes (docs/domain.md). */
export const mins = (n: number) => `${Math.round(n)}`;
export const pct = (r: number | null) => (r == null ? '—' : `${Math.round(r * 100)}%`);
export const settingLabel = (s: Setting) => SETTING_LABELS[s];
export const studentName = (s: { firstName: string; lastName: string; preferredName?: string | null }) =>
  `${s.preferredName || s.firstName} ${s.lastName}`;
