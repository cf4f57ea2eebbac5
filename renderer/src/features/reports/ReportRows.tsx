import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ReportGroupRow as ReportRow } from '../../../../shared/api/types-reports';
import { TableHead } from '../../components/TableHead';
import { WindowedRows } from '../../components/WindowedRows';
import { fmtDate } from '../../format';

export type ReportStatusFilter = 'all' | 'new' | 'draft' | 'reviewed' | 'final';

const STATUS_OPTIONS: [ReportStatusFilter, string][] = [
  ['all', 'Any status'],
  ['new', 'Not started'],
  ['draft', 'Drafts'],
  ['reviewed', 'Reviewed drafts'],
  ['final', 'Final'],
];

const matchesStatus = (r: ReportRow, s: ReportStatusFilter) =>
  s === 'all' || (s === 'reviewed' ? r.status === 'draft' && r.reviewed : r.status === s);

export function reportStatusText(r: ReportRow): string {
  return r.status === 'new'
    ? 'Not started'
    : r.status === 'draft'
      ? `Draft (version ${r.version})${r.reviewed ? ', reviewed' : ''}`
      : `Final, version ${r.version} (${fmtDate(r.finalizedAt?.slice(0, 10))})`;
}

/** How far the period's reports are: "500 reports · 480 not started · 15 drafts (3 reviewed) · 5 final". */
function progressText(rows: readonly ReportRow[]): string {
  let fresh = 0;
  let drafts = 0;
  let reviewed = 0;
  let final = 0;
  for (const r of rows) {
    if (r.status === 'new') fresh++;
    else if (r.status === 'draft') {
      drafts++;
      if (r.reviewed) reviewed++;
    } else final++;
  }
  const n = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;
  return [
    n(rows.length, 'report', 'reports'),
    `${fresh} not started`,
    `${n(drafts, 'draft', 'drafts')}${drafts ? ` (${reviewed} reviewed)` : ''}`,
    `${final} final`,
  ].join(' · ');
}

/**
 * The period's reports, one line per student: found by name, narrowed by status and school, and
 * drawn only where the window shows them (a whole caseload is hundreds of rows).
 */
export function ReportRows({ rows, acrossSchools }: { rows: readonly ReportRow[]; acrossSchools: boolean }) {
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<ReportStatusFilter>('all');
  const [school, setSchool] = useState('');
  const schools = useMemo(() => [...new Set(rows.map((r) => r.schoolName))].sort(), [rows]);
  const shown = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return rows.filter(
      (r) =>
        matchesStatus(r, status) &&
        (!school || !acrossSchools || r.schoolName === school) &&
        words.every((w) => r.name.toLowerCase().includes(w)),
    );
  }, [rows, search, status, school, acrossSchools]);
  const filtered = shown.length !== rows.length;
  const cols = acrossSchools ? 6 : 5;
  return (
    <>
      <div className="filters" role="search" aria-label="Find reports">
        <label>
          Find a student
          <input
            id="report-search"
            type="search"
            placeholder="Name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              const first = shown[0];
              if (e.key === 'Enter' && first) navigate(`/reports/${first.periodId}/${first.studentId}`);
            }}
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as ReportStatusFilter)}>
            {STATUS_OPTIONS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {acrossSchools && schools.length > 1 && (
          <label>
            School
            <select value={school} onChange={(e) => setSchool(e.target.value)}>
              <option value="">All schools</option>
              {schools.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted count" aria-live="polite" data-testid="reports-count">
          {filtered ? `Showing ${shown.length} of ${rows.length} · ` : ''}
          {progressText(rows)}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="empty">
          {rows.length === 0 ? 'No students with an IEP in this period.' : 'No reports match. Change the filters.'}
        </p>
      ) : (
        <table className="table oneline" data-testid="reports-table">
          <TableHead
            cols={[
              'Student',
              ...(acrossSchools ? ['School'] : []),
              'Grade',
              { label: 'Goals', num: true },
              'Report',
              { label: 'Open', hidden: true },
            ]}
          />
          <tbody>
            <WindowedRows
              items={shown}
              columns={cols}
              render={(r) => (
                <tr key={`${r.periodId}-${r.studentId}`}>
                  <th scope="row" title={r.name}>
                    {r.name}
                  </th>
                  {acrossSchools && <td title={r.schoolName}>{r.schoolName}</td>}
                  <td>{r.grade}</td>
                  <td className="num">{r.goals}</td>
                  <td>{reportStatusText(r)}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() => navigate(`/reports/${r.periodId}/${r.studentId}`)}
                    >
                      {r.status === 'final' ? 'View' : 'Write'}
                      <span className="sr-only"> report for {r.name}</span>
                    </button>
                  </td>
                </tr>
              )}
            />
          </tbody>
        </table>
      )}
    </>
  );
}
