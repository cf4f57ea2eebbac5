import type { GoalReportLine, ProgressReportView } from '../../shared/api/types';
import { SETTINGS, SETTING_LABELS, PROMPT_LABELS } from '../../shared/domain/codes';
import { toDay } from '../../shared/domain/dates';
import { document, esc, longDate } from './html';

const level = (n: number | null, g: GoalReportLine) =>
  n == null
    ? '—'
    : esc(
        g.measurement === 'trials' || g.measurement === 'percent' ? `${Math.round(n)}%` : `${Math.round(n * 10) / 10}`,
      );
const TREND = {
  rising: 'rising',
  flat: 'flat',
  falling: 'falling',
  not_enough_data: 'not enough data for a trend',
} as const;

/**
 * A small inline chart of the period's data against the target, drawn as SVG (prints crisply): points
 * placed by their dates, and the summary's least-squares trend line (the trend the label names).
 */
function sparkline(g: GoalReportLine): string {
  if (g.data.length < 2) return '';
  // The plot sits inside labelled axes: level on the left (0 and the top, with the unit), dates below.
  const w = 320;
  const h = 96;
  const left = 40;
  const right = 8;
  const top = 6;
  const bottom = 28;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const fit = g.summary.fit;
  const max = Math.ceil(
    Math.max(100, g.summary.target ?? 0, ...g.data.map((d) => d.level), fit?.fromLevel ?? 0, fit?.toLevel ?? 0),
  );
  const days = g.data.map((d) => toDay(d.date));
  const lo = Math.min(...days);
  const span = Math.max(...days) - lo || 1;
  const x = (date: string) => left + 4 + ((toDay(date) - lo) * (pw - 8)) / span;
  const y = (v: number) => top + ph - (Math.max(0, v) / max) * ph;
  const sorted = [...g.data].sort((a, b) => a.date.localeCompare(b.date));
  const pts = sorted.map((d) => `${x(d.date).toFixed(1)},${y(d.level).toFixed(1)}`).join(' ');
  const unit = g.measurement === 'trials' || g.measurement === 'percent' ? '%' : '';
  const target =
    g.summary.target != null
      ? `<line x1="${left}" x2="${w - right}" y1="${y(g.summary.target)}" y2="${y(g.summary.target)}" stroke="#555" stroke-dasharray="4 3" stroke-width="1"/>`
      : '';
  const trend = fit
    ? `<line x1="${x(fit.fromDate).toFixed(1)}" y1="${y(fit.fromLevel).toFixed(1)}" x2="${x(fit.toDate).toFixed(1)}" y2="${y(fit.toLevel).toFixed(1)}" stroke="#b85c0c" stroke-dasharray="2 2" stroke-width="1.2"/>`
    : '';
  const first = sorted[0]!.date;
  const last = sorted[sorted.length - 1]!.date;
  const text = (tx: number, ty: number, anchor: string, body: string, extra = '') =>
    `<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="${anchor}" font-size="7.5" fill="#333"${extra}>${esc(body)}</text>`;
  const axes = [
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + ph}" stroke="#777"/>`,
    `<line x1="${left}" y1="${top + ph}" x2="${w - right}" y2="${top + ph}" stroke="#777"/>`,
    text(left - 3, top + ph + 2.5, 'end', `0${unit}`),
    text(left - 3, top + 6, 'end', `${max}${unit}`),
    text(x(first), top + ph + 10, first === last ? 'middle' : 'start', shortDate(first)),
    first === last ? '' : text(x(last), top + ph + 10, 'end', shortDate(last)),
    text(left + pw / 2, h - 3, 'middle', 'Date', ' class="axis-title"'),
    text(
      10,
      top + ph / 2,
      'middle',
      unit ? `Level (${unit})` : 'Level',
      ` class="axis-title" transform="rotate(-90 10 ${(top + ph / 2).toFixed(1)})"`,
    ),
  ].join('');
  return `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Data points by date against the target${fit ? ', with the trend line' : ''}">
  ${axes}${target}${trend}
  <polyline points="${pts}" fill="none" stroke="#111" stroke-width="1.5"/>
  ${sorted.map((d) => `<circle cx="${x(d.date).toFixed(1)}" cy="${y(d.level).toFixed(1)}" r="2" fill="#111"/>`).join('')}
</svg>`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const shortDate = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}`;

function goalBlock(g: GoalReportLine, i: number): string {
  const s = g.summary;
  // Said once: the narrative drafted from no data already says it.
  const numbers =
    s.points === 0
      ? /^No data was recorded/.test(g.narrative.trim())
        ? ''
        : `<p class="numbers nodata">No data was recorded for this goal in this reporting period.</p>`
      : `<p class="numbers"><b>Data points:</b> ${esc(s.points)} &nbsp; <b>First:</b> ${level(s.first, g)} &nbsp; <b>Latest:</b> ${level(s.latest, g)}
         &nbsp; <b>Trend:</b> ${esc(TREND[s.trend])} &nbsp; <b>Target:</b> ${s.target != null ? level(s.target, g) : esc(g.criterion ?? 'not set')}
         ${s.latestPrompt ? `&nbsp; <b>Latest prompt:</b> ${esc(PROMPT_LABELS[s.latestPrompt])}` : ''}</p>`;
  return `<section class="goal">
  <h3>Goal ${i + 1} · ${esc(g.area)}</h3>
  <p>${esc(g.text)}</p>
  <p class="meta"><b>Criterion:</b> ${esc(g.criterion ?? 'not set')} &nbsp; <b>Baseline:</b> ${esc(g.baseline ?? '—')}</p>
  ${numbers}
  ${sparkline(g)}
  <p class="code">Progress: ${esc(g.code || 'not yet coded')}</p>
  <p class="narrative">${esc(g.narrative)}</p>
</section>`;
}

/** A CSS string literal (for page margin boxes): quotes, backslashes and markup cannot escape it. */
export const cssString = (v: string) =>
  `"${v
    .replace(/[\\"]/g, '\\$&')
    .replace(/</g, '\\3c ')
    .replace(/[\r\n]+/g, ' ')}"`;

/**
 * Pages after the first carry the student's name and the period at the top, and every page says
 * "Page N of M" at the bottom (CSS page margin boxes, which Chromium prints).
 */
function pageCss(reports: ProgressReportView[]): string {
  const named = reports
    .map(
      (r, i) =>
        `.doc-${i} { page: report-${i}; }
@page report-${i} { @top-left { content: ${cssString(`${r.student.name} · ${r.period.label} progress report`)}; font-size: 8pt; color: #333; } }`,
    )
    .join('\n');
  return `${named}
@page { @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #333; } }
@page :first { @top-left { content: none; } }
@page report-0:first { @top-left { content: none; } }`;
}

export function progressReportBody(r: ProgressReportView, index = 0): string {
  const m = r.minutes;
  const minutesRows = SETTINGS.filter((k) => m.owed[k] > 0 || m.delivered[k] > 0)
    .map(
      (k) =>
        `<tr><td>${esc(SETTING_LABELS[k])}</td><td class="num">${esc(Math.round(m.owed[k]))}</td><td class="num">${esc(Math.round(m.delivered[k]))}</td></tr>`,
    )
    .join('');
  const provider = [r.provider.name, r.provider.credentials].filter(Boolean).join(', ') || 'Occupational therapist';
  return `<article class="doc doc-${index}">
  ${r.status === 'final' ? '' : '<div class="draft">DRAFT</div>'}
  <div class="header">
    <div><h1>IEP Progress Report: Occupational Therapy</h1><div>${esc(r.period.label)}: ${longDate(r.period.startDate)} – ${longDate(r.period.endDate)}</div></div>
    <div class="district">${esc(r.provider.district)}<br>${esc(r.student.schoolName)}</div>
  </div>
  <dl class="facts">
    <div><dt>Student</dt><dd>${esc(r.student.name)}</dd></div>
    <div><dt>Date of birth</dt><dd>${longDate(r.student.dateOfBirth)}</dd></div>
    <div><dt>School</dt><dd>${esc(r.student.schoolName)}</dd></div>
    <div><dt>Grade</dt><dd>${esc(r.student.grade || '—')}</dd></div>
    <div><dt>${esc(r.plan?.kind ?? 'IEP')} dates</dt><dd>${r.plan ? `${longDate(r.plan.startDate)} – ${longDate(r.plan.endDate)}` : 'No IEP in this period'}</dd></div>
    <div><dt>Student ID</dt><dd>${esc(r.student.districtStudentId ?? '—')}</dd></div>
    <div><dt>Provider</dt><dd>${esc(provider)}</dd></div>
    <div><dt>Version</dt><dd>${esc(r.version)}${r.status === 'final' ? `, finalised ${longDate(r.finalizedAt?.slice(0, 10))}` : ' (draft)'}</dd></div>
  </dl>
  <h2>Goals</h2>
  ${r.goals.length ? r.goals.map(goalBlock).join('') : '<p class="nodata">No goals are on the IEP for this period.</p>'}
  <div class="closing">
  <section class="goal">
    <h3>Service minutes this period</h3>
    <table><thead><tr><th>Setting</th><th class="num">Minutes owed</th><th class="num">Minutes delivered</th></tr></thead>
    <tbody>${minutesRows || '<tr><td colspan="3">No service minutes in this period.</td></tr>'}
    <tr><th>Total</th><th class="num">${esc(Math.round(m.owedTotal))}</th><th class="num">${esc(Math.round(m.deliveredTotal))}</th></tr></tbody></table>
    <p class="small">Minutes owed follow the IEP's service lines over the school's instructional days. Pull-out minutes (time out of the general-education classroom): ${esc(Math.round(m.outOfClass))}.</p>
  </section>
  <div class="sign"><div>Signature: ${esc(provider)}</div><div>Date: ${longDate(r.preparedOn)}</div></div>
  </div>
</article>`;
}

export function progressReportHtml(reports: ProgressReportView[]): string {
  const title =
    reports.length === 1
      ? `Progress report ${reports[0]!.student.name} ${reports[0]!.period.label}`
      : `Progress reports ${reports[0]?.period.label ?? ''}`;
  return document(title, reports.map((r, i) => progressReportBody(r, i)).join('\n'), pageCss(reports));
}
