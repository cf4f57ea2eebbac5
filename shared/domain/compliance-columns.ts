import type { ComplianceRow } from '../api/types';
import { SETTING_LABELS, SETTINGS } from './codes';
import { totalOf } from './compliance';
import type { BySetting } from './minutes-owed';

// The columns of the Compliance view, declared once: the screen renders them, sorts by them, and the
// CSV and PDF exports write the very same columns with the same text.

export interface ComplianceColumn {
  key: string;
  label: string;
  /** A longer header for files read away from the app ("Missed by me" means the provider). */
  fileLabel?: string;
  num: boolean;
  sortValue: (r: ComplianceRow) => number | string;
  text: (r: ComplianceRow) => string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const shortDate = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;
const whole = (n: number) => String(Math.round(n));
const percent = (r: number | null) => (r == null ? '—' : `${Math.round(r * 100)}%`);

/** "Push-in 60 · Consult 9": the settings with whole minutes, or "" when none. */
export function bySettingText(b: BySetting): string {
  return SETTINGS.filter((s) => Math.round(b[s]) > 0)
    .map((s) => `${SETTING_LABELS[s]} ${whole(b[s])}`)
    .join(' · ');
}

/** "behind", "at risk", "behind, at risk" or "". */
export function statusText(r: ComplianceRow): string {
  const j = r.summary.judged;
  return [j.behind ? 'behind' : '', j.atRisk ? 'at risk' : ''].filter(Boolean).join(', ');
}

/** "Consult 120 left, 0 planned, by Nov 30" for the open intervals at risk; "" otherwise. */
export function atRiskText(r: ComplianceRow): string {
  const j = r.summary.judged;
  if (!j.atRisk) return '';
  const left = bySettingText(j.remaining);
  return `${left} left, ${whole(totalOf(j.planned))} planned, by ${shortDate(j.atRiskBy!)}`;
}

const statusRank = (r: ComplianceRow) => (r.summary.judged.behind ? 2 : 0) + (r.summary.judged.atRisk ? 1 : 0);

export const COMPLIANCE_COLUMNS: ComplianceColumn[] = [
  { key: 'name', label: 'Student', num: false, sortValue: (r) => r.name, text: (r) => r.name },
  { key: 'school', label: 'School', num: false, sortValue: (r) => r.schoolName, text: (r) => r.schoolName },
  {
    key: 'owedToDate',
    label: 'Owed to date',
    num: true,
    sortValue: (r) => r.summary.owedToDate,
    text: (r) => whole(r.summary.owedToDate),
  },
  {
    key: 'delivered',
    label: 'Delivered',
    num: true,
    sortValue: (r) => r.summary.deliveredTotal,
    text: (r) => whole(r.summary.deliveredTotal),
  },
  {
    key: 'pace',
    label: '%',
    fileLabel: 'Delivered ÷ owed to date',
    num: true,
    sortValue: (r) => r.summary.compliance ?? Infinity,
    text: (r) => percent(r.summary.compliance),
  },
  {
    key: 'missedStudent',
    label: 'Missed by student',
    num: true,
    sortValue: (r) => r.summary.missedBy.byStudent,
    text: (r) => whole(r.summary.missedBy.byStudent),
  },
  {
    key: 'missedProvider',
    label: 'Missed by me',
    fileLabel: 'Missed by provider',
    num: true,
    sortValue: (r) => r.summary.missedBy.byProvider,
    text: (r) => whole(r.summary.missedBy.byProvider),
  },
  {
    key: 'makeup',
    label: 'Makeup owed',
    num: true,
    sortValue: (r) => r.summary.makeupBalance,
    text: (r) => whole(r.summary.makeupBalance),
  },
  {
    key: 'outOfClass',
    label: 'Out of class',
    num: true,
    sortValue: (r) => r.summary.outOfClass,
    text: (r) => whole(r.summary.outOfClass),
  },
  {
    key: 'missedSchool',
    label: 'Missed by school',
    num: true,
    sortValue: (r) => r.summary.missedBy.bySchool,
    text: (r) => whole(r.summary.missedBy.bySchool),
  },
  { key: 'status', label: 'Status', num: false, sortValue: statusRank, text: statusText },
  {
    key: 'met',
    label: 'Met (ended intervals)',
    fileLabel: 'Met ÷ owed over ended intervals',
    num: true,
    sortValue: (r) => r.summary.judged.compliance ?? Infinity,
    text: (r) => percent(r.summary.judged.compliance),
  },
  {
    key: 'shortfall',
    label: 'Short by setting',
    fileLabel: 'Shortfall by setting (ended intervals)',
    num: false,
    sortValue: (r) => totalOf(r.summary.judged.shortfall),
    text: (r) => bySettingText(r.summary.judged.shortfall),
  },
  {
    key: 'atRisk',
    label: 'At risk',
    fileLabel: 'At risk (remaining, planned, by)',
    num: false,
    sortValue: (r) => (r.summary.judged.atRisk ? totalOf(r.summary.judged.remaining) : -1),
    text: atRiskText,
  },
  {
    key: 'extra',
    label: 'Extra',
    fileLabel: 'Extra by setting',
    num: false,
    sortValue: (r) => totalOf(r.summary.judged.extra),
    text: (r) => bySettingText(r.summary.judged.extra),
  },
];

/**
 * The default order: behind first (lowest share met first), then at risk (most remaining first),
 * then everyone else by name.
 */
export function byStatus(a: ComplianceRow, b: ComplianceRow): number {
  const ja = a.summary.judged;
  const jb = b.summary.judged;
  return (
    statusRank(b) - statusRank(a) ||
    (ja.compliance ?? Infinity) - (jb.compliance ?? Infinity) ||
    totalOf(jb.remaining) - totalOf(ja.remaining) ||
    a.name.localeCompare(b.name)
  );
}

export function sortRows(
  rows: ComplianceRow[],
  key: string | null,
  direction: 'ascending' | 'descending',
): ComplianceRow[] {
  const col = COMPLIANCE_COLUMNS.find((c) => c.key === key);
  const out = [...rows];
  if (!col) return out.sort(byStatus);
  const sign = direction === 'ascending' ? 1 : -1;
  return out.sort((a, b) => {
    const va = col.sortValue(a);
    const vb = col.sortValue(b);
    const cmp = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return sign * cmp || a.name.localeCompare(b.name);
  });
}
