import { useEffect, useRef, useState } from 'react';
import type { RosterImportResult, RosterPreview, RosterRowOutcome } from '../../../../shared/api/types-roster';
import { ROSTER_FIELDS, ROSTER_FIELD_LABELS, type RosterField } from '../../../../shared/domain/roster';
import { call, invalidateAll, useApi } from '../../api';
import { ErrorMessage, Field } from '../../components/ui';
import { TableHead } from '../../components/TableHead';
import { useQueryClient } from '@tanstack/react-query';

type Mapping = Record<string, RosterField | 'ignore'>;

/** A file's bytes as base64, in chunks (a whole roster at once would overflow the argument list). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const ACTION_LABEL = { create: 'Add', update: 'Update', skip: 'Skip' } as const;
const DONE_LABEL = { create: 'Added', update: 'Updated', skip: 'Skipped' } as const;
const SHOWN_ROWS = 300;

/**
 * Roster import in two steps: read the file and show what each column fills and what each row will
 * do (nothing is written), then import exactly that.
 */
export function RosterImport({ onDone }: { onDone: () => void }) {
  const qc = useQueryClient();
  const schools = useApi('listSchools');
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [defaultSchoolId, setDefaultSchoolId] = useState<number | undefined>();
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The caseload refreshes once the summary is closed (however it is closed): a first import
  // replaces the welcome page, which would take the summary with it.
  const imported = useRef(false);
  useEffect(() => () => void (imported.current && invalidateAll(qc)), [qc]);

  const run = async <T,>(fn: () => Promise<T>, then: (v: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      then(await fn());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const choose = async (file: File) => {
    setResult(null);
    setPreview(null);
    setMapping({});
    setFileName(file.name);
    const xlsx = /\.xlsx$/i.test(file.name);
    await run(
      async () =>
        call('previewRoster', {
          ...(xlsx ? { xlsxBase64: await base64Of(file) } : { csv: await file.text() }),
          fileName: file.name,
          defaultSchoolId,
        }),
      setPreview,
    );
  };

  const rePreview = (next: Mapping, school: number | undefined) => {
    if (!preview) return;
    void run(
      () => call('previewRoster', { table: preview.table, mapping: next, defaultSchoolId: school, fileName }),
      setPreview,
    );
  };

  const doImport = () => {
    if (!preview) return;
    void run(
      () => call('importRoster', { table: preview.table, mapping, defaultSchoolId, fileName }),
      (r) => {
        imported.current = true;
        setResult(r);
      },
    );
  };

  const counts = preview && {
    create: preview.rows.filter((r) => r.action === 'create').length,
    update: preview.rows.filter((r) => r.action === 'update').length,
    skip: preview.rows.filter((r) => r.action === 'skip').length,
  };

  return (
    <div className="roster-import">
      <p>
        Choose a roster as a CSV or Excel (.xlsx) file with a header row, for example an export from your student
        information system. Nothing is saved until you press Import. A student already on your caseload (same Student
        ID) is updated, never added twice. Dates may be written MM/DD/YYYY or YYYY-MM-DD.
      </p>
      <label className="field">
        Roster file
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void choose(file);
          }}
        />
      </label>
      <ErrorMessage error={error} />
      {busy && (
        <p className="muted" role="status">
          Reading…
        </p>
      )}
      {result ? (
        <ImportSummary result={result} />
      ) : (
        preview && (
          <>
            <h3>Columns</h3>
            <table className="table compact" data-testid="roster-columns">
              <TableHead cols={['Column in the file', 'First value', 'Imports as']} />
              <tbody>
                {preview.columns.map((c) => (
                  <tr key={c.header}>
                    <td>{c.header}</td>
                    <td className="muted">{c.sample}</td>
                    <td>
                      <select
                        aria-label={`Imports ${c.header} as`}
                        value={c.field ?? 'ignore'}
                        onChange={(e) => {
                          const next = { ...mapping, [c.header]: e.target.value as RosterField | 'ignore' };
                          setMapping(next);
                          rePreview(next, defaultSchoolId);
                        }}
                      >
                        <option value="ignore">Not imported</option>
                        {ROSTER_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {ROSTER_FIELD_LABELS[f]}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {preview.unknownColumns.length > 0 && (
              <p className="notice" data-testid="roster-unknown">
                Not imported (no field chosen): {preview.unknownColumns.join(', ')}.
              </p>
            )}
            <Field label="School for rows without one" name="defaultSchoolId">
              {(p) => (
                <select
                  {...p}
                  value={defaultSchoolId ?? ''}
                  onChange={(e) => {
                    const v = e.target.value ? Number(e.target.value) : undefined;
                    setDefaultSchoolId(v);
                    rePreview(mapping, v);
                  }}
                >
                  <option value="">None (the row is skipped)</option>
                  {schools.data?.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {preview.missing.length > 0 ? (
              <p className="error" role="alert">
                Choose the column that holds: {preview.missing.map((m) => ROSTER_FIELD_LABELS[m]).join(', ')}.
              </p>
            ) : (
              <>
                <p role="status" data-testid="roster-counts">
                  {counts!.create} to add, {counts!.update} to update, {counts!.skip} to skip.
                  {preview.newSchools.length > 0 && ` New schools: ${preview.newSchools.join(', ')}.`}
                </p>
                <RowTable rows={preview.rows} labels={ACTION_LABEL} testId="roster-rows" />
              </>
            )}
          </>
        )
      )}
      <div className="actions">
        <button type="button" onClick={onDone}>
          {result ? 'Close' : 'Cancel'}
        </button>
        {preview && !result && (
          <button
            type="button"
            className="primary"
            disabled={busy || preview.missing.length > 0 || counts!.create + counts!.update === 0}
            onClick={doImport}
          >
            Import {counts!.create} new, update {counts!.update}
          </button>
        )}
      </div>
    </div>
  );
}

function ImportSummary({ result }: { result: RosterImportResult }) {
  return (
    <div role="status" className="notice" data-testid="roster-summary">
      <p>
        Added {result.created} student{result.created === 1 ? '' : 's'}, updated {result.updated}, skipped{' '}
        {result.skipped.length}.{result.newSchools.length > 0 && ` New schools: ${result.newSchools.join(', ')}.`}
        {result.unknownColumns.length > 0 && ` Columns not imported: ${result.unknownColumns.join(', ')}.`}
      </p>
      {result.rows.length > 0 ? (
        <RowTable rows={result.rows} labels={DONE_LABEL} testId="roster-result" />
      ) : (
        result.skipped.map((s) => (
          <p key={s.line}>
            Line {s.line}: {s.reason}
          </p>
        ))
      )}
    </div>
  );
}

function RowTable({
  rows,
  labels,
  testId,
}: {
  rows: RosterRowOutcome[];
  labels: Record<RosterRowOutcome['action'], string>;
  testId: string;
}) {
  // Skips first: they are what needs attention.
  const ordered = [...rows].sort(
    (a, b) => Number(b.action === 'skip') - Number(a.action === 'skip') || a.line - b.line,
  );
  return (
    <>
      <table className="table compact" data-testid={testId}>
        <TableHead cols={[{ label: 'Line', num: true }, 'Student', 'Action', 'Details']} />
        <tbody>
          {ordered.slice(0, SHOWN_ROWS).map((r) => (
            <tr key={r.line} className={r.action === 'skip' ? 'behind' : undefined}>
              <td className="num">{r.line}</td>
              <td>{r.name}</td>
              <td>{labels[r.action]}</td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ordered.length > SHOWN_ROWS && <p className="muted">…and {ordered.length - SHOWN_ROWS} more rows.</p>}
    </>
  );
}
