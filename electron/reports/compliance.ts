import type { CaseloadCompliance } from '../../shared/api/types';
import { COMPLIANCE_COLUMNS, sortRows } from '../../shared/domain/compliance-columns';
import { document, esc, longDate } from './html';
import { toCsv } from './service-log';

export interface ComplianceDoc {
  view: CaseloadCompliance;
  /** "All schools" or the school chosen on screen. */
  schoolLabel: string;
  provider: { name: string; credentials: string; district: string };
  preparedOn: string;
}

const header = (c: (typeof COMPLIANCE_COLUMNS)[number]) => c.fileLabel ?? c.label;

/** The Compliance view as CSV: the screen's columns, in the screen's default order, plus the range. */
export function complianceCsv(doc: ComplianceDoc): string {
  const rows = sortRows(doc.view.rows, null, 'ascending');
  return toCsv(
    ['From', 'To', 'Grade', ...COMPLIANCE_COLUMNS.map(header)],
    rows.map((r) => [doc.view.from, doc.view.to, r.grade, ...COMPLIANCE_COLUMNS.map((c) => c.text(r))]),
  );
}

const PDF_CSS = `@page { size: Letter landscape; margin: 0.45in 0.5in; }
  table.cmp { font-size: 8pt; } table.cmp th { font-size: 7.5pt; } table.cmp td, table.cmp th { padding: 2pt 3pt; }
  table.cmp thead { display: table-header-group; } table.cmp tr { page-break-inside: avoid; break-inside: avoid; }
  table.cmp tr.behind td, table.cmp tr.behind th { background: #fff1dc; }
  .totals { display: flex; gap: 18pt; margin: 4pt 0 6pt; font-size: 9pt; }`;

/** The Compliance view as a printable landscape table, same columns and order as the screen. */
export function complianceHtml(doc: ComplianceDoc): string {
  const { view } = doc;
  const rows = sortRows(view.rows, null, 'ascending');
  const provider = [doc.provider.name, doc.provider.credentials].filter(Boolean).join(', ');
  const pct = (r: number) => esc(`${Math.round(r * 100)}%`);
  const body = `<article class="doc">
  <div class="header"><div><h1>Service minutes compliance</h1><div>${longDate(view.from)} – ${longDate(view.to)} · ${esc(doc.schoolLabel)}</div></div>
  <div class="district">${esc(doc.provider.district)}<br>${esc(provider || '')}<br>Prepared ${longDate(doc.preparedOn)}</div></div>
  <div class="totals">
    <div><b>Students:</b> ${esc(rows.length)}</div>
    <div><b>Behind</b> (under ${pct(view.threshold)} of owed minutes met, per setting, over ended weeks, months and years): ${esc(view.totals.judgedBehind)}</div>
    <div><b>At risk</b> (more left this interval than planned): ${esc(view.totals.atRisk)}</div>
    <div><b>Delivered ÷ owed to date:</b> ${esc(Math.round(view.totals.delivered))} of ${esc(Math.round(view.totals.owedToDate))} min</div>
  </div>
  <table class="cmp"><thead><tr>${COMPLIANCE_COLUMNS.map((c) => `<th${c.num ? ' class="num"' : ''}>${esc(header(c))}</th>`).join('')}</tr></thead>
  <tbody>${
    rows
      .map(
        (r) =>
          `<tr${r.summary.judged.behind ? ' class="behind"' : ''}>${COMPLIANCE_COLUMNS.map(
            (c) => `<td${c.num ? ' class="num"' : ''}>${esc(c.text(r))}</td>`,
          ).join('')}</tr>`,
      )
      .join('') || `<tr><td colspan="${COMPLIANCE_COLUMNS.length}">No students in this view.</td></tr>`
  }</tbody></table>
  <p class="small">Minutes are rounded to whole minutes. Owed to date and delivered are over the range; behind, short, at risk and
  extra judge each setting over whole service intervals (Mon–Sun weeks, calendar months, school years) that overlap it.
  Missed by me = missed by the provider; missed by school = student unavailable or school closed.</p>
</article>`;
  return document(`Compliance ${view.from} to ${view.to}`, body, PDF_CSS);
}
