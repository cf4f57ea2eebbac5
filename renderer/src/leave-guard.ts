import { useEffect, useRef } from 'react';

/**
 * Forms with changes not yet saved register here, so that leaving them asks first:
 * - moving to another screen (a sidebar link, a keyboard shortcut, back, any link) asks in the app's
 *   own question (LeavePrompt, through react-router's useBlocker): keep the changes as a draft and
 *   leave, discard them and leave, or stay. Every form keeps its draft across navigation (drafts.ts),
 *   so "keep as draft" loses nothing; a report narrative is stored in the caseload when its page is
 *   left, so it asks only when something is truly unsaved (its last store failed);
 * - closing (or reloading) the window asks as well (installBeforeUnload), and stores what can be
 *   stored now (a narrative typed a moment ago).
 */
interface LeaveSource {
  /** What has unsaved changes: "the session form". */
  label(): string;
  isDirty(): boolean;
  /** Whether moving to another screen should ask (isDirty unless the form says otherwise). */
  asksOnNavigate(): boolean;
  /** Called as the window is about to close: store what can be stored now. */
  flush?(): void;
  /** "Discard changes and leave": throw the form's draft away. */
  discard?(): void;
}

export interface LeaveGuardOptions {
  /** Moving to another screen asks only when this is true (default: isDirty). */
  asksOnNavigate?: () => boolean;
  /** Throws the form's changes and draft away ("Discard changes and leave"). */
  discard?: () => void;
}

const sources = new Set<LeaveSource>();

/** The labels of the forms that hold changes not yet saved. */
export function unsavedForms(): string[] {
  return [...new Set([...sources].filter((s) => s.isDirty()).map((s) => s.label()))];
}

/** The labels of the forms that moving to another screen should ask about. */
export function formsAskingOnNavigate(): string[] {
  return [...new Set([...sources].filter((s) => s.asksOnNavigate()).map((s) => s.label()))];
}

/** "Discard changes and leave": every form that would ask throws its changes away. */
export function discardFormsAskingOnNavigate() {
  for (const s of [...sources].filter((x) => x.asksOnNavigate())) s.discard?.();
}

export function useLeaveGuard(
  label: string,
  isDirty: () => boolean,
  active = true,
  flush?: () => void,
  options: LeaveGuardOptions = {},
) {
  const ref = useRef({ label, isDirty, flush, options });
  useEffect(() => {
    ref.current = { label, isDirty, flush, options };
  });
  useEffect(() => {
    if (!active) return;
    const s: LeaveSource = {
      label: () => ref.current.label,
      isDirty: () => ref.current.isDirty(),
      asksOnNavigate: () => (ref.current.options.asksOnNavigate ?? ref.current.isDirty)(),
      flush: () => ref.current.flush?.(),
      discard: () => ref.current.options.discard?.(),
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
