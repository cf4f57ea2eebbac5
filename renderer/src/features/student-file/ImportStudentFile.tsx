import { useState } from 'react';
import { Link } from 'react-router';
import type { StudentFilePreview } from '../../../../shared/api/types-student-file';
import { call, useWrite } from '../../api';
import { ErrorMessage, Field } from '../../components/ui';

const ADDED: [keyof NonNullable<StudentFilePreview['summary']>['added'], string][] = [
  ['schools', 'schools'],
  ['schoolYears', 'school years'],
  ['plans', 'IEPs'],
  ['lines', 'service lines'],
  ['goals', 'goals'],
  ['sessions', 'sessions'],
  ['goalData', 'goal data points'],
  ['makeups', 'makeup links'],
  ['evaluations', 'evaluations'],
  ['reports', 'final reports'],
];

/** Opens a student file, shows what it would add and skip, and imports it on confirmation. */
export function ImportStudentFile({ autoFocus = false }: { autoFocus?: boolean }) {
  const [preview, setPreview] = useState<StudentFilePreview | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  const run = useWrite('importStudentFile', () => setPreview(null));
  const s = preview?.summary;
  return (
    <div>
      {!s && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const passphrase = String(new FormData(e.currentTarget).get('passphrase') ?? '');
            setOpening(true);
            setOpenError(null);
            run.reset();
            call('openStudentFile', { passphrase })
              .then((r) => setPreview(r.file ? r : null))
              .catch((error: unknown) => setOpenError(error))
              .finally(() => setOpening(false));
          }}
        >
          <Field label="Passphrase of the file" name="passphrase" error={openError}>
            {(p) => <input {...p} type="password" autoComplete="off" required autoFocus={autoFocus} />}
          </Field>
          <button type="submit" disabled={opening}>
            {opening ? 'Opening…' : 'Choose the file and preview…'}
          </button>
        </form>
      )}
      <ErrorMessage error={openError ?? run.error} />
      {run.data && (
        <p role="status" className="notice">
          Imported {run.data.student.name}:{' '}
          {ADDED.filter(([k]) => run.data.added[k] > 0)
            .map(([k, l]) => `${run.data.added[k]} ${l}`)
            .join(', ') || 'nothing new'}
          {run.data.skipped.length > 0 && `; skipped ${run.data.skipped.map((x) => x.what).join(', ')}`}.{' '}
          <Link to={`/students/${run.data.studentId}`}>Open {run.data.student.name}</Link>
        </p>
      )}
      {s && preview?.token && (
        <section className="panel" aria-labelledby="sf-preview-title" data-testid="student-file-preview">
          <h3 id="sf-preview-title">
            {s.student.name}
            {s.student.districtStudentId && ` · ID ${s.student.districtStudentId}`} · {s.student.schoolName}
          </h3>
          <p>
            From {s.from.provider || 'another therapist'}
            {s.from.credentials && `, ${s.from.credentials}`}
            {s.from.district && ` (${s.from.district})`}, sealed {s.from.exportedAt.slice(0, 10)}.{' '}
            {s.student.matched
              ? `Same district student ID as ${s.student.matched.name} here: the file adds to her or his record; nothing already here changes.`
              : 'A new student in this caseload.'}
          </p>
          <h4>Will be added</h4>
          {s.details.length === 0 ? (
            <p className="muted">Nothing: everything in the file is already here.</p>
          ) : (
            <ul>
              {s.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          {s.skipped.length > 0 && (
            <>
              <h4>Left out</h4>
              <ul>
                {s.skipped.map((x) => (
                  <li key={x.what}>
                    {x.what}: {x.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">
            <button type="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={run.isPending}
              onClick={() => run.mutate({ token: preview.token! })}
            >
              {run.isPending ? 'Importing…' : `Import ${s.student.name}`}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
