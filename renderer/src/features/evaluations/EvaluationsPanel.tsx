import { useState } from 'react';
import { addDays, localToday } from '../../../../shared/domain/dates';
import { EVALUATION_CODES, EVALUATION_LABELS, type EvaluationCode } from '../../../../shared/domain/medicaid';
import { useApi, useWrite } from '../../api';
import { TableHead } from '../../components/TableHead';
import { Confirm, ErrorMessage, Field, Loading, Modal, formValues } from '../../components/ui';
import { fmtDay } from '../../format';

/**
 * Evaluations and re-evaluations of a student: logged with date, time, minutes and CPT code. They are
 * billed and count as the therapist's time, but are not IEP minutes; each moves the re-evaluation date.
 */
export function EvaluationsPanel({ studentId }: { studentId: number }) {
  const today = localToday();
  const list = useApi('listEvaluations', { studentId, from: addDays(today, -3650), to: today });
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<number | null>(null);
  const del = useWrite('deleteEvaluation', () => setDeleting(null));
  return (
    <section className="panel" aria-labelledby="evaluations-title">
      <header className="section-head">
        <h2 id="evaluations-title">Evaluations</h2>
        <button type="button" onClick={() => setAdding(true)}>
          Log evaluation
        </button>
      </header>
      <p className="muted">
        Evaluations are billed and appear in the service and Medicaid logs, but are not IEP minutes. Logging one sets
        the IEP&apos;s last evaluation, and the re-evaluation falls due 3 years later.
      </p>
      <ErrorMessage error={list.error} />
      {list.isPending && <Loading />}
      {list.data?.length === 0 && <p className="muted">No evaluations logged.</p>}
      {!!list.data?.length && (
        <table className="table compact" data-testid="evaluations">
          <TableHead
            cols={['Date', 'Time', { label: 'Minutes', num: true }, 'Code', 'Note', { label: 'Actions', hidden: true }]}
          />
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id}>
                <td>{fmtDay(e.date)}</td>
                <td>
                  {e.startTime}–{e.endTime}
                </td>
                <td className="num">{e.minutes}</td>
                <td>
                  {e.cptCode} {EVALUATION_LABELS[e.cptCode]}
                </td>
                <td className="note">{e.note}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-label={`Delete the evaluation of ${e.date}`}
                    onClick={() => setDeleting(e.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Modal title="Log an evaluation" open={adding} onClose={() => setAdding(false)}>
        <EvaluationForm studentId={studentId} onDone={() => setAdding(false)} />
      </Modal>
      <Confirm
        open={deleting !== null}
        title="Delete this evaluation?"
        message="It leaves the service and Medicaid logs. The IEP's last evaluation goes back to the previous evaluation logged, if there is one."
        confirmLabel="Delete evaluation"
        onConfirm={() => deleting !== null && del.mutate({ id: deleting })}
        onClose={() => setDeleting(null)}
        busy={del.isPending}
        error={del.error}
      />
    </section>
  );
}

function EvaluationForm({ studentId, onDone }: { studentId: number; onDone: () => void }) {
  const save = useWrite('createEvaluation', onDone);
  return (
    <form
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        save.mutate({
          studentId,
          date: v['date'] ?? '',
          startTime: v['startTime'] ?? '',
          minutes: Number(v['minutes'] ?? 0),
          cptCode: (v['cptCode'] ?? '') as EvaluationCode,
          note: v['note'],
        });
      }}
    >
      <Field label="Date" name="date" error={save.error}>
        {(p) => <input {...p} type="date" defaultValue={localToday()} required autoFocus />}
      </Field>
      <Field label="Start time" name="startTime" error={save.error}>
        {(p) => <input {...p} type="time" required />}
      </Field>
      <Field label="Minutes" name="minutes" error={save.error}>
        {(p) => <input {...p} type="number" min={1} max={600} required />}
      </Field>
      <Field label="CPT code" name="cptCode" error={save.error}>
        {(p) => (
          <select {...p} defaultValue="97166">
            {EVALUATION_CODES.map((c) => (
              <option key={c} value={c}>
                {c} {EVALUATION_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Note" name="note" error={save.error}>
        {(p) => <textarea {...p} rows={3} />}
      </Field>
      <div className="span-all">
        <ErrorMessage error={save.error} />
        <div className="actions">
          <button type="button" onClick={onDone}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            Save evaluation
          </button>
        </div>
      </div>
    </form>
  );
}
