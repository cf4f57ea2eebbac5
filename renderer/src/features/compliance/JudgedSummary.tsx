import './compliance.css';
import type { MinutesSummary } from '../../../../shared/api/types';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { bySettingText, shortDate } from '../../../../shared/domain/compliance-columns';
import type { IntervalStatus } from '../../../../shared/domain/compliance';
import { mins, pct } from '../../format';

const intervalName = (i: IntervalStatus) =>
  i.interval === 'week'
    ? `week of ${shortDate(i.start)}`
    : i.interval === 'month'
      ? `${shortDate(i.start).split(' ')[0]} ${i.start.slice(0, 4)}`
      : `school year to ${shortDate(i.end)}`;

/**
 * The student's status judged per setting over whole service intervals (docs/domain.md): behind with
 * the shortfall of each ended interval, at risk with what remains of the open one, extra minutes, and
 * who missed the missed minutes.
 */
export function JudgedSummary({ summary, threshold }: { summary: MinutesSummary; threshold: number }) {
  const j = summary.judged;
  const short = j.intervals.filter((i) => !i.open && Math.round(i.shortfall) > 0);
  const open = j.intervals.filter((i) => i.open && i.owed > 0);
  const extra = bySettingText(j.extra);
  return (
    <div className="judged" data-testid="judged">
      <div className="summary-row compliance-stats">
        <div className={`stat ${j.behind ? 'behind' : ''}`} data-testid="judged-behind">
          <span className="stat-label">Ended intervals met</span>
          <span className="stat-value">{pct(j.compliance)}</span>
          <span className="muted small">
            {j.compliance == null
              ? 'No week, month or year of this range has ended yet.'
              : `${mins(j.closedMet)} of ${mins(j.closedOwed)} min${j.behind ? ` · behind (under ${pct(threshold)})` : ''}`}
          </span>
        </div>
        <div className="stat" data-testid="judged-at-risk">
          <span className="stat-label">Remaining this interval</span>
          <span className="stat-value">
            {mins(j.remaining.push_in + j.remaining.pull_out + j.remaining.consult)} min
          </span>
          <span className="muted small">
            {j.atRisk
              ? `at risk: ${mins(j.planned.push_in + j.planned.pull_out + j.planned.consult)} planned, due by ${shortDate(j.atRiskBy!)}`
              : Math.round(j.remaining.push_in + j.remaining.pull_out + j.remaining.consult) > 0
                ? 'the planned minutes cover it'
                : 'nothing left to give'}
          </span>
        </div>
        <div className="stat" data-testid="judged-extra">
          <span className="stat-label">Extra</span>
          <span className="stat-value small-value">{extra || '0'}</span>
          <span className="muted small">beyond what a setting owes</span>
        </div>
        <div className="stat" data-testid="missed-by">
          <span className="stat-label">Missed by</span>
          <span className="muted">
            student {mins(summary.missedBy.byStudent)} · me {mins(summary.missedBy.byProvider)} · school{' '}
            {mins(summary.missedBy.bySchool)} min
          </span>
        </div>
      </div>
      {short.length > 0 && (
        <>
          <h3>Short in ended intervals</h3>
          <ul data-testid="shortfall-list">
            {short.map((i) => (
              <li key={`${i.setting}${i.interval}${i.start}`}>
                {SETTING_LABELS[i.setting]}, {intervalName(i)}: {mins(i.credited)} of {mins(i.owed)} min, short{' '}
                {mins(i.shortfall)}
              </li>
            ))}
          </ul>
        </>
      )}
      {open.length > 0 && (
        <>
          <h3>Open now</h3>
          <ul data-testid="open-list">
            {open.map((i) => (
              <li key={`${i.setting}${i.interval}${i.start}`}>
                {SETTING_LABELS[i.setting]}, {intervalName(i)}: {mins(i.remaining)} of {mins(i.owed)} min left by{' '}
                {shortDate(i.end)}, {mins(i.planned)} planned{i.atRisk ? ' — at risk' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
