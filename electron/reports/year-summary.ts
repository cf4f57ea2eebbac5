import type { YearSummary } from '../../shared/api/types-year-end';
import { SETTINGS, SETTING_LABELS } from '../../shared/domain/codes';
import { YEAR_COLUMNS, yearCsvRows } from '../../shared/domain/year-summary';
import { document, esc, longDate } from './html';
import { toCsv } from './service-log';

export interface YearSummaryDoc {
  summary: YearSummary;
  schoolLabel: string;
  provider: { name: string; credentials: string; district: string };
}

/** One row per student, every setting in its own column, whole minutes. */
export function yearSummaryCsv(doc: YearSummaryDoc): string {
  const { header, rows } = yearCsvRows(doc.summary.rows, doc.summary.label);
  return toCsv(header, rows);
}

const PDF_CSS = `@page { size: Letter landscape; margin: 0.45in 0.5in; }
  table.ys { font-size: 8pt; } table.ys th { font-size: 7.5pt; } table.ys td, table.ys th { padding: 2pt 3pt; }
  table.ys thead { display: table-header-group; } table.ys tr { page-break-inside: avoid; break-inside: avoid; }
  table.ys tr.behind td { background: #fff1dc; }
  .boxes { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 10pt; margin: 4pt 0 8pt; font-size: 9pt; }
  .boxes section { border: 0.75pt solid #999; padding: 5pt 7pt; page-break-inside: avoid; }
  .boxes h2 { font-size: 9.5pt; margin: 0 0 3pt; border: 0; padding: 0; }
  .boxes table { margin: 0; } .boxes td, .boxes th { border: 0; padding: 1pt 3pt 1pt 0; font-size: 9pt; background: none; }`;

const pct = (r: number) => esc(`${Math.round(r * 100)}%`);
const whole = (n: number) => esc(String(Math.round(n)));

/** The year summary, printable: the caseload's figures first, then a row per student. */
export function yearSummaryHtml(doc: YearSummaryDoc): string {
  const { summary: y } = doc;
  const provider = [doc.provider.name, doc.provider.credentials].filter(Boolean).join(', ');
  const w = y.workload;
  const mixRows = SETTINGS.map(
    (s) =>
      `<tr><th>${esc(SETTING_LABELS[s])}</th><td class="num">${whole(y.mix.minutes[s])} min</td><td class="num">${pct(y.mix.share[s])}</td></tr>`,
  ).join('');
  const body = `<article class="doc">
  <div class="header"><div><h1>School year ${esc(y.label)}: summary</h1><div>${longDate(y.from)} – ${longDate(y.to)} · ${esc(doc.schoolLabel)}</div></div>
  <div class="district">${esc(doc.provider.district)}<br>${esc(provider)}<br>Prepared ${longDate(y.preparedOn)}</div></div>
  <div class="boxes">
    <section><h2>Students (${esc(y.totals.students)})</h2><table>
      <tr><th>Minutes owed</th><td class="num">${whole(y.totals.owed)}</td></tr>
      <tr><th>Minutes delivered</th><td class="num">${whole(y.totals.delivered)}</td></tr>
      <tr><th>Behind (under ${pct(y.threshold)} met)</th><td class="num">${esc(y.totals.behind)}</td></tr>
      <tr><th>Makeup minutes still owed</th><td class="num">${whole(y.totals.makeupBalance)}</td></tr>
      <tr><th>Minutes out of class</th><td class="num">${whole(y.totals.outOfClass)}</td></tr></table></section>
    <section><h2>My time by setting (${whole(y.mix.total)} min)</h2><table>${mixRows}</table>
      <p class="small">Reference: Watt &amp; Richards (2016), 45 school OTs: ${pct(y.reference.pullOut)} of service time pull-out,
      ${pct(y.reference.inEducationSetting)} within the education setting.</p></section>
    <section><h2>Workload</h2><table>
      <tr><th>Sessions held</th><td class="num">${esc(w.sessions)}</td></tr>
      <tr><th>Direct minutes (push-in, pull-out)</th><td class="num">${whole(w.direct)}</td></tr>
      <tr><th>Consult minutes</th><td class="num">${whole(w.consult)}</td></tr>
      <tr><th>Evaluation minutes (${esc(w.evaluations)} evaluation${w.evaluations === 1 ? '' : 's'})</th><td class="num">${whole(w.evaluationMinutes)}</td></tr>
      <tr><th>Sessions I missed</th><td class="num">${esc(w.missedByProvider)}</td></tr>
      <tr><th>Weeks with school</th><td class="num">${esc(w.weeks)}</td></tr>
      <tr><th>Minutes a school week</th><td class="num">${whole(w.perWeek)}</td></tr></table></section>
  </div>
  <table class="ys"><thead><tr>${YEAR_COLUMNS.map((c) => `<th${c.num ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('')}</tr></thead>
  <tbody>${
    y.rows
      .map(
        (r) =>
          `<tr${r.behind ? ' class="behind"' : ''}>${YEAR_COLUMNS.map((c) => `<td${c.num ? ' class="num"' : ''}>${esc(c.text(r))}</td>`).join('')}</tr>`,
      )
      .join('') || `<tr><td colspan="${YEAR_COLUMNS.length}">No students in this year.</td></tr>`
  }</tbody></table>
  <p class="small">Minutes are rounded to whole minutes. Compliance judges each setting over whole service intervals (Mon–Sun weeks,
  calendar months, the school year): met ÷ owed over the intervals that have ended; short is what those intervals still lack.
  Makeups owed are missed minutes whose reason owes a makeup, less makeup minutes given. Out of class is pull-out minutes delivered.
  Exited students are counted for the dates they were served.</p>
</article>`;
  return document(`School year ${y.label} summary`, body, PDF_CSS);
}
