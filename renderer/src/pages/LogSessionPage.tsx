import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Input } from '../../../shared/api/contract';
import type { Goal, Session, StudentDetail } from '../../../shared/api/types';
import {
  ATTENDANCE_CODES,
  ATTENDANCE_LABELS,
  type AttendanceCode,
  GROUPING_LABELS,
  GROUPINGS,
  type Grouping,
  PROMPT_LABELS,
  PROMPT_LEVELS,
  type PromptLevel,
  SETTINGS,
  SETTING_LABELS,
  type Setting,
} from '../../../shared/domain/codes';
import { addDays, localToday, minutesToTime, timeToMinutes } from '../../../shared/domain/dates';
import { call, errorOf, useApi, useWrite } from '../api';
import { Confirm, ErrorMessage, Field, Loading } from '../components/ui';
import { clearDraft, readDraft, writeDraft } from '../drafts';
import { useLeaveGuard } from '../leave-guard';
import { fmtDay, studentName } from '../format';
import { ATTENDANCE_KEYS } from '../shortcuts';

interface DataEntry {
  goalId: number;
  correct: string;
  total: string;
  value: string;
  prompt: PromptLevel | '';
}
interface Row {
  studentId: number;
  name: string;
  code: AttendanceCode;
  minutes: string;
  makeupFor: number[];
  goals: Goal[];
  data: DataEntry[];
  /** The student's own note (docs/domain.md: notes belong to one student). */
  note: string;
}

const CPT_CODES: Record<string, string> = {
  '97530': 'Therapeutic activities, one-to-one',
  '97150': 'Therapeutic procedures, group',
  '97110': 'Therapeutic exercise',
  '97112': 'Neuromuscular re-education',
  '97165': 'OT evaluation, low complexity',
  '97166': 'OT evaluation, moderate complexity',
  '97167': 'OT evaluation, high complexity',
  '97168': 'OT re-evaluation',
};

const LAST_KEY = 'caseload.lastSession';
interface Remembered {
  setting: Setting;
  grouping: Grouping;
  minutes: number;
}
function remembered(): Remembered {
  try {
    const v = JSON.parse(localStorage.getItem(LAST_KEY) ?? '{}') as Partial<Remembered>;
    return { setting: v.setting ?? 'pull_out', grouping: v.grouping ?? 'individual', minutes: v.minutes ?? 30 };
  } catch {
    return { setting: 'pull_out', grouping: 'individual', minutes: 30 };
  }
}
function nowTime() {
  const d = new Date();
  return minutesToTime(Math.floor((d.getHours() * 60 + d.getMinutes()) / 5) * 5);
}

function currentGoals(s: StudentDetail, date: string): Goal[] {
  const plan = s.plans.find((p) => p.startDate <= date && date <= p.endDate) ?? s.plans[0];
  return plan?.goals ?? [];
}

/** The first direct-service line in effect on the date gives the default setting and minutes. */
function lineDefaults(s: StudentDetail, date: string): { setting: Setting; minutes: number } | null {
  const lines = s.plans.flatMap((p) => p.lines).filter((l) => l.startDate <= date && date <= l.endDate);
  const line = lines.find((l) => l.setting !== 'consult') ?? lines[0];
  if (!line) return null;
  return { setting: line.setting, minutes: line.minutesPerSession ?? Math.min(line.minutes, 60) };
}

/** Moves focus to the next (or previous) focusable field of the form; false when there is none. */
function focusNext(form: HTMLElement, from: HTMLElement, step: 1 | -1) {
  const all = Array.from(
    form.querySelectorAll<HTMLElement>('input, select, textarea, button, summary, [tabindex]'),
  ).filter((el) => el.tabIndex >= 0 && !(el as HTMLInputElement).disabled && el.offsetParent !== null);
  const next = all[all.indexOf(from) + step];
  if (!next) return false;
  next.focus();
  return true;
}

/** The attendance control of the student after (or before) this one, for ↓ ↑ and Enter. */
function focusAttendance(from: HTMLElement, step: 1 | -1) {
  const all = Array.from(document.querySelectorAll<HTMLElement>('[data-attendance]'));
  const row = from.closest('.student-row');
  const i = all.findIndex((el) => el.closest('.student-row') === row);
  const next = all[i + step];
  if (next) next.focus();
  else if (step === 1) document.querySelector<HTMLElement>('.session-form textarea[name=note]')?.focus();
  return !!next;
}

export function LogSessionPage() {
  const { id } = useParams();
  const sessionId = id ? Number(id) : null;
  const existing = useApi('getSession', { id: sessionId ?? 0 }, sessionId != null);
  if (sessionId != null && existing.isPending) return <Loading />;
  if (sessionId != null && !existing.data) return <ErrorMessage error={existing.error} />;
  return <SessionForm key={sessionId ?? 'new'} session={existing.data} />;
}

interface SessionDraft {
  date: string;
  startTime: string;
  minutes: string;
  setting: Setting;
  grouping: Grouping;
  note: string;
  cptCode: string;
  nonSchool?: string | null;
  rows: Row[];
}

/** The time a new session starts by default: when the last one logged that day ended, else now. */
async function nextStartTime(date: string): Promise<string | null> {
  const sessions = await call('listSessions', { from: date, to: date, limit: 5000 });
  if (!sessions.length) return null;
  const end = Math.max(...sessions.map((x) => timeToMinutes(x.startTime) + x.minutes));
  return minutesToTime(Math.min(end, 23 * 60 + 55));
}

function SessionForm({ session }: { session?: Session | undefined }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [last] = useState(remembered);
  // A session started from a student's page is its own draft, apart from the general one.
  const draftKey = `session:${session ? session.id : `new${params.get('student') ? `:${params.get('student')}` : ''}`}`;
  const [draft] = useState(() => readDraft<SessionDraft>(draftKey));
  const [date, setDate] = useState(draft?.date ?? session?.date ?? localToday());
  const [startTime, setStartTime] = useState(draft?.startTime ?? session?.startTime ?? nowTime());
  const [minutes, setMinutes] = useState(draft?.minutes ?? String(session?.minutes ?? last.minutes));
  const [setting, setSetting] = useState<Setting>(draft?.setting ?? session?.setting ?? last.setting);
  const [grouping, setGrouping] = useState<Grouping>(draft?.grouping ?? session?.grouping ?? 'individual');
  const [note, setNote] = useState(draft?.note ?? session?.note ?? '');
  const [cptCode, setCptCode] = useState(draft?.cptCode ?? session?.cptCode ?? '');
  const [nonSchool, setNonSchool] = useState(draft?.nonSchool ?? session?.nonSchoolDayReason ?? null);
  const [askGroupOfOne, setAskGroupOfOne] = useState(false);
  const [rows, setRows] = useState<Row[]>(draft?.rows ?? []);
  const [restored, setRestored] = useState(!!draft);
  const touched = useRef({
    setting: !!session || !!draft,
    minutes: !!session || !!draft,
    grouping: !!session || !!draft,
    startTime: !!session || !!draft,
  });
  // Changes the person made (not the form filling itself in, as when a saved session loads): they are
  // the draft, and closing the window with them asks first.
  const edited = useRef(!!draft);
  // Every change is kept as the draft until the session is saved or the draft discarded.
  const changed = useRef(false);
  useEffect(() => {
    if (!changed.current) {
      changed.current = true;
      return;
    }
    if (!edited.current) return;
    writeDraft(draftKey, {
      date,
      startTime,
      minutes,
      setting,
      grouping,
      note,
      cptCode,
      nonSchool,
      rows,
    } satisfies SessionDraft);
  }, [draftKey, date, startTime, minutes, setting, grouping, note, cptCode, nonSchool, rows]);
  // A new session starts when the previous one logged that day ended.
  useEffect(() => {
    if (touched.current.startTime) return;
    let live = true;
    void nextStartTime(date).then((t) => {
      if (live && t && !touched.current.startTime) setStartTime(t);
    });
    return () => {
      live = false;
    };
  }, [date]);
  const discardDraft = () => {
    clearDraft(draftKey);
    setRestored(false);
    edited.current = false;
  };
  const markEdited = (e: { target: EventTarget }) => {
    if ((e.target as HTMLElement).closest('.draft-notice')) return;
    edited.current = true;
  };
  const isEdited = () => edited.current;
  // Leaving the screen or closing the window with changes asks first; "discard" throws the draft away.
  useLeaveGuard(session ? 'the session being edited' : 'the session form', isEdited, true, undefined, {
    discard: discardDraft,
  });
  const [saved, setSaved] = useState<Session | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const create = useWrite('createSession');
  const update = useWrite('updateSession');
  // Log with changes: the session of a planned occurrence (?slot=&date=), kept linked to it.
  const occurrence =
    !session && params.get('slot') ? { slotId: Number(params.get('slot')), date: params.get('date') ?? date } : null;
  const logOccurrence = useWrite('logOccurrence');
  // A deleted session leaves nothing to keep: going back does not ask.
  const del = useWrite('deleteSession', () => {
    discardDraft();
    void navigate(-1);
  });
  const m = session ? update : occurrence ? logOccurrence : create;

  const addStudent = async (studentId: number, preset?: Partial<Row>) => {
    if (rows.some((r) => r.studentId === studentId)) return;
    const s = await call('getStudent', { id: studentId });
    const row: Row = {
      studentId,
      name: studentName(s),
      code: 'present',
      minutes: '',
      makeupFor: [],
      goals: currentGoals(s, date),
      data: [],
      note: '',
      ...preset,
    };
    setRows((prev) => {
      const next = [...prev.filter((r) => r.studentId !== studentId), row];
      if (!touched.current.grouping) setGrouping(next.length > 1 ? 'group' : 'individual');
      return next;
    });
    if (!session && rows.length === 0) {
      const d = lineDefaults(s, date);
      if (d && !touched.current.setting) setSetting(d.setting);
      if (d && !touched.current.minutes) setMinutes(String(d.minutes));
    }
  };

  useEffect(() => {
    if (draft) return;
    if (session) {
      void Promise.all(
        session.students.map(async (st) => {
          const s = await call('getStudent', { id: st.studentId });
          return {
            studentId: st.studentId,
            name: st.name,
            code: st.code,
            minutes: st.minutes === session.minutes ? '' : String(st.minutes),
            makeupFor: st.makeupFor,
            note: st.note ?? '',
            goals: currentGoals(s, session.date),
            data: st.goalData.map((d) => ({
              goalId: d.goalId,
              correct: d.correct?.toString() ?? '',
              total: d.total?.toString() ?? '',
              value: d.value?.toString() ?? '',
              prompt: d.prompt ?? '',
            })),
          } satisfies Row;
        }),
      ).then(setRows);
    } else if (occurrence) {
      void call('getAgenda', { date: occurrence.date }).then(async (a) => {
        const o = [...a.occurrences, ...a.notLogged].find(
          (x) => x.slotId === occurrence.slotId && x.date === occurrence.date,
        );
        if (!o) return;
        touched.current = { setting: true, minutes: true, grouping: true, startTime: true };
        setDate(o.date);
        setStartTime(o.startTime);
        setMinutes(String(o.minutes));
        setSetting(o.setting);
        setGrouping(o.grouping);
        for (const st of o.students) await addStudent(st.studentId);
      });
    } else {
      const pre = Number(params.get('student'));
      const makeup = Number(params.get('makeup'));
      // From the makeups list: the student, with the miss to make up already ticked.
      if (pre) void addStudent(pre, makeup ? { makeupFor: [makeup] } : undefined);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const input = (): Input<'createSession'> => ({
    date,
    startTime,
    minutes: Number(minutes),
    setting,
    grouping,
    note: note || null,
    cptCode: cptCode || null,
    ...(nonSchool != null ? { nonSchoolDayReason: nonSchool || null } : {}),
    students: rows.map((r) => ({
      studentId: r.studentId,
      code: r.code,
      ...(r.note.trim() ? { note: r.note } : {}),
      ...(r.minutes ? { minutes: Number(r.minutes) } : {}),
      makeupFor: r.makeupFor,
      goalData:
        r.code === 'present'
          ? r.data
              .filter((d) => d.correct !== '' || d.total !== '' || d.value !== '')
              .map((d) => ({
                goalId: d.goalId,
                correct: d.correct === '' ? null : Number(d.correct),
                total: d.total === '' ? null : Number(d.total),
                value: d.value === '' ? null : Number(d.value),
                prompt: d.prompt || null,
              }))
          : [],
    })),
  });

  const submit = (checked: { groupOfOne?: boolean; finalReport?: boolean } = {}) => {
    if (grouping === 'group' && rows.length === 1 && !checked.groupOfOne) {
      setAskGroupOfOne(true);
      return;
    }
    setAskGroupOfOne(false);
    const value = input();
    const done = (s: Session) => {
      localStorage.setItem(LAST_KEY, JSON.stringify({ setting, grouping, minutes: Number(minutes) }));
      discardDraft();
      setSaved(s);
      if (session) {
        navigate(-1);
        return;
      }
      setRows([]);
      setNote('');
      setCptCode('');
      setNonSchool(null);
      setStartTime(minutesToTime(Math.min(timeToMinutes(startTime) + Number(minutes), 23 * 60 + 55)));
      touched.current = { setting: false, minutes: false, grouping: false, startTime: false };
      changed.current = false;
      document.getElementById('student-picker')?.focus();
    };
    if (session)
      update.mutate(
        { ...value, id: session.id, ...(checked.finalReport ? { confirmFinalReport: true } : {}) },
        { onSuccess: done },
      );
    else if (occurrence)
      logOccurrence.mutate(
        { ...occurrence, session: value },
        {
          onSuccess: () => {
            // Saved: going back does not ask.
            discardDraft();
            void navigate(-1);
          },
        },
      );
    else create.mutate(value, { onSuccess: done });
  };

  const patch = (studentId: number, p: Partial<Row>) =>
    setRows((prev) => prev.map((r) => (r.studentId === studentId ? { ...r, ...p } : r)));

  return (
    <section aria-labelledby="log-title">
      <header className="page-head">
        <h1 id="log-title">{session ? 'Edit session' : occurrence ? 'Log a planned session' : 'Log a session'}</h1>
        {session && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete session…
          </button>
        )}
      </header>
      <form
        className="session-form"
        onInput={markEdited}
        onChange={markEdited}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button, input[type=checkbox], input[type=radio]')) markEdited(e);
        }}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (!e.ctrlKey && !e.metaKey && !e.altKey && (e.key.length === 1 || e.key === 'Delete')) markEdited(e);
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          } else if (e.key === 'Tab' && !e.altKey && !e.ctrlKey) {
            // A date or time field is one Tab stop, not one per part.
            const t = e.target as HTMLInputElement;
            if (
              t.tagName === 'INPUT' &&
              /^(date|time)$/.test(t.type) &&
              focusNext(e.currentTarget, t, e.shiftKey ? -1 : 1)
            )
              e.preventDefault();
          }
        }}
      >
        {restored && (
          <p className="notice draft-notice">
            Your unsaved draft is back, as you left it.{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                discardDraft();
                navigate(0);
              }}
            >
              Discard the draft
            </button>
          </p>
        )}
        <div className="grid-form session-when">
          <Field label="Date" name="date" error={m.error}>
            {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} required />}
          </Field>
          <Field label="Start time" name="startTime" error={m.error}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={startTime}
                onChange={(e) => {
                  touched.current.startTime = true;
                  setStartTime(e.target.value);
                }}
                required
              />
            )}
          </Field>
          <Field label="Minutes" name="minutes" error={m.error}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={600}
                value={minutes}
                onChange={(e) => {
                  touched.current.minutes = true;
                  setMinutes(e.target.value);
                }}
                required
              />
            )}
          </Field>
          <Field label="Setting" name="setting" error={m.error}>
            {(p) => (
              <select
                {...p}
                value={setting}
                onChange={(e) => {
                  touched.current.setting = true;
                  setSetting(e.target.value as Setting);
                }}
              >
                {SETTINGS.map((s) => (
                  <option key={s} value={s}>
                    {SETTING_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Grouping" name="grouping" error={m.error}>
            {(p) => (
              <select
                {...p}
                value={grouping}
                onChange={(e) => {
                  touched.current.grouping = true;
                  setGrouping(e.target.value as Grouping);
                }}
              >
                {GROUPINGS.map((g) => (
                  <option key={g} value={g}>
                    {GROUPING_LABELS[g]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="CPT code (Medicaid)"
            name="cptCode"
            error={m.error}
            hint="Automatic: 97530 one-to-one, 97150 group of 2+"
          >
            {(p) => (
              <select {...p} value={cptCode} onChange={(e) => setCptCode(e.target.value)}>
                <option value="">Automatic</option>
                {Object.entries(CPT_CODES).map(([code, label]) => (
                  <option key={code} value={code}>
                    {code} · {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <StudentPicker
          onPick={(id) => void addStudent(id)}
          exclude={rows.map((r) => r.studentId)}
          autoFocus={!session}
        />
        <div className="students-list" aria-live="polite">
          {rows.length === 0 && (
            <p className="muted">
              No students yet: type a name above and press Enter. Add as many as were in the session.
            </p>
          )}
          {rows.map((r, i) => (
            <StudentRowEditor
              key={r.studentId}
              row={r}
              index={i}
              sessionMinutes={minutes}
              sessionDate={date}
              error={m.error}
              onChange={(p) => patch(r.studentId, p)}
              onRemove={() => setRows((prev) => prev.filter((x) => x.studentId !== r.studentId))}
            />
          ))}
        </div>
        <div className="grid-form">
          <div className="span-all">
            <label className="inline">
              <input
                type="checkbox"
                checked={nonSchool != null}
                onChange={(e) => setNonSchool(e.target.checked ? '' : null)}
              />{' '}
              Not a school day for these students (extended school year, a makeup on a work day…)
            </label>
            {nonSchool != null && (
              <Field label="Why it happened on a non-school day" name="nonSchoolDayReason" error={m.error}>
                {(p) => (
                  <input {...p} value={nonSchool} onChange={(e) => setNonSchool(e.target.value)} maxLength={300} />
                )}
              </Field>
            )}
          </div>
          <div className="span-all">
            <Field
              label="Note"
              name="note"
              error={m.error}
              hint={
                rows.length > 1
                  ? "Shared by the whole group: describe the activity and name no student. Anything about one student goes in that student's own note."
                  : undefined
              }
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={rows.length > 1 ? 'The activity, for everyone' : 'What was worked on, how it went'}
                />
              )}
            </Field>
          </div>
        </div>
        {errorOf(m.error)?.code !== 'confirm' && <ErrorMessage error={m.error} />}
        {saved && !m.error && (
          <p role="status" className="notice">
            Saved: {fmtDay(saved.date)} {saved.startTime}, {saved.minutes} min{' '}
            {SETTING_LABELS[saved.setting].toLowerCase()} with {saved.students.map((s) => s.name).join(', ')}.
          </p>
        )}
        <div className="actions">
          <span className="muted">Ctrl+Enter saves</span>
          <button type="submit" className="primary" disabled={m.isPending || rows.length === 0}>
            {session ? 'Save changes' : 'Save session'}
          </button>
        </div>
      </form>
      {session && (
        <Confirm
          open={confirmDelete}
          title="Delete this session?"
          message="The session and its attendance and goal data are removed; makeup links to it are removed too."
          confirmLabel="Delete session"
          onConfirm={() =>
            del.mutate({
              id: session.id,
              ...(errorOf(del.error)?.code === 'confirm' ? { confirmFinalReport: true } : {}),
            })
          }
          onClose={() => setConfirmDelete(false)}
          busy={del.isPending}
          error={del.error}
        />
      )}
      <Confirm
        open={askGroupOfOne}
        title="A group session with one student?"
        message="Only one student is listed in this group session. Save it as a group anyway (for instance when the others were not on your caseload), or go back and change the grouping to individual."
        confirmLabel="Save as a group"
        onConfirm={() => submit({ groupOfOne: true })}
        onClose={() => setAskGroupOfOne(false)}
      />
      {session && (
        <Confirm
          open={errorOf(update.error)?.code === 'confirm'}
          title="Change a session inside a final report's period?"
          message={errorOf(update.error)?.message ?? ''}
          confirmLabel="Save the change"
          onConfirm={() => submit({ groupOfOne: true, finalReport: true })}
          onClose={() => update.reset()}
          busy={update.isPending}
        />
      )}
      <p className="muted">
        Need a student who is not listed? <Link to="/">Add them on the caseload page.</Link>
      </p>
    </section>
  );
}

function StudentPicker({
  onPick,
  exclude,
  autoFocus,
}: {
  onPick: (id: number) => void;
  exclude: number[];
  autoFocus: boolean;
}) {
  const students = useApi('listStudents', { status: 'active' });
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (!q) return [];
    return (students.data ?? [])
      .filter((s) => !exclude.includes(s.id))
      .filter(
        (s) =>
          `${s.firstName} ${s.lastName} ${s.preferredName ?? ''}`
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(q)) || studentName(s).toLowerCase().startsWith(q),
      )
      .slice(0, 8);
  }, [text, students.data, exclude]);
  const pick = (i: number) => {
    const s = matches[i];
    if (!s) return;
    onPick(s.id);
    setText('');
    setActive(0);
  };
  return (
    <div className="picker">
      <label htmlFor="student-picker">Students (type a name, Enter to add)</label>
      <input
        id="student-picker"
        role="combobox"
        aria-expanded={matches.length > 0}
        aria-controls="student-options"
        aria-activedescendant={matches[active] ? `opt-${matches[active].id}` : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && !(e.ctrlKey || e.metaKey) && matches.length) {
            e.preventDefault();
            pick(active);
          } else if (e.key === 'Escape') setText('');
        }}
      />
      {matches.length > 0 && (
        <ul id="student-options" role="listbox" className="options">
          {matches.map((s, i) => (
            <li
              key={s.id}
              id={`opt-${s.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(i);
              }}
            >
              {studentName(s)}{' '}
              <span className="muted">
                · {s.schoolName} · gr {s.grade}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StudentRowEditor({
  row,
  index,
  sessionMinutes,
  sessionDate,
  error,
  onChange,
  onRemove,
}: {
  row: Row;
  index: number;
  sessionMinutes: string;
  sessionDate: string;
  error: unknown;
  onChange: (p: Partial<Row>) => void;
  onRemove: () => void;
}) {
  const misses = useApi('listOpenMisses', { studentId: row.studentId });
  const [showData, setShowData] = useState(row.data.length > 0);
  // Misses of the last twelve months: older ones belong to an earlier school year and an earlier IEP.
  const since = addDays(sessionDate, -365);
  const options = (misses.data ?? []).filter((o) => o.date >= since || row.makeupFor.includes(o.attendanceId));
  const base = `students.${index}`;
  const setDatum = (goalId: number, p: Partial<DataEntry>) => {
    const cur = row.data.find((d) => d.goalId === goalId) ?? {
      goalId,
      correct: '',
      total: '',
      value: '',
      prompt: '' as const,
    };
    onChange({ data: [...row.data.filter((d) => d.goalId !== goalId), { ...cur, ...p }] });
  };
  return (
    <fieldset
      className="student-row"
      data-testid={`row-student-${row.studentId}`}
      onKeyDown={(e) => {
        // Enter in a student's fields moves on to the next student (the last one to the note).
        const t = e.target as HTMLElement;
        if (e.key !== 'Enter' || e.ctrlKey || e.metaKey || t.tagName === 'SUMMARY' || t.tagName === 'BUTTON') return;
        if (t.hasAttribute('data-attendance')) return;
        e.preventDefault();
        focusAttendance(t, 1);
      }}
    >
      <legend>{row.name}</legend>
      <div className="row-fields">
        <Field label="Attendance" name={`${base}.code`} error={error}>
          {(p) => (
            <select
              {...p}
              data-attendance
              value={row.code}
              onChange={(e) => onChange({ code: e.target.value as AttendanceCode })}
              aria-label={`Attendance for ${row.name}`}
              aria-keyshortcuts="P A U R O C G Delete ArrowDown ArrowUp"
              title="P present · A absent · U unavailable · R refused · O provider absent · C school closed · G goal data · ↓ ↑ next student · Delete removes"
              onKeyDown={(e) => {
                if (e.ctrlKey || e.metaKey || e.altKey) return;
                const k = e.key.toLowerCase();
                const code = ATTENDANCE_CODES.find((c) => ATTENDANCE_KEYS[c] === k);
                if (code) {
                  e.preventDefault();
                  onChange({ code });
                } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  focusAttendance(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                } else if (k === 'g' && row.code === 'present' && row.goals.length) {
                  e.preventDefault();
                  setShowData(true);
                  const fieldset = e.currentTarget.closest('.student-row');
                  requestAnimationFrame(() =>
                    fieldset?.querySelector<HTMLElement>('.goal-datum input, .goal-datum select')?.focus(),
                  );
                } else if (e.key === 'Delete') {
                  e.preventDefault();
                  if (!focusAttendance(e.currentTarget, 1)) document.getElementById('student-picker')?.focus();
                  onRemove();
                }
              }}
            >
              {ATTENDANCE_CODES.map((c) => (
                <option key={c} value={c}>
                  {ATTENDANCE_LABELS[c]} ({ATTENDANCE_KEYS[c].toUpperCase()})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={row.code === 'present' ? 'Minutes credited' : 'Minutes missed'}
          name={`${base}.minutes`}
          error={error}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              min={1}
              max={600}
              placeholder={sessionMinutes || '—'}
              value={row.minutes}
              onChange={(e) => onChange({ minutes: e.target.value })}
              aria-label={`Minutes for ${row.name}`}
            />
          )}
        </Field>
        <button
          type="button"
          className="link danger"
          tabIndex={-1}
          onClick={onRemove}
          aria-label={`Remove ${row.name}`}
          title="Delete on the attendance removes the student"
        >
          Remove
        </button>
      </div>
      <StudentNote row={row} base={base} error={error} onChange={onChange} />
      {(options.length > 0 || row.makeupFor.length > 0) && row.code === 'present' && (
        <fieldset className="makeups">
          <legend>Makes up for</legend>
          {options.map((o) => (
            <label key={o.attendanceId}>
              <input
                type="checkbox"
                checked={row.makeupFor.includes(o.attendanceId)}
                onChange={(e) =>
                  onChange({
                    makeupFor: e.target.checked
                      ? [...row.makeupFor, o.attendanceId]
                      : row.makeupFor.filter((x) => x !== o.attendanceId),
                  })
                }
              />{' '}
              {fmtDay(o.date)} {o.startTime} · {ATTENDANCE_LABELS[o.code]} · {o.outstanding} min owed
            </label>
          ))}
          {row.makeupFor
            .filter((id) => !options.some((o) => o.attendanceId === id))
            .map((id) => (
              <label key={id}>
                <input
                  type="checkbox"
                  checked
                  onChange={() => onChange({ makeupFor: row.makeupFor.filter((x) => x !== id) })}
                />{' '}
                an earlier miss (already covered)
              </label>
            ))}
        </fieldset>
      )}
      {row.code === 'present' && row.goals.length > 0 && (
        <details className="goal-data" open={showData} onToggle={(e) => setShowData(e.currentTarget.open)}>
          <summary tabIndex={-1}>
            Goal data <kbd className="key">G</kbd>
          </summary>
          {row.goals.map((g) => {
            const d = row.data.find((x) => x.goalId === g.id);
            return (
              <div key={g.id} className="goal-datum">
                <span className="goal-name">
                  <span className="tag">{g.area}</span> {g.text.length > 70 ? `${g.text.slice(0, 70)}…` : g.text}
                </span>
                {g.measurement === 'trials' ? (
                  <>
                    <input
                      type="number"
                      min={0}
                      aria-label={`${g.area} correct for ${row.name}`}
                      placeholder="correct"
                      value={d?.correct ?? ''}
                      onChange={(e) => setDatum(g.id, { correct: e.target.value })}
                    />
                    <span aria-hidden="true">/</span>
                    <input
                      type="number"
                      min={1}
                      aria-label={`${g.area} trials for ${row.name}`}
                      placeholder="trials"
                      value={d?.total ?? ''}
                      onChange={(e) => setDatum(g.id, { total: e.target.value })}
                    />
                  </>
                ) : (
                  <input
                    type="number"
                    min={0}
                    step="any"
                    aria-label={`${g.area} ${g.measurement} for ${row.name}`}
                    placeholder={g.measurement}
                    value={d?.value ?? ''}
                    onChange={(e) => setDatum(g.id, { value: e.target.value })}
                  />
                )}
                <select
                  aria-label={`${g.area} prompt level for ${row.name}`}
                  value={d?.prompt ?? ''}
                  onChange={(e) => setDatum(g.id, { prompt: e.target.value as PromptLevel | '' })}
                >
                  <option value="">prompt…</option>
                  {PROMPT_LEVELS.map((p) => (
                    <option key={p} value={p}>
                      {PROMPT_LABELS[p]}
                    </option>
                  ))}
                </select>
              </div>
            );
          })}
        </details>
      )}
    </fieldset>
  );
}

/** A student's own note, opened on demand so the form stays short for sessions that need none. */
function StudentNote({
  row,
  base,
  error,
  onChange,
}: {
  row: Row;
  base: string;
  error: unknown;
  onChange: (p: Partial<Row>) => void;
}) {
  const e = errorOf(error);
  const [open, setOpen] = useState(row.note !== '' || e?.field === `${base}.note`);
  if (!open)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        Add a note for {row.name} only
      </button>
    );
  return (
    <Field
      label={`${row.name}'s own note`}
      name={`${base}.note`}
      error={error}
      hint="Seen only in this student's records"
    >
      {(p) => (
        <textarea
          {...p}
          rows={2}
          value={row.note}
          onChange={(ev) => onChange({ note: ev.target.value })}
          autoFocus={row.note === ''}
        />
      )}
    </Field>
  );
}
