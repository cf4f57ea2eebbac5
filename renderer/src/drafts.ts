import { createContext, type RefObject, useCallback, useContext, useEffect, useRef, useState } from 'react';

/**
 * One form layer for drafts: whatever the user types is kept in localStorage under a key naming the
 * form and the record ("draft:goal:new:12"), until the form is saved or the draft explicitly discarded.
 * Controlled forms use useDraftState; the plain (uncontrolled) dialog forms use useFormDraft, which reads
 * and restores the form's named fields.
 */
const PREFIX = 'caseload-draft:';

export function readDraft<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as { value: T }).value : null;
  } catch {
    return null;
  }
}
export function writeDraft(key: string, value: unknown) {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify({ value, at: Date.now() }));
  } catch {
    /* storage full: the form keeps working, only the draft is not kept */
  }
}
export function clearDraft(key: string) {
  localStorage.removeItem(PREFIX + key);
}
export function hasDraft(key: string) {
  return localStorage.getItem(PREFIX + key) != null;
}

/** What a dialog needs to know about the form inside it: is anything typed, and how to throw it away. */
export interface DirtySource {
  isDirty(): boolean;
  discard(): void;
}
export const DirtyContext = createContext<{
  register(s: DirtySource): () => void;
  requestClose(): void;
} | null>(null);

export function useRequestClose() {
  return useContext(DirtyContext)?.requestClose;
}

/** Registers a form with the enclosing dialog (if any) so that closing it with typed text asks first. */
export function useDirtySource(source: DirtySource) {
  const ctx = useContext(DirtyContext);
  const ref = useRef(source);
  useEffect(() => {
    ref.current = source;
  });
  useEffect(() => {
    if (!ctx) return;
    return ctx.register({ isDirty: () => ref.current.isDirty(), discard: () => ref.current.discard() });
  }, [ctx]);
}

/** A state value that is also the draft: restored on mount, kept as it changes, cleared by discard(). */
export function useDraftState<T>(key: string, initial: () => T) {
  const [value, setValue] = useState<T>(() => readDraft<T>(key) ?? initial());
  const [restored] = useState(() => hasDraft(key));
  const dirty = useRef(restored);
  const skip = useRef(true);
  useEffect(() => {
    if (skip.current) {
      skip.current = false;
      return;
    }
    dirty.current = true;
    writeDraft(key, value);
  }, [key, value]);
  const discard = useCallback(() => {
    dirty.current = false;
    clearDraft(key);
  }, [key]);
  return { value, setValue, restored, isDirty: () => dirty.current, discard };
}

type Fields = Record<string, string | boolean>;

function readFields(form: HTMLFormElement): Fields {
  const out: Fields = {};
  for (const el of Array.from(form.elements)) {
    const e = el as HTMLInputElement;
    if (!e.name || e.type === 'submit' || e.type === 'button' || e.type === 'file') continue;
    if (e.type === 'radio') {
      if (e.checked) out[e.name] = e.value;
    } else if (e.type === 'checkbox') out[e.name] = e.checked;
    else out[e.name] = e.value;
  }
  return out;
}

/** Sets a field the way typing would, so that React's onChange of controlled fields sees it too. */
function setField(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, v: string | boolean) {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, typeof v === 'boolean' ? 'checked' : 'value')?.set;
  if (typeof v === 'boolean') {
    if ((el as HTMLInputElement).checked === v) return;
    (el as HTMLInputElement).click();
    return;
  }
  if (el.value === v) return;
  setter?.call(el, v);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

function restoreFields(form: HTMLFormElement, fields: Fields) {
  for (const [name, v] of Object.entries(fields)) {
    const list = form.elements.namedItem(name);
    if (!list) continue;
    if (list instanceof RadioNodeList) {
      for (const el of Array.from(list)) {
        const r = el as HTMLInputElement;
        if (r.type === 'radio' && r.value === v && !r.checked) r.click();
      }
    } else setField(list as HTMLInputElement, v);
  }
}

/**
 * Drafts for a plain form: the named fields are saved on every input and put back when the form
 * mounts again. Fields that appear only after a restored choice (a group size after "Group") are
 * restored on the next frame too.
 */
export function useFormDraft(key: string, formRef: RefObject<HTMLFormElement | null>) {
  const initial = useRef<string>('');
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    initial.current = JSON.stringify(readFields(form));
    const saved = readDraft<Fields>(key);
    if (saved) {
      restoreFields(form, saved);
      requestAnimationFrame(() => formRef.current && restoreFields(formRef.current, saved));
      setRestored(true);
    }
    const onInput = () => {
      const now = readFields(form);
      if (JSON.stringify(now) === initial.current) clearDraft(key);
      else writeDraft(key, now);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onInput);
    return () => {
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onInput);
    };
  }, [key, formRef]);
  const discard = useCallback(() => clearDraft(key), [key]);
  useDirtySource({ isDirty: () => hasDraft(key), discard });
  return { restored, discard };
}
