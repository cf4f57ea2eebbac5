import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api';
import { SchoolFilter } from '../../components/SchoolFilter';
import { TableHead } from '../../components/TableHead';
import { Empty, ErrorMessage, Loading } from '../../components/ui';
import { WindowedRows } from '../../components/WindowedRows';
import { mins } from '../../format';
import { LogMakeupCell, MissCells } from './MissCells';

/** Every makeup the caseload still owes: who, how many minutes, since when, and a link to log it. */
export function MakeupsPage() {
  const [schoolId, setSchoolId] = useState<number | undefined>();
  const list = useApi('listCaseloadMakeups', { schoolId });
  const total = list.data?.reduce((n, m) => n + m.outstanding, 0) ?? 0;
  const students = new Set(list.data?.map((m) => m.studentId)).size;
  return (
    <section aria-labelledby="makeups-title">
      <header className="page-head">
        <div>
          <h1 id="makeups-title">Makeups owed</h1>
          {list.data && (
            <p className="muted">
              {mins(total)} min owed to {students} student{students === 1 ? '' : 's'}, oldest first
            </p>
          )}
        </div>
      </header>
      <div className="filters">
        <SchoolFilter value={schoolId} onChange={setSchoolId} />
      </div>
      <ErrorMessage error={list.error} />
      {list.isPending && <Loading />}
      {list.data?.length === 0 && <Empty>No makeups owed.</Empty>}
      {!!list.data?.length && (
        <table className="table oneline makeups-table" data-testid="makeups">
          <caption className="sr-only">Missed sessions that still owe makeup minutes</caption>
          <TableHead cols={['Student', 'Missed session', 'Why', { label: 'Min owed', num: true }, 'Since', '']} />
          <tbody>
            <WindowedRows
              items={list.data}
              columns={6}
              render={(m) => (
                <tr key={m.attendanceId}>
                  <th scope="row" title={`${m.name}, ${m.schoolName}`}>
                    <Link to={`/students/${m.studentId}`}>{m.name}</Link>
                  </th>
                  <MissCells miss={m} />
                  <td>{sinceText(m.date)}</td>
                  <LogMakeupCell studentId={m.studentId} name={m.name} miss={m} />
                </tr>
              )}
            />
          </tbody>
        </table>
      )}
    </section>
  );
}

function sinceText(date: string) {
  const days = Math.round((Date.now() - new Date(`${date}T12:00:00`).getTime()) / 86_400_000);
  if (days <= 0) return 'today';
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`;
  return `${Math.round(days / 7)} weeks`;
}
