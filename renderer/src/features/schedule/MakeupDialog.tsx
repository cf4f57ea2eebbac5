import { ATTENDANCE_LABELS } from '../../../../shared/domain/codes';
import { useApi, useWrite } from '../../api';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDay } from '../../format';

/** Open makeups of some students, each with free times at their school in the next two weeks. */
export function MakeupDialog({
  students,
  from,
  onBooked,
}: {
  students: { studentId: number; name: string }[];
  from: string;
  onBooked: (what: string) => void;
}) {
  return (
    <div>
      {students.map((s) => (
        <StudentMakeups key={s.studentId} student={s} from={from} onBooked={onBooked} />
      ))}
    </div>
  );
}

function StudentMakeups({
  student,
  from,
  onBooked,
}: {
  student: { studentId: number; name: string };
  from: string;
  onBooked: (what: string) => void;
}) {
  const misses = useApi('listOpenMisses', { studentId: student.studentId });
  if (misses.isPending) return <Loading />;
  if (!misses.data?.length) return null;
  return (
    <section aria-label={`Makeups for ${student.name}`}>
      <h3>{student.name}</h3>
      {misses.data.map((m) => (
        <MissOffers
          key={m.attendanceId}
          attendanceId={m.attendanceId}
          from={from}
          onBooked={onBooked}
          label={`${fmtDay(m.date)} ${m.startTime} · ${ATTENDANCE_LABELS[m.code]} · ${Math.round(m.outstanding)} min owed`}
        />
      ))}
    </section>
  );
}

function MissOffers({
  attendanceId,
  from,
  label,
  onBooked,
}: {
  attendanceId: number;
  from: string;
  label: string;
  onBooked: (what: string) => void;
}) {
  const offers = useApi('offerMakeups', { attendanceId, from });
  const book = useWrite('bookMakeup');
  const list = offers.data?.offers.slice(0, 12) ?? [];
  return (
    <div className="makeup-miss">
      <p>{label}</p>
      {offers.isPending && <Loading />}
      <ErrorMessage error={offers.error ?? book.error} />
      {offers.data && list.length === 0 && <p className="muted">No free time at the school in the next two weeks.</p>}
      <div className="day-picks" role="group" aria-label={`Free times for ${label}`}>
        {list.map((o) => (
          <button
            key={`${o.date}-${o.startTime}`}
            type="button"
            onClick={() =>
              book.mutate(
                { attendanceId, date: o.date, startTime: o.startTime, minutes: o.minutes },
                { onSuccess: () => onBooked(`Makeup booked ${fmtDay(o.date)} ${o.startTime}`) },
              )
            }
          >
            {fmtDay(o.date)} {o.startTime}
          </button>
        ))}
      </div>
    </div>
  );
}
