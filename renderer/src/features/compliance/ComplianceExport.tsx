import { useState } from 'react';
import type { DateRange } from '../../../../shared/domain/dates';
import { call } from '../../api';
import { ErrorMessage } from '../../components/ui';

/** Saves the view on screen (range and school) as CSV or PDF, with the table's columns. */
export function ComplianceExport({ range, schoolId }: { range: DateRange; schoolId: number | undefined }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (format: 'csv' | 'pdf') => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const r = await call('exportCompliance', { ...range, schoolId, format });
      setMessage(r.file ? `Saved ${r.file} (${r.rows ?? 0} students).` : 'Not saved.');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-row">
      <button type="button" disabled={busy} onClick={() => void save('csv')}>
        Save CSV…
      </button>
      <button type="button" disabled={busy} onClick={() => void save('pdf')}>
        Save PDF…
      </button>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
