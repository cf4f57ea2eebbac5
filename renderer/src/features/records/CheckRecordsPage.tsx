import { Link } from 'react-router';
import type { RecordIssueKind } from '../../../../shared/api/types';
import { useApi } from '../../api';
import { Empty, ErrorMessage, Loading } from '../../components/ui';
import { TableHead } from '../../components/TableHead';
import { fmtDay } from '../../format';

const KIND_LABELS: Record<RecordIssueKind, string> = {
  future_session: 'Dated after today',
  non_school_day: 'Not a school day',
  overlap: 'Overlapping sessions',
  outside_enrollment: 'Outside enrollment',
  shared_note_names_student: 'Shared note names a student',
};

/**
 * "Check my records": sessions saved before the rules of valid sessions and private notes existed,
 * or imported, that break them. Listed here to be fixed by hand; nothing is changed automatically.
 */
export function CheckRecordsPage() {
  const issues = useApi('checkRecords');
  return (
    <section aria-labelledby="check-title">
      <header className="page-head">
        <div>
          <h1 id="check-title">Check my records</h1>
          <p className="muted">
            Saved sessions that break a rule: dated after today, on a day that is not a school day without a reason,
            overlapping another session, outside a student&apos;s enrollment, or a group note that names a student.
            Nothing here is changed for you: open each session to correct it.
          </p>
        </div>
      </header>
      {issues.isPending && <Loading />}
      <ErrorMessage error={issues.error} />
      {issues.data?.length === 0 && <Empty>Nothing to check: every session follows the rules.</Empty>}
      {issues.data && issues.data.length > 0 && (
        <table className="table">
          <caption className="sr-only">Sessions to check</caption>
          <TableHead cols={['Session', 'Problem', 'Student', 'What to do', { label: 'Open', hidden: true }]} />
          <tbody>
            {issues.data.map((i, k) => (
              <tr key={`${i.kind}-${i.sessionId}-${i.studentId ?? 0}-${k}`}>
                <td className="nw">
                  {fmtDay(i.date)} {i.startTime}
                </td>
                <td>{KIND_LABELS[i.kind]}</td>
                <td>{i.studentName ?? '—'}</td>
                <td>{i.message}</td>
                <td>
                  <Link to={`/sessions/${i.sessionId}`}>Open session</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
