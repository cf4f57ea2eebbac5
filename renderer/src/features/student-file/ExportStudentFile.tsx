import { useState } from 'react';
import { call } from '../../api';
import { ErrorMessage, Field, Modal } from '../../components/ui';

/** "Export student file…": the whole record sealed with a passphrase, for the therapist who takes the student on. */
export function ExportStudentFile({ studentId, name }: { studentId: number; name: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ message?: string; error?: unknown } | null>(null);
  const [mismatch, setMismatch] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setResult(null);
          setMismatch(false);
          setOpen(true);
        }}
      >
        Export student file…
      </button>
      {result?.message && (
        <p role="status" className="notice">
          {result.message}
        </p>
      )}
      <Modal title={`Student file for ${name}`} open={open} onClose={() => setOpen(false)}>
        <p className="muted">
          One file with {name}’s enrollments, IEPs, service lines, goals, goal data, sessions with {name}’s own notes (a
          group is shown by its size, never by its other students or its shared note), evaluations and finalised
          progress reports, sealed with a passphrase you choose. Another Caseload imports it under Backups &amp; data (
          Import student file…). Give the passphrase separately: by phone, not in the email with the file.
        </p>
        <form
          onChange={() => setMismatch(false)}
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            const passphrase = String(form.get('passphrase') ?? '');
            if (passphrase !== String(form.get('again') ?? '')) {
              setMismatch(true);
              return;
            }
            setMismatch(false);
            setBusy(true);
            call('exportStudentFile', { studentId, passphrase })
              .then((r) => {
                setResult({ message: r.file ? `Sealed ${name}’s record into ${r.file}.` : 'Not saved.' });
                setOpen(false);
              })
              .catch((error: unknown) => setResult({ error }))
              .finally(() => setBusy(false));
          }}
        >
          <Field
            label="Passphrase"
            name="passphrase"
            error={result?.error}
            hint="At least 8 characters; a few words are easy to type and hard to guess."
          >
            {(p) => <input {...p} type="password" autoComplete="new-password" autoFocus required />}
          </Field>
          <Field label="The passphrase again" name="again">
            {(p) => (
              <input {...p} type="password" autoComplete="new-password" required aria-invalid={mismatch || undefined} />
            )}
          </Field>
          {mismatch && (
            <div className="error" role="alert">
              The two passphrases differ: type the same passphrase twice.
            </div>
          )}
          <ErrorMessage error={result?.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Sealing…' : 'Save student file…'}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
