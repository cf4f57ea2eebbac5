import type { MedicaidLog } from '../../shared/api/types-medicaid';
import { SETTING_LABELS } from '../../shared/domain/codes';
import { UNIT_RULE_LABELS } from '../../shared/domain/medicaid';
import { document, esc, longDate } from './html';
import { LOG_CSS } from './service-log';

const monthLabel = (month: string) => longDate(`${month}-01`).replace(/ 1,/, '');

/**
 * The printable monthly Medicaid log: every billed service with the CMS minimum (date, student and
 * Medicaid ID, provider and agency, code, minutes and units, place of service), what was left out and
 * why, and the provider's attestation with a signature line and date.
 */
export function medicaidLogHtml(log: MedicaidLog): string {
  const p = log.provider;
  const provider = [p.name, p.credentials].filter(Boolean).join(', ');
  const rows = log.claims
    .map(
      (
        c,
      ) => `<tr><td class="nw">${esc(c.date)}</td><td class="nw">${esc(c.startTime)}–${esc(c.endTime)}</td><td>${esc(c.studentName)}</td>
      <td class="nw">${esc(c.medicaidId)}</td><td class="nw">${esc(c.dateOfBirth)}</td><td class="nw">${esc(c.cptCode)}${c.modifiers ? ` ${esc(c.modifiers)}` : ''}</td>
      <td class="nw">${esc(c.setting === 'evaluation' ? 'Evaluation' : SETTING_LABELS[c.setting])}</td><td class="num">${esc(c.groupSize)}</td>
      <td class="num">${esc(c.minutes)}</td><td class="num">${esc(c.units)}</td><td>${esc(c.placeOfService)} (${esc(c.placeOfServiceCode)})</td></tr>`,
    )
    .join('');
  const left = log.leftOut
    .map(
      (l) =>
        `<tr><td class="nw">${esc(l.date)}</td><td class="nw">${esc(l.startTime)}</td><td>${esc(l.studentName)}</td><td class="nw">${esc(l.cptCode)}</td><td class="num">${esc(l.minutes)}</td><td>${esc(l.reason)}</td></tr>`,
    )
    .join('');
  // Services left out are listed in their own table; the notes explain what was billed.
  const notes = [
    ...log.notes.filter((n) => !/left out: the student has no Medicaid ID/.test(n)),
    ...(log.consentNotOnFile.length
      ? [`No consent-to-bill date is on file for: ${log.consentNotOnFile.join(', ')}. Check consent before submitting.`]
      : []),
  ];
  return document(
    `Medicaid log ${log.month}`,
    `<article class="doc landscape">
  <div class="header"><div><h1>Medicaid Service Log: Occupational Therapy</h1><div>${monthLabel(log.month)}</div></div>
  <div class="district">${esc(p.agency || 'Provider agency not set')}</div></div>
  <dl class="facts">
    <div><dt>Provider</dt><dd>${esc(provider || '—')}</dd></div><div><dt>NPI</dt><dd>${esc(p.npi || '—')}</dd></div>
    <div><dt>Provider agency</dt><dd>${esc(p.agency || '—')}</dd></div><div><dt>Units</dt><dd>${esc(UNIT_RULE_LABELS[log.unitRule])}</dd></div>
    <div><dt>Services</dt><dd>${esc(log.totals.services)}</dd></div><div><dt>Minutes / units</dt><dd>${esc(log.totals.minutes)} / ${esc(log.totals.units)}</dd></div>
  </dl>
  <table class="log"><thead><tr><th class="nw">Date</th><th class="nw">Time</th><th>Student</th><th class="nw">Medicaid ID</th><th class="nw">Date of birth</th>
    <th class="nw">CPT / mod.</th><th class="nw">Setting</th><th class="num">Group</th><th class="num">Min</th><th class="num">Units</th><th>Place of service (POS code)</th></tr></thead>
  <tbody>${rows || '<tr><td colspan="11">No billable services this month.</td></tr>'}</tbody></table>
  ${notes.length ? `<ul class="small">${notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
  <div class="closing">
    <h2>Attestation</h2>
    <p>I attest that I provided the services listed above to the students named, on the dates and at the times
    shown, as documented in each student's records and under the student's IEP, and that this log is true,
    accurate and complete to the best of my knowledge.</p>
    <div class="sign"><div>Signature: ${esc(provider)}${p.npi ? ` · NPI ${esc(p.npi)}` : ''}</div><div>Date</div></div>
  </div>
  ${
    left
      ? `<h2>Not billed (${esc(log.leftOut.length)})</h2>
  <table class="log"><thead><tr><th class="nw">Date</th><th class="nw">Start</th><th>Student</th><th class="nw">CPT</th><th class="num">Min</th><th>Reason</th></tr></thead><tbody>${left}</tbody></table>`
      : ''
  }
</article>`,
    `${LOG_CSS} .closing h2 { margin-top: 8pt; } .closing p { margin: 4pt 0; } .closing .sign { margin-top: 14pt; }`,
  );
}
