import { useState } from 'react';
import type { SchoolYear } from '../../../shared/api/types';
import { useApi, useWrite } from '../api';
import { PeriodsEditor } from '../components/PeriodsEditor';
import { Confirm, Empty, ErrorMessage, Field, formValues, Modal } from '../components/ui';
import { ScheduleSettings } from '../features/schedule/ScheduleSettings';
import { fmtDate } from '../format';
import { Fold } from '../components/Fold';
import { localToday } from '../../../shared/domain/dates';

export function SchoolsPage() {
  const schools = useApi('listSchools');
  const [selected, setSelected] = useState<number | null>(null);
  const create = useWrite('createSchool', (s) => setSelected(s.id));
  const current = selected ?? schools.data?.[0]?.id ?? null;
  return (
    <section aria-labelledby="schools-title">
      <header className="page-head">
        <h1 id="schools-title">Schools &amp; calendars</h1>
      </header>
      <div className="split">
        <div className="panel narrow">
          <h2>Schools</h2>
          {schools.data?.length === 0 && <p className="muted">No schools yet.</p>}
          <ul className="school-list">
            {schools.data?.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  className={s.id === current ? 'select active' : 'select'}
                  aria-pressed={s.id === current}
                  onClick={() => setSelected(s.id)}
                >
                  {s.name} <span className="muted">· {s.studentCount} students</span>
                </button>
              </li>
            ))}
          </ul>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              create.mutate({ name: formValues(form)['name'] ?? '' }, { onSuccess: () => form.reset() });
            }}
          >
            <Field label="New school" name="name" error={create.error}>
              {(p) => <input {...p} placeholder="School name" />}
            </Field>
            <ErrorMessage error={create.error} />
            <button type="submit" className="primary">
              Add school
            </button>
          </form>
        </div>
        <div className="grow">
          {current != null && <SchoolCalendars schoolId={current} />}
          {current != null && <ScheduleSettings schoolId={current} />}
        </div>
      </div>
    </section>
  );
}

function SchoolCalendars({ schoolId }: { schoolId: number }) {
  const years = useApi('listSchoolYears', { id: schoolId });
  const schools = useApi('listSchools');
  const school = schools.data?.find((s) => s.id === schoolId);
  // A year just added or copied opens, ready for its holidays.
  const [added, setAdded] = useState<number | null>(null);
  const create = useWrite('createSchoolYear', (y) => setAdded(y.id));
  const copy = useWrite('copyCalendar', (y) => setAdded(y.id));
  const current = years.data ? currentYearId(years.data, localToday()) : null;
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const rename = useWrite('updateSchool', () => setRenaming(false));
  const del = useWrite('deleteSchool', () => setDeleting(false));
  const others = schools.data?.filter((s) => s.id !== schoolId) ?? [];
  return (
    <div className="panel" aria-labelledby="cal-title">
      <header className="section-head">
        <h2 id="cal-title">{school?.name}</h2>
        <div className="actions">
          <button type="button" onClick={() => setRenaming(true)}>
            Rename
          </button>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete…
          </button>
        </div>
      </header>
      {years.data?.length === 0 && (
        <Empty>No school year yet. Add the first and last instructional day, then the holidays and breaks.</Empty>
      )}
      {/* The year in session is open; the others fold to one line each, drawn when opened. */}
      {years.data?.map((y) => (
        <YearEditor key={y.id} year={y} open={y.id === current || y.id === added} />
      ))}
      {/* Setting up a year happens once a year: folded, unless the school has none yet. */}
      {years.data && (
        <Fold key={schoolId} summary={<h3>Add a school year</h3>} defaultOpen={years.data.length === 0}>
          {() => (
            <form
              className="grid-form"
              onSubmit={(e) => {
                e.preventDefault();
                const form = e.currentTarget;
                const v = formValues(form);
                create.mutate(
                  { schoolId, label: v['label'] ?? '', firstDay: v['firstDay'] ?? '', lastDay: v['lastDay'] ?? '' },
                  { onSuccess: () => form.reset() },
                );
              }}
            >
              <Field label="Label" name="label" error={create.error}>
                {(p) => <input {...p} placeholder="2026-27" />}
              </Field>
              <Field label="First instructional day" name="firstDay" error={create.error}>
                {(p) => <input {...p} type="date" />}
              </Field>
              <Field label="Last instructional day" name="lastDay" error={create.error}>
                {(p) => <input {...p} type="date" />}
              </Field>
              <div className="span-all">
                <ErrorMessage error={create.error} />
                <button type="submit" className="primary">
                  Add school year
                </button>
              </div>
            </form>
          )}
        </Fold>
      )}
      {others.length > 0 && (
        <Fold summary={<h3>Copy a calendar from another school</h3>}>
          {() => (
            <>
              <CopyCalendar
                others={others}
                onCopy={(fromSchoolYearId) => copy.mutate({ fromSchoolYearId, toSchoolId: schoolId })}
              />
              <ErrorMessage error={copy.error} />
            </>
          )}
        </Fold>
      )}
      <Modal title="Rename school" open={renaming} onClose={() => setRenaming(false)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rename.mutate({ id: schoolId, name: formValues(e.currentTarget)['name'] ?? '' });
          }}
        >
          <Field label="Name" name="name" error={rename.error}>
            {(p) => <input {...p} defaultValue={school?.name} autoFocus />}
          </Field>
          <ErrorMessage error={rename.error} />
          <div className="actions">
            <button type="submit" className="primary">
              Save
            </button>
          </div>
        </form>
      </Modal>
      <Confirm
        open={deleting}
        title={`Delete ${school?.name ?? 'school'}?`}
        message="The school and its calendars are removed. A school that still has students cannot be deleted."
        confirmLabel="Delete school"
        onConfirm={() => del.mutate({ id: schoolId })}
        onClose={() => setDeleting(false)}
        busy={del.isPending}
        error={del.error}
      />
    </div>
  );
}

function CopyCalendar({
  others,
  onCopy,
}: {
  others: { id: number; name: string }[];
  onCopy: (yearId: number) => void;
}) {
  const [from, setFrom] = useState(others[0]!.id);
  const years = useApi('listSchoolYears', { id: from });
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const y = Number(new FormData(e.currentTarget).get('year'));
        if (y) onCopy(y);
      }}
    >
      <label>
        From school{' '}
        <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
          {others.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        School year{' '}
        <select name="year">
          {years.data?.map((y) => (
            <option key={y.id} value={y.id}>
              {y.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Copy calendar</button>
    </form>
  );
}

/** The school year in session today, else the next to start, else the latest. */
function currentYearId(years: readonly SchoolYear[], today: string): number | null {
  const now = years.find((y) => y.firstDay <= today && today <= y.lastDay);
  if (now) return now.id;
  const next = years.filter((y) => y.firstDay > today).sort((a, b) => a.firstDay.localeCompare(b.firstDay))[0];
  if (next) return next.id;
  return [...years].sort((a, b) => b.lastDay.localeCompare(a.lastDay))[0]?.id ?? null;
}

function YearEditor({ year, open }: { year: SchoolYear; open: boolean }) {
  return (
    <Fold
      className="year"
      testId={`year-${year.label}`}
      defaultOpen={open}
      summary={
        <h3>
          {year.label}: {fmtDate(year.firstDay)} – {fmtDate(year.lastDay)}{' '}
          <span className="muted">
            · {year.instructionalDays} instructional days · {year.closures.length} closure
            {year.closures.length === 1 ? '' : 's'}
          </span>
        </h3>
      }
    >
      {() => <YearBody year={year} />}
    </Fold>
  );
}

function YearBody({ year }: { year: SchoolYear }) {
  const add = useWrite('addClosure');
  const remove = useWrite('deleteClosure');
  const delYear = useWrite('deleteSchoolYear');
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <div className="split">
        <div className="grow">
          <h4>Holidays and breaks</h4>
          {year.closures.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="closures">
              {year.closures.map((c) => (
                <li key={c.id}>
                  <span>
                    {fmtDate(c.startDate)}
                    {c.endDate !== c.startDate && ` – ${fmtDate(c.endDate)}`}
                  </span>{' '}
                  <b>{c.label}</b>
                  <button
                    type="button"
                    className="link danger"
                    aria-label={`Remove ${c.label}`}
                    onClick={() => remove.mutate({ id: c.id })}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const form = e.currentTarget;
              const v = formValues(form);
              add.mutate(
                {
                  schoolYearId: year.id,
                  startDate: v['startDate'] ?? '',
                  endDate: v['endDate'] ?? undefined,
                  label: v['label'] ?? '',
                },
                {
                  onSuccess: () => {
                    form.reset();
                    (form.elements.namedItem('startDate') as HTMLInputElement | null)?.focus();
                  },
                },
              );
            }}
          >
            <Field label="From" name="startDate" error={add.error}>
              {(p) => <input {...p} type="date" required />}
            </Field>
            <Field label="To (optional)" name="endDate" error={add.error}>
              {(p) => <input {...p} type="date" />}
            </Field>
            <Field label="Label" name="label" error={add.error}>
              {(p) => <input {...p} placeholder="Winter break" required />}
            </Field>
            <button type="submit">Add</button>
          </form>
          <ErrorMessage error={add.error} />
        </div>
        <div className="narrow">
          <PeriodsEditor year={year} />
          <p>
            <button type="button" className="link danger" onClick={() => setConfirm(true)}>
              Delete year {year.label}
            </button>
          </p>
        </div>
      </div>
      <Confirm
        open={confirm}
        title={`Delete school year ${year.label}?`}
        message="Its holidays, breaks and reporting periods are removed. Minutes owed in that year will count no instructional days."
        confirmLabel="Delete school year"
        onConfirm={() => delYear.mutate({ id: year.id })}
        onClose={() => setConfirm(false)}
        busy={delYear.isPending}
        error={delYear.error}
      />
    </>
  );
}
