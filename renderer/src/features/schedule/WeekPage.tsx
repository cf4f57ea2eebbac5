import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Slot, WeekView } from '../../../../shared/api/types-schedule';
import type { WorkBlock } from '../../../../shared/api/types-workload';
import { addDays, localToday, weekRange } from '../../../../shared/domain/dates';
import { useApi, useWrite } from '../../api';
import { Confirm, ErrorMessage, Loading, Modal } from '../../components/ui';
import { fmtDate, fmtDay } from '../../format';
import { distinctConflicts } from './card-text';
import { CoverageList } from './Coverage';
import { SlotForm } from './SlotForm';
import { BlockForm } from './BlockForm';
import { MileagePanel } from './MileagePanel';
import { SlotsPanel } from './SlotsPanel';
import { WeekGrid } from './WeekGrid';
import { WorkloadPanel } from './WorkloadPanel';

/** The week's secondary panels, each read and drawn only when opened (?show=workload,mileage). */
const PANELS = [
  ['workload', 'Workload'],
  ['mileage', 'Mileage'],
  ['slots', 'Slots'],
  ['coverage', 'Coverage'],
] as const;
type Panel = (typeof PANELS)[number][0];

/** The therapist's Mon–Fri across schools: each school's colour, the students of each slot, conflicts. */
export function WeekPage() {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? localToday();
  const monday = weekRange(date).from;
  const shown = new Set((params.get('show') ?? '').split(',').filter(Boolean));
  const week = useApi('getWeek', { date: monday });
  const blocks = useApi('listBlocks', {});
  // A block of the grid is opened by its id (the grid is memoised and hands out ids only).
  const [blockId, setBlock] = useState<number | 'new' | null>(null);
  const [editing, setEditing] = useState<Slot | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Slot | null>(null);
  const [printSchool, setPrintSchool] = useState<number>(0);
  const del = useWrite('deleteSlot', () => setDeleting(null));
  const print = useWrite('exportWeekPdf');
  const block: WorkBlock | 'new' | null =
    blockId === 'new' ? 'new' : blockId === null ? null : (blocks.data?.find((x) => x.id === blockId) ?? null);
  if (week.isPending) return <Loading />;
  if (!week.data) return <ErrorMessage error={week.error} />;
  const w = week.data;
  // Another week keeps the panels open; opening or closing a panel replaces the history entry.
  const go = (d: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('date', d);
      return n;
    });
  const toggle = (panel: Panel) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        const next = new Set(shown);
        if (!next.delete(panel)) next.add(panel);
        const list = PANELS.map(([k]) => k).filter((k) => next.has(k));
        if (list.length) n.set('show', list.join(','));
        else n.delete('show');
        return n;
      },
      { replace: true },
    );
  return (
    <section aria-labelledby="week-title">
      <header className="page-head">
        <h1 id="week-title">Week of {fmtDate(w.from)}</h1>
        <div className="toolbar">
          <button type="button" onClick={() => go(addDays(monday, -7))}>
            ← Previous week
          </button>
          <button type="button" onClick={() => go(localToday())}>
            This week
          </button>
          <button type="button" onClick={() => go(addDays(monday, 7))}>
            Next week →
          </button>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Add slot…
          </button>
          <button type="button" onClick={() => setBlock('new')}>
            Add block…
          </button>
        </div>
      </header>
      <div className="toolbar print-bar">
        <div className="toolbar" role="group" aria-label="Show panels">
          <span className="muted">Show</span>
          {PANELS.map(([k, label]) => (
            <button
              key={k}
              type="button"
              className="toggle"
              aria-expanded={shown.has(k)}
              aria-controls={`week-panel-${k}`}
              onClick={() => toggle(k)}
            >
              {label}
            </button>
          ))}
        </div>
        <div className="toolbar print-choice">
          <label>
            Print{' '}
            <select
              value={printSchool}
              onChange={(e) => setPrintSchool(Number(e.target.value))}
              aria-label="Which week to print"
            >
              <option value={0}>my week (all schools)</option>
              {w.schools.map((s) => (
                <option key={s.schoolId} value={s.schoolId}>
                  for teachers at {s.school}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => print.mutate({ date: monday, ...(printSchool ? { schoolId: printSchool } : {}) })}
            disabled={print.isPending}
          >
            Save as PDF…
          </button>
        </div>
        {print.data?.file && <span role="status">Saved to {print.data.file}</span>}
        <ErrorMessage error={print.error} />
      </div>
      <div id="week-panel-workload" hidden={!shown.has('workload')}>
        {shown.has('workload') && <WorkloadPanel monday={monday} />}
      </div>
      <div id="week-panel-mileage" hidden={!shown.has('mileage')}>
        {shown.has('mileage') && <MileagePanel monday={monday} />}
      </div>
      <div id="week-panel-slots" hidden={!shown.has('slots')}>
        {shown.has('slots') && (
          <section className="panel" aria-labelledby="slots-title">
            <h2 id="slots-title">Slots</h2>
            <SlotsPanel monday={monday} schools={w.schools} onEdit={setEditing} onDelete={setDeleting} />
          </section>
        )}
      </div>
      <div id="week-panel-coverage" hidden={!shown.has('coverage')}>
        {shown.has('coverage') && <CoverageList />}
      </div>
      <ul className="legend" aria-label="Schools">
        {w.schools.map((s) => (
          <li key={s.schoolId}>
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.school}
            {s.rotation && <span className="muted"> · rotation {s.rotation.names.join('/')}</span>}
          </li>
        ))}
      </ul>
      <WeekConflicts conflicts={w.conflicts} />
      <WeekGrid monday={monday} days={w.days} onBlock={setBlock} />
      <Modal
        title={editing === 'new' ? 'Add a slot' : 'Change a slot'}
        open={!!editing}
        onClose={() => setEditing(null)}
        wide
      >
        {editing && <SlotForm slot={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal
        title={block === 'new' ? 'Add a block' : 'Change a block'}
        open={!!block}
        onClose={() => setBlock(null)}
        wide
      >
        {block && <BlockForm block={block === 'new' ? undefined : block} date={monday} onDone={() => setBlock(null)} />}
      </Modal>
      <Confirm
        open={!!deleting}
        title="Delete this slot?"
        message="Nothing was logged from it; it disappears from every week."
        confirmLabel="Delete slot"
        onConfirm={() => deleting && del.mutate({ id: deleting.id })}
        onClose={() => setDeleting(null)}
        busy={del.isPending}
        error={del.error}
      />
    </section>
  );
}

/** Conflicts listed a few at a time: each is also flagged on its slot in the grid. */
const CONFLICTS_SHOWN = 5;

function WeekConflicts({ conflicts }: { conflicts: WeekView['conflicts'] }) {
  const [all, setAll] = useState(false);
  if (conflicts.length === 0) return null;
  // The same overlap on the same day (a slot against several others at its times) is listed once.
  const lines = distinctConflicts(
    conflicts.map(
      (c) => `${fmtDay(c.date)}: ${c.kind === 'overlap' ? 'overlap' : 'not enough travel time'}, ${c.message}`,
    ),
  );
  const list = all ? lines : lines.slice(0, CONFLICTS_SHOWN);
  return (
    <div className="error" role="alert">
      <strong>
        {conflicts.length} conflict{conflicts.length > 1 ? 's' : ''} this week:
      </strong>
      <ul>
        {list.map((c) => (
          <li key={c.text}>
            {c.text}
            {c.count > 1 && ` (${c.count} times)`}
          </li>
        ))}
      </ul>
      {lines.length > CONFLICTS_SHOWN && (
        <button type="button" className="link" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? `Show the first ${CONFLICTS_SHOWN} only` : `Show all ${lines.length}`}
        </button>
      )}
    </div>
  );
}
