import { memo, useRef } from 'react';
import { Link } from 'react-router';
import type { OccurrenceView, WeekView } from '../../../../shared/api/types-schedule';
import type { BlockView } from '../../../../shared/api/types-workload';
import { SETTING_LABELS } from '../../../../shared/domain/codes';
import { WEEKDAY_NAMES } from '../../../../shared/domain/schedule';
import { useReveal } from '../../components/reveal';
import { fmtDay } from '../../format';

type Cell = { o: OccurrenceView; b?: never } | { b: BlockView; o?: never };
/** A day's slots and blocks in time order. */
const cells = (d: { occurrences: OccurrenceView[]; blocks: BlockView[] }): Cell[] =>
  [...d.occurrences.map((o): Cell => ({ o })), ...d.blocks.map((b): Cell => ({ b }))].sort((x, y) =>
    (x.o ?? x.b)!.startTime.localeCompare((y.o ?? y.b)!.startTime),
  );

/** Cards drawn per day at first, and added as the week is scrolled (a card is about 5 rem tall). */
const ROWS = 16;
const CARD_REM = 5.2;

/**
 * Mon–Fri side by side: each occurrence in its school's colour with its students, each block a
 * button that opens it. Memoised: opening a panel or a dialog of the week does not redraw the grid.
 */
export const WeekGrid = memo(function WeekGrid({
  monday,
  days,
  onBlock,
}: {
  monday: string;
  days: WeekView['days'];
  onBlock: (blockId: number) => void;
}) {
  const byDay = days.map(cells);
  const grid = useRef<HTMLDivElement>(null);
  const shown = useReveal(grid, Math.max(0, ...byDay.map((c) => c.length)), { step: ROWS, list: monday });
  return (
    <div className="week-grid" ref={grid}>
      {days.map((d, i) => (
        <section key={d.date} className="week-day" aria-label={`${WEEKDAY_NAMES[i]} ${d.date}`}>
          <h2>
            <Link to={`/agenda?date=${d.date}`}>{fmtDay(d.date)}</Link>
          </h2>
          {byDay[i]!.length === 0 && <p className="muted">Nothing planned</p>}
          {byDay[i]!.slice(0, shown).map(({ o, b }) =>
            b ? (
              <button
                type="button"
                key={`b${b.blockId}`}
                className={`week-block${b.conflicts.length ? ' has-conflict' : ''}`}
                onClick={() => onBlock(b.blockId)}
                title="Change this block"
              >
                <span className="t">{`${b.startTime}–${b.endTime}`}</span>{' '}
                <span className="small">{b.school ? `${b.label} · ${b.school}` : b.label}</span>
                {b.note && <span className="small muted block-note">{b.note}</span>}
                {b.conflicts.length > 0 && <span className="conflict small"> ⚠ conflict</span>}
              </button>
            ) : (
              <div
                key={o!.slotId}
                className={`week-occ status-${o.status}${o.conflicts.length ? ' has-conflict' : ''}`}
                style={{ borderLeftColor: o.colour }}
              >
                <div className="t">
                  {`${o.startTime}–${o.endTime}`}
                  {o.rotationDay && <span className="muted">{` · day ${o.rotationDay}`}</span>}
                </div>
                <div className="small">{`${o.school} · ${SETTING_LABELS[o.setting]}`}</div>
                <div>{o.students.map((s) => s.name).join(', ')}</div>
                {o.conflicts.length > 0 && <div className="conflict small">⚠ conflict</div>}
              </div>
            ),
          )}
          {byDay[i]!.length > shown && (
            <div data-reveal aria-hidden="true" style={{ height: `${(byDay[i]!.length - shown) * CARD_REM}rem` }} />
          )}
        </section>
      ))}
    </div>
  );
});
