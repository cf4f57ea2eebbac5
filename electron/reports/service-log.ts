import Papa from 'papaparse';
import type { ServiceLog } from '../../shared/api/types';
import { ATTENDANCE_LABELS, GROUPING_LABELS, SETTING_LABELS } from '../../shared/domain/codes';
import { EVALUATION_LABELS } from '../../shared/domain/medicaid';
import { deliveredMinutes } from '../../shared/domain/minutes-delivered';
import type { MedicaidRow } from '../db/queries/reports';
import { document, esc, longDate } from './html';

/** The service log as one printable article, landscape (see LOG_CSS). */
export function serviceLogBody(log: ServiceLog): string {
  const delivered = log.rows.reduce((n, r) => n + deliveredMinutes(r), 0);
  const evaluated = log.evaluations.reduce((n, e) => n + e.minutes, 0);
  const rows = logLines(log)
    .map((l) => l.html)
    .join('');
  const provider = [log.provider.name, log.provider.credentials].filter(Boolean).join(', ');
  return `<article class="doc landscape">
  <div class="header"><div><h1>Occupational Therapy Service Log</h1><div>${longDate(log.from)} – ${longDate(log.to)}</div></div>
  <div class="district">${esc(log.provider.district)}<br>${esc(log.student.schoolName)}</div></div>
  <dl class="facts">
    <div><dt>Student</dt><dd>${esc(log.student.name)}</dd></div><div><dt>Date of birth</dt><dd>${longDate(log.student.dateOfBirth)}</dd></div>
    <div><dt>Grade</dt><dd>${esc(log.student.grade)}</dd></div><div><dt>Student ID</dt><dd>${esc(log.student.districtStudentId ?? '—')}</dd></div>
    <div><dt>Provider</dt><dd>${esc(provider || '—')}</dd></div><div><dt>Minutes delivered</dt><dd>${esc(delivered)}</dd></div>
    ${evaluated ? `<div><dt>Evaluation minutes (not IEP minutes)</dt><dd>${esc(evaluated)}</dd></div>` : ''}
  </dl>
  <table class="log"><thead><tr><th class="nw">Date</th><th class="nw">Time</th><th class="num">Min delivered</th><th class="nw">Setting</th><th>Grouping</th><th class="num">Students</th><th>Attendance</th><th>Goals addressed</th><th>Note</th></tr></thead>
  <tbody>${rows || '<tr><td colspan="9">No sessions in this range.</td></tr>'}</tbody></table>
  <div class="sign"><div>Signature: ${esc(provider)}</div><div>Date</div></div>
</article>`;
}

/** Sessions and evaluations in date order, each as a table row. */
function logLines(log: ServiceLog): { at: string; html: string }[] {
  const sessions = log.rows.map((r) => ({
    at: `${r.date} ${r.startTime}`,
    html: `<tr><td class="nw">${esc(r.date)}</td><td class="nw">${esc(r.startTime)}–${esc(r.endTime)}</td><td class="num">${esc(r.delivered ?? deliveredMinutes(r))}</td><td class="nw">${esc(SETTING_LABELS[r.setting])}</td>
      <td>${esc(GROUPING_LABELS[r.grouping])}</td><td class="num">${esc(r.studentsInSession ?? r.groupSize)}</td><td>${esc(ATTENDANCE_LABELS[r.code])}${r.makeup ? ' (makeup)' : ''}</td>
      <td>${esc(r.goals)}</td><td>${esc(r.note)}</td></tr>`,
  }));
  const evaluations = log.evaluations.map((e) => ({
    at: `${e.date} ${e.startTime}`,
    html: `<tr><td class="nw">${esc(e.date)}</td><td class="nw">${esc(e.startTime)}–${esc(e.endTime)}</td><td class="num">${esc(e.minutes)}</td><td class="nw">Evaluation</td>
      <td>${esc(EVALUATION_LABELS[e.cptCode])} (${esc(e.cptCode)})</td><td class="num">1</td><td>Not IEP minutes</td><td></td><td>${esc(e.note)}</td></tr>`,
  }));
  return [...sessions, ...evaluations].sort((a, b) => a.at.localeCompare(b.at));
}

/** A wide table: landscape pages, and dates, times and settings never break across lines. */
export const LOG_CSS = `@page wide { size: Letter landscape; } .landscape { page: wide; }
  table.log { font-size: 9pt; } table.log td.nw, table.log th.nw { white-space: nowrap; }
  table.log thead { display: table-header-group; } table.log tr { page-break-inside: avoid; }`;

export function serviceLogHtml(log: ServiceLog): string {
  return document(`Service log ${log.student.name}`, serviceLogBody(log), LOG_CSS);
}

/**
 * A text cell a spreadsheet would run as a formula: it starts with = + - @, a tab or a carriage return.
 * Papa's own `escapeFormulae: true` pattern (/^[=+\-@\t\r].*$/) misses such a cell when it holds a line
 * break, so the test is on the first character alone, whatever follows.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 (CRLF, quoted as needed); cells a spreadsheet would run as a formula are neutralised. */
export function toCsv(header: string[], rows: (string | number | boolean)[][]): string {
  return `${Papa.unparse({ fields: header, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START, quotes: false })}\r\n`;
}

export function serviceLogCsv(log: ServiceLog): string {
  const evaluations = log.evaluations.map((e) => [
    log.student.name,
    log.student.districtStudentId ?? '',
    e.date,
    e.startTime,
    e.endTime,
    e.minutes,
    'Evaluation',
    `${EVALUATION_LABELS[e.cptCode]} (${e.cptCode})`,
    1,
    'Not IEP minutes',
    'no',
    '',
    e.note,
  ]);
  return toCsv(
    [
      'Student',
      'Student ID',
      'Date',
      'Start',
      'End',
      'Minutes',
      'Setting',
      'Grouping',
      'Group size',
      'Attendance',
      'Makeup',
      'Goals addressed',
      'Note',
    ],
    log.rows
      .map((r) => [
        log.student.name,
        log.student.districtStudentId ?? '',
        r.date,
        r.startTime,
        r.endTime,
        // A miss delivered nothing; the group is every student in the session, present or not.
        r.delivered ?? deliveredMinutes(r),
        SETTING_LABELS[r.setting],
        GROUPING_LABELS[r.grouping],
        r.studentsInSession ?? r.groupSize,
        ATTENDANCE_LABELS[r.code],
        r.makeup ? 'yes' : 'no',
        r.goals,
        r.note,
      ])
      .concat(evaluations)
      .sort((a, b) => `${a[2]} ${a[3]}`.localeCompare(`${b[2]} ${b[3]}`)),
  );
}

/** The Medicaid log as the district's CSV: the first columns as before, then units, place of service, agency. */
export function medicaidCsv(rows: MedicaidRow[]): string {
  return toCsv(
    [
      'Student',
      'Medicaid ID',
      'Date of birth',
      'Date of service',
      'Start',
      'End',
      'Minutes',
      'CPT code',
      'Group size',
      'Setting',
      'Provider',
      'Provider NPI',
      'Units',
      'Modifiers',
      'Place of service',
      'Place of service code',
      'Provider name',
      'Provider credentials',
      'Provider agency',
    ],
    rows.map((r) => [
      r.studentName,
      r.medicaidId,
      r.dateOfBirth,
      r.date,
      r.startTime,
      r.endTime,
      r.minutes,
      r.cptCode,
      r.groupSize,
      r.setting === 'evaluation' ? 'Evaluation' : SETTING_LABELS[r.setting],
      r.provider,
      r.providerNpi,
      r.units,
      r.modifiers,
      r.placeOfService,
      r.placeOfServiceCode,
      r.providerName,
      r.credentials,
      r.providerAgency,
    ]),
  );
}
