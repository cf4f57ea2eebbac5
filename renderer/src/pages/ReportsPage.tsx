import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call, useApi } from '../api';
import { Empty, ErrorMessage, Loading } from '../components/ui';
import { fmtDate } from '../format';
import { TableHead } from '../components/TableHead';

interface BatchState {
  total: number;
  done: number;
  written: string[];
  failed: { name: string; message: string }[];
  combined: string | null;
  running: boolean;
}

export function ReportsPage() {
  const periods = useApi('listReportingPeriods');
  const [params, setParams] = useSearchParams();
  const today = new Date().toISOString().slice(0, 10);
  const current = periods.data?.find((p) => p.startDate <= today && today <= p.endDate) ?? periods.data?.[0];
  const periodId = Number(params.get('period')) || current?.id;
  const period = periods.data?.find((p) => p.id === periodId);
  const rows = useApi('listProgressReports', { periodId: periodId ?? 0 }, !!periodId);
  const navigate = useNavigate();
  const [batch, setBatch] = useState<BatchState | null>(null);
  const [batchError, setBatchError] = useState<unknown>(null);

  const runBatch = async () => {
    if (!periodId || !rows.data) return;
    setBatchError(null);
    try {
      const { folder } = await call('chooseExportFolder');
      if (!folder) return;
      const list = rows.data.filter((r) => r.goals > 0);
      const state: BatchState = { total: list.length, done: 0, written: [], failed: [], combined: null, running: true };
      setBatch({ ...state });
      for (const r of list) {
        try {
          const res = await call('exportProgressReportPdf', { studentId: r.studentId, periodId, folder });
          if (res.file) state.written.push(res.file);
        } catch (e) {
          // An unwritable folder fails every file alike: stop at once, nothing half-written.
          if ((e as { error?: { field?: string } }).error?.field === 'folder') throw e;
          state.failed.push({ name: r.name, message: (e as Error).message });
        }
        state.done++;
        setBatch({ ...state });
      }
      const combined = await call('exportCombinedProgressPdf', {
        periodId,
        folder,
        studentIds: list.map((r) => r.studentId),
      });
      state.combined = combined.file;
      state.running = false;
      setBatch({ ...state });
    } catch (e) {
      setBatchError(e);
      setBatch((b) => (b ? { ...b, running: false } : b));
    }
  };

  if (periods.isPending) return <Loading />;
  return (
    <section aria-labelledby="reports-title">
      <header className="page-head">
        <h1 id="reports-title">Progress reports</h1>
        {period && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => void runBatch()}
              disabled={batch?.running || !rows.data?.length}
            >
              Save all as PDFs…
            </button>
          </div>
        )}
      </header>
      {periods.data?.length === 0 ? (
        <Empty>
          No reporting periods yet. Set them for each school year under{' '}
          <Link to="/schools">Schools &amp; calendars</Link>.
        </Empty>
      ) : (
        <div className="filters">
          <label>
            Reporting period
            <select value={periodId ?? ''} onChange={(e) => setParams({ period: e.target.value })}>
              {periods.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.schoolName} · {p.schoolYear} · {p.label} ({fmtDate(p.startDate)} – {fmtDate(p.endDate)})
                </option>
              ))}
            </select>
          </label>
          {period && <span className="muted">Due {fmtDate(period.dueDate)}</span>}
        </div>
      )}
      <ErrorMessage error={batchError} />
      {batch && (
        <div className="panel" role="status" aria-live="polite">
          <label htmlFor="batch-progress">
            {batch.running
              ? `Writing PDFs: ${batch.done} of ${batch.total}`
              : `Done: ${batch.written.length} of ${batch.total} PDFs written`}
          </label>
          <progress id="batch-progress" max={batch.total || 1} value={batch.done} />
          {!batch.running && (
            <ul className="small">
              {batch.combined && <li>Combined PDF: {batch.combined}</li>}
              {batch.written.length > 0 && (
                <li>One PDF per student in {batch.written[0]!.replace(/[/\\][^/\\]*$/, '')}</li>
              )}
              {batch.failed.map((f) => (
                <li key={f.name} className="warn">
                  {f.name}: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {rows.data && (
        <table className="table" data-testid="reports-table">
          <TableHead
            cols={['Student', 'Grade', { label: 'Goals', num: true }, 'Report', { label: 'Open', hidden: true }]}
          />
          <tbody>
            {rows.data.map((r) => (
              <tr key={r.studentId}>
                <th scope="row">{r.name}</th>
                <td>{r.grade}</td>
                <td className="num">{r.goals}</td>
                <td>
                  {r.status === 'new'
                    ? 'Not started'
                    : r.status === 'draft'
                      ? `Draft (version ${r.version})`
                      : `Final, version ${r.version} (${fmtDate(r.finalizedAt?.slice(0, 10))})`}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate(`/reports/${periodId}/${r.studentId}`)}
                  >
                    {r.status === 'final' ? 'View' : 'Write'}
                    <span className="sr-only"> report for {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
