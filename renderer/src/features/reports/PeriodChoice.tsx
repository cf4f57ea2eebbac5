import { useMemo } from 'react';
import type { PeriodRow } from '../../../../shared/api/types';
import { fmtDate } from '../../format';

/** Every school's period with the same school year and label (e.g. every school's Quarter 1, 2026–27). */
export const sameKind = (a: PeriodRow, b: PeriodRow) => a.schoolYear === b.schoolYear && a.label === b.label;

export type PeriodParams = { all: string } | { period: string };

/**
 * The school year, then its period: every school's ("All schools · Quarter 2") or one school's. Two
 * short lists instead of every period of ten years in one (hundreds of options to lay out and read).
 */
export function PeriodChoice({
  list,
  anchor,
  acrossSchools,
  onChoose,
}: {
  list: readonly PeriodRow[];
  anchor: PeriodRow | undefined;
  acrossSchools: boolean;
  onChoose: (p: PeriodParams) => void;
}) {
  const years = useMemo(() => [...new Set(list.map((p) => p.schoolYear))].sort().reverse(), [list]);
  const year = anchor?.schoolYear ?? years[0] ?? '';
  const inYear = useMemo(() => list.filter((p) => p.schoolYear === year), [list, year]);
  // The kinds of period that more than one school has this year: one "All schools" choice each.
  const groups = useMemo(() => {
    const byLabel = new Map<string, PeriodRow[]>();
    for (const p of inYear) byLabel.set(p.label, [...(byLabel.get(p.label) ?? []), p]);
    return [...byLabel.values()].filter((ps) => ps.length > 1).map((ps) => ps[0]!);
  }, [inYear]);

  const chooseYear = (y: string) => {
    const there = list.filter((p) => p.schoolYear === y);
    // The same period in the other year (Quarter 2 → Quarter 2), at every school when chosen so.
    const same = there.find((p) => p.label === anchor?.label && (acrossSchools || p.schoolId === anchor.schoolId));
    const pick = same ?? there[0];
    if (!pick) return;
    const many = there.filter((p) => sameKind(p, pick)).length > 1;
    onChoose((acrossSchools || !same) && many ? { all: String(pick.id) } : { period: String(pick.id) });
  };

  return (
    <>
      <label>
        School year
        <select value={year} onChange={(e) => chooseYear(e.target.value)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reporting period
        <select
          value={
            acrossSchools
              ? `all:${groups.find((g) => anchor && sameKind(g, anchor))?.id ?? ''}`
              : String(anchor?.id ?? '')
          }
          onChange={(e) => {
            const v = e.target.value;
            onChoose(v.startsWith('all:') ? { all: v.slice(4) } : { period: v });
          }}
        >
          {groups.length > 0 && (
            <optgroup label="All schools">
              {groups.map((p) => (
                <option key={`all-${p.id}`} value={`all:${p.id}`}>
                  All schools · {p.label}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="One school">
            {inYear.map((p) => (
              <option key={p.id} value={p.id}>
                {p.schoolName} · {p.label} ({fmtDate(p.startDate)} – {fmtDate(p.endDate)})
              </option>
            ))}
          </optgroup>
        </select>
      </label>
    </>
  );
}
