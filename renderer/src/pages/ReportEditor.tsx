import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GoalReportLine, ProgressReportView } from '../../../shared/api/types';
import { PROMPT_LABELS } from '../../../shared/domain/codes';
import { call, useApi, useWrite } from '../api';
import { GoalChart } from '../components/GoalChart';
import { Confirm, ErrorMessage, Loading, Status } from '../components/ui';
import { fmtDate } from '../format';
import { useLeaveGuard } from '../leave-guard';
import { SummaryTable } from './StudentPage';

const NO_DATA = /^No data was recorded/;
const TREND = { rising: 'rising', flat: 'flat', falling: 'falling', not_enough_data: 'too few points for a trend' };

export function ReportEditor() {
  const { periodId, studentId } = useParams();
  const key = { periodId: Number(periodId), studentId: Number(studentId) };
  const [version, setVersion] = useState<number | undefined>();
  const report = useApi('getProgressReport', { ...key, ...(version ? { version } : {}) });
  const settings = useApi('getSettings');
  if (report.isPending || !settings.data) return <Loading />;
  if (!report.data) return <ErrorMessage error={report.error} />;
  return (
    <Editor
      // A new report becoming a draft (the first autosave) keeps the editor and what is being typed.
      key={`${report.data.version}-${report.data.status === 'final' ? 'final' : 'open'}`}
      report={report.data}
      threshold={settings.data.complianceThreshold}
      onVersion={setVersion}
    />
  );
}

function Editor({
  report,
  threshold,
  onVersion,
}: {
  report: ProgressReportView;
  threshold: number;
  onVersion: (v: number | undefined) => void;
}) {
  const key = { studentId: report.student.id, periodId: report.period.id };
  const [goals, setGoals] = useState(
    report.goals.map((g) => ({ goalId: g.goalId, code: g.code, narrative: g.narrative })),
  );
  const [confirm, setConfirm] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [outError, setOutError] = useState<unknown>(null);
  // The last autosave's failure: something typed is not stored.
  const [autoError, setAutoError] = useState<unknown>(null);
  const save = useWrite('saveProgressReport', () => {
    setMessage('Draft saved.');
    setAutoError(null); // stored: nothing left unsaved
  });
  const finalise = useWrite('finaliseProgressReport', () => {
    setConfirm(false);
    onVersion(undefined);
  });
  const correct = useWrite('correctProgressReport', () => onVersion(undefined));
  // Reviewed: ready to finalise with "Finalise all reviewed" on the list; any change takes the mark off.
  const [reviewed, setReviewed] = useState(!!report.reviewedAt);
  useEffect(() => setReviewed(!!report.reviewedAt), [report.reviewedAt]);
  const review = useWrite('markProgressReportReviewed', (v) => {
    setReviewed(!!v.reviewedAt);
    setMessage(v.reviewedAt ? 'Marked as reviewed.' : 'No longer marked as reviewed.');
  });
  const readOnly = report.status === 'final';
  const latest = report.versions.at(-1);
  const isLatest = !latest || latest.version === report.version;
  const patch = (goalId: number, p: Partial<(typeof goals)[number]>) =>
    setGoals((gs) => gs.map((g) => (g.goalId === goalId ? { ...g, ...p } : g)));

  // Narratives and codes are stored as the draft in the caseload a moment after typing stops, and when
  // leaving the page, so nothing typed goes back to the generated text.
  const qc = useQueryClient();
  const pending = useRef<typeof goals | null>(null);
  const [autoSaved, setAutoSaved] = useState<string | null>(null);
  const flush = useRef<() => void>(() => {});
  useEffect(() => {
    flush.current = () => {
      const g = pending.current;
      if (!g) return;
      pending.current = null;
      call('saveProgressReport', { ...key, goals: g })
        .then(() => {
          setAutoError(null);
          setAutoSaved(new Date().toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }));
          // Lists that show the report's status refetch when next shown; nothing else is touched.
          void qc.invalidateQueries({ queryKey: ['listProgressReports'], refetchType: 'none' });
          void qc.invalidateQueries({ queryKey: ['listReportGroup'], refetchType: 'none' });
          void qc.invalidateQueries({ queryKey: ['getProgressReport'], refetchType: 'none' });
        })
        .catch((e: unknown) => {
          // Not stored: kept as pending, so leaving the page (or closing the window) tries again.
          if (pending.current == null) pending.current = g;
          setAutoError(e);
        });
    };
  });
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current) {
      typed.current = true;
      return;
    }
    if (readOnly) return;
    setReviewed(false);
    pending.current = goals;
    const t = setTimeout(() => flush.current(), 1200);
    return () => clearTimeout(t);
  }, [goals, readOnly]);
  useEffect(() => () => flush.current(), []);
  const cancelAutosave = () => {
    pending.current = null;
  };
  // Closing the window within a moment of typing, or after a failed store, asks first (and stores).
  // Moving to another screen stores the narratives as the page is left, so it asks only when the
  // last store failed (something is truly unsaved).
  useLeaveGuard(
    `the ${report.period.label} report for ${report.student.name}`,
    () => !readOnly && (pending.current != null || autoError != null),
    true,
    () => flush.current(),
    { asksOnNavigate: () => !readOnly && autoError != null, discard: cancelAutosave },
  );

  const out = async (kind: 'print' | 'pdf') => {
    cancelAutosave();
    setOutError(null);
    setMessage(null);
    try {
      if (!readOnly) {
        await call('saveProgressReport', { ...key, goals });
        setAutoError(null);
      }
      const input = { ...key, version: report.version };
      if (kind === 'print') {
        const r = await call('printProgressReport', input);
        setMessage(r.printed ? 'Sent to the printer.' : 'Printing was cancelled.');
      } else {
        const r = await call('saveProgressReportPdf', input);
        setMessage(r.file ? `Saved ${r.file}` : 'Not saved.');
      }
    } catch (e) {
      setOutError(e);
    }
  };

  return (
    <article aria-labelledby="report-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/reports?period=${report.period.id}`}>Progress reports</Link> ›{' '}
            <Link to={`/students/${report.student.id}`}>{report.student.name}</Link> ›
          </p>
          <h1 id="report-title">
            {report.student.name}: {report.period.label}
            <span className={`tag ${readOnly ? 'ok' : ''}`}>
              {readOnly ? `final v${report.version}` : report.status === 'new' ? 'new' : `draft v${report.version}`}
            </span>
            {!readOnly && reviewed && <span className="tag ok">reviewed</span>}
          </h1>
          <p className="muted">
            {fmtDate(report.period.startDate)} – {fmtDate(report.period.endDate)} · due {fmtDate(report.period.dueDate)}{' '}
            · {report.student.schoolName} · grade {report.student.grade} ·{' '}
            {report.plan
              ? `${report.plan.kind} ${fmtDate(report.plan.startDate)} – ${fmtDate(report.plan.endDate)}`
              : 'no IEP in this period'}
          </p>
        </div>
        <div className="actions">
          {report.versions.length > 1 && (
            <label>
              Version{' '}
              <select value={report.version} onChange={(e) => onVersion(Number(e.target.value))}>
                {report.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {v.version} ({v.status === 'final' ? `final ${fmtDate(v.finalizedAt?.slice(0, 10))}` : 'draft'})
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" onClick={() => void out('print')}>
            Print…
          </button>
          <button type="button" onClick={() => void out('pdf')}>
            Save as PDF…
          </button>
          {readOnly ? (
            isLatest && (
              <button type="button" onClick={() => correct.mutate(key)}>
                Start a correction
              </button>
            )
          ) : (
            <>
              <button
                type="button"
                onClick={() => {
                  cancelAutosave();
                  save.mutate({ ...key, goals });
                }}
                disabled={save.isPending}
              >
                Save draft
              </button>
              <button
                type="button"
                aria-pressed={reviewed}
                onClick={() => {
                  cancelAutosave();
                  setMessage(null);
                  review.mutate({ ...key, goals, reviewed: !reviewed });
                }}
                disabled={review.isPending}
              >
                {reviewed ? 'Reviewed ✓' : 'Mark as reviewed'}
              </button>
              <button type="button" className="primary" onClick={() => setConfirm(true)}>
                Finalise…
              </button>
            </>
          )}
          <Status>{message}</Status>
          {!message && autoSaved && !readOnly && <Status>Draft stored at {autoSaved}</Status>}
        </div>
      </header>
      {readOnly && (
        <p className="notice">
          This version was finalised on {fmtDate(report.finalizedAt?.slice(0, 10))} and cannot change. A correction
          makes a new version and keeps this one.
        </p>
      )}
      <ErrorMessage error={save.error ?? finalise.error ?? correct.error ?? review.error ?? outError ?? autoError} />
      {report.goals.length === 0 && <p className="empty">No goals on the IEP for this period.</p>}
      {report.goals.map((g, i) => (
        <GoalEditor
          key={g.goalId}
          index={i}
          goal={g}
          codes={report.codes}
          value={goals.find((x) => x.goalId === g.goalId)!}
          readOnly={readOnly}
          periodId={report.period.id}
          onChange={(p) => patch(g.goalId, p)}
        />
      ))}
      <section className="panel" aria-labelledby="report-minutes">
        <h2 id="report-minutes">Minutes this period</h2>
        <SummaryTable summary={report.minutes} threshold={threshold} />
      </section>
      <Confirm
        open={confirm}
        title="Finalise this report?"
        message="A finalised report is stored as it is and can no longer be edited. Mistakes found later are fixed by a correction, which makes a new version."
        confirmLabel="Finalise report"
        onConfirm={() => {
          cancelAutosave();
          finalise.mutate({ ...key, goals });
        }}
        onClose={() => setConfirm(false)}
        busy={finalise.isPending}
        error={finalise.error}
      />
    </article>
  );
}

function GoalEditor({
  goal,
  index,
  codes,
  value,
  readOnly,
  periodId,
  onChange,
}: {
  goal: GoalReportLine;
  periodId: number;
  index: number;
  codes: string[];
  value: { code: string; narrative: string };
  readOnly: boolean;
  onChange: (p: { code?: string; narrative?: string }) => void;
}) {
  const s = goal.summary;
  const unit = goal.measurement === 'trials' || goal.measurement === 'percent' ? '%' : '';
  const fmt = (n: number | null) => (n == null ? '—' : `${Math.round(n)}${unit}`);
  return (
    <section className="panel goal-report" aria-labelledby={`goal-${goal.goalId}`} data-testid={`goal-${goal.goalId}`}>
      <h2 id={`goal-${goal.goalId}`}>
        Goal {index + 1} · <span className="tag">{goal.area}</span>
      </h2>
      <p>{goal.text}</p>
      <p>
        <Link to={`/goals/${goal.goalId}?report=${periodId}`}>
          All data for this goal<span className="sr-only"> ({goal.area})</span>
        </Link>
      </p>
      <p className="muted">
        Criterion:{' '}
        {goal.criterion ?? (
          <b className="warn">
            No criterion set: progress cannot be judged against a target. Add one on the student page.
          </b>
        )}{' '}
        · Baseline: {goal.baseline ?? '—'}
      </p>
      {s.points === 0 ? (
        // Said once: the narrative drafted from no data already says it.
        !NO_DATA.test(value.narrative.trim()) && (
          <p className="notice">No data was recorded for this goal in this period.</p>
        )
      ) : (
        <div className="split">
          <dl className="numbers">
            <div>
              <dt>Data points</dt>
              <dd>{s.points}</dd>
            </div>
            <div>
              <dt>First</dt>
              <dd>{fmt(s.first)}</dd>
            </div>
            <div>
              <dt>Latest</dt>
              <dd>{fmt(s.latest)}</dd>
            </div>
            <div>
              <dt>Trend</dt>
              <dd>{TREND[s.trend]}</dd>
            </div>
            <div>
              <dt>Target</dt>
              <dd>{s.target != null ? fmt(s.target) : (goal.criterion ?? '—')}</dd>
            </div>
            {s.latestPrompt && (
              <div>
                <dt>Latest prompt</dt>
                <dd>{PROMPT_LABELS[s.latestPrompt]}</dd>
              </div>
            )}
          </dl>
          <div className="grow">
            <GoalChart points={goal.data} target={s.target} unit={unit} fit={s.fit} />
          </div>
        </div>
      )}
      <div className="grid-form">
        <div className="field span-all code-field">
          <label htmlFor={`code-${goal.goalId}`}>Progress code</label>
          <select
            id={`code-${goal.goalId}`}
            value={value.code}
            disabled={readOnly}
            onChange={(e) => onChange({ code: e.target.value })}
          >
            <option value="">Choose…</option>
            {codes.map((c) => (
              <option key={c} value={c}>
                {c}
                {c === goal.suggestedCode ? ' (suggested)' : ''}
              </option>
            ))}
          </select>
          <small className="hint">Suggested from the data: {goal.suggestedCode}</small>
        </div>
        <div className="field span-all">
          <label htmlFor={`narrative-${goal.goalId}`}>Narrative</label>
          <textarea
            id={`narrative-${goal.goalId}`}
            rows={4}
            value={value.narrative}
            readOnly={readOnly}
            onChange={(e) => onChange({ narrative: e.target.value })}
          />
          {!readOnly && value.narrative !== goal.draftNarrative && (
            <button type="button" className="link" onClick={() => onChange({ narrative: goal.draftNarrative })}>
              Use the draft from the data
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
