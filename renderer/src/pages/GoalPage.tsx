import { Link, useParams, useSearchParams } from 'react-router';
import { PROMPT_LABELS } from '../../../shared/domain/codes';
import { summariseGoal } from '../../../shared/domain/progress';
import { useApi } from '../api';
import { GoalChart } from '../components/GoalChart';
import { ErrorMessage, Loading } from '../components/ui';
import { fmtDay } from '../format';
import { TableHead } from '../components/TableHead';

export function GoalPage() {
  const goalId = Number(useParams()['id']);
  const view = useApi('getGoalData', { goalId });
  // Opened from a progress report: the way back leads to that report.
  const reportPeriod = Number(useSearchParams()[0].get('report')) || null;
  if (view.isPending) return <Loading />;
  if (!view.data) return <ErrorMessage error={view.error} />;
  const { goal, points } = view.data;
  const unit = goal.measurement === 'trials' || goal.measurement === 'percent' ? '%' : '';
  return (
    <article aria-labelledby="goal-title">
      <header className="page-head">
        <div>
          <p className="crumbs">
            <Link to={`/students/${goal.studentId}`}>{goal.studentName}</Link> ›
            {reportPeriod && (
              <>
                {' '}
                <Link to={`/reports/${reportPeriod}/${goal.studentId}`}>Back to the progress report</Link> ›
              </>
            )}
          </p>
          <h1 id="goal-title">{goal.area} goal</h1>
          <p>{goal.text}</p>
          <p className="muted">
            Criterion: {goal.criterion ?? <b className="warn">none set: add one so progress can be judged</b>} ·
            Baseline: {goal.baseline ?? '—'}
          </p>
        </div>
      </header>
      <section className="panel">
        <h2>Data over time</h2>
        {points.length === 0 ? (
          <p className="muted">No data yet. Record data for this goal when you log a session.</p>
        ) : (
          <>
            <GoalChart points={points} target={goal.targetValue} unit={unit} fit={summariseGoal(goal, points).fit} />
            <table className="table compact">
              <TableHead cols={['Date', { label: 'Level', num: true }, 'Raw', 'Prompt']} />
              <tbody>
                {[...points].reverse().map((p, i) => (
                  <tr key={i}>
                    <td>{fmtDay(p.date)}</td>
                    <td className="num">
                      {Math.round(p.level * 10) / 10}
                      {unit}
                    </td>
                    <td>{p.total != null ? `${p.correct}/${p.total}` : (p.value ?? '')}</td>
                    <td>{p.prompt ? PROMPT_LABELS[p.prompt] : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </article>
  );
}
