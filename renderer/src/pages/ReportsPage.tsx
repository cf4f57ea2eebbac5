import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { PeriodRow } from '../../../shared/api/types';
import { call, invalidateAfter, useApi } from '../api';
import { Confirm, Empty, ErrorMessage, Loading, Status } from '../components/ui';
import { fmtDate } from '../format';
import { ReportRows } from '../features/reports/ReportRows';
import { PeriodChoice, sameKind } from '../features/reports/PeriodChoice';

interface BatchState {
  total: number;
  done: number;
  written: string[];
  failed: { name: string; message: string }[];
  combined: string[];
  running: boolean;
}

/** "Due Jan 30, 2027 at all 10 schools", or each due date with its schools when they differ. */
function dueText(periods: PeriodRow[]): string {
  const byDue = new Map<string, string[]>();
  for (const p of periods) byDue.set(p.dueDate, [...(byDue.get(p.dueDate) ?? []), p.schoolName]);
  if (byDue.size === 1) return `Due ${fmtDate(periods[0]!.dueDate)} at all ${periods.length} schools`;
  return [...byDue]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([due, schools]) => `Due ${fmtDate(due)}: ${schools.join(', ')}`)
    .join(' · ');
}

export function ReportsPage() {
  const periods = useApi('listReportingPeriods');
  const [params, setParams] = useSearchParams();
  const today = new Date().toISOString().slice(0, 10);
  const list = periods.data ?? [];
  const current = list.find((p) => p.startDate <= today && today <= p.endDate) ?? list[0];
  // ?period=ID: one school's period; ?all=ID: that period at every school that has one like it.
  // With neither, the current period at every school.
  const single = Number(params.get('period')) || null;
  const allId = Number(params.get('all')) || (single ? null : (current?.id ?? null));
  const anchor = list.find((p) => p.id === (single ?? allId));
  const chosen = anchor ? (single ? [anchor] : list.filter((p) => sameKind(p, anchor))) : [];
  const periodIds = chosen.map((p) => p.id);
  const acrossSchools = !single && chosen.length > 1;
  const rows = useApi('listReportGroup', { periodIds }, periodIds.length > 0);
  const qc = useQueryClient();
  const [batch, setBatch] = useState<BatchState | null>(null);
  const [batchError, setBatchError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  const [finalising, setFinalising] = useState(false);
  const [finaliseError, setFinaliseError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reviewed = rows.data?.filter((r) => r.reviewed) ?? [];
  const scope = anchor
    ? `${anchor.label}${acrossSchools ? ` at ${chosen.length} schools` : ` at ${anchor.schoolName}`}`
    : '';

  const runBatch = async () => {
    if (!rows.data) return;
    setBatchError(null);
    setMessage(null);
    try {
      const { folder } = await call('chooseExportFolder');
      if (!folder) return;
      const todo = rows.data.filter((r) => r.goals > 0);
      const state: BatchState = { total: todo.length, done: 0, written: [], failed: [], combined: [], running: true };
      setBatch({ ...state });
      for (const r of todo) {
        try {
          const res = await call('exportProgressReportPdf', {
            studentId: r.studentId,
            periodId: r.periodId,
            folder,
            fileName: r.fileName,
          });
          if (res.file) state.written.push(res.file);
        } catch (e) {
          // An unwritable folder fails every file alike: stop at once, nothing half-written.
          if ((e as { error?: { field?: string } }).error?.field === 'folder') throw e;
          state.failed.push({ name: r.name, message: (e as Error).message });
        }
        state.done++;
        setBatch({ ...state });
      }
      // One combined PDF per school's period, beside the students' files.
      for (const p of chosen) {
        const studentIds = todo.filter((r) => r.periodId === p.id).map((r) => r.studentId);
        if (!studentIds.length) continue;
        const combined = await call('exportCombinedProgressPdf', { periodId: p.id, folder, studentIds });
        if (combined.file) state.combined.push(combined.file);
      }
      state.running = false;
      setBatch({ ...state });
    } catch (e) {
      setBatchError(e);
      setBatch((b) => (b ? { ...b, running: false } : b));
    }
  };

  const finaliseAll = async () => {
    setFinalising(true);
    setFinaliseError(null);
    try {
      const r = await call('finaliseReviewedReports', { periodIds, expectedCount: reviewed.length });
      setConfirm(false);
      setMessage(`Finalised ${r.finalised.length} report${r.finalised.length === 1 ? '' : 's'}.`);
      void invalidateAfter(qc, 'finaliseReviewedReports');
    } catch (e) {
      setFinaliseError(e);
    } finally {
      setFinalising(false);
    }
  };

  if (periods.isPending) return <Loading />;
  return (
    <section aria-labelledby="reports-title">
      <header className="page-head">
        <h1 id="reports-title">Progress reports</h1>
        {anchor && (
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setMessage(null);
                setFinaliseError(null);
                setConfirm(true);
              }}
              disabled={!reviewed.length || finalising}
            >
              Finalise all reviewed ({reviewed.length})…
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void runBatch()}
              disabled={batch?.running || !rows.data?.length}
            >
              Save all as PDFs…
            </button>
            <Status>{message}</Status>
          </div>
        )}
      </header>
      {list.length === 0 ? (
        <Empty>
          No reporting periods yet. Set them for each school year under{' '}
          <Link to="/schools">Schools &amp; calendars</Link>.
        </Empty>
      ) : (
        <div className="filters">
          <PeriodChoice list={list} anchor={anchor} acrossSchools={acrossSchools} onChoose={(p) => setParams(p)} />
          {anchor && (
            <span className="muted">{acrossSchools ? dueText(chosen) : `Due ${fmtDate(anchor.dueDate)}`}</span>
          )}
        </div>
      )}
      <ErrorMessage error={batchError ?? rows.error} />
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
              {batch.combined.map((f) => (
                <li key={f}>Combined PDF: {f}</li>
              ))}
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
      {rows.data && <ReportRows rows={rows.data} acrossSchools={acrossSchools} />}
      <Confirm
        open={confirm}
        title={`Finalise ${reviewed.length} reviewed report${reviewed.length === 1 ? '' : 's'}?`}
        message={
          <>
            The {reviewed.length} draft{reviewed.length === 1 ? '' : 's'} marked reviewed for {scope} become final as
            they are and can no longer be edited; a mistake found later is fixed by a correction, which makes a new
            version. Drafts not marked reviewed stay drafts.
          </>
        }
        confirmLabel={`Finalise ${reviewed.length} report${reviewed.length === 1 ? '' : 's'}`}
        onConfirm={() => void finaliseAll()}
        onClose={() => setConfirm(false)}
        busy={finalising}
        error={finaliseError}
      />
    </section>
  );
}
