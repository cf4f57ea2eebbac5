import { useState } from 'react';
import type { WorkBlock } from '../../../../shared/api/types-workload';
import { localToday } from '../../../../shared/domain/dates';
import { WEEKDAY_NAMES } from '../../../../shared/domain/schedule';
import { BLOCK_KINDS, BLOCK_LABELS, type BlockKind } from '../../../../shared/domain/workload';
import { useApi, useWrite } from '../../api';
import { ErrorMessage, Field } from '../../components/ui';

/**
 * Add a non-student block (an evaluation, IEP meeting, documentation, lunch…), once or every week, or
 * change one: a weekly block changed from a later date keeps the weeks before as they were.
 */
export function BlockForm({
  block,
  date,
  onDone,
}: {
  block?: WorkBlock | undefined;
  /** The day a new block starts on (the week on view). */
  date: string;
  onDone: () => void;
}) {
  const setup = useApi('getScheduleSetup');
  const [kind, setKind] = useState<BlockKind>(block?.kind ?? 'documentation');
  const [schoolId, setSchoolId] = useState<number>(block?.schoolId ?? 0);
  const [startTime, setStartTime] = useState(block?.startTime ?? '12:00');
  const [endTime, setEndTime] = useState(block?.endTime ?? '12:30');
  const [weekly, setWeekly] = useState(block?.recurrence.kind === 'weekdays');
  const [once, setOnce] = useState(block?.recurrence.kind === 'once' ? block.recurrence.date : date);
  const [days, setDays] = useState<number[]>(block?.recurrence.kind === 'weekdays' ? block.recurrence.days : []);
  const [startDate, setStartDate] = useState(block?.startDate ?? date);
  const [endDate, setEndDate] = useState(block?.recurrence.kind === 'weekdays' ? (block.endDate ?? '') : '');
  const [note, setNote] = useState(block?.note ?? '');
  const [from, setFrom] = useState(localToday());
  const create = useWrite('createBlock', onDone);
  const change = useWrite('changeBlock', onDone);
  const del = useWrite('deleteBlock', onDone);
  const error = create.error ?? change.error ?? del.error;
  const fields = {
    kind,
    schoolId: schoolId || null,
    startTime,
    endTime,
    recurrence: weekly
      ? { kind: 'weekdays' as const, days: [...days].sort((a, b) => a - b) }
      : { kind: 'once' as const, date: once },
    startDate: weekly ? startDate : null,
    endDate: weekly ? endDate || null : null,
    note: note || null,
  };
  const laterFrom = !!block && block.recurrence.kind === 'weekdays' && weekly && from > block.startDate;
  return (
    <form
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (block) change.mutate({ id: block.id, from: laterFrom ? from : null, ...fields });
        else create.mutate(fields);
      }}
    >
      <Field label="Kind" name="kind" error={error}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value as BlockKind)} autoFocus>
            {BLOCK_KINDS.map((k) => (
              <option key={k} value={k}>
                {BLOCK_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="School (optional)" name="schoolId" error={error} hint="Travel is counted to and from it.">
        {(p) => (
          <select {...p} value={schoolId} onChange={(e) => setSchoolId(Number(e.target.value))}>
            <option value={0}>No school</option>
            {(setup.data?.schools ?? []).map((s) => (
              <option key={s.schoolId} value={s.schoolId}>
                {s.school}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Starts" name="startTime" error={error}>
        {(p) => <input {...p} type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />}
      </Field>
      <Field label="Ends" name="endTime" error={error}>
        {(p) => <input {...p} type="time" value={endTime} onChange={(e) => setEndTime(e.target.value)} />}
      </Field>
      <fieldset className="span-all">
        <legend>When</legend>
        <label>
          <input type="radio" name="when" checked={!weekly} onChange={() => setWeekly(false)} /> Once
        </label>{' '}
        <label>
          <input type="radio" name="when" checked={weekly} onChange={() => setWeekly(true)} /> Every week
        </label>
        {weekly ? (
          <div className="day-picks" role="group" aria-label="Weekdays">
            {WEEKDAY_NAMES.map((n, i) => (
              <label key={n}>
                <input
                  type="checkbox"
                  checked={days.includes(i)}
                  onChange={() => setDays((d) => (d.includes(i) ? d.filter((x) => x !== i) : [...d, i]))}
                />{' '}
                {n}
              </label>
            ))}
          </div>
        ) : (
          <div>
            <label>
              Date <input type="date" value={once} onChange={(e) => setOnce(e.target.value)} />
            </label>
          </div>
        )}
      </fieldset>
      {weekly && (
        <>
          <Field label="First date" name="startDate" error={error}>
            {(p) => <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />}
          </Field>
          <Field label="Last date (optional)" name="endDate" error={error}>
            {(p) => <input {...p} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />}
          </Field>
        </>
      )}
      <div className="span-all">
        <Field label="Note (optional)" name="note" error={error}>
          {(p) => (
            <input {...p} value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. annual review" />
          )}
        </Field>
      </div>
      {block?.recurrence.kind === 'weekdays' && weekly && (
        <Field
          label="Changes take effect from"
          name="from"
          error={error}
          hint="Earlier weeks keep the block as it was; on or before its first date it is corrected."
        >
          {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
      )}
      <ErrorMessage error={error} />
      <div className="span-all actions">
        <button type="submit" className="primary" disabled={create.isPending || change.isPending}>
          {block ? (laterFrom ? `Save changes from ${from}` : 'Save changes') : 'Add block'}
        </button>
        {block && (
          <button type="button" className="danger" onClick={() => del.mutate({ id: block.id })}>
            Delete the block
          </button>
        )}
      </div>
    </form>
  );
}
