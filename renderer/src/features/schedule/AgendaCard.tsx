import { memo } from 'react';
import { Link } from 'react-router';
import type { OccurrenceView } from '../../../../shared/api/types-schedule';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { fmtDay } from '../../format';
import { distinctConflicts, inkOn } from './card-text';

export const STATUS_LABEL: Record<OccurrenceView['status'], string> = {
  planned: 'Planned',
  logged: 'Logged',
  cancelled: 'Cancelled',
  not_logged: 'Not logged',
};

export type AgendaAction = 'done' | 'log' | 'cancel' | 'makeups' | 'focus';

/**
 * One occurrence of the agenda. Memoised: moving the focus redraws the two cards concerned, not the
 * day. The shortcut keys are shown on the current card, the one they act on.
 */
export const AgendaCard = memo(function AgendaCard({
  o,
  index,
  current,
  date,
  busy,
  onAction,
}: {
  o: OccurrenceView;
  index: number;
  current: boolean;
  /** The agenda's date: an occurrence of another day says which. */
  date: string;
  busy: boolean;
  onAction: (action: AgendaAction, o: OccurrenceView, index: number) => void;
}) {
  const key = (k: string) => (current ? <kbd>{k}</kbd> : null);
  const makeups = o.students.some((s) => s.openMakeups > 0);
  return (
    <li
      data-occurrence
      tabIndex={current ? 0 : -1}
      className={`occurrence status-${o.status}${current ? ' current' : ''}`}
      style={{ borderLeftColor: o.colour }}
      onFocus={() => onAction('focus', o, index)}
      aria-label={`${o.startTime} to ${o.endTime}, ${o.school}, ${SETTING_LABELS[o.setting]}, ${o.students.map((s) => s.name).join(', ')}: ${STATUS_LABEL[o.status]}`}
    >
      <div className="occ-head">
        <strong>
          {o.date !== date && <>{fmtDay(o.date)} · </>}
          {o.startTime}–{o.endTime}
        </strong>
        <span className="school-tag" style={{ background: o.colour, color: inkOn(o.colour) }}>
          {o.school}
        </span>
        <span>
          {SETTING_LABELS[o.setting]} · {o.grouping === 'group' ? 'group' : 'individual'} · {o.minutes} min
          {o.rotationDay && <> · day {o.rotationDay}</>}
          {o.label && <> · {o.label}</>}
        </span>
        <span className={`badge ${o.status}`}>{STATUS_LABEL[o.status]}</span>
      </div>
      <ul className="occ-students">
        {o.students.map((s) => (
          <li key={s.studentId}>
            <Link to={`/students/${s.studentId}`} tabIndex={-1}>
              {s.name}
            </Link>
            {s.openMakeups > 0 && (
              <span className="badge warn" title="Open makeups">
                {s.openMakeups} makeup{s.openMakeups > 1 ? 's' : ''} owed
              </span>
            )}
          </li>
        ))}
      </ul>
      {distinctConflicts(o.conflicts).map((c) => (
        <p key={c.text} className="conflict" role="note">
          ⚠ {c.text}
          {c.count > 1 && ` (${c.count} times)`}
        </p>
      ))}
      <div className="occ-actions">
        {o.status === 'logged' || o.status === 'cancelled' ? (
          <button type="button" tabIndex={-1} onClick={() => onAction('log', o, index)}>
            Open session {key('L')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              tabIndex={-1}
              onClick={() => onAction('done', o, index)}
              disabled={busy}
            >
              Done as planned {key('D')}
            </button>
            <button type="button" tabIndex={-1} onClick={() => onAction('log', o, index)}>
              Log with changes {key('L')}
            </button>
            <button type="button" tabIndex={-1} onClick={() => onAction('cancel', o, index)}>
              Cancel… {key('C')}
            </button>
          </>
        )}
        {makeups && (
          <button type="button" tabIndex={-1} onClick={() => onAction('makeups', o, index)}>
            Schedule makeups… {key('M')}
          </button>
        )}
      </div>
    </li>
  );
});
