import { useState } from 'react';
import { Link } from 'react-router';
import { SETTINGS, SETTING_LABELS } from '../../../../shared/domain/codes';
import { YEAR_COLUMNS } from '../../../../shared/domain/year-summary';
import { call, useApi } from '../../api';
import { SETTING_COLOURS } from '../../components/chart-colours';
import { SchoolFilter } from '../../components/SchoolFilter';
import { TableHead } from '../../components/TableHead';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDate, mins, pct } from '../../format';

/** A school year at a glance, per student and for the caseload, with its PDF and CSV. */
export function YearSummaryPanel() {
  const [label, setLabel] = useState<string | undefined>();
  const [schoolId, setSchoolId] = useState<number | undefined>();
  const data = useApi('getYearSummary', { ...(label ? { label } : {}), ...(schoolId ? { schoolId } : {}) });
  const [saved, setSaved] = useState<{ message?: string; error?: unknown } | null>(null);
  const y = data.data;
  const save = (format: 'pdf' | 'csv') => {
    if (!y) return;
    setSaved(null);
    call('exportYearSummary', { label: y.label, format, ...(schoolId ? { schoolId } : {}) })
      .then((r) => setSaved({ message: r.file ? `Saved the year summary to ${r.file}.` : 'Not saved.' }))
      .catch((error: unknown) => setSaved({ error }));
  };
  return (
    <div>
      <div className="filters">
        <label>
          School year
          <select value={y?.label ?? ''} onChange={(e) => setLabel(e.target.value)}>
            {y?.labels.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <SchoolFilter value={schoolId} onChange={setSchoolId} />
        <div className="actions">
          <button type="button" onClick={() => save('pdf')} disabled={!y}>
            Save PDF…
          </button>
          <button type="button" onClick={() => save('csv')} disabled={!y}>
            Save CSV…
          </button>
        </div>
      </div>
      <ErrorMessage error={data.error ?? saved?.error} />
      {saved?.message && (
        <p role="status" className="notice">
          {saved.message}
        </p>
      )}
      {data.isPending && <Loading />}
      {y && (
        <>
          <p className="muted">
            {fmtDate(y.from)} – {fmtDate(y.to)} · {y.totals.students} students
          </p>
          <div className="summary-row">
            <div className="stat">
              <span className="stat-label">Delivered ÷ owed</span>
              <span className="stat-value">{pct(y.totals.owed ? y.totals.delivered / y.totals.owed : null)}</span>
              <span className="muted">
                {mins(y.totals.delivered)} of {mins(y.totals.owed)} min
              </span>
            </div>
            <div className="stat">
              <span className="stat-label">Behind (under {pct(y.threshold)})</span>
              <span className="stat-value">{y.totals.behind}</span>
              <span className="muted small">per setting, over intervals that have ended</span>
            </div>
            <div className="stat">
              <span className="stat-label">Makeup minutes owed</span>
              <span className="stat-value">{mins(y.totals.makeupBalance)}</span>
              <span className="muted">{mins(y.totals.outOfClass)} min out of class</span>
            </div>
            <div className="stat mix" aria-labelledby="ys-mix-title">
              <span className="stat-label" id="ys-mix-title">
                My time by setting ({mins(y.mix.total)} min)
              </span>
              <div
                className="mixbar"
                role="img"
                aria-label={SETTINGS.map((s) => `${SETTING_LABELS[s]} ${pct(y.mix.share[s])}`).join(', ')}
              >
                {SETTINGS.map((s) => (
                  <span key={s} style={{ width: `${y.mix.share[s] * 100}%`, background: SETTING_COLOURS[s] }} />
                ))}
              </div>
              <span className="muted">
                {SETTINGS.map((s) => `${SETTING_LABELS[s]} ${pct(y.mix.share[s])}`).join(' · ')}
              </span>
              <span className="muted small">
                Reference (Watt &amp; Richards 2016, 45 school OTs): {pct(y.reference.pullOut)} pull-out,{' '}
                {pct(y.reference.inEducationSetting)} in the classroom.
              </span>
            </div>
            <div className="stat" data-testid="workload">
              <span className="stat-label">Workload</span>
              <span className="stat-value">{y.workload.sessions} sessions</span>
              <span className="muted small">
                {mins(y.workload.direct)} min direct · {mins(y.workload.consult)} consult ·{' '}
                {mins(y.workload.evaluationMinutes)} in {y.workload.evaluations} evaluation
                {y.workload.evaluations === 1 ? '' : 's'} · {y.workload.missedByProvider} missed by me ·{' '}
                {mins(y.workload.perWeek)} min a week over {y.workload.weeks} weeks
              </span>
            </div>
          </div>
          {/* Ten columns: the table scrolls sideways on a narrow window rather than the page. */}
          <div
            style={{ overflowX: 'auto', width: 0, minWidth: '100%' }}
            tabIndex={0}
            role="region"
            aria-label="Year summary by student"
          >
            <table className="table" data-testid="year-summary">
              <TableHead cols={YEAR_COLUMNS.map((c) => ({ label: c.label, num: c.num }))} />
              <tbody>
                {y.rows.map((r) => (
                  <tr key={r.studentId} className={r.behind ? 'warn' : undefined}>
                    {YEAR_COLUMNS.map((c, i) => (
                      <td key={c.label} className={c.num ? 'num' : undefined}>
                        {i === 0 ? <Link to={`/students/${r.studentId}`}>{c.text(r)}</Link> : c.text(r)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
