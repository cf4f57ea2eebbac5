import { useState } from 'react';
import type { SchoolSchedule } from '../../../../shared/api/types-schedule';
import { useApi, useWrite } from '../../api';
import { Fold } from '../../components/Fold';
import { ErrorMessage, Field } from '../../components/ui';

/**
 * A school's schedule settings (colour, school day, rotation) and the travel table, in Schools &
 * calendars: set up once, so folded to their heading until opened (Enter or a click).
 */
export function ScheduleSettings({ schoolId }: { schoolId: number }) {
  return (
    <Fold className="panel" summary={<h2 id="sched-title">Schedule settings: colour, school day, rotation, travel</h2>}>
      {() => <ScheduleSettingsBody schoolId={schoolId} />}
    </Fold>
  );
}

function ScheduleSettingsBody({ schoolId }: { schoolId: number }) {
  const setup = useApi('getScheduleSetup');
  const s = setup.data?.schools.find((x) => x.schoolId === schoolId);
  if (!setup.data || !s) return null;
  return (
    <>
      <SchoolScheduleForm key={s.schoolId} s={s} />
      <TravelTable schoolId={schoolId} />
    </>
  );
}

function SchoolScheduleForm({ s }: { s: SchoolSchedule }) {
  const [colour, setColour] = useState(s.colour);
  const [dayStart, setDayStart] = useState(s.dayStart);
  const [dayEnd, setDayEnd] = useState(s.dayEnd);
  const [names, setNames] = useState(s.rotation?.names.join(', ') ?? '');
  const [day1, setDay1] = useState(s.rotation?.day1 ?? '');
  const save = useWrite('setSchoolSchedule');
  const list = names
    .split(/[,/]/)
    .map((n) => n.trim())
    .filter(Boolean);
  return (
    <form
      className="grid-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          schoolId: s.schoolId,
          colour,
          dayStart,
          dayEnd,
          rotation: list.length ? { names: list, day1 } : null,
        });
      }}
    >
      <Field label="Colour" name="colour" error={save.error}>
        {(p) => <input {...p} type="color" value={colour} onChange={(e) => setColour(e.target.value)} />}
      </Field>
      <Field label="School day starts" name="dayStart" error={save.error}>
        {(p) => <input {...p} type="time" value={dayStart} onChange={(e) => setDayStart(e.target.value)} />}
      </Field>
      <Field label="School day ends" name="dayEnd" error={save.error}>
        {(p) => <input {...p} type="time" value={dayEnd} onChange={(e) => setDayEnd(e.target.value)} />}
      </Field>
      <Field
        label="Rotation days (empty: none)"
        name="rotation.names"
        error={save.error}
        hint="e.g. A, B or 1, 2, 3, 4, 5, 6"
      >
        {(p) => <input {...p} value={names} onChange={(e) => setNames(e.target.value)} />}
      </Field>
      <Field
        label="Day 1 of the rotation"
        name="rotation.day1"
        error={save.error}
        hint="An instructional date; closures do not advance the rotation."
      >
        {(p) => (
          <input {...p} type="date" value={day1} onChange={(e) => setDay1(e.target.value)} disabled={!list.length} />
        )}
      </Field>
      <ErrorMessage error={save.error} />
      <div className="span-all">
        <button type="submit" className="primary">
          Save schedule settings
        </button>
        {save.isSuccess && <span role="status"> Saved.</span>}
      </div>
    </form>
  );
}

function TravelTable({ schoolId }: { schoolId: number }) {
  const setup = useApi('getScheduleSetup');
  const save = useWrite('setTravel');
  const others = setup.data?.schools.filter((x) => x.schoolId !== schoolId) ?? [];
  const row = (other: number) =>
    setup.data?.travel.find(
      (t) => (t.schoolA === schoolId && t.schoolB === other) || (t.schoolB === schoolId && t.schoolA === other),
    );
  if (others.length === 0) return null;
  return (
    <>
      <h3>Travel to other schools</h3>
      <table className="table">
        <thead>
          <tr>
            <th>To</th>
            <th>Minutes</th>
            <th>Miles</th>
            <th>
              <span className="sr-only">Save</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {others.map((o) => {
            const t = row(o.schoolId);
            return (
              <tr key={`${o.schoolId}-${t?.minutes ?? ''}-${t?.miles ?? ''}`}>
                <td>{o.school}</td>
                <td colSpan={3}>
                  <form
                    className="inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const f = new FormData(e.currentTarget);
                      const miles = String(f.get('miles') ?? '').trim();
                      save.mutate({
                        schoolA: schoolId,
                        schoolB: o.schoolId,
                        minutes: Number(f.get('minutes')),
                        miles: miles === '' ? null : Number(miles),
                      });
                    }}
                  >
                    <input
                      name="minutes"
                      type="number"
                      min={0}
                      max={240}
                      defaultValue={t?.minutes ?? ''}
                      aria-label={`Travel minutes to ${o.school}`}
                      required
                    />
                    <input
                      name="miles"
                      type="number"
                      min={0}
                      step="0.1"
                      defaultValue={t?.miles ?? ''}
                      aria-label={`Miles to ${o.school}`}
                    />
                    <button type="submit">Save</button>
                  </form>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorMessage error={save.error} />
    </>
  );
}
