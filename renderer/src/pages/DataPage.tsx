import { useState } from 'react';
import { ApiFailure, call, useApi, useWrite } from '../api';
import { Confirm, ErrorMessage, Field, Loading } from '../components/ui';
import { TableHead } from '../components/TableHead';
import { ImportStudentFile } from '../features/student-file/ImportStudentFile';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const size = (b: number) =>
  b > 1_048_576 ? `${(b / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(b / 1024))} KB`;
const REASONS: Record<string, string> = {
  manual: 'You backed up',
  auto: 'Automatic (every 15 minutes with changes)',
  quit: 'On quit',
  'before-restore': 'Before a restore (undo point)',
  'before-import': 'Before an import',
  'before-reset': 'Before starting a new, empty caseload',
  'before-migration': 'Before an app update changed the data format',
};

export function DataPage() {
  const backups = useApi('listBackups');
  const state = useApi('getAppState');
  const audit = useApi('listAudit', { limit: 200 });
  const backupNow = useWrite('backupNow');
  const [restoring, setRestoring] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [importingStudent, setImportingStudent] = useState(false);
  const fresh = useWrite('startFresh', () => setResetting(false));
  const restore = useWrite('restoreBackup', () => setRestoring(null));
  const [transfer, setTransfer] = useState<{ message?: string; error?: unknown } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const exportAll = async () => {
    setTransfer(null);
    try {
      if (passphrase !== repeat)
        throw new ApiFailure({
          code: 'invalid',
          message: 'Repeat the passphrase: the two passphrases are not the same.',
          field: 'repeat',
        });
      const r = await call('exportEverything', { passphrase });
      setTransfer({ message: r.file ? `Exported ${r.rows} records to ${r.file}.` : 'Not exported.' });
    } catch (error) {
      setTransfer({ error });
    }
  };
  const importAll = useWrite('importEverything', (r) =>
    setTransfer({ message: r.file ? `Imported ${r.rows} records from ${r.file}.` : 'Nothing imported.' }),
  );

  return (
    <section aria-labelledby="data-title">
      <header className="page-head">
        <h1 id="data-title">Backups &amp; data</h1>
        <div className="actions">
          <button
            type="button"
            className="primary"
            onClick={() => backupNow.mutate(undefined)}
            disabled={backupNow.isPending}
          >
            {backupNow.isPending ? 'Backing up…' : 'Back up now'}
          </button>
        </div>
      </header>
      <ErrorMessage error={backupNow.error ?? restore.error} />
      {backupNow.data && (
        <p role="status" className="notice">
          Backed up and verified: {backupNow.data.name}
        </p>
      )}
      {restore.data && (
        <p role="status" className="notice">
          Restored the backup of {when(restore.data.restored.createdAt)}. The state before the restore was saved as{' '}
          {restore.data.undo.name}; restore that to undo.
        </p>
      )}
      <section className="panel" aria-labelledby="backups-title">
        <h2 id="backups-title">Backups</h2>
        <p className="muted">
          Caseload keeps verified copies in <code>{backups.data?.folder}</code>: every copy from today, one a day for a
          month and one a month for a year. Your data file is <code>{state.data?.dataPath}</code>. Copy the backups
          folder to a USB drive or district storage now and then.
        </p>
        {backups.isPending && <Loading />}
        {backups.data?.backups.length === 0 && (
          <p className="muted">No backups yet. One is made every 15 minutes while you work, and when you quit.</p>
        )}
        {!!backups.data?.backups.length && (
          <table className="table compact" data-testid="backups">
            <TableHead
              cols={[
                'Made',
                'Why',
                { label: 'Size', num: true },
                { label: 'Students', num: true },
                { label: 'Sessions', num: true },
                { label: 'Restore', hidden: true },
              ]}
            />
            <tbody>
              {backups.data.backups.map((b) => (
                <tr key={b.name}>
                  <td>{when(b.createdAt)}</td>
                  <td>{REASONS[b.reason] ?? b.reason}</td>
                  <td className="num">{size(b.bytes)}</td>
                  <td className="num">{b.students ?? '—'}</td>
                  <td className="num">{b.sessions ?? '—'}</td>
                  <td>
                    <button type="button" className="link" onClick={() => setRestoring(b.name)}>
                      Restore<span className="sr-only"> the backup of {when(b.createdAt)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" id="student-files" aria-labelledby="student-files-title">
        <h2 id="student-files-title">Student files</h2>
        <p className="muted">
          A student moving to you from another therapist: their student file (made with “Export student file…” on the
          student’s page) and its passphrase. You see what will be added and what is left out before anything is; a
          student with the same district student ID is completed, never overwritten, and nothing is half-imported.
        </p>
        {importingStudent ? (
          <ImportStudentFile autoFocus />
        ) : (
          <button type="button" onClick={() => setImportingStudent(true)}>
            Import student file…
          </button>
        )}
      </section>
      <section className="panel" aria-labelledby="transfer-title">
        <h2 id="transfer-title">Move the whole caseload</h2>
        <p className="muted">
          One file with everything (students, IEPs, service lines, goals, sessions, goal data, reports and this
          history), to hand over to another therapist or move to a new laptop. Import works into an empty app. The file
          is encrypted with a passphrase you choose here: give it to the person importing it separately (by phone, not
          in the same email). Without it the file cannot be opened.
        </p>
        <div className="grid-form">
          <Field label="Passphrase for the file" name="passphrase" error={transfer?.error ?? importAll.error}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            )}
          </Field>
          <Field label="Repeat it (to export)" name="repeat" error={transfer?.error}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
              />
            )}
          </Field>
        </div>
        <div className="actions" style={{ justifyContent: 'flex-start' }}>
          <button type="button" onClick={() => void exportAll()}>
            Export everything…
          </button>
          <button
            type="button"
            onClick={() => importAll.mutate(passphrase ? { passphrase } : undefined)}
            disabled={importAll.isPending}
          >
            Import…
          </button>
        </div>
        <ErrorMessage error={transfer?.error ?? importAll.error} />
        {transfer?.message && (
          <p role="status" className="notice">
            {transfer.message}
          </p>
        )}
        <h3>Start over</h3>
        <p className="muted">
          Tried the sample caseload, or starting a new job? Start a new, empty caseload. The current one is kept as a
          backup and can be restored from the list above.
        </p>
        <button type="button" className="danger" onClick={() => setResetting(true)}>
          Start a new, empty caseload…
        </button>
        {fresh.data && (
          <p role="status" className="notice">
            Started a new, empty caseload. The previous one is kept as {fresh.data.kept.name}.
          </p>
        )}
      </section>
      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">History</h2>
        <p className="muted">
          Finalised reports, prints, exports, deletions and restores, as they happened. This list cannot be edited.
        </p>
        {audit.data?.length === 0 && <p className="muted">Nothing yet.</p>}
        {!!audit.data?.length && (
          <table className="table compact" data-testid="audit">
            <TableHead cols={['When', 'What', 'Who', 'Detail']} />
            <tbody>
              {audit.data.map((a) => (
                <tr key={a.id}>
                  <td>{when(a.at)}</td>
                  <td>{a.action}</td>
                  <td>{a.subject ?? '—'}</td>
                  <td className="note">{a.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <Confirm
        open={resetting}
        title="Start a new, empty caseload?"
        message="Everything now in Caseload is saved as a backup first, then the app starts empty. Restore that backup to get it all back."
        confirmLabel="Back up and start empty"
        onConfirm={() => fresh.mutate(undefined)}
        onClose={() => setResetting(false)}
        busy={fresh.isPending}
        error={fresh.error}
      />
      <Confirm
        open={!!restoring}
        title="Restore this backup?"
        message="Your caseload goes back to this copy. Everything you have now is first saved as a new backup, so you can undo the restore by restoring that one."
        confirmLabel="Restore backup"
        onConfirm={() => restoring && restore.mutate({ name: restoring })}
        onClose={() => setRestoring(null)}
        busy={restore.isPending}
        error={restore.error}
      />
    </section>
  );
}
