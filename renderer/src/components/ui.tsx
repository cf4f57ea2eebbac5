import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../shared/api/types';
import { errorOf } from '../api';
import { DirtyContext, type DirtySource } from '../drafts';
import { useLeaveGuard } from '../leave-guard';

export function ErrorMessage({ error }: { error: unknown }) {
  const e = errorOf(error);
  if (!e) return null;
  return (
    <div className="error" role="alert">
      {e.message}
    </div>
  );
}

/** A labelled field; marks itself invalid when the last error names it. */
export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  name: string;
  error?: unknown;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const e: ApiError | null = errorOf(error);
  const invalid = !!e?.field && (e.field === name || e.field.startsWith(`${name}.`));
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        ...(invalid ? { 'aria-invalid': true } : {}),
        ...(hint ? { 'aria-describedby': `${id}-hint` } : {}),
      })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function Modal({
  title,
  open,
  onClose,
  children,
  wide,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const sources = useRef(new Set<DirtySource>());
  const typed = useRef(false);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      typed.current = false;
      setAsking(false);
      // The first field, not the close button, takes the first keystroke.
      const first = d.querySelector<HTMLElement>(
        '.modal-body :is(input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]))',
      );
      first?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const isDirty = () => typed.current || [...sources.current].some((s) => s.isDirty());
  // Closing the window, or moving to another screen (a keyboard shortcut), with typed text in an open
  // dialog asks first; "discard and leave" throws the dialog's drafts away.
  useLeaveGuard(`the “${title}” form`, () => isDirty(), open, undefined, {
    discard: () => {
      for (const s of sources.current) s.discard();
      typed.current = false;
    },
  });
  const requestClose = () => {
    if (isDirty()) setAsking(true);
    else onClose();
  };
  const ctx = useMemo(
    () => ({
      register(s: DirtySource) {
        sources.current.add(s);
        return () => void sources.current.delete(s);
      },
      requestClose,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onClose],
  );
  const discard = () => {
    for (const s of sources.current) s.discard();
    setAsking(false);
    onClose();
  };
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal wide' : 'modal'}
      aria-labelledby={titleId}
      onClose={onClose}
      onInput={() => {
        if (!sources.current.size) typed.current = true;
      }}
      onCancel={(e) => {
        // Escape never throws typed text away without asking.
        e.preventDefault();
        if (asking) setAsking(false);
        else requestClose();
      }}
    >
      {open && (
        <DirtyContext.Provider value={ctx}>
          <header className="modal-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon" aria-label="Close" onClick={requestClose}>
              ×
            </button>
          </header>
          {asking && (
            <div className="discard-ask" role="alertdialog" aria-label="Discard what you typed?">
              <p>You have typed in this form. Discard it?</p>
              <div className="actions">
                <button type="button" className="primary" autoFocus onClick={() => setAsking(false)}>
                  Keep editing
                </button>
                <button type="button" className="danger" onClick={discard}>
                  Discard
                </button>
              </div>
            </div>
          )}
          <div className="modal-body" hidden={asking}>
            {children}
          </div>
        </DirtyContext.Provider>
      )}
    </dialog>
  );
}

export function Confirm({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  busy,
  error,
}: {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  error?: unknown;
}) {
  return (
    <Modal title={title} open={open} onClose={onClose}>
      <p>{message}</p>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Modal>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function Loading() {
  return (
    <p className="muted" role="status">
      Loading…
    </p>
  );
}

/** Reads a form's named inputs as strings; empty strings become null. */
export function formValues(form: HTMLFormElement): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  new FormData(form).forEach((v, k) => {
    const s = String(v).trim();
    out[k] = s === '' ? null : s;
  });
  return out;
}

export const num = (v: string | null | undefined) => (v == null || v === '' ? null : Number(v));

/** A short message placed next to the action that caused it, announced to screen readers. */
export function Status({ children, tone }: { children?: ReactNode; tone?: 'ok' | 'error' }) {
  return (
    <span className={`status-msg${tone === 'error' ? ' bad' : ''}`} role="status" aria-live="polite">
      {children}
    </span>
  );
}
