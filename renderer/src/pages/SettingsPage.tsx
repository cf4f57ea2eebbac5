import { UNIT_RULES, UNIT_RULE_CHOICES, type UnitRule } from '../../../shared/domain/medicaid';
import { useState } from 'react';
import { ATTENDANCE_CODES, ATTENDANCE_LABELS, type MissCode } from '../../../shared/domain/codes';
import { useApi, useWrite } from '../api';
import { ErrorMessage, Field, formValues, Loading } from '../components/ui';
import { setThemePref, themePref, type ThemePref } from '../theme';
import { LockSettings } from '../features/lock/LockSettings';
import '../features/settings/settings.css';

export function SettingsPage() {
  const settings = useApi('getSettings');
  const state = useApi('getAppState');
  const save = useWrite('updateSettings');
  if (!settings.data) return <Loading />;
  const s = settings.data;
  return (
    <section aria-labelledby="settings-title">
      <header className="page-head">
        <h1 id="settings-title">Settings</h1>
      </header>
      <form
        className="panel grid-form"
        onSubmit={(e) => {
          e.preventDefault();
          const v = formValues(e.currentTarget);
          const fd = new FormData(e.currentTarget);
          save.mutate({
            providerName: v['providerName'] ?? '',
            credentials: v['credentials'] ?? '',
            district: v['district'] ?? '',
            npi: v['npi'] ?? '',
            medicaidUnits: (v['medicaidUnits'] ?? 'fifteen_minute') as UnitRule,
            complianceThreshold: Number(v['complianceThreshold'] ?? 90) / 100,
            contractedWeeklyMinutes: Number(v['contractedWeeklyMinutes'] ?? 2400),
            prorateShortWeeks: fd.get('prorateShortWeeks') === 'on',
            makeupCodes: fd.getAll('makeupCodes').map(String) as MissCode[],
            progressCodes: String(fd.get('progressCodes') ?? '')
              .split('\n')
              .map((c) => c.trim())
              .filter(Boolean),
          });
        }}
      >
        <h2 className="span-all">Provider profile</h2>
        <Field label="Your name" name="providerName" error={save.error}>
          {(p) => <input {...p} defaultValue={s.providerName} autoFocus />}
        </Field>
        <Field label="Credentials" name="credentials" error={save.error} hint="e.g. OTR/L or COTA/L">
          {(p) => <input {...p} defaultValue={s.credentials} />}
        </Field>
        <Field label="District" name="district" error={save.error}>
          {(p) => <input {...p} defaultValue={s.district} />}
        </Field>
        <Field label="NPI (for Medicaid logs)" name="npi" error={save.error}>
          {(p) => <input {...p} defaultValue={s.npi} inputMode="numeric" />}
        </Field>
        <Field label="Medicaid units" name="medicaidUnits" error={save.error} hint="As your district bills">
          {(p) => (
            <select {...p} defaultValue={s.medicaidUnits}>
              {UNIT_RULES.map((r) => (
                <option key={r} value={r}>
                  {UNIT_RULE_CHOICES[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <h2 className="span-all">Minutes rules</h2>
        <Field label="Behind when under (%)" name="complianceThreshold" error={save.error}>
          {(p) => (
            <input {...p} type="number" min={50} max={100} defaultValue={Math.round(s.complianceThreshold * 100)} />
          )}
        </Field>
        <Field
          label="Contracted minutes per week"
          name="contractedWeeklyMinutes"
          error={save.error}
          hint="The workload summary on the week screen counts against it (2400 = 40 hours)."
        >
          {(p) => <input {...p} type="number" min={60} max={4800} step={15} defaultValue={s.contractedWeeklyMinutes} />}
        </Field>
        <div className="field">
          <label>
            <input type="checkbox" name="prorateShortWeeks" defaultChecked={s.prorateShortWeeks} /> Prorate short weeks
          </label>
          <small className="hint">
            On: a week with a holiday owes 4/5 of the weekly minutes. Off (default): the full amount.
          </small>
        </div>
        <fieldset className="span-all">
          <legend>Misses that owe a makeup</legend>
          {ATTENDANCE_CODES.filter((c) => c !== 'present').map((c) => (
            <label key={c} className="check">
              <input type="checkbox" name="makeupCodes" value={c} defaultChecked={s.makeupCodes.includes(c)} />{' '}
              {ATTENDANCE_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <div className="span-all">
          <Field
            label="Progress codes (one per line, in order: met, sufficient, some, none, not introduced)"
            name="progressCodes"
            error={save.error}
          >
            {(p) => <textarea {...p} rows={5} defaultValue={s.progressCodes.join('\n')} />}
          </Field>
        </div>
        <div className="span-all">
          <ErrorMessage error={save.error} />
          {save.isSuccess && (
            <p role="status" className="notice">
              Settings saved.
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>
              Save settings
            </button>
          </div>
        </div>
      </form>
      <AppearancePanel />
      <section className="panel" aria-labelledby="data-title">
        <h2 id="data-title">Your data</h2>
        <p>
          Everything is stored on this computer in <code>{state.data?.dataPath}</code> (data version{' '}
          {state.data?.schemaVersion}). Caseload never sends it anywhere.
        </p>
      </section>
      <LockSettings />
    </section>
  );
}

function AppearancePanel() {
  const [theme, setTheme] = useState<ThemePref>(themePref);
  return (
    <section className="panel" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <Field label="Theme" name="theme" hint="Kept on this computer; applies at once">
        {(p) => (
          <select
            {...p}
            value={theme}
            onChange={(e) => {
              const v = e.target.value as ThemePref;
              setTheme(v);
              setThemePref(v);
            }}
          >
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        )}
      </Field>
    </section>
  );
}
