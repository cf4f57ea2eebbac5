import { useEffect, useRef } from 'react';

/**
 * Forms with changes not yet saved register here, so that closing (or reloading) the window asks
 * first. Moving to another screen does not ask: every form keeps its draft across navigation (see
 * drafts.ts) and a report narrative is stored in the caseload when its page is left, so nothing typed
 * is lost by leaving a page; closing the window is where the last keystrokes of a narrative could be
 * lost, and where a form's changes would be left unsaved until the app is opened again.
 */
interface LeaveSource {
  /** What has unsaved changes: "the session form". */
  label(): string;
  isDirty(): boolean;
  /** Called as the window is about to close: store what can be stored now. */
  flush?(): void;
}

const sources = new Set<LeaveSource>();

/** The labels of the forms that hold changes not yet saved. */
export function unsavedForms(): string[] {
  return [...new Set([...sources].filter((s) => s.isDirty()).map((s) => s.label()))];
}

export function useLeaveGuard(label: string, isDirty: () => boolean, active = true, flush?: () => void) {
  const ref = useRef({ label, isDirty, flush });
  useEffect(() => {
    ref.current = { label, isDirty, flush };
  });
  useEffect(() => {
    if (!active) return;
    const s: LeaveSource = {
      label: () => ref.current.label,
      isDirty: () => ref.current.isDirty(),
      flush: () => ref.current.flush?.(),
    };
    sources.add(s);
    return () => void sources.delete(s);
  }, [active]);
}

/**
 * Closing or reloading the window with unsaved changes asks first: the page cancels the unload, and
 * the desktop shell asks with its own dialog (Electron's 'will-prevent-unload', electron/window.ts);
 * a browser asks on its own.
 */
export function installBeforeUnload(): () => void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    const dirty = [...sources].filter((s) => s.isDirty());
    if (!dirty.length) return;
    for (const s of dirty) s.flush?.();
    e.preventDefault();
    // Older engines need returnValue set to show their question.
    e.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}
