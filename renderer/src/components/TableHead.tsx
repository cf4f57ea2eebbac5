export type Column = string | { label: string; num?: boolean; hidden?: boolean };

/** A table's header row: `num` right-aligns a numeric column, `hidden` keeps the label for screen readers only. */
export function TableHead({ cols }: { cols: Column[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => {
          const col = typeof c === 'string' ? { label: c } : c;
          return (
            <th key={col.label} scope="col" className={col.num ? 'num' : undefined}>
              {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
