import { useNavigate } from 'react-router';
import type { Session, StudentOverview } from '../../../../shared/api/types';
import { ATTENDANCE_LABELS, GROUPING_LABELS, SETTING_LABELS } from '../../../../shared/domain/codes';
import { addDays, localToday } from '../../../../shared/domain/dates';
import { noteForStudent } from '../../../../shared/domain/notes';
import { useApi } from '../../api';
import { TableHead } from '../../components/TableHead';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDay, mins } from '../../format';
import { LogMakeupCell, MissCells } from '../makeups/MissCells';

/** What this student's record shows for a session: their note, and the shared one if it names no one else. */
function ownNote(studentId: number, x: Session): string {
  const named = x.students.map((st) => {
    const [first, ...rest] = st.name.split(' ');
    return { id: st.studentId, firstName: first ?? '', lastName: rest.join(' ') };
  });
  return noteForStudent(studentId, x.students.find((st) => st.studentId === studentId)?.note, x.note, named);
}
/** The school year's misses that still owe minutes, oldest first, each with the way to make it up. */
export function OpenMakeups({ overview, name }: { overview: StudentOverview; name: string }) {
  const open = overview.ledger
    .filter((r) => r.owesMakeup && r.outstanding > 0)
    .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
  const total = open.reduce((n, r) => n + r.outstanding, 0);
  return (
    <section className="panel" aria-labelledby="open-makeups-title">
      <h2 id="open-makeups-title">
        Makeups owed{' '}
        <span className="muted">
          {open.length === 0
            ? '· none this school year'
            : `· ${mins(total)} min for ${open.length} missed session${open.length === 1 ? '' : 's'} this school year`}
        </span>
      </h2>
      {open.length > 0 && (
        <table className="table compact oneline" data-testid="open-makeups">
          <caption className="sr-only">Missed sessions this school year that still owe makeup minutes</caption>
          <TableHead cols={['Missed', 'Why', { label: 'Min owed', num: true }, { label: 'Actions', hidden: true }]} />
          <tbody>
            {open.map((r) => (
              <tr key={r.attendanceId}>
                <MissCells miss={r} />
                <LogMakeupCell studentId={overview.studentId} name={name} miss={r} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function MakeupLedger({ overview }: { overview: StudentOverview }) {
  const rows = [...overview.ledger].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">No missed sessions this school year.</p>
      ) : (
        <table className="table compact" data-testid="ledger">
          <TableHead
            cols={[
              'Missed',
              'Why',
              { label: 'Minutes', num: true },
              'Makeup owed?',
              'Made up by',
              { label: 'Still owed', num: true },
            ]}
          />
          <tbody>
            {rows.map((r) => (
              <tr key={r.attendanceId}>
                <td>
                  {fmtDay(r.date)} {r.startTime}
                </td>
                <td>{ATTENDANCE_LABELS[r.code]}</td>
                <td className="num">{r.minutes}</td>
                <td>{r.owesMakeup ? 'Yes' : 'No'}</td>
                <td>{r.coveredBy.map((c) => `${fmtDay(c.date)} (${c.minutes} min)`).join(', ') || '—'}</td>
                <td className="num">{r.owesMakeup ? r.outstanding : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function RecentSessions({ studentId }: { studentId: number }) {
  const today = localToday();
  const sessions = useApi('listSessions', { studentId, from: addDays(today, -120), to: addDays(today, 30), limit: 30 });
  const navigate = useNavigate();
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="sr-only">
        Recent sessions
      </h2>
      {sessions.isPending && <Loading />}
      <ErrorMessage error={sessions.error} />
      {sessions.data?.length === 0 && <p className="muted">No sessions logged in the last 4 months.</p>}
      {!!sessions.data?.length && (
        <table className="table compact">
          <TableHead
            cols={[
              'Date',
              'Setting',
              'Group',
              'Attendance',
              { label: 'Minutes', num: true },
              'Note',
              { label: 'Actions', hidden: true },
            ]}
          />
          <tbody>
            {sessions.data.map((x) => {
              const me = x.students.find((st) => st.studentId === studentId);
              return (
                <tr key={x.id}>
                  <td>
                    {fmtDay(x.date)} {x.startTime}
                    {x.isMakeup && <span className="tag">makeup</span>}
                  </td>
                  <td>
                    <span className={`pill ${x.setting}`}>{SETTING_LABELS[x.setting]}</span>
                  </td>
                  <td>
                    {GROUPING_LABELS[x.grouping]}
                    {x.students.length > 1 ? ` of ${x.students.length}` : ''}
                  </td>
                  <td>{me ? ATTENDANCE_LABELS[me.code] : ''}</td>
                  <td className="num">{me?.minutes}</td>
                  <td className="note">{ownNote(studentId, x)}</td>
                  <td>
                    <button type="button" className="link" onClick={() => navigate(`/sessions/${x.id}`)}>
                      Edit
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
