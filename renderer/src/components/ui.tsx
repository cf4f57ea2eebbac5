import { type ReactNode, useEffect, useId, useRef } from 'react';
import type { ApiError } from '../../../shared/api/types';
import { errorOf } from '../api';

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
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const titleId = useId();
  return (
    <dialog ref={ref} className={wide ? 'modal wide' : 'modal'} aria-labelledby={titleId} onClose={onClose}>
      {open && (
        <>
          <header className="modal-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon" aria-label="Close" onClick={onClose}>
              ×
            </button>
          </header>
          <div className="modal-body">{children}</div>
        </>
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
