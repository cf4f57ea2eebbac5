import { useState } from 'react';
import { ATTENDANCE_LABELS, GROUPING_LABELS, SETTING_LABELS } from '../../../shared/domain/codes';
import { localToday, monthRange } from '../../../shared/domain/dates';
import { deliveredMinutes } from '../../../shared/domain/minutes-delivered';
import { call, useApi } from '../api';
import { ErrorMessage, Field } from '../components/ui';
import { fmtDay } from '../format';
import { TableHead } from '../components/TableHead';
import { MedicaidPanel } from '../features/medicaid/MedicaidPanel';
import { StudentChooser } from '../features/records/StudentChooser';
import { EVALUATION_LABELS } from '../../../shared/domain/medicaid';

export function RecordsPage() {
  const students = useApi('listStudents', { status: 'all' });
  const month = monthRange(localToday());
  const [studentId, setStudentId] = useState<number | undefined>();
  const [from, setFrom] = useState(month.from);
  const [to, setTo] = useState(month.to);
  // An active student first: exited students stay choosable, for their records.
  const chosen = studentId ?? (students.data?.find((s) => s.status === 'active') ?? students.data?.[0])?.id;
  const log = useApi('getServiceLog', { studentId: chosen ?? 0, from, to }, !!chosen);
  const [result, setResult] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (fn: () => Promise<{ file: string | null; rows?: number; notes?: string[] }>) => {
    setError(null);
    setResult(null);
    try {
      const r = await fn();
      setResult(
        r.file ? [`Saved ${r.file}${r.rows != null ? ` (${r.rows} rows)` : ''}.`, ...(r.notes ?? [])] : ['Not saved.'],
      );
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="records-title">
      <header className="page-head">
        <h1 id="records-title">Records for the district</h1>
      </header>
      <ErrorMessage error={error ?? log.error} />
      {result && (
        <div role="status" className="notice">
          {result.map((r, i) => (
            <p key={i}>{r}</p>
          ))}
        </div>
      )}
      <section className="panel" aria-labelledby="log-title">
        <h2 id="log-title">Service log</h2>
        <div className="inline-form">
          <StudentChooser students={students.data ?? []} value={chosen} onChange={setStudentId} />
          <Field label="From" name="from" error={log.error}>
            {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <Field label="To" name="to" error={log.error}>
            {(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
          </Field>
          <button
            type="button"
            disabled={!chosen}
            onClick={() => void run(() => call('exportServiceLog', { studentId: chosen!, from, to, format: 'pdf' }))}
          >
            Save PDF…
          </button>
          <button
            type="button"
            disabled={!chosen}
            onClick={() => void run(() => call('exportServiceLog', { studentId: chosen!, from, to, format: 'csv' }))}
          >
            Save CSV…
          </button>
        </div>
        {log.data && (
          <table className="table compact" data-testid="service-log">
            <TableHead
              cols={[
                'Date',
                'Time',
                { label: 'Min delivered', num: true },
                'Setting',
                'Grouping',
                { label: 'Students', num: true },
                'Attendance',
                'Goals',
                'Note',
              ]}
            />
            <tbody>
              {log.data.evaluations.map((e, i) => (
                <tr key={`e${i}`}>
                  <td>{fmtDay(e.date)}</td>
                  <td>
                    {e.startTime}–{e.endTime}
                  </td>
                  <td className="num">{e.minutes}</td>
                  <td>Evaluation</td>
                  <td>
                    {e.cptCode} {EVALUATION_LABELS[e.cptCode]}
                  </td>
                  <td className="num">1</td>
                  <td>Not IEP minutes</td>
                  <td />
                  <td className="note">{e.note}</td>
                </tr>
              ))}
              {log.data.rows.length === 0 && log.data.evaluations.length === 0 && (
                <tr>
                  <td colSpan={9} className="muted">
                    No sessions in this range.
                  </td>
                </tr>
              )}
              {log.data.rows.map((r, i) => (
                <tr key={i}>
                  <td>{fmtDay(r.date)}</td>
                  <td>
                    {r.startTime}–{r.endTime}
                  </td>
                  {/* A miss delivered nothing; the session's size counts every student in it. */}
                  <td className="num">{r.delivered ?? deliveredMinutes(r)}</td>
                  <td>{SETTING_LABELS[r.setting]}</td>
                  <td>{GROUPING_LABELS[r.grouping]}</td>
                  <td className="num">{r.studentsInSession ?? r.groupSize}</td>
                  <td>
                    {ATTENDANCE_LABELS[r.code]}
                    {r.makeup ? ' (makeup)' : ''}
                  </td>
                  <td>{r.goals}</td>
                  <td className="note">{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <MedicaidPanel run={run} />
    </section>
  );
}
