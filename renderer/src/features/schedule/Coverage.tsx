import { Link } from 'react-router';
import type { StudentCoverage } from '../../../../shared/api/types-schedule';
import { INTERVAL_LABELS, SETTING_LABELS } from '../../../../shared/domain/codes';
import { localToday } from '../../../../shared/domain/dates';
import { useApi } from '../../api';
import { Loading } from '../../components/ui';
import { WindowedRows } from '../../components/WindowedRows';
import { mins } from '../../format';

const per = { week: 'week', month: 'month', year: 'year' } as const;

export function coverageText(r: StudentCoverage['rows'][number]): string {
  const d = Math.round(r.difference);
  const state = d < 0 ? `${-d} short` : d > 0 ? `${d} over` : 'covered';
  return `${SETTING_LABELS[r.setting]}: planned ${mins(r.planned)}/${per[r.interval]}, owed ${mins(r.owed)}/${per[r.interval]}: ${state}`;
}

/** On the student page: what the schedule plans vs what the IEP owes, per setting and interval. */
export function StudentCoverageCard({ studentId }: { studentId: number }) {
  const cov = useApi('getCoverage', { date: localToday(), studentId });
  const rows = cov.data?.[0]?.rows ?? [];
  if (!cov.data) return cov.isPending ? <Loading /> : null;
  return (
    <section className="panel" aria-labelledby="coverage-title">
      <h2 id="coverage-title">Schedule coverage</h2>
      {rows.length === 0 ? (
        <p className="muted">No service lines or slots in effect today.</p>
      ) : (
        <ul className="plain">
          {rows.map((r) => (
            <li key={r.setting} className={Math.round(r.difference) < 0 ? 'behind' : undefined}>
              {coverageText(r)}{' '}
              <span className="muted">
                ({INTERVAL_LABELS[r.interval]}, {r.from} to {r.to})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The caseload's under- and over-scheduled students. */
export function CoverageList() {
  const cov = useApi('getCoverage', { date: localToday() });
  if (cov.isPending) return <Loading />;
  const off = (cov.data ?? []).filter((s) => s.rows.some((r) => Math.round(r.difference) !== 0));
  return (
    <section className="panel" aria-labelledby="cov-title">
      <h2 id="cov-title">Coverage: students under- or over-scheduled ({off.length})</h2>
      {off.length === 0 ? (
        <p className="muted">Every student's schedule matches the IEP minutes this interval.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Student</th>
              <th>School</th>
              <th>Planned vs owed</th>
            </tr>
          </thead>
          <tbody>
            {/* A caseload of hundreds: only the rows on screen are drawn. */}
            <WindowedRows
              items={off}
              columns={3}
              render={(s) => (
                <tr key={s.studentId}>
                  <td>
                    <Link to={`/students/${s.studentId}`}>{s.name}</Link>
                  </td>
                  <td>{s.school}</td>
                  <td>
                    {s.rows
                      .filter((r) => Math.round(r.difference) !== 0)
                      .map((r) => coverageText(r))
                      .join('; ')}
                  </td>
                </tr>
              )}
            />
          </tbody>
        </table>
      )}
    </section>
  );
}
