import type { ComplianceRow } from '../api/types';
import type { YearSummaryRow } from '../api/types-year-end';
import { SETTINGS, SETTING_LABELS } from './codes';
import type { BySetting } from './minutes-owed';

// The year summary: the figures the engine already computes (owed, delivered, compliance judged per
// setting and interval, makeups, time out of class), per student over a school year, and the columns
// the screen, the CSV and the PDF share.

export function yearSummaryRow(r: ComplianceRow, status: 'active' | 'exited'): YearSummaryRow {
  const s = r.summary;
  return {
    studentId: r.studentId,
    name: r.name,
    schoolName: r.schoolName,
    grade: r.grade,
    status,
    owed: s.owed,
    owedTotal: s.owedTotal,
    delivered: s.delivered,
    deliveredTotal: s.deliveredTotal,
    compliance: s.judged.compliance,
    behind: s.judged.behind,
    shortfall: s.judged.shortfall,
    makeupBalance: s.makeupBalance,
    outOfClass: s.outOfClass,
    missedBy: s.missedBy,
  };
}

const whole = (n: number) => String(Math.round(n));
const percent = (r: number | null) => (r == null ? '—' : `${Math.round(r * 100)}%`);
const bySetting = (b: BySetting) =>
  SETTINGS.filter((s) => Math.round(b[s]) > 0)
    .map((s) => `${SETTING_LABELS[s]} ${whole(b[s])}`)
    .join(' · ');

export interface YearColumn {
  label: string;
  num: boolean;
  text: (r: YearSummaryRow) => string;
}

/** The columns of the year summary: the screen and the PDF show these. */
export const YEAR_COLUMNS: YearColumn[] = [
  { label: 'Student', num: false, text: (r) => (r.status === 'exited' ? `${r.name} (exited)` : r.name) },
  { label: 'School', num: false, text: (r) => r.schoolName },
  { label: 'Owed', num: false, text: (r) => bySetting(r.owed) || '0' },
  { label: 'Delivered', num: false, text: (r) => bySetting(r.delivered) || '0' },
  { label: 'Owed total', num: true, text: (r) => whole(r.owedTotal) },
  { label: 'Delivered total', num: true, text: (r) => whole(r.deliveredTotal) },
  { label: 'Compliance', num: true, text: (r) => percent(r.compliance) },
  { label: 'Short', num: false, text: (r) => bySetting(r.shortfall) },
  { label: 'Makeups owed', num: true, text: (r) => whole(r.makeupBalance) },
  { label: 'Out of class', num: true, text: (r) => whole(r.outOfClass) },
];

/** The CSV spells every setting out in its own column, whole minutes. */
export function yearCsvRows(rows: YearSummaryRow[], label: string): { header: string[]; rows: string[][] } {
  const per = (prefix: string) => SETTINGS.map((s) => `${prefix} ${SETTING_LABELS[s].toLowerCase()}`);
  return {
    header: [
      'School year',
      'Student',
      'School',
      'Grade',
      'Status',
      ...per('Owed'),
      'Owed total',
      ...per('Delivered'),
      'Delivered total',
      'Compliance (per setting and interval)',
      'Behind',
      ...per('Short'),
      'Makeups owed',
      'Minutes out of class',
      'Missed by student',
      'Missed by provider',
      'Missed by school',
    ],
    rows: rows.map((r) => [
      label,
      r.name,
      r.schoolName,
      r.grade,
      r.status,
      ...SETTINGS.map((s) => whole(r.owed[s])),
      whole(r.owedTotal),
      ...SETTINGS.map((s) => whole(r.delivered[s])),
      whole(r.deliveredTotal),
      percent(r.compliance),
      r.behind ? 'yes' : 'no',
      ...SETTINGS.map((s) => whole(r.shortfall[s])),
      whole(r.makeupBalance),
      whole(r.outOfClass),
      whole(r.missedBy.byStudent),
      whole(r.missedBy.byProvider),
      whole(r.missedBy.bySchool),
    ]),
  };
}
