import { useState } from 'react';
import type { SchoolYear } from '../../../shared/api/types';
import { addDays, fromDay, toDay } from '../../../shared/domain/dates';
import { useWrite } from '../api';
import { ErrorMessage, Field, Modal } from './ui';
import { fmtDate } from '../format';

type Row = { label: string; startDate: string; endDate: string; dueDate: string };

/** Splits the school year into n periods of about equal length, each due a week after it ends. */
function split(year: SchoolYear, n: number, name: string): Row[] {
  const first = toDay(year.firstDay);
  const span = toDay(year.lastDay) - first + 1;
  return Array.from({ length: n }, (_, i) => {
    const start = fromDay(first + Math.round((span * i) / n));
    const end = fromDay(first + Math.round((span * (i + 1)) / n) - 1);
    return { label: `${name} ${i + 1}`, startDate: start, endDate: end, dueDate: addDays(end, 7) };
  });
}

export function PeriodsEditor({ year }: { year: SchoolYear }) {
  const [editing, setEditing] = useState<Row[] | null>(null);
  const save = useWrite('setReportingPeriods', () => setEditing(null));
  const use = (rows: Row[]) => save.mutate({ schoolYearId: year.id, periods: rows });
  const patch = (i: number, p: Partial<Row>) =>
    setEditing((rows) => rows!.map((r, k) => (k === i ? { ...r, ...p } : r)));
  return (
    <>
      <h4>Reporting periods</h4>
      {year.periods.length === 0 ? (
        <p className="muted">None set.</p>
      ) : (
        <ul className="closures">
          {year.periods.map((p) => (
            <li key={p.id}>
              <b>{p.label}</b> {fmtDate(p.startDate)} – {fmtDate(p.endDate)}, due {fmtDate(p.dueDate)}
            </li>
          ))}
        </ul>
      )}
      <div className="actions" style={{ justifyContent: 'flex-start' }}>
        <button type="button" onClick={() => use(split(year, 4, 'Quarter'))}>
          {year.periods.length ? 'Reset to quarters' : 'Use quarters'}
        </button>
        <button type="button" onClick={() => use(split(year, 3, 'Trimester'))}>
          Trimesters
        </button>
        <button
          type="button"
          onClick={() =>
            setEditing(
              year.periods.length
                ? year.periods.map(({ label, startDate, endDate, dueDate }) => ({ label, startDate, endDate, dueDate }))
                : split(year, 6, 'Period'),
            )
          }
        >
          Custom…
        </button>
      </div>
      {!editing && <ErrorMessage error={save.error} />}
      <Modal title={`Reporting periods, ${year.label}`} open={!!editing} onClose={() => setEditing(null)} wide>
        {editing && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              use(editing);
            }}
          >
            {editing.map((r, i) => (
              <div className="inline-form" key={i}>
                <Field label="Label" name={`periods.${i}.label`} error={save.error}>
                  {(p) => <input {...p} value={r.label} onChange={(e) => patch(i, { label: e.target.value })} />}
                </Field>
                <Field label="Starts" name={`periods.${i}.startDate`} error={save.error}>
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      value={r.startDate}
                      onChange={(e) => patch(i, { startDate: e.target.value })}
                    />
                  )}
                </Field>
                <Field label="Ends" name={`periods.${i}.endDate`} error={save.error}>
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      value={r.endDate}
                      onChange={(e) => patch(i, { endDate: e.target.value })}
                    />
                  )}
                </Field>
                <Field label="Reports due" name={`periods.${i}.dueDate`} error={save.error}>
                  {(p) => (
                    <input
                      {...p}
                      type="date"
                      value={r.dueDate}
                      onChange={(e) => patch(i, { dueDate: e.target.value })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="link danger"
                  onClick={() => setEditing(editing.filter((_, k) => k !== i))}
                >
                  Remove<span className="sr-only"> {r.label}</span>
                </button>
              </div>
            ))}
            <ErrorMessage error={save.error} />
            <div className="actions">
              <button
                type="button"
                onClick={() => {
                  const last = editing.at(-1);
                  const start = last ? addDays(last.endDate, 1) : year.firstDay;
                  setEditing([
                    ...editing,
                    {
                      label: `Period ${editing.length + 1}`,
                      startDate: start,
                      endDate: year.lastDay,
                      dueDate: addDays(year.lastDay, 7),
                    },
                  ]);
                }}
              >
                Add a period
              </button>
              <button type="submit" className="primary" disabled={save.isPending}>
                Save periods
              </button>
            </div>
          </form>
        )}
      </Modal>
    </>
  );
}
