import { Link } from 'react-router';
import { ATTENDANCE_LABELS, type AttendanceCode } from '../../../../shared/domain/codes';
import { fmtDay } from '../../format';

interface Miss {
  attendanceId: number;
  sessionId: number;
  date: string;
  startTime: string;
  code: AttendanceCode;
  minutes: number;
  outstanding: number;
}

/** A missed session's cells in a makeups table: the session (a link), why it was missed, the minutes still owed. */
export function MissCells({ miss }: { miss: Miss }) {
  return (
    <>
      <td>
        <Link to={`/sessions/${miss.sessionId}`}>
          {fmtDay(miss.date)} {miss.startTime}
        </Link>
      </td>
      <td>{ATTENDANCE_LABELS[miss.code]}</td>
      <td className="num">
        {miss.outstanding}
        {miss.outstanding < miss.minutes ? ` of ${miss.minutes}` : ''}
      </td>
    </>
  );
}

/** The action cell: the session form with the student added and this miss ticked. */
export function LogMakeupCell({ studentId, name, miss }: { studentId: number; name: string; miss: Miss }) {
  return (
    <td className="row-actions">
      <Link
        to={`/log?student=${studentId}&makeup=${miss.attendanceId}`}
        aria-label={`Log makeup for ${name}, missed ${fmtDay(miss.date)}`}
      >
        Log makeup
      </Link>
    </td>
  );
}
