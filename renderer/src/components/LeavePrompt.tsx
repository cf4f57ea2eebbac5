import { useCallback, useEffect, useId, useRef } from 'react';
import { type BlockerFunction, useBlocker } from 'react-router';
import { discardFormsAskingOnNavigate, formsAskingOnNavigate } from '../leave-guard';

/** "the session form" → "The session form has changes that are not saved." */
export function leaveQuestion(labels: string[]) {
  const names = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? '');
  const sentence = `${names} ${labels.length > 1 ? 'have' : 'has'} changes that are not saved.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * Moving to another screen while a form (useLeaveGuard) holds unsaved changes asks first, in the app's
 * own dialog: keep as draft and leave (the default: Enter), discard the changes and leave, or stay
 * (Escape). One blocker for the whole app (react-router allows one at a time), in the layout.
 */
export function LeavePrompt() {
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) =>
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search) &&
      formsAskingOnNavigate().length > 0,
    [],
  );
  const blocker = useBlocker(shouldBlock);
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const blocked = blocker.state === 'blocked';
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (blocked && !d.open) {
      d.showModal();
      first.current?.focus();
    } else if (!blocked && d.open) d.close();
  }, [blocked]);
  const labels = blocked ? formsAskingOnNavigate() : [];
  return (
    <dialog
      ref={ref}
      className="modal leave-prompt"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        // Escape stays.
        e.preventDefault();
        blocker.reset?.();
      }}
    >
      {blocked && (
        <>
          <header className="modal-head">
            <h2 id={titleId}>Leave this screen?</h2>
          </header>
          <div className="modal-body">
            <p id={textId}>{leaveQuestion(labels)}</p>
            <div className="actions">
              <button type="button" className="primary" ref={first} onClick={() => blocker.proceed()}>
                Keep as draft and leave
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  discardFormsAskingOnNavigate();
                  blocker.proceed();
                }}
              >
                Discard changes and leave
              </button>
              <button type="button" onClick={() => blocker.reset()}>
                Stay
              </button>
            </div>
          </div>
        </>
      )}
    </dialog>
  );
}
