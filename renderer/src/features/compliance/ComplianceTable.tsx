import './compliance.css';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ComplianceRow } from '../../../../shared/api/types';
import { COMPLIANCE_COLUMNS, sortRows } from '../../../../shared/domain/compliance-columns';
import { WindowedRows } from '../../components/WindowedRows';

type Direction = 'ascending' | 'descending';

/**
 * The order of each list of rows the server sent, kept while that list is: a visit to the screen
 * with the figures cached does not sort 500 students again.
 */
const orders = new WeakMap<ComplianceRow[], Map<string, ComplianceRow[]>>();
function sorted(rows: ComplianceRow[], key: string | null, direction: Direction) {
  let byKey = orders.get(rows);
  if (!byKey) orders.set(rows, (byKey = new Map()));
  const k = `${key ?? ''}:${direction}`;
  let out = byKey.get(k);
  if (!out) byKey.set(k, (out = sortRows(rows, key, direction)));
  return out;
}

/**
 * The caseload's compliance, one row per student, with the columns the exports write. Every header
 * is a button that sorts by it (again to reverse); the default order is behind, then at risk.
 */
export function ComplianceTable({ rows }: { rows: ComplianceRow[] }) {
  const [sort, setSort] = useState<{ key: string | null; direction: Direction }>({ key: null, direction: 'ascending' });
  const ordered = sorted(rows, sort.key, sort.direction);
  const toggle = (key: string, num: boolean) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'ascending' ? 'descending' : 'ascending' }
        : // Figures sort largest first: the students who need attention come to the top.
          {
            key,
            direction: num || key === 'shortfall' || key === 'atRisk' || key === 'extra' ? 'descending' : 'ascending',
          },
    );
  return (
    <div className="table-scroll">
      <table className="table compliance" data-testid="compliance-table">
        <caption className="sr-only">
          Students,{' '}
          {sort.key
            ? `sorted by ${COMPLIANCE_COLUMNS.find((c) => c.key === sort.key)?.label}`
            : 'behind first, then at risk'}
        </caption>
        <thead>
          <tr>
            {COMPLIANCE_COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.num ? 'num' : undefined}
                aria-sort={sort.key === c.key ? sort.direction : undefined}
              >
                <button type="button" className="sort" onClick={() => toggle(c.key, c.num)}>
                  {c.label}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {/* 500 students: only the rows in view are drawn. */}
          <WindowedRows
            items={ordered}
            columns={COMPLIANCE_COLUMNS.length}
            render={(r) => {
              const j = r.summary.judged;
              return (
                <tr key={r.studentId} className={j.behind ? 'behind' : j.atRisk ? 'at-risk' : ''}>
                  {COMPLIANCE_COLUMNS.map((c) => {
                    if (c.key === 'name') {
                      return (
                        <th scope="row" key={c.key}>
                          <Link to={`/students/${r.studentId}`}>{r.name}</Link>
                        </th>
                      );
                    }
                    if (c.key === 'status') {
                      return (
                        <td key={c.key}>
                          {j.behind && <span className="tag warn">behind</span>}
                          {j.atRisk && <span className="tag risk">at risk</span>}
                        </td>
                      );
                    }
                    return (
                      <td key={c.key} className={c.num ? 'num' : 'wrap'} title={c.num ? undefined : c.text(r)}>
                        {c.text(r)}
                      </td>
                    );
                  })}
                </tr>
              );
            }}
          />
        </tbody>
      </table>
    </div>
  );
}
