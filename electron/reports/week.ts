// The printable week: the therapist's Mon–Fri across schools, or one school's for its teachers
// (that school's students only, by first name and last initial).
import type { WeekView } from '../../shared/api/types-schedule';
import { SETTING_LABELS } from '../../shared/domain/codes';
import { document, esc, longDate } from './html';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

const CSS = `
@page { size: Letter landscape; margin: 0.45in 0.5in; }
.week { display: grid; grid-template-columns: repeat(5, 1fr); gap: 6pt; }
.day h2 { font-size: 10.5pt; margin: 0 0 4pt; }
.occ { border: 0.75pt solid #999; border-left: 5pt solid var(--c); padding: 3pt 5pt; margin: 0 0 4pt; break-inside: avoid; font-size: 8.5pt; }
.occ .t { font-weight: bold; }
.occ .who { margin-top: 1pt; }
.occ.conflict { outline: 1.5pt solid #b00; }
.occ.blk { border: 0.75pt dashed #999; color: #333; }
.legend { display: flex; gap: 12pt; font-size: 8.5pt; margin: 0 0 6pt; }
.legend span::before { content: ''; display: inline-block; width: 8pt; height: 8pt; background: var(--c); margin-right: 3pt; }
.none { font-size: 8.5pt; color: #555; font-style: italic; }
.conflicts { font-size: 8.5pt; color: #900; margin: 6pt 0 0; }
`;

export function weekHtml(week: WeekView, opts: { therapist: string; school?: string | null }): string {
  const title = opts.school
    ? `OT schedule at ${opts.school}`
    : opts.therapist
      ? `${opts.therapist}: week schedule`
      : 'Week schedule';
  const legend = week.schools.map((s) => `<span style="--c:${esc(s.colour)}">${esc(s.school)}</span>`).join('');
  const days = week.days
    .map((d, i) => {
      const blocks = (d.blocks ?? []).map((b) => ({
        t: b.startTime,
        html: `<div class="occ blk"><div class="t">${esc(b.startTime)}–${esc(b.endTime)}</div>
  <div>${esc(b.label)}${b.school ? ` · ${esc(b.school)}` : ''}${b.note ? ` · ${esc(b.note)}` : ''}</div></div>`,
      }));
      const occs = d.occurrences.map((o) => ({
        t: o.startTime,
        html: `<div class="occ${o.conflicts.length && !opts.school ? ' conflict' : ''}" style="--c:${esc(o.colour)}">
  <div class="t">${esc(o.startTime)}–${esc(o.endTime)}${o.rotationDay ? ` · day ${esc(o.rotationDay)}` : ''}</div>
  <div>${opts.school ? '' : `${esc(o.school)} · `}${esc(SETTING_LABELS[o.setting])}${o.label ? ` · ${esc(o.label)}` : ''}</div>
  <div class="who">${o.students.map((s) => esc(s.name)).join(', ')}</div>
</div>`,
      }));
      // The therapist's own blocks (lunch, meetings) sit among the sessions in time order.
      const list = [...occs, ...blocks]
        .sort((a, b) => a.t.localeCompare(b.t))
        .map((x) => x.html)
        .join('');
      return `<section class="day"><h2>${esc(DAY_NAMES[i])} ${longDate(d.date).replace(/, \d{4}$/, '')}</h2>${list || '<p class="none">No sessions</p>'}</section>`;
    })
    .join('');
  const conflicts =
    !opts.school && week.conflicts.length
      ? `<div class="conflicts"><strong>Conflicts:</strong> ${week.conflicts.map((c) => `${esc(c.date)} ${esc(c.message)}`).join('; ')}</div>`
      : '';
  const body = `<div class="header"><div><h1>${esc(title)}</h1><div class="small">Week of ${longDate(week.from)} to ${longDate(week.to)}</div></div>
<div class="district">${opts.school ? 'Students listed by first name and last initial' : esc(opts.therapist)}</div></div>
<div class="legend">${legend}</div><div class="week">${days}</div>${conflicts}`;
  return document(title, body, CSS);
}
