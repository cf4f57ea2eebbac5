import { useState } from 'react';
import { Link } from 'react-router';
import { monthRange } from '../../../../shared/domain/dates';
import { useApi, useWrite } from '../../api';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDay } from '../../format';

/** The mileage log for reimbursement: each day's legs between schools and its total, for any dates; CSV. */
export function MileagePanel({ monday }: { monday: string }) {
  const month = monthRange(monday);
  const [range, setRange] = useState(month);
  const [shownFor, setShownFor] = useState(monday);
  if (shownFor !== monday) {
    // Moving to another week shows that week's month.
    setShownFor(monday);
    setRange(month);
  }
  const log = useApi('getMileage', range);
  const csv = useWrite('exportMileageCsv');
  return (
    <section className="panel" aria-labelledby="mileage-title">
      <h2 id="mileage-title">Mileage log</h2>
      <div className="toolbar">
        <label>
          From{' '}
          <input
            type="date"
            value={range.from}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))}
          />
        </label>
        <label>
          To{' '}
          <input
            type="date"
            value={range.to}
            onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))}
          />
        </label>
        <button type="button" onClick={() => csv.mutate(range)} disabled={csv.isPending}>
          Save mileage as CSV…
        </button>
        {csv.data?.file && <span role="status">Saved to {csv.data.file}</span>}
      </div>
      <ErrorMessage error={csv.error ?? log.error} />
      {log.isPending ? (
        <Loading />
      ) : !log.data ? null : log.data.days.length === 0 ? (
        <p className="muted">
          No travel between schools from {fmtDay(range.from)} to {fmtDay(range.to)}.
        </p>
      ) : (
        <>
          <table className="table compact mileage" data-testid="mileage">
            <thead>
              <tr>
                <th>Day</th>
                <th>Legs</th>
                <th className="num">Miles</th>
              </tr>
            </thead>
            <tbody>
              {log.data.days.map((d) => (
                <tr key={d.date}>
                  <td className="day">{fmtDay(d.date)}</td>
                  <td>
                    {d.legs.map((l, i) => (
                      <span key={i} className="leg">
                        {l.from} → {l.to} {l.miles == null ? '(no distance set)' : `${l.miles} mi`}
                        {i < d.legs.length - 1 ? '; ' : ''}
                      </span>
                    ))}
                    {d.legs[0]!.source !== 'log' && <span className="muted"> · from the schedule</span>}
                  </td>
                  <td className="num">{d.miles}</td>
                </tr>
              ))}
              <tr className="total">
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td className="num" data-testid="mileage-total">
                  {log.data.miles} mi
                </td>
              </tr>
            </tbody>
          </table>
          {log.data.missing.length > 0 && (
            <p className="warn-text small">
              No distance set for {log.data.missing.join(', ')}: set it in{' '}
              <Link to="/schools">Schools &amp; calendars</Link>.
            </p>
          )}
        </>
      )}
    </section>
  );
}
