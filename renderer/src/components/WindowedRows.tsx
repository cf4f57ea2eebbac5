import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * The rows of a long table body, drawn only where the window shows them (plus a margin), so a
 * 500-student table costs what a 30-student one does. Short lists are drawn whole.
 */
export function WindowedRows<T>({
  items,
  render,
  columns,
  rowHeight = 37,
  whole = 40,
}: {
  items: readonly T[];
  render: (item: T, index: number) => ReactNode;
  columns: number;
  rowHeight?: number;
  whole?: number;
}) {
  if (items.length <= whole) return <>{items.map(render)}</>;
  return <Windowed items={items} render={render} columns={columns} rowHeight={rowHeight} />;
}

function Windowed<T>({
  items,
  render,
  columns,
  rowHeight,
}: {
  items: readonly T[];
  render: (item: T, index: number) => ReactNode;
  columns: number;
  rowHeight: number;
}) {
  const marker = useRef<HTMLTableRowElement>(null);
  // Where the table starts on the page. At the top of the page it is measured after the first paint
  // (the layout is done then, so reading it costs nothing), not before: a measure in a layout effect
  // forces a layout of the whole new screen and draws the rows twice. Until then the table is taken
  // to start at the top of the page, which draws a few rows more than the window shows, never fewer.
  // A page already scrolled down is measured before it is painted, or rows in view could be missing.
  const [margin, setMargin] = useState(0);
  const measure = () => {
    const el = marker.current;
    if (el) setMargin(el.getBoundingClientRect().top + window.scrollY);
  };
  useLayoutEffect(() => {
    if (window.scrollY > 0) measure();
  }, []);
  useEffect(measure, []);
  const v = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => rowHeight,
    overscan: 6,
    scrollMargin: margin,
  });
  const rows = v.getVirtualItems();
  const top = rows.length ? rows[0]!.start - margin : 0;
  const bottom = rows.length ? v.getTotalSize() - (rows[rows.length - 1]!.end - margin) : 0;
  return (
    <>
      <tr ref={marker} aria-hidden="true" className="spacer">
        <td colSpan={columns} style={{ height: top, padding: 0, border: 'none' }} />
      </tr>
      {rows.map((r) => render(items[r.index]!, r.index))}
      <tr aria-hidden="true" className="spacer">
        <td colSpan={columns} style={{ height: bottom, padding: 0, border: 'none' }} />
      </tr>
    </>
  );
}
