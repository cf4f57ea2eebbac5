import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { call, errorOf, invalidateAll, useApi } from '../../api';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * The app lock. Wraps the whole app: while locked, the app underneath is made inert and hidden (never
 * unmounted, so a session form in progress is kept) and a full-window overlay asks for the PIN or
 * passphrase. Locks after the idle time set under Settings, on demand (menu or Ctrl+Shift+L), and when
 * the main process says so (screen lock, sleep).
 */
export function AppLock({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const state = useApi('getLockState');
  const locked = !!state.data?.locked;
  const configured = !!state.data?.configured;
  const idleMs = (state.data?.idleMinutes ?? 10) * 60_000;
  const lastActive = useRef(0);

  const lock = useCallback(async () => {
    try {
      await call('lockNow');
    } finally {
      await qc.invalidateQueries({ queryKey: ['getLockState'] });
    }
  }, [qc]);

  useEffect(() => {
    if (!configured || locked) return;
    const mark = () => (lastActive.current = Date.now());
    mark();
    for (const e of ACTIVITY) window.addEventListener(e, mark, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActive.current >= idleMs) void lock();
    }, 5_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, mark);
      window.clearInterval(timer);
    };
  }, [configured, locked, idleMs, lock]);

  useEffect(() => {
    const off = window.caseloadShell?.onMenuCommand((c) => {
      // The main process has already locked (screen lock, sleep, menu): show it.
      if (c === 'lock') void qc.invalidateQueries({ queryKey: ['getLockState'] });
      // The menu's Lock Caseload (Ctrl+Shift+L in the app).
      if (c === 'lock-request') void lock();
    });
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'l' && !window.caseloadShell) {
        e.preventDefault();
        if (configured) void lock();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off?.();
      window.removeEventListener('keydown', onKey);
    };
  }, [qc, configured, lock]);

  return (
    <>
      <div className="lockable" inert={locked} aria-hidden={locked || undefined} data-locked={locked || undefined}>
        {children}
      </div>
      {locked && <LockScreen kind={state.data?.kind ?? 'passphrase'} onUnlocked={() => void invalidateAll(qc)} />}
    </>
  );
}

function LockScreen({ kind, onUnlocked }: { kind: 'pin' | 'passphrase'; onUnlocked: () => void }) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = kind === 'pin' ? 'PIN' : 'Passphrase';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('unlock', { secret });
      setSecret('');
      onUnlocked();
    } catch (err) {
      setError(errorOf(err)?.message ?? 'Could not unlock.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="panel lock-panel" onSubmit={(e) => void submit(e)}>
        <h1 id="lock-title">Caseload is locked</h1>
        <p className="muted">
          Student records are hidden. Enter your {kind === 'pin' ? 'PIN' : 'passphrase'} to carry on where you were.
        </p>
        <div className="field">
          <label htmlFor="unlock-secret">{label}</label>
          <input
            id="unlock-secret"
            type="password"
            autoFocus
            autoComplete="current-password"
            inputMode={kind === 'pin' ? 'numeric' : undefined}
            value={secret}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setSecret(e.target.value)}
          />
        </div>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy || !secret}>
          {busy ? 'Checking…' : 'Unlock'}
        </button>
      </form>
    </div>
  );
}
