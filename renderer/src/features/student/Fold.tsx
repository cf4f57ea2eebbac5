import { type ReactNode, useState } from 'react';

const KEY = 'caseload-open-sections';

function openSections(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function remember(name: string, open: boolean) {
  const names = new Set(openSections());
  if (open) names.add(name);
  else names.delete(name);
  try {
    localStorage.setItem(KEY, JSON.stringify([...names]));
  } catch {
    // Storage refused: the section is simply folded again next time.
  }
}

/**
 * A section folded under its title (a native disclosure: Tab to it, Enter or Space opens it). What
 * it holds, and the reads behind it, is drawn only once opened; a section opened stays open on
 * every student's page, on this computer, until it is closed again.
 */
export function Fold({
  name,
  title,
  hint,
  className = 'panel',
  children,
}: {
  name: string;
  title: string;
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(() => openSections().includes(name));
  return (
    <details
      className={`fold ${className}`}
      data-fold={name}
      open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        if (now === open) return;
        setOpen(now);
        remember(name, now);
      }}
    >
      <summary>
        <span className="fold-title">{title}</span>
        {hint && <span className="muted"> · {hint}</span>}
      </summary>
      {open && <div className="fold-body">{children}</div>}
    </details>
  );
}
