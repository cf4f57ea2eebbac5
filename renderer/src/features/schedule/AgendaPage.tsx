import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AgendaGap, OccurrenceView } from '../../../../shared/api/types-schedule';
import { blockedInGap } from '../../../../shared/domain/schedule';
import type { BlockView } from '../../../../shared/api/types-workload';
import { ATTENDANCE_LABELS, type MissCode } from '../../../../shared/domain/codes';
import { addDays, localToday } from '../../../../shared/domain/dates';
import { useApi, useWrite } from '../../api';
import { useReveal } from '../../components/reveal';
import { ErrorMessage, Loading, Modal } from '../../components/ui';
import { fmtDay } from '../../format';
import { AgendaCard, type AgendaAction } from './AgendaCard';
import { MakeupDialog } from './MakeupDialog';

const MISS_CODES: MissCode[] = [
  'provider_absent',
  'student_absent',
  'student_unavailable',
  'student_refused',
  'school_closed',
];
const keyOf = (o: { slotId: number; date: string }) => `${o.slotId}@${o.date}`;

/** Today's agenda (or any date's): the day's occurrences across schools, logged from the plan. */
/** Sessions not logged drawn at first, and added by each "Show more". */
const NOT_LOGGED_PAGE = 25;
/** About the height of a card, for the space kept for the cards not drawn yet. */
const CARD_REM = 9.5;

/** "20 min free", less the therapist's own blocks inside the gap ("10 min free · Lunch 30 min"). */
function freeLabel(g: AgendaGap, from: OccurrenceView, to: OccurrenceView, blocks: readonly BlockView[]): string {
  if (g.minutes <= 0) return 'back to back';
  const busy = blockedInGap(from.endTime, to.startTime, blocks);
  const free = g.minutes - busy.minutes;
  return `${free > 0 ? `${free} min free` : 'no free time'}${busy.minutes > 0 ? ` · ${busy.labels.join(', ')} ${busy.minutes} min` : ''}`;
}

export function AgendaPage() {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? localToday();
  const agenda = useApi('getAgenda', { date });
  const navigate = useNavigate();
  const [focus, setFocus] = useState(0);
  const [last, setLast] = useState<{ slotId: number; date: string; what: string } | null>(null);
  const [cancelling, setCancelling] = useState<OccurrenceView | null>(null);
  const [makingUp, setMakingUp] = useState<OccurrenceView | null>(null);
  const [message, setMessage] = useState('');
  const done = useWrite('logOccurrenceAsPlanned');
  const cancel = useWrite('cancelOccurrence');
  const undo = useWrite('undoOccurrence');
  const listRef = useRef<HTMLOListElement>(null);
  // The most recent sessions not logged first, a page at a time: a schedule set up weeks ago and
  // never logged can leave hundreds, and drawing them all would hold up the day's agenda.
  const [shown, setShown] = useState(NOT_LOGGED_PAGE);
  const notLogged = (agenda.data?.notLogged ?? []).slice(0, shown);
  const all = [...(agenda.data?.occurrences ?? []), ...notLogged];
  const error = done.error ?? cancel.error ?? undo.error;
  // A day of dozens of sessions: the cards are drawn a dozen at a time as the day is scrolled (or
  // the focus moves down), not all before the first is shown.
  const drawn = useReveal(listRef, all.length, { step: 12, atLeast: focus + 6, list: date });

  const setDate = (d: string) => {
    setParams({ date: d });
    setFocus(0);
    setShown(NOT_LOGGED_PAGE);
  };
  const describe = (o: OccurrenceView) => `${o.startTime} ${o.school}${o.date !== date ? ` (${fmtDay(o.date)})` : ''}`;
  const act = {
    done: (o: OccurrenceView) => {
      if (o.status === 'logged' || o.status === 'cancelled') return;
      done.mutate(
        { slotId: o.slotId, date: o.date },
        {
          onSuccess: () => {
            setLast({ slotId: o.slotId, date: o.date, what: `Done as planned: ${describe(o)}` });
            setMessage(`Logged as planned: ${describe(o)}, ${o.students.length} present for ${o.minutes} min.`);
          },
        },
      );
    },
    log: (o: OccurrenceView) => {
      if (o.sessionId) navigate(`/sessions/${o.sessionId}`);
      else navigate(`/log?slot=${o.slotId}&date=${o.date}`);
    },
    cancel: (o: OccurrenceView) => {
      if (o.status === 'logged' || o.status === 'cancelled') return;
      cancel.reset();
      setCancelling(o);
    },
    undo: () => {
      if (!last) return;
      undo.mutate(
        { slotId: last.slotId, date: last.date },
        {
          onSuccess: () => {
            setMessage(`Undone: ${last.what}.`);
            setLast(null);
          },
        },
      );
    },
  };

  useEffect(() => {
    const el = listRef.current?.querySelectorAll<HTMLElement>('[data-occurrence]')[focus];
    // Idle: nothing focused, the main region, or the sidebar link / shortcut that opened the agenda.
    const active = document.activeElement;
    const idle = active === document.body || active?.id === 'main' || !!active?.closest('nav');
    // Keyboard first: the current session has the focus when the agenda opens and after each action.
    if (el && (idle || listRef.current?.contains(document.activeElement))) el.focus();
  }, [focus, agenda.data]);

  // The cards are memoised: their one callback stays the same and reads the latest actions.
  const actions = useRef(act);
  useLayoutEffect(() => {
    actions.current = act;
  });
  const onAction = useCallback(
    (action: AgendaAction, o: OccurrenceView, i: number) => {
      if (action === 'focus') setFocus(i);
      else if (action === 'makeups') setMakingUp(o);
      else actions.current[action](o);
    },
    [setFocus, setMakingUp],
  );
  const card = (o: OccurrenceView, i: number) => (
    <AgendaCard
      key={keyOf(o)}
      o={o}
      index={i}
      current={i === focus}
      date={date}
      busy={done.isPending}
      onAction={onAction}
    />
  );

  if (agenda.isPending) return <Loading />;
  if (!agenda.data) return <ErrorMessage error={agenda.error} />;
  const a = agenda.data;

  const onKey = (e: React.KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || cancelling || makingUp) return;
    if ((e.target as HTMLElement).closest('input,select,textarea')) return;
    const o = all[focus];
    const k = e.key.toLowerCase();
    if (k === 'arrowdown' || k === 'j') setFocus((f) => Math.min(all.length - 1, f + 1));
    else if (k === 'arrowup' || k === 'k') setFocus((f) => Math.max(0, f - 1));
    else if (k === 'd' && o) act.done(o);
    else if (k === 'l' && o) act.log(o);
    else if (k === 'c' && o) act.cancel(o);
    else if (k === 'u') act.undo();
    else if (k === 'm' && o && o.students.some((s) => s.openMakeups > 0)) setMakingUp(o);
    else if (k === 'n' || k === 'arrowright') setDate(addDays(date, 1));
    else if (k === 'p' || k === 'arrowleft') setDate(addDays(date, -1));
    else return;
    e.preventDefault();
  };

  const blockItem = (b: BlockView) => (
    <li key={`b${b.blockId}`} className="agenda-block">
      <strong>
        {b.startTime}–{b.endTime}
      </strong>{' '}
      {b.label}
      {b.school && ` · ${b.school}`}
      {b.note && <span className="muted"> · {b.note}</span>}
      {b.conflicts.map((c) => (
        <span key={c} className="conflict">
          {' '}
          ⚠ {c}
        </span>
      ))}
    </li>
  );

  return (
    <section aria-labelledby="agenda-title" onKeyDown={onKey}>
      <header className="page-head">
        <h1 id="agenda-title">
          {date === localToday() ? "Today's agenda" : 'Agenda'}: {fmtDay(date)}
        </h1>
        <div className="toolbar">
          <button type="button" onClick={() => setDate(addDays(date, -1))}>
            ← Previous day <kbd>P</kbd>
          </button>
          <input
            type="date"
            aria-label="Date"
            value={date}
            onChange={(e) => e.target.value && setDate(e.target.value)}
          />
          <button type="button" onClick={() => setDate(addDays(date, 1))}>
            Next day → <kbd>N</kbd>
          </button>
          <Link to={`/week?date=${date}`}>Week</Link>
          <button type="button" onClick={act.undo} disabled={!last || undo.isPending}>
            Undo{last ? `: ${last.what}` : ''} <kbd>U</kbd>
          </button>
        </div>
      </header>
      <p className="muted">
        Arrow keys move between sessions; <kbd>D</kbd> done as planned, <kbd>L</kbd> log with changes, <kbd>C</kbd>{' '}
        cancel, <kbd>M</kbd> schedule makeups, <kbd>U</kbd> undo the last action.
      </p>
      <p role="status" className="status-line">
        {message}
      </p>
      <ErrorMessage error={error} />
      <ol className="agenda" ref={listRef} aria-label="Sessions of the day">
        {a.occurrences.length === 0 && a.blocks.length === 0 && (
          <li className="empty">
            {a.schoolDay ? 'Nothing scheduled on this day.' : 'No school on this day.'}{' '}
            <Link to="/week">Plan the week</Link>
          </li>
        )}
        {a.occurrences.slice(0, drawn).map((o, i) => (
          <Fragment key={keyOf(o)}>
            {a.blocks
              .filter((b) => b.startTime < o.startTime && (i === 0 || b.startTime >= a.occurrences[i - 1]!.startTime))
              .map(blockItem)}
            {card(o, i)}
            {a.gaps[i] && (
              <li className={`gap${a.gaps[i].travel > a.gaps[i].minutes ? ' short' : ''}`} aria-hidden="true">
                {freeLabel(a.gaps[i], o, a.occurrences[i + 1]!, a.blocks)}
                {a.gaps[i].fromSchool !== a.gaps[i].toSchool &&
                  ` · travel to ${a.gaps[i].toSchool}: ${a.gaps[i].travel} min`}
              </li>
            )}
          </Fragment>
        ))}
        {drawn >= a.occurrences.length &&
          a.blocks
            .filter((b) => !a.occurrences.length || b.startTime >= a.occurrences.at(-1)!.startTime)
            .map(blockItem)}
        {a.notLogged.length > 0 && drawn >= a.occurrences.length && (
          <li className="section-title">
            <h2>Not logged ({a.notLogged.length})</h2>
            <p className="muted">Earlier sessions of the last four weeks, neither logged nor cancelled.</p>
          </li>
        )}
        {notLogged.slice(0, Math.max(0, drawn - a.occurrences.length)).map((o, i) => card(o, a.occurrences.length + i))}
        {drawn < all.length && (
          <li data-reveal aria-hidden="true" style={{ height: `${(all.length - drawn) * CARD_REM}rem` }} />
        )}
      </ol>
      {a.notLogged.length > notLogged.length && (
        <p>
          <button type="button" onClick={() => setShown((n) => n + NOT_LOGGED_PAGE)}>
            Show {Math.min(NOT_LOGGED_PAGE, a.notLogged.length - notLogged.length)} more not logged (
            {a.notLogged.length - notLogged.length} left)
          </button>
        </p>
      )}
      <Modal title="Schedule makeups into free time" open={!!makingUp} onClose={() => setMakingUp(null)} wide>
        {makingUp && (
          <MakeupDialog
            students={makingUp.students.filter((s) => s.openMakeups > 0)}
            from={addDays(date, 1)}
            onBooked={(what) => {
              setMessage(`${what}.`);
              setMakingUp(null);
            }}
          />
        )}
      </Modal>
      <Modal title="Cancel this session" open={!!cancelling} onClose={() => setCancelling(null)}>
        {cancelling && (
          <CancelForm
            occurrence={cancelling}
            busy={cancel.isPending}
            error={cancel.error}
            onCancel={(code, note) =>
              cancel.mutate(
                { slotId: cancelling.slotId, date: cancelling.date, code, note },
                {
                  onSuccess: () => {
                    setLast({
                      slotId: cancelling.slotId,
                      date: cancelling.date,
                      what: `Cancelled: ${describe(cancelling)}`,
                    });
                    setMessage(`Cancelled (${ATTENDANCE_LABELS[code]}): ${describe(cancelling)}.`);
                    setCancelling(null);
                  },
                },
              )
            }
          />
        )}
      </Modal>
    </section>
  );
}

function CancelForm({
  occurrence,
  onCancel,
  busy,
  error,
}: {
  occurrence: OccurrenceView;
  onCancel: (code: MissCode, note: string | null) => void;
  busy: boolean;
  error: unknown;
}) {
  const [code, setCode] = useState<MissCode>('provider_absent');
  const [note, setNote] = useState('');
  const reason = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    // The dialog opens after this form mounts and focuses its close button: move on to the reason.
    const t = setTimeout(() => reason.current?.focus(), 0);
    return () => clearTimeout(t);
  }, []);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onCancel(code, note || null);
      }}
    >
      <p>
        {occurrence.startTime} at {occurrence.school}: {occurrence.students.map((s) => s.name).join(', ')}. The reason
        is recorded for every student; makeups are owed as usual.
      </p>
      <div className="field">
        <label htmlFor="cancel-code">Reason</label>
        <select
          id="cancel-code"
          ref={reason}
          value={code}
          onChange={(e) => setCode(e.target.value as MissCode)}
          autoFocus
        >
          {MISS_CODES.map((c) => (
            <option key={c} value={c}>
              {ATTENDANCE_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="cancel-note">Note (optional)</label>
        <input
          id="cancel-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="e.g. training day"
        />
      </div>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>
          Cancel the session
        </button>
      </div>
    </form>
  );
}
