import { useState } from 'react';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { localToday } from '../../../../shared/domain/dates';
import { UNIT_RULE_LABELS } from '../../../../shared/domain/medicaid';
import { call, useApi } from '../../api';
import { Fold } from '../../components/Fold';
import { TableHead } from '../../components/TableHead';
import { ErrorMessage, Field } from '../../components/ui';
import { fmtDay } from '../../format';

type Run = (fn: () => Promise<{ file: string | null; rows?: number; notes?: string[] }>) => Promise<void>;

/** The month's Medicaid log on screen (what is billed, what is not and why), and as CSV or PDF. */
export function MedicaidPanel({ run }: { run: Run }) {
  const [month, setMonth] = useState(localToday().slice(0, 7));
  const valid = /^\d{4}-\d{2}$/.test(month);
  const log = useApi('getMedicaidLog', { month }, valid);
  const l = log.data;
  return (
    <section className="panel" aria-labelledby="medicaid-title">
      <h2 id="medicaid-title">Medicaid log</h2>
      <p className="muted">
        Attended direct sessions and evaluations of the month for students with a Medicaid ID, inside the parent&apos;s
        consent to bill: CPT 97530 one-to-one, 97150 group (only with 2 or more present), 97165–97168 evaluations; units
        {l ? ` as ${UNIT_RULE_LABELS[l.unitRule].toLowerCase()}` : ''} (Settings); place of service the school (code
        03); your name, credentials, NPI and district from Settings.
      </p>
      <div className="inline-form">
        <Field label="Month" name="month" error={log.error}>
          {(p) => <input {...p} type="month" value={month} onChange={(e) => setMonth(e.target.value)} />}
        </Field>
        <button
          type="button"
          disabled={!valid}
          onClick={() => void run(() => call('exportMedicaidLog', { month, format: 'csv' }))}
        >
          Save Medicaid CSV…
        </button>
        <button
          type="button"
          disabled={!valid}
          onClick={() => void run(() => call('exportMedicaidLog', { month, format: 'pdf' }))}
        >
          Save Medicaid log PDF…
        </button>
      </div>
      <ErrorMessage error={log.error} />
      {l && (
        <>
          <p role="status" data-testid="medicaid-totals">
            {l.totals.services} service{l.totals.services === 1 ? '' : 's'} billed, {l.totals.minutes} minutes,{' '}
            {l.totals.units} units; {l.leftOut.length} not billed.
          </p>
          {l.consentNotOnFile.length > 0 && (
            <p className="notice">
              No consent-to-bill date on file for {l.consentNotOnFile.join(', ')}: add it on the student&apos;s page
              (Edit student) before submitting.
            </p>
          )}
          {l.notes.length > 0 && (
            <ul className="small">
              {l.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
          {l.claims.length > 0 && (
            <Fold summary={`The ${l.claims.length} services billed`}>
              {() => (
                <table className="table compact" data-testid="medicaid-claims">
                  <TableHead
                    cols={[
                      'Date',
                      'Student',
                      'Medicaid ID',
                      'CPT',
                      'Setting',
                      { label: 'Group', num: true },
                      { label: 'Min', num: true },
                      { label: 'Units', num: true },
                      'Place of service',
                    ]}
                  />
                  <tbody>
                    {l.claims.map((c, i) => (
                      <tr key={i}>
                        <td>
                          {fmtDay(c.date)} {c.startTime}
                        </td>
                        <td>{c.studentName}</td>
                        <td>{c.medicaidId}</td>
                        <td>
                          {c.cptCode} {c.modifiers}
                        </td>
                        <td>{c.setting === 'evaluation' ? 'Evaluation' : SETTING_LABELS[c.setting]}</td>
                        <td className="num">{c.groupSize}</td>
                        <td className="num">{c.minutes}</td>
                        <td className="num">{c.units}</td>
                        <td>
                          {c.placeOfService} ({c.placeOfServiceCode})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Fold>
          )}
          {l.leftOut.length > 0 && (
            <Fold summary={`The ${l.leftOut.length} services not billed, and why`}>
              {() => (
                <table className="table compact" data-testid="medicaid-left-out">
                  <TableHead cols={['Date', 'Student', 'CPT', { label: 'Min', num: true }, 'Reason']} />
                  <tbody>
                    {l.leftOut.map((x, i) => (
                      <tr key={i}>
                        <td>
                          {fmtDay(x.date)} {x.startTime}
                        </td>
                        <td>{x.studentName}</td>
                        <td>{x.cptCode}</td>
                        <td className="num">{x.minutes}</td>
                        <td>{x.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </Fold>
          )}
        </>
      )}
    </section>
  );
}
