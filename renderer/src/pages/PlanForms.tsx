import { useRef, useState } from 'react';
import type { Goal, Plan, ServiceLine } from '../../../shared/api/types';
import { GOAL_AREAS, INTERVAL_LABELS, MEASUREMENT_LABELS, MEASUREMENTS } from '../../../shared/domain/codes';
import { localToday } from '../../../shared/domain/dates';
import { useWrite } from '../api';
import { ErrorMessage, Field, formValues, num } from '../components/ui';
import { useFormDraft, useRequestClose } from '../drafts';

function FormActions({
  onCancel,
  busy,
  label,
  error,
}: {
  onCancel: () => void;
  busy: boolean;
  label: string;
  error: unknown;
}) {
  const requestClose = useRequestClose();
  return (
    <div className="span-all">
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="button" onClick={requestClose ?? onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {label}
        </button>
      </div>
    </div>
  );
}

export function PlanForm({ studentId, plan, onDone }: { studentId: number; plan?: Plan; onDone: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const draft = useFormDraft(`plan:${plan ? plan.id : `new:${studentId}`}`, form);
  const done = () => {
    draft.discard();
    onDone();
  };
  const create = useWrite('createPlan', done);
  const update = useWrite('updatePlan', done);
  const m = plan ? update : create;
  return (
    <form
      ref={form}
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const input = {
          kind: (v['kind'] ?? 'IEP') as 'IEP' | '504',
          startDate: v['startDate'] ?? '',
          endDate: v['endDate'] ?? '',
          meetingDate: v['meetingDate'],
          reevalDueDate: v['reevalDueDate'],
          lastEvalDate: v['lastEvalDate'],
          medicaidConsentExpires: v['medicaidConsentExpires'],
        };
        if (plan) update.mutate({ ...input, id: plan.id });
        else create.mutate({ ...input, studentId });
      }}
    >
      <Field label="Plan" name="kind" error={m.error}>
        {(p) => (
          <select {...p} defaultValue={plan?.kind ?? 'IEP'}>
            <option value="IEP">IEP</option>
            <option value="504">504 plan</option>
          </select>
        )}
      </Field>
      <Field label="IEP start date" name="startDate" error={m.error}>
        {(p) => <input {...p} type="date" defaultValue={plan?.startDate} required />}
      </Field>
      <Field label="IEP end date (annual review due)" name="endDate" error={m.error}>
        {(p) => <input {...p} type="date" defaultValue={plan?.endDate} required />}
      </Field>
      <Field label="Meeting date" name="meetingDate" error={m.error}>
        {(p) => <input {...p} type="date" defaultValue={plan?.meetingDate ?? ''} />}
      </Field>
      <Field label="Last evaluation" name="lastEvalDate" error={m.error}>
        {(p) => <input {...p} type="date" defaultValue={plan?.lastEvalDate ?? ''} />}
      </Field>
      <Field
        label="Re-evaluation due"
        name="reevalDueDate"
        error={m.error}
        hint="Leave empty to use 3 years after the last evaluation"
      >
        {(p) => <input {...p} type="date" defaultValue={plan?.reevalDueDate ?? ''} />}
      </Field>
      <Field label="Medicaid consent expires" name="medicaidConsentExpires" error={m.error}>
        {(p) => <input {...p} type="date" defaultValue={plan?.medicaidConsentExpires ?? ''} />}
      </Field>
      <FormActions onCancel={onDone} busy={m.isPending} label={plan ? 'Save IEP' : 'Add IEP'} error={m.error} />
    </form>
  );
}

export type LineMode =
  { kind: 'create'; plan: Plan } | { kind: 'correct'; line: ServiceLine } | { kind: 'amend'; line: ServiceLine };

export function LineForm({ mode, onDone }: { mode: LineMode; onDone: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const draft = useFormDraft(`line:${mode.kind}:${mode.kind === 'create' ? mode.plan.id : mode.line.id}`, form);
  const done = () => {
    draft.discard();
    onDone();
  };
  const create = useWrite('createServiceLine', done);
  const correct = useWrite('correctServiceLine', done);
  const amend = useWrite('amendServiceLine', done);
  const m = mode.kind === 'create' ? create : mode.kind === 'correct' ? correct : amend;
  const line = mode.kind === 'create' ? undefined : mode.line;
  const [grouping, setGrouping] = useState(line?.grouping ?? 'individual');
  const [amountKind, setAmountKind] = useState<'sessions' | 'total'>(
    line && line.sessionsCount == null ? 'total' : 'sessions',
  );
  return (
    <form
      ref={form}
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const base = {
          service: v['service'] ?? 'Occupational Therapy',
          providerRole: v['providerRole'] ?? '',
          setting: v['setting'] as 'push_in' | 'pull_out' | 'consult',
          grouping: v['grouping'] as 'individual' | 'group',
          maxGroupSize: v['grouping'] === 'group' ? num(v['maxGroupSize']) : null,
          interval: v['interval'] as 'week' | 'month' | 'year',
          minutes: amountKind === 'total' ? num(v['minutes']) : null,
          sessionsCount: amountKind === 'sessions' ? num(v['sessionsCount']) : null,
          minutesPerSession: amountKind === 'sessions' ? num(v['minutesPerSession']) : null,
        };
        if (mode.kind === 'create')
          create.mutate({
            ...base,
            planId: mode.plan.id,
            startDate: v['startDate'] ?? '',
            endDate: v['endDate'] ?? '',
          });
        else if (mode.kind === 'correct')
          correct.mutate({ ...base, id: mode.line.id, startDate: v['startDate'] ?? '', endDate: v['endDate'] ?? '' });
        else amend.mutate({ ...base, id: mode.line.id, effectiveFrom: v['effectiveFrom'] ?? '' });
      }}
    >
      {mode.kind === 'amend' && (
        <p className="span-all notice">
          The current line ends the day before the amendment; minutes owed before that date stay as the IEP said then.
        </p>
      )}
      <Field label="Service" name="service" error={m.error}>
        {(p) => <input {...p} defaultValue={line?.service ?? 'Occupational Therapy'} />}
      </Field>
      <Field label="Provider role" name="providerRole" error={m.error}>
        {(p) => <input {...p} defaultValue={line?.providerRole ?? 'OTR/L'} />}
      </Field>
      <Field label="Setting (delivery model)" name="setting" error={m.error}>
        {(p) => (
          <select {...p} defaultValue={line?.setting ?? 'pull_out'}>
            <option value="push_in">Push-in (in the classroom)</option>
            <option value="pull_out">Pull-out (separate room)</option>
            <option value="consult">Consult (indirect)</option>
          </select>
        )}
      </Field>
      <Field label="Grouping" name="grouping" error={m.error}>
        {(p) => (
          <select {...p} value={grouping} onChange={(e) => setGrouping(e.target.value as 'individual' | 'group')}>
            <option value="individual">Individual</option>
            <option value="group">Group</option>
          </select>
        )}
      </Field>
      {grouping === 'group' && (
        <Field label="Maximum group size" name="maxGroupSize" error={m.error}>
          {(p) => <input {...p} type="number" min={2} max={30} defaultValue={line?.maxGroupSize ?? 4} />}
        </Field>
      )}
      <Field label="Interval" name="interval" error={m.error}>
        {(p) => (
          <select {...p} defaultValue={line?.interval ?? 'week'}>
            {(['week', 'month', 'year'] as const).map((i) => (
              <option key={i} value={i}>
                {INTERVAL_LABELS[i]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="span-all inline">
        <legend>Amount as the IEP states it</legend>
        <label>
          <input
            type="radio"
            name="amountKind"
            checked={amountKind === 'sessions'}
            onChange={() => setAmountKind('sessions')}
          />{' '}
          sessions × minutes
        </label>
        <label>
          <input
            type="radio"
            name="amountKind"
            checked={amountKind === 'total'}
            onChange={() => setAmountKind('total')}
          />{' '}
          total minutes
        </label>
      </fieldset>
      {amountKind === 'sessions' ? (
        <>
          <Field label="Sessions per interval" name="sessionsCount" error={m.error}>
            {(p) => <input {...p} type="number" min={1} defaultValue={line?.sessionsCount ?? 2} />}
          </Field>
          <Field label="Minutes per session" name="minutesPerSession" error={m.error}>
            {(p) => <input {...p} type="number" min={1} defaultValue={line?.minutesPerSession ?? 30} />}
          </Field>
        </>
      ) : (
        <Field label="Minutes per interval" name="minutes" error={m.error}>
          {(p) => <input {...p} type="number" min={1} defaultValue={line?.minutes ?? 60} />}
        </Field>
      )}
      {mode.kind === 'amend' ? (
        <Field label="Amendment effective from" name="effectiveFrom" error={m.error}>
          {(p) => <input {...p} type="date" defaultValue={localToday()} required />}
        </Field>
      ) : (
        <>
          <Field label="Line starts" name="startDate" error={m.error}>
            {(p) => (
              <input
                {...p}
                type="date"
                defaultValue={line?.startDate ?? (mode.kind === 'create' ? mode.plan.startDate : '')}
                required
              />
            )}
          </Field>
          <Field label="Line ends" name="endDate" error={m.error}>
            {(p) => (
              <input
                {...p}
                type="date"
                defaultValue={line?.endDate ?? (mode.kind === 'create' ? mode.plan.endDate : '')}
                required
              />
            )}
          </Field>
        </>
      )}
      <FormActions
        onCancel={onDone}
        busy={m.isPending}
        label={
          mode.kind === 'create'
            ? 'Add service line'
            : mode.kind === 'amend'
              ? 'Amend from this date'
              : 'Save correction'
        }
        error={m.error}
      />
    </form>
  );
}

export function GoalForm({ planId, goal, onDone }: { planId: number; goal?: Goal; onDone: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const draft = useFormDraft(`goal:${goal ? goal.id : `new:${planId}`}`, form);
  const done = () => {
    draft.discard();
    onDone();
  };
  const create = useWrite('createGoal', done);
  const update = useWrite('updateGoal', done);
  const m = goal ? update : create;
  return (
    <form
      ref={form}
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        const input = {
          area: v['area'] ?? '',
          text: v['text'] ?? '',
          criterion: v['criterion'],
          baseline: v['baseline'],
          measurement: (v['measurement'] ?? 'trials') as Goal['measurement'],
          targetValue: num(v['targetValue']),
        };
        if (goal) update.mutate({ ...input, id: goal.id });
        else create.mutate({ ...input, planId });
      }}
    >
      <Field label="Area" name="area" error={m.error}>
        {(p) => (
          <select {...p} defaultValue={goal?.area ?? 'Fine motor'}>
            {GOAL_AREAS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label="How progress is measured" name="measurement" error={m.error}>
        {(p) => (
          <select {...p} defaultValue={goal?.measurement ?? 'trials'}>
            {MEASUREMENTS.map((x) => (
              <option key={x} value={x}>
                {MEASUREMENT_LABELS[x]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="span-all">
        <Field label="Goal" name="text" error={m.error}>
          {(p) => <textarea {...p} rows={3} defaultValue={goal?.text} required />}
        </Field>
      </div>
      <Field label="Criterion" name="criterion" error={m.error} hint="e.g. 80% accuracy in 4 of 5 trials">
        {(p) => <input {...p} defaultValue={goal?.criterion ?? ''} />}
      </Field>
      <Field
        label="Target level (number)"
        name="targetValue"
        error={m.error}
        hint="For trials or %, the percentage, e.g. 80"
      >
        {(p) => <input {...p} type="number" min={0} step="any" defaultValue={goal?.targetValue ?? ''} />}
      </Field>
      <Field label="Baseline" name="baseline" error={m.error}>
        {(p) => <input {...p} defaultValue={goal?.baseline ?? ''} />}
      </Field>
      <FormActions onCancel={onDone} busy={m.isPending} label={goal ? 'Save goal' : 'Add goal'} error={m.error} />
    </form>
  );
}
