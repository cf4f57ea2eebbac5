import { Link } from 'react-router';
import type { WorkloadDay, WorkloadSource, WorkloadWeek } from '../../../../shared/api/types-workload';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { BLOCK_KINDS, BLOCK_LABELS } from '../../../../shared/domain/workload';
import { useApi } from '../../api';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDay } from '../../format';

const SOURCE_LABEL: Record<WorkloadSource, string> = {
  log: 'log',
  log_and_schedule: 'log so far + schedule',
  schedule: 'schedule',
};

/** 555 → "9 h 15". */
export const hours = (m: number) => `${Math.floor(m / 60)} h ${String(Math.round(m % 60)).padStart(2, '0')}`;

/** Which days come from the log and which from the schedule, said in one sentence. */
function sourcesSentence(days: WorkloadDay[]): string {
  const parts: string[] = [];
  for (const s of ['log', 'log_and_schedule', 'schedule'] as const) {
    const list = days.filter((d) => d.source === s);
    if (!list.length) continue;
    const span = list.length === 1 ? fmtDay(list[0]!.date) : `${fmtDay(list[0]!.date)}–${fmtDay(list.at(-1)!.date)}`;
    parts.push(
      s === 'log'
        ? `${span} from the log`
        : s === 'schedule'
          ? `${span} from the schedule`
          : `${span} from the log so far and the schedule for the rest`,
    );
  }
  return `${parts.join('; ')}.`;
}

/** The week as work: direct minutes by setting, consult, evaluations, blocks and travel against the contract. */
export function WorkloadPanel({ monday }: { monday: string }) {
  const w = useApi('getWorkload', { date: monday });
  if (w.isPending) return <Loading />;
  if (!w.data) return <ErrorMessage error={w.error} />;
  return <WorkloadSummary w={w.data} />;
}

function WorkloadSummary({ w }: { w: WorkloadWeek }) {
  const rows: [string, number][] = [
    [`Direct: ${SETTING_LABELS.push_in}`, w.direct.push_in],
    [`Direct: ${SETTING_LABELS.pull_out}`, w.direct.pull_out],
    ['Consult', w.consult],
    ['Evaluations (logged)', w.evaluations],
    ...BLOCK_KINDS.filter((k) => w.blocks[k] > 0).map((k): [string, number] => [BLOCK_LABELS[k], w.blocks[k]]),
    [`Travel between schools (${w.miles} mi)`, w.travel],
  ];
  const diff = w.difference ?? 0;
  return (
    <section className="panel workload" aria-labelledby="workload-title" data-testid="workload">
      <h2 id="workload-title">Workload this week</h2>
      <p className="muted small">
        {sourcesSentence(w.days)}
        {w.notLogged > 0 &&
          ` ${w.notLogged} planned session${w.notLogged > 1 ? 's' : ''} of past days ${w.notLogged > 1 ? 'are' : 'is'} neither logged nor cancelled and not counted.`}
      </p>
      <div className="workload-grid">
        <table className="table compact" aria-label="Workload by kind">
          <tbody>
            {rows.map(([label, m]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="num">{m} min</td>
              </tr>
            ))}
            <tr className="total">
              <th scope="row">Total</th>
              <td className="num">
                {w.total} min ({hours(w.total)})
              </td>
            </tr>
            <tr>
              <th scope="row">
                Contracted (<Link to="/settings">Settings</Link>)
              </th>
              <td className="num">
                {w.contracted} min ({hours(w.contracted ?? 0)})
              </td>
            </tr>
            <tr className={diff < 0 ? 'under' : 'over'}>
              <th scope="row">{diff < 0 ? 'Under the contract' : 'Over the contract'}</th>
              <td className="num" data-testid="workload-difference">
                {Math.abs(diff)} min
              </td>
            </tr>
          </tbody>
        </table>
        <table className="table compact" aria-label="Workload by day">
          <thead>
            <tr>
              <th>Day</th>
              <th>From</th>
              <th className="num">Direct</th>
              <th className="num">Consult</th>
              <th className="num">Eval.</th>
              <th className="num">Blocks</th>
              <th className="num">Travel</th>
              <th className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {w.days.map((d) => (
              <tr key={d.date}>
                <td className="day">{fmtDay(d.date)}</td>
                <td className="small">{SOURCE_LABEL[d.source]}</td>
                <td className="num">{d.direct.push_in + d.direct.pull_out}</td>
                <td className="num">{d.consult}</td>
                <td className="num">{d.evaluations}</td>
                <td className="num">{d.blocks}</td>
                <td className="num">{d.travel}</td>
                <td className="num">{d.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
