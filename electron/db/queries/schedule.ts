// The schedule at work: occurrences with their status, today's agenda, the week, logging an
// occurrence (as planned, with changes, cancelled, undone), coverage and planned minutes.
import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas-schedule';
import type { Session } from '../../../shared/api/types';
import type {
  Agenda,
  AgendaGap,
  OccurrenceView,
  ScheduleSetup,
  SchoolSchedule,
  StudentCoverage,
  WeekView,
} from '../../../shared/api/types-schedule';
import type { BlockView } from '../../../shared/api/types-workload';
import type { MissCode, Setting } from '../../../shared/domain/codes';
import { addDays, fromDay, mondayOf, timeToMinutes, toDay } from '../../../shared/domain/dates';
import { makeupLedger } from '../../../shared/domain/makeups';
import {
  type Occurrence,
  conflicts,
  coverage,
  eligibilityFromSpans,
  occurrences,
  travelLookup,
} from '../../../shared/domain/schedule';
import { AppError, invalid } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { SCHEDULE_TABLES, memoized, memoizedPerStudent } from '../memo';
import { LINES_SQL } from './lines-sql';
import { calendarsFor, loadMakeupInputsByStudent } from './minutes';
import { getScheduleSetup, getSlot, loadRotations, loadSlotDefs, studentSpans } from './schedule-slots';
import { createSession, deleteSession, getSession } from './sessions';
import { getSettings } from './settings';
import { blockViews } from './work-blocks';

/** How far back the agenda looks for occurrences neither logged nor cancelled. */
export const NOT_LOGGED_DAYS = 28;

/**
 * Every occurrence over [from, to] (the engine, over this database). Kept until one of the tables it
 * is computed from is written (logging a session keeps it): the result is shared, never change it.
 */
export function occurrencesBetween(db: Sqlite, from: string, to: string, slotId?: number): readonly Occurrence[] {
  return memoized(db, `occurrences:${from}:${to}:${slotId ?? ''}`, SCHEDULE_TABLES, () =>
    computeOccurrences(db, from, to, slotId),
  );
}

function computeOccurrences(db: Sqlite, from: string, to: string, slotId?: number): Occurrence[] {
  const defs = loadSlotDefs(db, from, to, slotId);
  // Enrollment and service dates of the slots' students only (one slot's day reads four, not 500);
  // past a few dozen, reading everyone is cheaper than filtering by a list.
  const ids = [...new Set(defs.flatMap((d) => d.members.map((m) => m.studentId)))];
  const members = ids.length <= 64 ? ids : undefined;
  return occurrences(
    defs,
    calendarsFor(db),
    loadRotations(db),
    from,
    to,
    eligibilityFromSpans(studentSpans(db, from, to, members)),
  );
}

interface LinkRow {
  slotId: number;
  date: string;
  sessionId: number;
  present: number;
}
function links(db: Sqlite, from: string, to: string): Map<string, LinkRow> {
  const rows = db
    .prepare(
      `SELECT o.slot_id AS slotId, o.date, o.session_id AS sessionId,
        (SELECT count(*) FROM attendance a WHERE a.session_id = o.session_id AND a.code = 'present') AS present
       FROM occurrence_sessions o WHERE o.date BETWEEN ? AND ?`,
    )
    .all(from, to) as LinkRow[];
  return new Map(rows.map((r) => [`${r.slotId}@${r.date}`, r]));
}

interface ViewContext {
  schools: Map<number, SchoolSchedule>;
  names: ReadonlyMap<number, string>;
  labels: ReadonlyMap<number, string | null>;
  links: Map<string, LinkRow>;
  today: string;
  openMakeups: (studentId: number) => number;
}

const schoolsById = (setup: ScheduleSetup) => new Map(setup.schools.map((x) => [x.schoolId, x]));

function viewContext(
  db: Sqlite,
  from: string,
  to: string,
  today: string,
  list: readonly Occurrence[],
  withMakeups: boolean,
  shared: Pick<ViewContext, 'schools'> & Partial<Pick<ViewContext, 'links'>>,
): ViewContext {
  const ids = [...new Set(list.flatMap((o) => o.studentIds))];
  // Every student's short name and every slot's label, kept until students or slots are written.
  const names = memoized(
    db,
    'shortNames',
    ['students'],
    () =>
      new Map(
        (
          db
            .prepare(
              `SELECT id, coalesce(preferred_name, first_name) || ' ' || substr(last_name, 1, 1) || '.' AS n FROM students`,
            )
            .all() as { id: number; n: string }[]
        ).map((r) => [r.id, r.n]),
      ),
  );
  const labels = memoized(
    db,
    'slotLabels',
    ['slots'],
    () =>
      new Map(
        (db.prepare('SELECT id, label FROM slots').all() as { id: number; label: string | null }[]).map((r) => [
          r.id,
          r.label,
        ]),
      ),
  );
  let counts = new Map<number, number>();
  if (withMakeups && ids.length) {
    const since = addDays(today, -365);
    // Kept per student until their attendance is written: logging a group of four recounts four.
    counts = memoizedPerStudent(db, `openMakeups:${since}:${today}`, ['settings'], ids, (missing) => {
      const codes = new Set<MissCode>(getSettings(db).makeupCodes);
      // One read of the year's misses for every student of the day (not one query per student).
      const byStudent = loadMakeupInputsByStudent(db, missing, since, today);
      const out = new Map<number, number>();
      for (const id of missing) {
        const inputs = byStudent.get(id);
        out.set(
          id,
          inputs
            ? makeupLedger(inputs.misses, inputs.makeups, codes).rows.filter((r) => r.owesMakeup && r.outstanding > 0)
                .length
            : 0,
        );
      }
      return out;
    });
  }
  return {
    schools: shared.schools,
    names,
    labels,
    links: shared.links ?? links(db, from, to),
    today,
    openMakeups: (id) => counts.get(id) ?? 0,
  };
}

function view(o: Occurrence, c: ViewContext): OccurrenceView {
  const school = c.schools.get(o.schoolId);
  const link = c.links.get(`${o.slotId}@${o.date}`);
  return {
    slotId: o.slotId,
    date: o.date,
    schoolId: o.schoolId,
    school: school?.school ?? '',
    colour: school?.colour ?? '#2f6db5',
    label: c.labels.get(o.slotId) ?? null,
    startTime: o.startTime,
    endTime: o.endTime,
    minutes: o.minutes,
    setting: o.setting,
    grouping: o.grouping,
    rotationDay: o.rotationDay,
    makeupFor: o.makeupFor,
    students: o.studentIds.map((id) => ({
      studentId: id,
      name: c.names.get(id) ?? '',
      openMakeups: c.openMakeups(id),
    })),
    status: link ? (link.present > 0 ? 'logged' : 'cancelled') : o.date < c.today ? 'not_logged' : 'planned',
    sessionId: link?.sessionId ?? null,
    conflicts: [],
  };
}

/** Marks the conflicts of the occurrences and the non-student blocks (busy time too) on each. */
function markConflicts(setup: ScheduleSetup, list: OccurrenceView[], blocks: BlockView[] = []) {
  const name = (id: number) => setup.schools.find((x) => x.schoolId === id)?.school ?? `school #${id}`;
  const all: { date: string; startTime: string; endTime: string; schoolId: number | null; conflicts: string[] }[] = [
    ...list,
    ...blocks,
  ];
  const found = conflicts(all, travelLookup(setup.travel), name);
  for (const c of found) {
    all[c.first]!.conflicts.push(c.message);
    all[c.second]!.conflicts.push(c.message);
  }
  return found;
}

export function agenda(db: Sqlite, date: string, today: string): Agenda {
  const back = addDays(date, -NOT_LOGGED_DAYS);
  const all = occurrencesBetween(db, back, date);
  // The schools and travel are read once for the whole agenda.
  const setup = getScheduleSetup(db);
  const schools = schoolsById(setup);
  const ctx = viewContext(
    db,
    back,
    date,
    today,
    all.filter((o) => o.date === date),
    true,
    { schools },
  );
  const day = all.filter((o) => o.date === date).map((o) => view(o, ctx));
  const blocks = blockViews(db, date, date);
  markConflicts(setup, day, blocks);
  const travel = travelLookup(setup.travel);
  const gaps: AgendaGap[] = [];
  for (let i = 1; i < day.length; i++) {
    const a = day[i - 1]!;
    const b = day[i]!;
    gaps.push({
      after: i - 1,
      minutes: timeToMinutes(b.startTime) - timeToMinutes(a.endTime),
      travel: travel(a.schoolId, b.schoolId),
      fromSchool: a.school,
      toSchool: b.school,
    });
  }
  const pastList = all.filter((o) => o.date < date && o.date < today && !ctx.links.has(`${o.slotId}@${o.date}`));
  // Sessions not logged share the day's names, labels and links; they do not count open makeups.
  const pastCtx: ViewContext = { ...ctx, openMakeups: () => 0 };
  const notLogged = pastList.map((o) => view(o, pastCtx)).reverse();
  const schoolDay = [...calendarsFor(db).values()].some((c) => c.isInstructional(toDay(date)));
  return { date, schoolDay, occurrences: day, gaps, notLogged, blocks };
}

export function weekView(db: Sqlite, date: string, today: string, schoolId?: number): WeekView {
  const monday = mondayOf(toDay(date));
  const from = fromDay(monday);
  const to = fromDay(monday + 4);
  let list: readonly Occurrence[] = occurrencesBetween(db, from, to);
  if (schoolId) list = list.filter((o) => o.schoolId === schoolId);
  const setup = getScheduleSetup(db);
  const ctx = viewContext(db, from, to, today, list, false, { schools: schoolsById(setup) });
  const views = list.map((o) => view(o, ctx));
  // The teachers' version of one school lists only that school's students: no blocks.
  const blocks = schoolId ? [] : blockViews(db, from, to);
  const found = markConflicts(setup, views, blocks);
  const days = [0, 1, 2, 3, 4].map((i) => {
    const d = fromDay(monday + i);
    return { date: d, occurrences: views.filter((v) => v.date === d), blocks: blocks.filter((b) => b.date === d) };
  });
  return {
    from,
    to,
    days,
    conflicts: found.map((c) => ({ date: c.date, kind: c.kind, message: c.message })),
    schools: setup.schools.filter((x) => !schoolId || x.schoolId === schoolId),
  };
}

/** The occurrence of a slot on a date, or an error that says why there is none. */
export function occurrenceOf(db: Sqlite, slotId: number, date: string): Occurrence {
  const slot = getSlot(db, slotId, 'slotId');
  const o = occurrencesBetween(db, date, date, slotId).find((x) => x.slotId === slotId);
  if (!o) {
    throw invalid(
      'date',
      `the slot at ${slot.school} ${slot.startTime} does not occur on ${date} (a closed day, outside its dates, or no student in it then)`,
    );
  }
  return o;
}

function notLoggedYet(db: Sqlite, slotId: number, date: string) {
  const row = db
    .prepare('SELECT session_id AS id FROM occurrence_sessions WHERE slot_id = ? AND date = ?')
    .get(slotId, date) as { id: number } | undefined;
  if (row)
    throw new AppError(
      'conflict',
      `That occurrence is already logged (session #${row.id}); undo it or open the session.`,
      'slotId',
    );
}

function link(db: Sqlite, slotId: number, date: string, sessionId: number) {
  db.prepare('INSERT INTO occurrence_sessions (session_id, slot_id, date) VALUES (?, ?, ?)').run(
    sessionId,
    slotId,
    date,
  );
}

function missOwner(db: Sqlite, attendanceId: number | null): number | null {
  if (!attendanceId) return null;
  return (
    (db.prepare('SELECT student_id AS s FROM attendance WHERE id = ?').get(attendanceId) as { s: number } | undefined)
      ?.s ?? null
  );
}

/** Done as planned: every student present for the slot's minutes, setting and grouping from the slot. */
export function logAsPlanned(db: Sqlite, v: z.output<typeof s.OccurrenceKey>, today: string): Session {
  notLoggedYet(db, v.slotId, v.date);
  const o = occurrenceOf(db, v.slotId, v.date);
  const owner = missOwner(db, o.makeupFor);
  const session = createSession(
    db,
    {
      date: o.date,
      startTime: o.startTime,
      minutes: o.minutes,
      setting: o.setting,
      grouping: o.grouping,
      note: null,
      nonSchoolDayReason: null,
      students: o.studentIds.map((id) => ({
        studentId: id,
        code: 'present' as const,
        makeupFor: owner === id && o.makeupFor ? [o.makeupFor] : [],
        goalData: [],
        note: null,
      })),
    },
    today,
  );
  link(db, v.slotId, v.date, session.id);
  return session;
}

/** Log with changes: the session as the form has it, kept linked to the occurrence. */
export function logOccurrence(db: Sqlite, v: z.output<typeof s.OccurrenceLog>, today: string): Session {
  notLoggedYet(db, v.slotId, v.date);
  occurrenceOf(db, v.slotId, v.date);
  if (v.session.date !== v.date)
    throw invalid('session.date', `this occurrence is on ${v.date}; log another date as a separate session`);
  const session = createSession(db, v.session, today);
  link(db, v.slotId, v.date, session.id);
  return session;
}

/** Cancels an occurrence as a whole: its code for every student (misses owe makeups as usual). */
export function cancelOccurrence(db: Sqlite, v: z.output<typeof s.OccurrenceCancel>, today: string): Session {
  notLoggedYet(db, v.slotId, v.date);
  const o = occurrenceOf(db, v.slotId, v.date);
  const session = createSession(
    db,
    {
      date: o.date,
      startTime: o.startTime,
      minutes: o.minutes,
      setting: o.setting,
      grouping: o.grouping,
      note: v.note ?? null,
      nonSchoolDayReason: null,
      students: o.studentIds.map((id) => ({
        studentId: id,
        code: v.code as MissCode,
        makeupFor: [],
        goalData: [],
        note: null,
      })),
    },
    today,
  );
  link(db, v.slotId, v.date, session.id);
  return session;
}

/** Undo: removes the session logged for an occurrence; the occurrence is planned (or not logged) again. */
export function undoOccurrence(db: Sqlite, v: z.output<typeof s.OccurrenceKey>): { sessionId: number } {
  const row = db
    .prepare('SELECT session_id AS id FROM occurrence_sessions WHERE slot_id = ? AND date = ?')
    .get(v.slotId, v.date) as { id: number } | undefined;
  if (!row) throw invalid('slotId', `nothing is logged for that occurrence on ${v.date}`);
  getSession(db, row.id);
  deleteSession(db, row.id);
  return { sessionId: row.id };
}

/** The occurrence a session was logged from, if any. */
export function sessionOccurrence(db: Sqlite, sessionId: number): { slotId: number; date: string } | null {
  return (
    (db.prepare('SELECT slot_id AS slotId, date FROM occurrence_sessions WHERE session_id = ?').get(sessionId) as
      { slotId: number; date: string } | undefined) ?? null
  );
}

/**
 * Minutes the schedule still plans for a student in a setting over [from, to]: occurrences not yet
 * logged or cancelled. The compliance rules add them to the delivered minutes to judge "at risk".
 */
export function plannedMinutes(db: Sqlite, studentId: number, setting: Setting, from: string, to: string): number {
  const done = links(db, from, to);
  return occurrencesBetween(db, from, to)
    .filter((o) => o.setting === setting && o.studentIds.includes(studentId) && !done.has(`${o.slotId}@${o.date}`))
    .reduce((n, o) => n + o.minutes, 0);
}

/**
 * Planned vs owed per setting over the intervals containing a date, per student (all active, or one).
 * It comes from the schedule and the IEP lines alone (not from what was logged): kept until one of
 * those is written. The result is shared, never change it.
 */
export function caseloadCoverage(db: Sqlite, date: string, studentId?: number): StudentCoverage[] {
  return [
    ...memoized(db, `coverage:${date}:${studentId ?? ''}`, [...SCHEDULE_TABLES, 'settings'], () =>
      computeCoverage(db, date, studentId),
    ),
  ];
}

function computeCoverage(db: Sqlite, date: string, studentId?: number): StudentCoverage[] {
  const calendars = calendarsFor(db);
  const options = { prorateShortWeeks: getSettings(db).prorateShortWeeks };
  const students = db
    .prepare(
      `SELECT st.id, st.first_name || ' ' || st.last_name AS name, st.school_id AS schoolId, sc.name AS school
       FROM students st JOIN schools sc ON sc.id = st.school_id
       WHERE ${studentId ? 'st.id = ?' : "st.status = 'active'"} ORDER BY st.last_name, st.first_name`,
    )
    .all(...(studentId ? [studentId] : [])) as { id: number; name: string; schoolId: number; school: string }[];
  // The widest interval is a school year: plan over the years containing the date at every school.
  let lo = date;
  let hi = date;
  for (const cal of calendars.values()) {
    const y = cal.yearNearest(toDay(date));
    if (!y) continue;
    if (fromDay(y.first) < lo) lo = fromDay(y.first);
    if (fromDay(y.last) > hi) hi = fromDay(y.last);
  }
  const monday = fromDay(mondayOf(toDay(date)));
  if (monday < lo) lo = monday;
  const month = date.slice(0, 8) + '01';
  if (month < lo) lo = month;
  const planned = new Map<number, { date: string; setting: Setting; minutes: number }[]>();
  for (const o of occurrencesBetween(db, lo, hi)) {
    for (const id of o.studentIds) {
      let list = planned.get(id);
      if (!list) planned.set(id, (list = []));
      list.push({ date: o.date, setting: o.setting, minutes: o.minutes });
    }
  }
  const lines = new Map<number, Parameters<typeof coverage>[0]>();
  for (const l of db.prepare(LINES_SQL).all(hi, lo) as (Parameters<typeof coverage>[0][number] & {
    studentId: number;
  })[]) {
    const { studentId: sid, ...line } = l;
    let list = lines.get(sid);
    if (!list) lines.set(sid, (list = []));
    list.push(line);
  }
  const out: StudentCoverage[] = [];
  for (const st of students) {
    const cal = calendars.get(st.schoolId);
    if (!cal) continue;
    const rows = coverage(lines.get(st.id) ?? [], planned.get(st.id) ?? [], cal, date, options);
    if (rows.length) out.push({ studentId: st.id, name: st.name, school: st.school, rows });
  }
  return out;
}
