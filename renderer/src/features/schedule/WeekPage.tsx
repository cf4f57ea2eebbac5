import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { OccurrenceView, Slot } from '../../../../shared/api/types-schedule';
import type { BlockView, WorkBlock } from '../../../../shared/api/types-workload';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { addDays, localToday, weekRange } from '../../../../shared/domain/dates';
import { WEEKDAY_NAMES } from '../../../../shared/domain/schedule';
import { useApi, useWrite } from '../../api';
import { Confirm, ErrorMessage, Loading, Modal } from '../../components/ui';
import { fmtDate, fmtDay } from '../../format';
import { CoverageList } from './Coverage';
import { SlotForm } from './SlotForm';
import { BlockForm } from './BlockForm';
import { MileagePanel } from './MileagePanel';
import { WorkloadPanel } from './WorkloadPanel';

type Cell = { o: OccurrenceView; b?: never } | { b: BlockView; o?: never };
/** A day's slots and blocks in time order. */
const cells = (d: { occurrences: OccurrenceView[]; blocks: BlockView[] }): Cell[] =>
  [...d.occurrences.map((o): Cell => ({ o })), ...d.blocks.map((b): Cell => ({ b }))].sort((x, y) =>
    (x.o ?? x.b)!.startTime.localeCompare((y.o ?? y.b)!.startTime),
  );

/** The therapist's Mon–Fri across schools: each school's colour, the students of each slot, conflicts. */
export function WeekPage() {
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? localToday();
  const monday = weekRange(date).from;
  const week = useApi('getWeek', { date: monday });
  const slots = useApi('listSlots', {});
  const blocks = useApi('listBlocks', {});
  const [block, setBlock] = useState<WorkBlock | 'new' | null>(null);
  const [editing, setEditing] = useState<Slot | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Slot | null>(null);
  const [printSchool, setPrintSchool] = useState<number>(0);
  const del = useWrite('deleteSlot', () => setDeleting(null));
  const print = useWrite('exportWeekPdf');
  if (week.isPending) return <Loading />;
  if (!week.data) return <ErrorMessage error={week.error} />;
  const w = week.data;
  const go = (d: string) => setParams({ date: d });
  const current = (slots.data ?? []).filter((s) => !s.endDate || s.endDate >= monday);
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
        {print.data?.file && <span role="status">Saved to {print.data.file}</span>}
        <ErrorMessage error={print.error} />
      </div>
      <ul className="legend" aria-label="Schools">
        {w.schools.map((s) => (
          <li key={s.schoolId}>
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.school}
            {s.rotation && <span className="muted"> · rotation {s.rotation.names.join('/')}</span>}
          </li>
        ))}
      </ul>
      {w.conflicts.length > 0 && (
        <div className="error" role="alert">
          <strong>
            {w.conflicts.length} conflict{w.conflicts.length > 1 ? 's' : ''} this week:
          </strong>
          <ul>
            {w.conflicts.map((c, i) => (
              <li key={i}>
                {fmtDay(c.date)}: {c.kind === 'overlap' ? 'overlap' : 'not enough travel time'}, {c.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="week-grid">
        {w.days.map((d, i) => (
          <section key={d.date} className="week-day" aria-label={`${WEEKDAY_NAMES[i]} ${d.date}`}>
            <h2>
              <Link to={`/agenda?date=${d.date}`}>{fmtDay(d.date)}</Link>
            </h2>
            {d.occurrences.length === 0 && d.blocks.length === 0 && <p className="muted">Nothing planned</p>}
            {cells(d).map(({ o, b }) =>
              b ? (
                <button
                  type="button"
                  key={`b${b.blockId}`}
                  className={`week-block${b.conflicts.length ? ' has-conflict' : ''}`}
                  onClick={() => setBlock(blocks.data?.find((x) => x.id === b.blockId) ?? null)}
                  title="Change this block"
                >
                  <span className="t">
                    {b.startTime}–{b.endTime}
                  </span>{' '}
                  <span className="small">
                    {b.label}
                    {b.school && ` · ${b.school}`}
                  </span>
                  {b.note && <span className="small muted block-note">{b.note}</span>}
                  {b.conflicts.length > 0 && <span className="conflict small"> ⚠ conflict</span>}
                </button>
              ) : (
                <div
                  key={`${o!.slotId}`}
                  className={`week-occ status-${o.status}${o.conflicts.length ? ' has-conflict' : ''}`}
                  style={{ borderLeftColor: o.colour }}
                >
                  <div className="t">
                    {o.startTime}–{o.endTime}
                    {o.rotationDay && <span className="muted"> · day {o.rotationDay}</span>}
                  </div>
                  <div className="small">
                    {o.school} · {SETTING_LABELS[o.setting]}
                  </div>
                  <div>{o.students.map((s) => s.name).join(', ')}</div>
                  {o.conflicts.length > 0 && <div className="conflict small">⚠ conflict</div>}
                </div>
              ),
            )}
          </section>
        ))}
      </div>
      <WorkloadPanel monday={monday} />
      <MileagePanel monday={monday} />
      <h2>Slots</h2>
      <table className="table">
        <thead>
          <tr>
            <th>School</th>
            <th>Time</th>
            <th>When</th>
            <th>Setting</th>
            <th>Students</th>
            <th>Dates</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {current.map((s) => (
            <tr key={s.id}>
              <td>{s.school}</td>
              <td>
                {s.startTime}–{s.endTime}
              </td>
              <td>
                {s.recurrence.kind === 'weekdays'
                  ? s.recurrence.days.map((d) => WEEKDAY_NAMES[d]).join(', ')
                  : s.recurrence.kind === 'rotation'
                    ? `Rotation day ${s.recurrence.days.map((d) => w.schools.find((x) => x.schoolId === s.schoolId)?.rotation?.names[d] ?? d + 1).join(', ')}`
                    : `Once, ${s.recurrence.date}`}
              </td>
              <td>
                {SETTING_LABELS[s.setting]}, {s.grouping}
              </td>
              <td>
                {s.students
                  .filter((m) => !m.endDate || m.endDate >= monday)
                  .map((m) => m.name)
                  .join(', ')}
              </td>
              <td>
                {s.startDate} to {s.endDate ?? '…'}
              </td>
              <td className="actions">
                <button type="button" onClick={() => setEditing(s)}>
                  Edit…
                </button>
                {s.loggedCount === 0 && (
                  <button type="button" className="danger" onClick={() => setDeleting(s)}>
                    Delete…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CoverageList />
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
