import { type ReactNode, useState } from 'react';

/**
 * A `<details>` whose content is built only while it is open: a folded list of hundreds of rows
 * costs nothing until the user opens it (the summary is a keyboard stop that opens it with Enter
 * or Space). `children` is a function so that the folded rows are not even created as elements.
 */
export function Fold({
  summary,
  children,
  defaultOpen = false,
  className,
  testId,
}: {
  summary: ReactNode;
  children: () => ReactNode;
  defaultOpen?: boolean;
  className?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details
      className={className ? `fold ${className}` : 'fold'}
      data-testid={testId}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
