import { useEffect, useState } from 'react';
import type { Input } from '../../../../shared/api/contract';
import type { NextYearPreview } from '../../../../shared/api/types-year-end';
import { errorOf, useApi, useWrite } from '../../api';
import { TableHead } from '../../components/TableHead';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDate } from '../../format';

type Draft = Omit<Input<'startNextYear'>['schools'][number], 'closures'> & {
  schoolName: string;
  include: boolean;
  closures: {
    label: string;
    startDate: string;
    endDate: string;
    rule: string;
    was: string;
    confirm: boolean;
    checked: boolean;
  }[];
};

function draftsOf(preview: NextYearPreview): Draft[] {
  return preview.schools.flatMap((s) =>
    s.proposal && s.from
      ? [
          {
            schoolName: s.schoolName,
            include: true,
            fromSchoolYearId: s.from.id,
            label: s.proposal.label,
            firstDay: s.proposal.firstDay,
            lastDay: s.proposal.lastDay,
            closures: s.proposal.closures.map((c) => ({
              label: c.label,
              startDate: c.startDate,
              endDate: c.endDate,
              rule: c.rule,
              was:
                c.was.startDate === c.was.endDate
                  ? fmtDate(c.was.startDate)
                  : `${fmtDate(c.was.startDate)} – ${fmtDate(c.was.endDate)}`,
              confirm: c.confirm,
              checked: !c.confirm,
            })),
            periods: s.proposal.periods,
          },
        ]
      : [],
  );
}

/** A date input bound to one field of the draft, marked invalid when the last error names its path. */
function DateCell({
  label,
  value,
  path,
  error,
  onChange,
}: {
  label: string;
  value: string;
  path: string;
  error: unknown;
  onChange: (v: string) => void;
}) {
  const e = errorOf(error);
  return (
    <input
      type="date"
      aria-label={label}
      value={value}
      name={path}
      aria-invalid={e?.field === path || undefined}
      onChange={(ev) => onChange(ev.target.value)}
    />
  );
}

export function NextYearSetup() {
  const preview = useApi('previewNextYear');
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const start = useWrite('startNextYear', () => setDrafts(null));
  useEffect(() => {
    if (preview.data && drafts === null && !start.data) setDrafts(draftsOf(preview.data));
  }, [preview.data, drafts, start.data]);
  if (preview.isPending) return <Loading />;
  if (!preview.data) return <ErrorMessage error={preview.error} />;
  const p = preview.data;
  const edit = (i: number, change: (d: Draft) => Draft) =>
    setDrafts((list) => list?.map((d, j) => (j === i ? change(d) : d)) ?? null);
  const chosen = (drafts ?? []).filter((d) => d.include);
  const unchecked = chosen.flatMap((d) => d.closures).filter((c) => !c.checked).length;
  const submit = () => {
    // Paths in errors count the schools sent, so only the chosen ones are numbered.
    start.mutate({
      schools: chosen.map(({ fromSchoolYearId, label, firstDay, lastDay, closures, periods }) => ({
        fromSchoolYearId,
        label,
        firstDay,
        lastDay,
        closures: closures.map(({ label: l, startDate, endDate }) => ({ label: l, startDate, endDate })),
        periods,
      })),
    });
  };
  return (
    <div>
      {start.data && (
        <p role="status" className="notice">
          {[...new Set(start.data.years.map((y) => y.label))].join(', ')} is set up at {start.data.years.length}{' '}
          school(s). {start.data.carried} active students carry on with their IEPs; {start.data.exitedLeftOut} exited
          student(s) stay out of the caseload with all their records. Last year stays in every report: choose its dates
          or its year.
        </p>
      )}
      {p.schools
        .filter((s) => s.skipped)
        .map((s) => (
          <p key={s.schoolId} className="muted">
            <b>{s.schoolName}</b>: {s.skipped}
          </p>
        ))}
      {drafts?.length === 0 && !start.data && <p className="muted">No school has a year to carry forward.</p>}
      {drafts?.map((d, i) => {
        const n = chosen.indexOf(d);
        const at = `schools.${n}`;
        return (
          <fieldset key={d.fromSchoolYearId} className="panel" data-testid={`next-year-${d.schoolName}`}>
            <legend>
              <label>
                <input
                  type="checkbox"
                  checked={d.include}
                  onChange={(e) => edit(i, (x) => ({ ...x, include: e.target.checked }))}
                />{' '}
                Set up next year at {d.schoolName}
              </label>
            </legend>
            {d.include && (
              <>
                <div className="grid-form">
                  <label>
                    Label{' '}
                    <input
                      value={d.label}
                      name={`${at}.label`}
                      onChange={(e) => edit(i, (x) => ({ ...x, label: e.target.value }))}
                    />
                  </label>
                  <label>
                    First instructional day{' '}
                    <DateCell
                      label={`First day at ${d.schoolName}`}
                      value={d.firstDay}
                      path={`${at}.firstDay`}
                      error={start.error}
                      onChange={(v) => edit(i, (x) => ({ ...x, firstDay: v }))}
                    />
                  </label>
                  <label>
                    Last instructional day{' '}
                    <DateCell
                      label={`Last day at ${d.schoolName}`}
                      value={d.lastDay}
                      path={`${at}.lastDay`}
                      error={start.error}
                      onChange={(v) => edit(i, (x) => ({ ...x, lastDay: v }))}
                    />
                  </label>
                </div>
                <h3>Holidays and breaks</h3>
                <table className="table">
                  <TableHead cols={['Holiday or break', 'Next year from', 'to', 'Checked']} />
                  <tbody>
                    {d.closures.map((c, j) => {
                      const set = (change: Partial<Draft['closures'][number]>) =>
                        edit(i, (x) => ({
                          ...x,
                          closures: x.closures.map((y, k) => (k === j ? { ...y, ...change } : y)),
                        }));
                      return (
                        <tr key={j} className={c.checked ? undefined : 'warn'}>
                          <td>
                            {c.label}
                            <br />
                            <small className="muted">
                              This year {c.was} · next year: {c.rule}
                            </small>
                          </td>
                          <td>
                            <DateCell
                              label={`${c.label} from`}
                              value={c.startDate}
                              path={`${at}.closures.${j}.startDate`}
                              error={start.error}
                              onChange={(v) => set({ startDate: v })}
                            />
                          </td>
                          <td>
                            <DateCell
                              label={`${c.label} to`}
                              value={c.endDate}
                              path={`${at}.closures.${j}.endDate`}
                              error={start.error}
                              onChange={(v) => set({ endDate: v })}
                            />
                          </td>
                          <td>
                            {c.confirm ? (
                              <label>
                                <input
                                  type="checkbox"
                                  checked={c.checked}
                                  onChange={(e) => set({ checked: e.target.checked })}
                                />{' '}
                                <span className="sr-only">{c.label}: </span>dates checked
                              </label>
                            ) : (
                              <span className="muted">by its rule</span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                <h3>Reporting periods</h3>
                <table className="table">
                  <TableHead cols={['Period', 'From', 'To', 'Reports due']} />
                  <tbody>
                    {d.periods.map((r, j) => {
                      const set = (k: 'startDate' | 'endDate' | 'dueDate', v: string) =>
                        edit(i, (x) => ({
                          ...x,
                          periods: x.periods.map((y, m) => (m === j ? { ...y, [k]: v } : y)),
                        }));
                      return (
                        <tr key={j}>
                          <td>{r.label}</td>
                          {(['startDate', 'endDate', 'dueDate'] as const).map((k) => (
                            <td key={k}>
                              <DateCell
                                label={`${r.label} ${k === 'startDate' ? 'from' : k === 'endDate' ? 'to' : 'due'}`}
                                value={r[k]}
                                path={`${at}.periods.${j}.${k}`}
                                error={start.error}
                                onChange={(v) => set(k, v)}
                              />
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </>
            )}
          </fieldset>
        );
      })}
      {!start.data && p.carried.length + p.exited.length > 0 && (
        <details className="panel">
          <summary>
            {p.carried.length} active students carry on; {p.exited.length} exited students are left out
          </summary>
          <table className="table">
            <TableHead cols={['Student', 'School', 'Grade', 'IEP next year']} />
            <tbody>
              {p.carried.map((s) => (
                <tr key={s.studentId}>
                  <td>{s.name}</td>
                  <td>{s.schoolName}</td>
                  <td>{s.grade}</td>
                  <td className={s.iep && s.iep.startDate <= (chosen[0]?.firstDay ?? '') ? undefined : 'warn'}>
                    {s.note}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.exited.length > 0 && (
            <p className="muted">Left out (exited, records kept): {p.exited.map((s) => s.name).join(', ')}.</p>
          )}
        </details>
      )}
      {drafts && drafts.length > 0 && (
        <div className="actions">
          <ErrorMessage error={start.error} />
          {unchecked > 0 && (
            <p className="muted" role="status">
              Check {unchecked} break{unchecked === 1 ? '' : 's'} against the district calendar, then tick “dates
              checked”.
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={chosen.length === 0 || unchecked > 0 || start.isPending}
            onClick={submit}
          >
            {start.isPending ? 'Setting up…' : `Start ${chosen[0]?.label ?? 'next year'}`}
          </button>
        </div>
      )}
    </div>
  );
}
