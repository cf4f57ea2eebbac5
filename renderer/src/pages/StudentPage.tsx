import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { MinutesSummary, Plan, ServiceLine, StudentOverview } from '../../../shared/api/types';
import {
  ATTENDANCE_LABELS,
  GROUPING_LABELS,
  INTERVAL_LABELS,
  SETTINGS,
  SETTING_LABELS,
} from '../../../shared/domain/codes';
import { addDays, localToday } from '../../../shared/domain/dates';
import { call, useApi, useWrite } from '../api';
import { Confirm, Empty, ErrorMessage, Loading, Modal } from '../components/ui';
import { fmtDate, mins, pct, studentName } from '../format';
import { GoalForm, LineForm, type LineMode, PlanForm } from './PlanForms';
import { StudentForm } from './StudentForm';
import { StudentCoverageCard } from '../features/schedule/Coverage';
import { Fold } from '../features/student/Fold';
import { MakeupLedger, OpenMakeups, RecentSessions } from '../features/student/StudentHistory';
import { TableHead } from '../components/TableHead';
import { JudgedSummary } from '../features/compliance/JudgedSummary';
import { EvaluationsPanel } from '../features/evaluations/EvaluationsPanel';
import { EnrollmentPanel } from '../features/enrollment/EnrollmentPanel';
import { ExportStudentFile } from '../features/student-file/ExportStudentFile';

// The chart's code (Recharts) is loaded when the chart is first opened.
const WeeklyMinutesChart = lazy(() =>
  import('../components/MinutesChart').then((m) => ({ default: m.WeeklyMinutesChart })),
);

/** The IEPs in effect or still to come, shown; those that have ended, folded (newest first). */
function splitPlans(all: readonly Plan[]): { shown: Plan[]; earlier: Plan[] } {
  const today = localToday();
  const shown = all.filter((p) => p.endDate >= today);
  const earlier = all.filter((p) => p.endDate < today).sort((a, b) => b.startDate.localeCompare(a.startDate));
  // With none in effect, the last one leads.
  if (shown.length === 0 && earlier.length > 0) shown.push(earlier.shift()!);
  return { shown, earlier };
}

export function StudentPage() {
  const id = Number(useParams()['id']);
  const student = useApi('getStudent', { id });
  const overview = useApi('studentOverview', { id });
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [addingPlan, setAddingPlan] = useState(false);
  const navigate = useNavigate();
  const del = useWrite('deleteStudent', () => navigate('/'));
  const [handover, setHandover] = useState<{ message?: string; error?: unknown } | null>(null);
  const exportHandover = async () => {
    setHandover(null);
    try {
      const r = await call('exportStudentHandover', { id });
      setHandover({ message: r.file ? `Saved the records for handover to ${r.file}.` : 'Not saved.' });
    } catch (error) {
      setHandover({ error });
    }
  };

  const plans = useMemo(() => splitPlans(student.data?.plans ?? []), [student.data]);
  if (student.isPending) return <Loading />;
  if (student.error || !student.data) return <ErrorMessage error={student.error} />;
  const s = student.data;
  return (
    <article aria-labelledby="student-name">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to="/">Caseload</Link> ›
          </p>
          <h1 id="student-name">
            {studentName(s)} {s.status === 'exited' && <span className="tag">exited</span>}
          </h1>
          <p className="muted">
            {s.schoolName} · Grade {s.grade || '—'} · {s.teacher ?? 'no teacher listed'} · born {fmtDate(s.dateOfBirth)}
            {s.districtStudentId && ` · ID ${s.districtStudentId}`}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => navigate(`/log?student=${s.id}`)}>
            Log session
          </button>
          <button type="button" onClick={() => setEditing(true)}>
            Edit student
          </button>
          <button type="button" onClick={() => void exportHandover()}>
            Records for handover…
          </button>
          <ExportStudentFile studentId={s.id} name={studentName(s)} />
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete…
          </button>
        </div>
      </header>

      <ErrorMessage error={handover?.error} />
      {handover?.message && (
        <p role="status" className="notice">
          {handover.message}
        </p>
      )}
      {overview.isPending && <Loading />}
      <ErrorMessage error={overview.error} />
      {/* First what is checked first: this week's minutes, the makeups owed, the IEP in effect. */}
      {overview.data && <MinutesOverview overview={overview.data} />}
      {overview.data && <OpenMakeups overview={overview.data} name={studentName(s)} />}

      <section aria-labelledby="iep-title" className="panel">
        <header className="section-head">
          <h2 id="iep-title">IEP, services and goals</h2>
          <button type="button" onClick={() => setAddingPlan(true)}>
            Add IEP
          </button>
        </header>
        {s.plans.length === 0 && <Empty>No IEP yet. Add the IEP dates, then its service lines and goals.</Empty>}
        {plans.shown.map((p) => (
          <PlanSection key={p.id} plan={p} studentId={s.id} />
        ))}
        {plans.earlier.length > 0 && (
          <Fold
            name="earlier-ieps"
            className="nested"
            title={`Earlier IEPs (${plans.earlier.length})`}
            hint={`${fmtDate(plans.earlier.at(-1)!.startDate)} – ${fmtDate(plans.earlier[0]!.endDate)}`}
          >
            {plans.earlier.map((p) => (
              <PlanSection key={p.id} plan={p} studentId={s.id} />
            ))}
          </Fold>
        )}
      </section>

      {/* The rest, folded: each is read and drawn when opened. */}
      {overview.data && (
        <Fold name="weekly-chart" title="Weekly minutes this school year">
          <Suspense fallback={<Loading />}>
            <WeeklyMinutesChart weeks={overview.data.weekly} />
          </Suspense>
        </Fold>
      )}
      {overview.data && (
        <Fold
          name="makeup-ledger"
          title="Makeup ledger (this school year)"
          hint={`${overview.data.ledger.length} missed session${overview.data.ledger.length === 1 ? '' : 's'}`}
        >
          <MakeupLedger overview={overview.data} />
        </Fold>
      )}
      <Fold name="recent-sessions" title="Recent sessions" hint="the last 4 months">
        <RecentSessions studentId={s.id} />
      </Fold>
      <Fold name="coverage" title="Schedule coverage" hint="planned against owed">
        <StudentCoverageCard studentId={s.id} />
      </Fold>
      <Fold name="enrollment" title="School and enrollment" hint={s.schoolName ?? ''}>
        <EnrollmentPanel student={s} />
      </Fold>
      <Fold name="evaluations" title="Evaluations">
        <EvaluationsPanel studentId={s.id} />
      </Fold>

      <Modal title="Edit student" open={editing} onClose={() => setEditing(false)} wide>
        <StudentForm student={s} onDone={() => setEditing(false)} />
      </Modal>
      <Modal title="Add an IEP" open={addingPlan} onClose={() => setAddingPlan(false)} wide>
        <PlanForm studentId={s.id} onDone={() => setAddingPlan(false)} />
      </Modal>
      <Confirm
        open={deleting}
        title={`Delete ${studentName(s)}?`}
        message={
          <>
            This removes the student, every IEP, service line, goal and session record of theirs from this computer. It
            cannot be undone here. To keep the history, record an <b>Exit</b> under School and enrollment instead.
          </>
        }
        confirmLabel="Delete student and records"
        onConfirm={() => del.mutate({ id: s.id })}
        onClose={() => setDeleting(false)}
        busy={del.isPending}
        error={del.error}
      />
    </article>
  );
}

function MinutesOverview({ overview }: { overview: StudentOverview }) {
  const [key, setKey] = useState(overview.periods[0]?.key ?? 'week');
  const current = overview.periods.find((p) => p.key === key) ?? overview.periods[0];
  return (
    <section aria-labelledby="minutes-title" className="panel">
      <header className="section-head">
        <h2 id="minutes-title">Minutes</h2>
        <div role="tablist" aria-label="Range" className="tabs">
          {overview.periods.map((p) => (
            <button
              key={p.key}
              type="button"
              role="tab"
              aria-selected={p.key === key}
              className={p.key === key ? 'tab active' : 'tab'}
              onClick={() => setKey(p.key)}
            >
              {p.label}
            </button>
          ))}
        </div>
      </header>
      {current && <SummaryTable summary={current.summary} threshold={overview.threshold} />}
      {current && <JudgedSummary summary={current.summary} threshold={overview.threshold} />}
    </section>
  );
}

export function SummaryTable({ summary, threshold }: { summary: MinutesSummary; threshold: number }) {
  const missed = Object.entries(summary.missedByCode).filter(([, v]) => v > 0);
  return (
    <div className="summary">
      <div className={`stat ${summary.behind ? 'behind' : ''}`} data-testid="compliance">
        <span className="stat-label">Delivered ÷ owed to date</span>
        <span className="stat-value">{pct(summary.compliance)}</span>
        <span className="muted">
          {mins(summary.deliveredTotal)} of {mins(summary.owedToDate)} min{' '}
          {summary.behind && `· behind (under ${pct(threshold)})`}
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">Out of class (pull-out)</span>
        <span className="stat-value" data-testid="out-of-class">
          {mins(summary.outOfClass)} min
        </span>
      </div>
      <div className="stat">
        <span className="stat-label">Makeup owed</span>
        <span className="stat-value" data-testid="makeup-owed">
          {mins(summary.makeupBalance)} min
        </span>
      </div>
      <table className="table compact">
        <caption className="sr-only">
          Minutes owed and delivered by setting, {summary.from} to {summary.to}
        </caption>
        <TableHead cols={['Setting', { label: 'Owed (range)', num: true }, { label: 'Delivered', num: true }]} />
        <tbody>
          {SETTINGS.map((k) => (
            <tr key={k} data-testid={`row-${k}`}>
              <th scope="row">{SETTING_LABELS[k]}</th>
              <td className="num">{mins(summary.owed[k])}</td>
              <td className="num">{mins(summary.delivered[k])}</td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">Total</th>
            <td className="num">{mins(summary.owedTotal)}</td>
            <td className="num">{mins(summary.deliveredTotal)}</td>
          </tr>
        </tbody>
      </table>
      <div className="missed">
        <span className="stat-label">Missed</span>
        {missed.length === 0 ? (
          <p className="muted">No missed minutes.</p>
        ) : (
          <ul>
            {missed.map(([code, v]) => (
              <li key={code}>
                {ATTENDANCE_LABELS[code as keyof typeof ATTENDANCE_LABELS]}: {mins(v)} min
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function lineAmount(l: ServiceLine) {
  const amount = l.sessionsCount != null ? `${l.sessionsCount} × ${l.minutesPerSession} min` : `${l.minutes} min`;
  return `${amount} ${INTERVAL_LABELS[l.interval]}`;
}

function PlanSection({ plan, studentId }: { plan: Plan; studentId: number }) {
  const [lineMode, setLineMode] = useState<LineMode | null>(null);
  const [editPlan, setEditPlan] = useState(false);
  const [goalEdit, setGoalEdit] = useState<{ id?: number } | null>(null);
  const [endLine, setEndLine] = useState<ServiceLine | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<{ kind: 'line' | 'goal' | 'plan'; id: number } | null>(null);
  const delLine = useWrite('deleteServiceLine', () => setConfirmDelete(null));
  const delGoal = useWrite('deleteGoal', () => setConfirmDelete(null));
  const delPlan = useWrite('deletePlan', () => setConfirmDelete(null));
  const end = useWrite('endServiceLine', () => setEndLine(null));
  const today = localToday();
  const current = plan.startDate <= today && today <= plan.endDate;
  const delM = confirmDelete?.kind === 'line' ? delLine : confirmDelete?.kind === 'goal' ? delGoal : delPlan;
  return (
    <div className={`plan ${current ? 'current' : ''}`}>
      <div className="plan-head">
        <h3>
          {plan.kind} {fmtDate(plan.startDate)} – {fmtDate(plan.endDate)}{' '}
          {current && <span className="tag ok">current</span>}
        </h3>
        <div className="actions">
          <button type="button" onClick={() => setEditPlan(true)}>
            Edit dates
          </button>
          <button type="button" onClick={() => setLineMode({ kind: 'create', plan })}>
            Add service line
          </button>
          <button type="button" onClick={() => setGoalEdit({})}>
            Add goal
          </button>
          <button type="button" className="link danger" onClick={() => setConfirmDelete({ kind: 'plan', id: plan.id })}>
            Delete IEP
          </button>
        </div>
      </div>
      <p className="muted">
        Meeting {fmtDate(plan.meetingDate)} · re-evaluation due{' '}
        {fmtDate(plan.reevalDueDate ?? (plan.lastEvalDate ? addDays(plan.lastEvalDate, 365 * 3) : null))}
        {plan.medicaidConsentExpires && ` · Medicaid consent until ${fmtDate(plan.medicaidConsentExpires)}`}
      </p>
      {plan.lines.length === 0 ? (
        <p className="muted">No service lines yet.</p>
      ) : (
        <table className="table compact" data-testid="service-lines">
          <caption className="sr-only">Service lines</caption>
          <TableHead
            cols={['Service', 'Setting', 'Grouping', 'Amount', 'In effect', { label: 'Actions', hidden: true }]}
          />
          <tbody>
            {plan.lines.map((l) => (
              <tr key={l.id} className={l.endDate < today ? 'past' : ''}>
                <td>
                  {l.service}
                  {l.providerRole && <span className="muted"> · {l.providerRole}</span>}
                </td>
                <td>
                  <span className={`pill ${l.setting}`}>{SETTING_LABELS[l.setting]}</span>
                </td>
                <td>
                  {GROUPING_LABELS[l.grouping]}
                  {l.maxGroupSize ? ` (max ${l.maxGroupSize})` : ''}
                </td>
                <td>{lineAmount(l)}</td>
                <td>
                  {fmtDate(l.startDate)} – {fmtDate(l.endDate)}
                  {l.replacesLineId && <span className="muted"> (amendment)</span>}
                </td>
                <td className="row-actions">
                  <button type="button" className="link" onClick={() => setLineMode({ kind: 'amend', line: l })}>
                    Amend
                  </button>
                  <button type="button" className="link" onClick={() => setEndLine(l)}>
                    End
                  </button>
                  <button type="button" className="link" onClick={() => setLineMode({ kind: 'correct', line: l })}>
                    Correct
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => setConfirmDelete({ kind: 'line', id: l.id })}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Goals</h4>
      {plan.goals.length === 0 ? (
        <p className="muted">No goals yet.</p>
      ) : (
        <ol className="goals">
          {plan.goals.map((g) => (
            <li key={g.id}>
              <span className="tag">{g.area}</span> {g.text}
              <div className="muted">
                Criterion: {g.criterion ?? <b className="warn">none set</b>} · Baseline: {g.baseline ?? '—'}
              </div>
              <div className="row-actions">
                <Link to={`/goals/${g.id}`}>
                  Goal data
                  <span className="sr-only">
                    {' '}
                    for {g.area}: {g.text}
                  </span>
                </Link>
                <button type="button" className="link" onClick={() => setGoalEdit({ id: g.id })}>
                  Edit
                </button>
                <button
                  type="button"
                  className="link danger"
                  onClick={() => setConfirmDelete({ kind: 'goal', id: g.id })}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Modal
        title={
          lineMode?.kind === 'amend'
            ? 'Amend service line'
            : lineMode?.kind === 'correct'
              ? 'Correct service line'
              : 'Add service line'
        }
        open={!!lineMode}
        onClose={() => setLineMode(null)}
        wide
      >
        {lineMode && <LineForm mode={lineMode} onDone={() => setLineMode(null)} />}
      </Modal>
      <Modal title="Edit IEP" open={editPlan} onClose={() => setEditPlan(false)} wide>
        <PlanForm studentId={studentId} plan={plan} onDone={() => setEditPlan(false)} />
      </Modal>
      <Modal title={goalEdit?.id ? 'Edit goal' : 'Add goal'} open={!!goalEdit} onClose={() => setGoalEdit(null)} wide>
        {goalEdit && (
          <GoalForm
            planId={plan.id}
            goal={plan.goals.find((g) => g.id === goalEdit.id)}
            onDone={() => setGoalEdit(null)}
          />
        )}
      </Modal>
      <Modal title="End service line" open={!!endLine} onClose={() => setEndLine(null)}>
        {endLine && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              end.mutate({ id: endLine.id, endDate: String(new FormData(e.currentTarget).get('endDate')) });
            }}
          >
            <p>The service stops after this date (step-down). Minutes owed before it are kept.</p>
            <label className="field">
              Last day of service
              <input
                name="endDate"
                type="date"
                defaultValue={today < endLine.endDate ? today : endLine.endDate}
                autoFocus
              />
            </label>
            <ErrorMessage error={end.error} />
            <div className="actions">
              <button type="button" onClick={() => setEndLine(null)}>
                Cancel
              </button>
              <button type="submit" className="primary">
                End line
              </button>
            </div>
          </form>
        )}
      </Modal>
      <Confirm
        open={!!confirmDelete}
        title={
          confirmDelete?.kind === 'plan'
            ? 'Delete this IEP?'
            : confirmDelete?.kind === 'goal'
              ? 'Delete this goal?'
              : 'Delete this service line?'
        }
        message={
          confirmDelete?.kind === 'line'
            ? 'Deleting removes the line from history, so past minutes owed change. To stop a service from a date, use End or Amend instead.'
            : confirmDelete?.kind === 'plan'
              ? 'This removes the IEP with its service lines and goals.'
              : 'This removes the goal. Goals with session data cannot be deleted.'
        }
        confirmLabel="Delete"
        onConfirm={() => {
          if (!confirmDelete) return;
          if (confirmDelete.kind === 'line') delLine.mutate({ id: confirmDelete.id });
          else if (confirmDelete.kind === 'goal') delGoal.mutate({ id: confirmDelete.id });
          else delPlan.mutate({ id: confirmDelete.id });
        }}
        onClose={() => setConfirmDelete(null)}
        busy={delM.isPending}
        error={delM.error}
      />
    </div>
  );
}
