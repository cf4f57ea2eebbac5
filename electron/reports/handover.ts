import type { ProgressReportView, ServiceLog, StudentDetail } from '../../shared/api/types';
import { GROUPING_LABELS, INTERVAL_LABELS, SETTING_LABELS } from '../../shared/domain/codes';
import { document, esc, longDate } from './html';
import { cssString, progressReportBody } from './progress-report';
import { LOG_CSS, serviceLogBody } from './service-log';

/**
 * Everything a therapist taking over a student needs, in one PDF: the student, every IEP with its
 * service lines and goals, the whole service log, and every finalised progress report.
 */
export function handoverHtml(
  student: StudentDetail,
  log: ServiceLog,
  reports: ProgressReportView[],
  preparedOn: string,
): string {
  const name = `${student.preferredName || student.firstName} ${student.lastName}`;
  const plans = student.plans
    .map((p) => {
      const lines = p.lines
        .map(
          (
            l,
          ) => `<tr><td>${esc(l.service)}</td><td class="nw">${esc(SETTING_LABELS[l.setting])}</td><td>${esc(GROUPING_LABELS[l.grouping])}${l.maxGroupSize ? ` (max ${esc(l.maxGroupSize)})` : ''}</td>
          <td>${esc(l.sessionsCount != null ? `${l.sessionsCount} × ${l.minutesPerSession} min` : `${l.minutes} min`)} ${esc(INTERVAL_LABELS[l.interval])}</td>
          <td>${longDate(l.startDate)} – ${longDate(l.endDate)}${l.replacesLineId ? ' (amendment)' : ''}</td></tr>`,
        )
        .join('');
      const goals = p.goals
        .map(
          (g) =>
            `<li><b>${esc(g.area)}:</b> ${esc(g.text)}<br><span class="small">Criterion: ${esc(g.criterion ?? 'not set')} · Baseline: ${esc(g.baseline ?? '—')}</span></li>`,
        )
        .join('');
      return `<section class="goal"><h3>${esc(p.kind)} ${longDate(p.startDate)} – ${longDate(p.endDate)}</h3>
        <p class="small">Meeting ${longDate(p.meetingDate)} · last evaluation ${longDate(p.lastEvalDate)} · re-evaluation due ${longDate(p.reevalDueDate)}</p>
        <table><thead><tr><th>Service</th><th>Setting</th><th>Grouping</th><th>Amount</th><th>In effect</th></tr></thead>
        <tbody>${lines || '<tr><td colspan="5">No service lines.</td></tr>'}</tbody></table>
        <ol>${goals || '<li>No goals.</li>'}</ol></section>`;
    })
    .join('');
  const cover = `<article class="doc">
  <div class="header"><div><h1>Occupational Therapy Records for Handover</h1><div>Prepared ${longDate(preparedOn)}</div></div>
  <div class="district">${esc(log.provider.district)}<br>${esc(student.schoolName)}</div></div>
  <dl class="facts">
    <div><dt>Student</dt><dd>${esc(name)}</dd></div><div><dt>Date of birth</dt><dd>${longDate(student.dateOfBirth)}</dd></div>
    <div><dt>School</dt><dd>${esc(student.schoolName)}</dd></div><div><dt>Grade</dt><dd>${esc(student.grade || '—')}</dd></div>
    <div><dt>Teacher</dt><dd>${esc(student.teacher ?? '—')}</dd></div><div><dt>Student ID</dt><dd>${esc(student.districtStudentId ?? '—')}</dd></div>
    <div><dt>Status</dt><dd>${student.status === 'exited' ? 'Exited' : 'Active'}</dd></div><div><dt>Reports</dt><dd>${esc(reports.length)} finalised</dd></div>
  </dl>
  <h2>IEPs, services and goals</h2>
  ${plans || '<p>No IEP on record.</p>'}
</article>`;
  return document(
    `Records for handover ${name}`,
    [cover, serviceLogBody(log), ...reports.map((r, i) => progressReportBody(r, i))].join('\n'),
    `${LOG_CSS}
td.nw { white-space: nowrap; }
@page { @top-left { content: ${cssString(`${name} · records for handover`)}; font-size: 8pt; color: #333; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #333; } }
@page :first { @top-left { content: none; } }`,
  );
}
