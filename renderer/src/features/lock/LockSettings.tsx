import { useState } from 'react';
import { useApi, useWrite } from '../../api';
import { ErrorMessage, Field } from '../../components/ui';

/** Settings → App lock: the PIN or passphrase (kept only as a slow hash) and the idle time. */
export function LockSettings() {
  const state = useApi('getLockState');
  const [kind, setKind] = useState<'pin' | 'passphrase'>('pin');
  const [value, setValue] = useState('');
  const [current, setCurrent] = useState('');
  const setSecret = useWrite('setLockSecret', () => {
    setValue('');
    setCurrent('');
  });
  const setIdle = useWrite('setLockIdle');
  const lockNow = useWrite('lockNow');
  const s = state.data;
  return (
    <section className="panel" aria-labelledby="lock-settings-title">
      <h2 id="lock-settings-title">App lock</h2>
      <p className="muted">
        Hides all student records after a time without use, when the screen locks or the computer sleeps, and when you
        choose Lock (Ctrl+Shift+L).{' '}
        {s?.configured
          ? `Unlock with your ${s.kind === 'pin' ? 'PIN' : 'passphrase'}.`
          : 'Set a PIN or passphrase to turn it on.'}
      </p>
      <form
        className="grid-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSecret.mutate({ kind, secret: value, ...(s?.configured ? { current } : {}) });
        }}
      >
        <fieldset className="span-all">
          <legend>Unlock with</legend>
          <label className="check">
            <input type="radio" name="lockKind" checked={kind === 'pin'} onChange={() => setKind('pin')} /> A PIN (4–12
            digits)
          </label>
          <label className="check">
            <input
              type="radio"
              name="lockKind"
              checked={kind === 'passphrase'}
              onChange={() => setKind('passphrase')}
            />{' '}
            A passphrase (8 or more characters)
          </label>
        </fieldset>
        {s?.configured && (
          <Field label="Current PIN or passphrase" name="current" error={setSecret.error}>
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </Field>
        )}
        <Field
          label={s?.configured ? `New ${kind === 'pin' ? 'PIN' : 'passphrase'}` : kind === 'pin' ? 'PIN' : 'Passphrase'}
          name="secret"
          error={setSecret.error}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              inputMode={kind === 'pin' ? 'numeric' : undefined}
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <div className="span-all actions" style={{ justifyContent: 'flex-start' }}>
          <button type="submit" disabled={setSecret.isPending}>
            {s?.configured ? 'Change' : 'Turn on the lock'}
          </button>
          {s?.configured && (
            <button type="button" onClick={() => lockNow.mutate(undefined)}>
              Lock now
            </button>
          )}
        </div>
        <div className="span-all">
          <ErrorMessage error={setSecret.error ?? lockNow.error} />
          {setSecret.isSuccess && (
            <p role="status" className="notice">
              The app lock is on.
            </p>
          )}
        </div>
      </form>
      {s && (
        <form
          className="grid-form"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(new FormData(e.currentTarget).get('idleMinutes'));
            setIdle.mutate({ idleMinutes: n });
          }}
        >
          <Field label="Lock after (minutes without use)" name="idleMinutes" error={setIdle.error}>
            {(p) => <input {...p} type="number" min={1} max={240} defaultValue={s.idleMinutes} key={s.idleMinutes} />}
          </Field>
          <div className="span-all actions" style={{ justifyContent: 'flex-start' }}>
            <button type="submit">Save lock time</button>
          </div>
          <div className="span-all">
            <ErrorMessage error={setIdle.error} />
          </div>
        </form>
      )}
    </section>
  );
}
