import { useState } from 'react';
import type { StudentDetail } from '../../../../shared/api/types';
import { localToday } from '../../../../shared/domain/dates';
import { useApi, useWrite } from '../../api';
import { ErrorMessage, Field, Modal, formValues } from '../../components/ui';
import { TableHead } from '../../components/TableHead';
import { fmtDate, studentName } from '../../format';

type Action = 'transfer' | 'exit' | 'reactivate' | null;

/** The student's schools with dates, and the transfer, exit and reactivate actions. */
export function EnrollmentPanel({ student }: { student: StudentDetail }) {
  const [action, setAction] = useState<Action>(null);
  const list = student.enrollments;
  const last = list[list.length - 1];
  const exited = last?.endKind === 'exit' || student.status === 'exited';
  return (
    <section aria-labelledby="enrollment-title" className="panel">
      <header className="section-head">
        <h2 id="enrollment-title">School and enrollment</h2>
        <div className="actions">
          {exited ? (
            <button type="button" onClick={() => setAction('reactivate')}>
              Reactivate…
            </button>
          ) : (
            <>
              <button type="button" onClick={() => setAction('transfer')}>
                Transfer…
              </button>
              <button type="button" onClick={() => setAction('exit')}>
                Exit…
              </button>
            </>
          )}
        </div>
      </header>
      <table className="table compact">
        <TableHead cols={['School', 'From', 'Until', 'Why it ended']} />
        <tbody>
          {list.map((e) => (
            <tr key={e.id}>
              <td>{e.schoolName}</td>
              <td>{e.startDate ? fmtDate(e.startDate) : 'start of records'}</td>
              <td>{e.endDate ? fmtDate(e.endDate) : 'now'}</td>
              <td>
                {e.endKind === 'transfer' && `Transferred: ${e.endReason ?? ''}`}
                {e.endKind === 'exit' && `Exited: ${e.endReason ?? ''}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Minutes owed on each date follow the calendar of the school the student was enrolled at that day. Nothing is
        owed, and no session can be logged, after an exit.
      </p>
      <Modal
        title={
          action === 'transfer'
            ? `Transfer ${studentName(student)}`
            : action === 'exit'
              ? `Exit ${studentName(student)}`
              : `Reactivate ${studentName(student)}`
        }
        open={action != null}
        onClose={() => setAction(null)}
      >
        {action && <EnrollmentForm student={student} action={action} onDone={() => setAction(null)} />}
      </Modal>
    </section>
  );
}

function EnrollmentForm({
  student,
  action,
  onDone,
}: {
  student: StudentDetail;
  action: Exclude<Action, null>;
  onDone: () => void;
}) {
  const schools = useApi('listSchools');
  const transfer = useWrite('transferStudent', onDone);
  const exit = useWrite('exitStudent', onDone);
  const reactivate = useWrite('reactivateStudent', onDone);
  const m = action === 'transfer' ? transfer : action === 'exit' ? exit : reactivate;
  const others = schools.data?.filter((s) => action !== 'transfer' || s.id !== student.schoolId) ?? [];
  return (
    <form
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const date = v['date'] ?? '';
        if (action === 'transfer')
          transfer.mutate({
            studentId: student.id,
            schoolId: Number(v['schoolId'] ?? 0),
            date,
            reason: v['reason'] ?? '',
          });
        else if (action === 'exit') exit.mutate({ studentId: student.id, date, reason: v['reason'] ?? '' });
        else reactivate.mutate({ studentId: student.id, date, schoolId: Number(v['schoolId'] ?? 0) });
      }}
    >
      {action !== 'exit' && (
        <Field label={action === 'transfer' ? 'New school' : 'School'} name="schoolId" error={m.error}>
          {(p) => (
            <select {...p} defaultValue={action === 'reactivate' ? student.schoolId : others[0]?.id} required autoFocus>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        label={
          action === 'transfer' ? 'First day at the new school' : action === 'exit' ? 'Last day served' : 'Back from'
        }
        name="date"
        error={m.error}
      >
        {(p) => <input {...p} type="date" defaultValue={localToday()} required autoFocus={action === 'exit'} />}
      </Field>
      {action !== 'reactivate' && (
        <Field
          label="Reason"
          name="reason"
          error={m.error}
          hint={action === 'exit' ? 'e.g. moved out of district, graduated, dismissed from OT' : 'e.g. family moved'}
        >
          {(p) => <input {...p} required maxLength={300} />}
        </Field>
      )}
      <div className="span-all">
        <ErrorMessage error={m.error} />
        <div className="actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={m.isPending}>
            {action === 'transfer' ? 'Transfer' : action === 'exit' ? 'Record exit' : 'Reactivate'}
          </button>
        </div>
      </div>
    </form>
  );
}
