import { useState } from 'react';
import type { Slot } from '../../../../shared/api/types-schedule';
import { SETTINGS, SETTING_LABELS, type Setting } from '../../../../shared/domain/codes';
import { localToday } from '../../../../shared/domain/dates';
import { WEEKDAY_NAMES } from '../../../../shared/domain/schedule';
import { useApi, useWrite } from '../../api';
import { ErrorMessage, Field } from '../../components/ui';

type Kind = 'weekdays' | 'rotation' | 'once';

/** Create a slot, or change one from a date (the past stays as it was), end it, and move students in and out. */
export function SlotForm({ slot, onDone }: { slot?: Slot | undefined; onDone: () => void }) {
  const setup = useApi('getScheduleSetup');
  const students = useApi('listStudents', { status: 'active' });
  const [schoolId, setSchoolId] = useState<number>(slot?.schoolId ?? 0);
  const [label, setLabel] = useState(slot?.label ?? '');
  const [startTime, setStartTime] = useState(slot?.startTime ?? '09:00');
  const [endTime, setEndTime] = useState(slot?.endTime ?? '09:30');
  const [setting, setSetting] = useState<Setting>(slot?.setting ?? 'pull_out');
  const [grouping, setGrouping] = useState<'individual' | 'group'>(slot?.grouping ?? 'group');
  const [kind, setKind] = useState<Kind>(slot?.recurrence.kind ?? 'weekdays');
  const [days, setDays] = useState<number[]>(slot && slot.recurrence.kind !== 'once' ? slot.recurrence.days : []);
  const [once, setOnce] = useState(slot?.recurrence.kind === 'once' ? slot.recurrence.date : localToday());
  const [startDate, setStartDate] = useState(slot?.startDate ?? localToday());
  const [endDate, setEndDate] = useState(slot?.endDate ?? '');
  const [from, setFrom] = useState(localToday());
  const [picked, setPicked] = useState<number[]>([]);
  const create = useWrite('createSlot', onDone);
  const change = useWrite('changeSlot', onDone);
  const end = useWrite('endSlot', onDone);
  const add = useWrite('addSlotStudent');
  const remove = useWrite('removeSlotStudent');
  const schools = setup.data?.schools ?? [];
  const school = schools.find((s) => s.schoolId === (schoolId || schools[0]?.schoolId));
  const sid = school?.schoolId ?? 0;
  const rotation = school?.rotation;
  const here = (students.data ?? []).filter((s) => s.schoolId === sid);
  const members = slot?.students.filter((m) => !m.endDate || m.endDate >= from) ?? [];
  const recurrence = kind === 'once' ? { kind, date: once } : { kind, days: [...days].sort((a, b) => a - b) };
  const names = kind === 'rotation' ? (rotation?.names ?? []) : [...WEEKDAY_NAMES];
  const error = create.error ?? change.error ?? end.error ?? add.error ?? remove.error;
  const toggle = (list: number[], v: number) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const fields = {
    label: label || null,
    startTime,
    endTime,
    setting,
    grouping,
    startDate: kind === 'once' ? once : startDate,
    endDate: kind === 'once' ? once : endDate || null,
    recurrence,
  };
  return (
    <form
      className="grid-form slot-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (slot) change.mutate({ id: slot.id, from, ...fields });
        else create.mutate({ schoolId: sid, ...fields, studentIds: picked });
      }}
    >
      <Field label="School" name="schoolId" error={error}>
        {(p) => (
          <select {...p} value={sid} disabled={!!slot} onChange={(e) => setSchoolId(Number(e.target.value))} autoFocus>
            {schools.map((s) => (
              <option key={s.schoolId} value={s.schoolId}>
                {s.school}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Label (optional)" name="label" error={error}>
        {(p) => (
          <input {...p} value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. 2nd grade group" />
        )}
      </Field>
      <Field label="Starts" name="startTime" error={error}>
        {(p) => <input {...p} type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />}
      </Field>
      <Field label="Ends" name="endTime" error={error}>
        {(p) => <input {...p} type="time" value={endTime} onChange={(e) => setEndTime(e.target.value)} />}
      </Field>
      <Field label="Setting" name="setting" error={error}>
        {(p) => (
          <select {...p} value={setting} onChange={(e) => setSetting(e.target.value as Setting)}>
            {SETTINGS.map((s) => (
              <option key={s} value={s}>
                {SETTING_LABELS[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Grouping" name="grouping" error={error}>
        {(p) => (
          <select {...p} value={grouping} onChange={(e) => setGrouping(e.target.value as 'individual' | 'group')}>
            <option value="individual">Individual</option>
            <option value="group">Group</option>
          </select>
        )}
      </Field>
      <fieldset className="span-all">
        <legend>Recurs</legend>
        <label>
          <input
            type="radio"
            name="kind"
            checked={kind === 'weekdays'}
            onChange={() => (setKind('weekdays'), setDays([]))}
          />{' '}
          On weekdays
        </label>{' '}
        <label>
          <input
            type="radio"
            name="kind"
            checked={kind === 'rotation'}
            disabled={!rotation}
            onChange={() => (setKind('rotation'), setDays([]))}
          />{' '}
          On rotation days{rotation ? ` (${rotation.names.join('/')})` : ' (set a rotation for the school first)'}
        </label>{' '}
        <label>
          <input type="radio" name="kind" checked={kind === 'once'} onChange={() => setKind('once')} /> Once
        </label>
        {kind === 'once' ? (
          <div>
            <label>
              Date <input type="date" value={once} onChange={(e) => setOnce(e.target.value)} />
            </label>
          </div>
        ) : (
          <div className="day-picks" role="group" aria-label={kind === 'rotation' ? 'Rotation days' : 'Weekdays'}>
            {names.map((n, i) => (
              <label key={n}>
                <input type="checkbox" checked={days.includes(i)} onChange={() => setDays((d) => toggle(d, i))} /> {n}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      {kind !== 'once' && (
        <>
          <Field label="First date" name="startDate" error={error}>
            {(p) => <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />}
          </Field>
          <Field label="Last date (optional)" name="endDate" error={error}>
            {(p) => <input {...p} type="date" value={endDate} onChange={(e) => setEndDate(e.target.value)} />}
          </Field>
        </>
      )}
      {slot ? (
        <>
          <Field
            label="Changes take effect from"
            name="from"
            error={error}
            hint="Earlier sessions keep the slot as it was."
          >
            {(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}
          </Field>
          <div className="span-all">
            <h3>Students from {from}</h3>
            <ul className="plain">
              {members.map((m) => (
                <li key={`${m.studentId}-${m.startDate}`}>
                  {m.name} <span className="muted">since {m.startDate}</span>{' '}
                  <button
                    type="button"
                    onClick={() => remove.mutate({ slotId: slot.id, studentId: m.studentId, from })}
                  >
                    Remove from {from}
                  </button>
                </li>
              ))}
            </ul>
            <label>
              Add a student from {from}{' '}
              <select
                value=""
                onChange={(e) =>
                  e.target.value && add.mutate({ slotId: slot.id, studentId: Number(e.target.value), from })
                }
              >
                <option value="">Choose…</option>
                {here
                  .filter((s) => !members.some((m) => m.studentId === s.id))
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.firstName} {s.lastName}
                    </option>
                  ))}
              </select>
            </label>
          </div>
        </>
      ) : (
        <fieldset className="span-all">
          <legend>Students at {school?.school ?? 'the school'}</legend>
          <div className="day-picks">
            {here.map((s) => (
              <label key={s.id}>
                <input
                  type="checkbox"
                  checked={picked.includes(s.id)}
                  onChange={() => setPicked((p) => toggle(p, s.id))}
                />{' '}
                {s.firstName} {s.lastName}
              </label>
            ))}
            {here.length === 0 && <span className="muted">No active students at this school.</span>}
          </div>
        </fieldset>
      )}
      <ErrorMessage error={error} />
      <div className="span-all actions">
        <button type="submit" className="primary">
          {slot ? `Save changes from ${from}` : 'Add slot'}
        </button>
        {slot && (
          <button type="button" onClick={() => end.mutate({ id: slot.id, lastDate: from })}>
            End the slot after {from}
          </button>
        )}
      </div>
    </form>
  );
}
