// The schedule's set-up and slots: per-school rotation and colours, travel between schools, slot CRUD
// (changes take effect from a date and never rewrite the past), and loading slots for the engine.
import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas-schedule';
import type { ScheduleSetup, SchoolSchedule, Slot, TravelRow } from '../../../shared/api/types-schedule';
import type { Setting } from '../../../shared/domain/codes';
import { addDays, toDay } from '../../../shared/domain/dates';
import {
  type Recurrence,
  type Rotation,
  type SlotDef,
  type StudentSpans,
  slotMinutes,
} from '../../../shared/domain/schedule';
import { AppError, invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { getSchool } from './schools';
import { loadEnrollments } from './enrollment';
import { LINES_SQL } from './lines-sql';

const PALETTE = ['#2f6db5', '#b5482f', '#2f8f5b', '#8a4fb5', '#b58a2f', '#2f9fb5', '#b52f7a', '#5b6b2f'];

export function getScheduleSetup(db: Sqlite): ScheduleSetup {
  const rows = db
    .prepare(
      `SELECT s.id AS schoolId, s.name AS school, ss.colour, ss.day_start AS dayStart, ss.day_end AS dayEnd,
        ss.rotation_names AS names, ss.rotation_day1 AS day1
       FROM schools s LEFT JOIN school_schedules ss ON ss.school_id = s.id ORDER BY s.name`,
    )
    .all() as {
    schoolId: number;
    school: string;
    colour: string | null;
    dayStart: string | null;
    dayEnd: string | null;
    names: string | null;
    day1: string | null;
  }[];
  const schools: SchoolSchedule[] = rows.map((r, i) => ({
    schoolId: r.schoolId,
    school: r.school,
    colour: r.colour ?? PALETTE[i % PALETTE.length]!,
    dayStart: r.dayStart ?? '08:00',
    dayEnd: r.dayEnd ?? '15:00',
    rotation: r.names && r.day1 ? { names: JSON.parse(r.names) as string[], day1: r.day1 } : null,
  }));
  const travel = db
    .prepare('SELECT school_a AS schoolA, school_b AS schoolB, minutes, miles FROM travel_times ORDER BY 1, 2')
    .all() as TravelRow[];
  return { schools, travel };
}

export function setSchoolSchedule(db: Sqlite, v: z.output<typeof s.SchoolScheduleInput>): ScheduleSetup {
  getSchool(db, v.schoolId);
  db.prepare(
    `INSERT INTO school_schedules (school_id, colour, day_start, day_end, rotation_names, rotation_day1)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (school_id) DO UPDATE SET colour = excluded.colour, day_start = excluded.day_start,
       day_end = excluded.day_end, rotation_names = excluded.rotation_names, rotation_day1 = excluded.rotation_day1`,
  ).run(
    v.schoolId,
    v.colour,
    v.dayStart,
    v.dayEnd,
    v.rotation ? JSON.stringify(v.rotation.names) : null,
    v.rotation?.day1 ?? null,
  );
  if (!v.rotation) {
    const n = db
      .prepare("SELECT count(*) AS n FROM slots WHERE school_id = ? AND recurrence = 'rotation'")
      .get(v.schoolId) as { n: number };
    if (n.n > 0)
      throw invalid('rotation', `${n.n} slot(s) at this school recur by rotation day; change or end them first`);
  } else {
    const over = db
      .prepare("SELECT days FROM slots WHERE school_id = ? AND recurrence = 'rotation'")
      .all(v.schoolId) as { days: string }[];
    if (over.some((o) => o.days.split(',').some((d) => Number(d) >= v.rotation!.names.length)))
      throw invalid(
        'rotation.names',
        `a slot at this school uses a rotation day beyond day ${v.rotation.names.length}`,
      );
  }
  return getScheduleSetup(db);
}

export function setTravel(db: Sqlite, v: z.output<typeof s.TravelInput>): ScheduleSetup {
  getSchool(db, v.schoolA);
  getSchool(db, v.schoolB);
  const [a, b] = v.schoolA < v.schoolB ? [v.schoolA, v.schoolB] : [v.schoolB, v.schoolA];
  db.prepare(
    `INSERT INTO travel_times (school_a, school_b, minutes, miles) VALUES (?, ?, ?, ?)
     ON CONFLICT (school_a, school_b) DO UPDATE SET minutes = excluded.minutes, miles = excluded.miles`,
  ).run(a, b, v.minutes, v.miles ?? null);
  return getScheduleSetup(db);
}

// ---------- slots ----------

interface SlotRow {
  id: number;
  schoolId: number;
  school: string;
  label: string | null;
  startTime: string;
  endTime: string;
  setting: Setting;
  grouping: 'individual' | 'group';
  startDate: string;
  endDate: string | null;
  recurrence: Recurrence['kind'];
  days: string;
  makeupFor: number | null;
  replacesSlotId: number | null;
}

const SLOT_SQL = `SELECT sl.id, sl.school_id AS schoolId, sc.name AS school, sl.label, sl.start_time AS startTime,
  sl.end_time AS endTime, sl.setting, sl.grouping, sl.start_date AS startDate, sl.end_date AS endDate,
  sl.recurrence, sl.days, sl.makeup_for AS makeupFor, sl.replaces_slot_id AS replacesSlotId
  FROM slots sl JOIN schools sc ON sc.id = sl.school_id`;

function recurrenceOf(r: SlotRow): Recurrence {
  if (r.recurrence === 'once') return { kind: 'once', date: r.startDate };
  const days = r.days === '' ? [] : r.days.split(',').map(Number);
  return { kind: r.recurrence, days };
}

function daysOf(rec: Recurrence): string {
  return rec.kind === 'once' ? '' : [...new Set(rec.days)].sort((a, b) => a - b).join(',');
}

export function listSlots(db: Sqlite, filter: { schoolId?: number | undefined; slotId?: number } = {}): Slot[] {
  const where: string[] = [];
  const args: number[] = [];
  if (filter.schoolId) {
    where.push('sl.school_id = ?');
    args.push(filter.schoolId);
  }
  if (filter.slotId) {
    where.push('sl.id = ?');
    args.push(filter.slotId);
  }
  const rows = db
    .prepare(`${SLOT_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY sl.start_time, sl.id`)
    .all(...args) as SlotRow[];
  const members = db
    .prepare(
      `SELECT m.slot_id AS slotId, m.student_id AS studentId, st.first_name || ' ' || st.last_name AS name,
        m.start_date AS startDate, m.end_date AS endDate
       FROM slot_students m JOIN students st ON st.id = m.student_id ${filter.slotId ? 'WHERE m.slot_id = ?' : ''}
       ORDER BY st.last_name, st.first_name, m.start_date`,
    )
    .all(...(filter.slotId ? [filter.slotId] : [])) as {
    slotId: number;
    studentId: number;
    name: string;
    startDate: string;
    endDate: string | null;
  }[];
  const logged = db
    .prepare(
      `SELECT slot_id AS slotId, count(*) AS n FROM occurrence_sessions ${filter.slotId ? 'WHERE slot_id = ?' : ''}
       GROUP BY slot_id`,
    )
    .all(...(filter.slotId ? [filter.slotId] : [])) as { slotId: number; n: number }[];
  const loggedBy = new Map(logged.map((l) => [l.slotId, l.n]));
  const bySlot = new Map<number, Slot['students']>();
  for (const m of members) {
    const { slotId, ...rest } = m;
    bySlot.set(slotId, [...(bySlot.get(slotId) ?? []), rest]);
  }
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    school: r.school,
    label: r.label,
    startTime: r.startTime,
    endTime: r.endTime,
    minutes: slotMinutes(r),
    setting: r.setting,
    grouping: r.grouping,
    startDate: r.startDate,
    endDate: r.endDate,
    recurrence: recurrenceOf(r),
    students: bySlot.get(r.id) ?? [],
    makeupFor: r.makeupFor,
    replacesSlotId: r.replacesSlotId,
    loggedCount: loggedBy.get(r.id) ?? 0,
  }));
}

export function getSlot(db: Sqlite, id: number, field = 'id'): Slot {
  const slot = listSlots(db, { slotId: id })[0];
  if (!slot) throw notFound('Slot', id, field);
  return slot;
}

/**
 * The one place that says where a student is enrolled on each date (the enrollment history: a
 * transfer moves the slots' students to their new school from its date, an exit ends them) and when
 * a service line is in effect. A student with no enrollment row counts as enrolled at their school.
 */
export function studentSpans(db: Sqlite, from: string, to: string, ids?: readonly number[]): Map<number, StudentSpans> {
  const out = new Map<number, StudentSpans>();
  const some = ids ? 'WHERE id IN (SELECT value FROM json_each(?))' : '';
  const someLines = ids ? 'AND p.student_id IN (SELECT value FROM json_each(?))' : '';
  const idArgs = ids ? [JSON.stringify(ids)] : [];
  const enrolled = ids ? loadEnrollments(db, ids) : loadEnrollments(db);
  for (const st of db.prepare(`SELECT id, school_id AS schoolId FROM students ${some}`).all(...idArgs) as {
    id: number;
    schoolId: number;
  }[]) {
    const rows = enrolled.get(st.id);
    out.set(st.id, {
      enrollment: rows?.length
        ? rows.map((e) => ({
            schoolId: e.schoolId,
            from: e.startDate ? toDay(e.startDate) : -1e9,
            to: e.endDate ? toDay(e.endDate) : 1e9,
          }))
        : [{ schoolId: st.schoolId, from: -1e9, to: 1e9 }],
      service: [],
    });
  }
  for (const l of db.prepare(`${LINES_SQL} ${someLines}`).all(to, from, ...idArgs) as {
    studentId: number;
    startDate: string;
    endDate: string;
  }[]) {
    out.get(l.studentId)?.service.push({ from: toDay(l.startDate), to: toDay(l.endDate) });
  }
  return out;
}

function studentSchool(db: Sqlite, studentId: number, field: string): { name: string; schoolId: number } {
  const st = db
    .prepare("SELECT first_name || ' ' || last_name AS name, school_id AS schoolId FROM students WHERE id = ?")
    .get(studentId) as { name: string; schoolId: number } | undefined;
  if (!st) throw notFound('Student', studentId, field);
  return st;
}

/** Slots overlapping [from, to] with their members (of every slot, or of one), for the engine. */
export function loadSlotDefs(db: Sqlite, from: string, to: string, slotId?: number): SlotDef[] {
  const one = slotId != null ? 'AND sl.id = ?' : '';
  const args = slotId != null ? [to, from, slotId] : [to, from];
  const rows = db
    .prepare(`${SLOT_SQL} WHERE sl.start_date <= ? AND (sl.end_date IS NULL OR sl.end_date >= ?) ${one}`)
    .all(...args) as SlotRow[];
  const members = db
    .prepare(
      `SELECT m.slot_id AS slotId, m.student_id AS studentId, m.start_date AS startDate, m.end_date AS endDate
       FROM slot_students m JOIN slots sl ON sl.id = m.slot_id
       WHERE sl.start_date <= ? AND (sl.end_date IS NULL OR sl.end_date >= ?) ${one}`,
    )
    .all(...args) as { slotId: number; studentId: number; startDate: string; endDate: string | null }[];
  const bySlot = new Map<number, SlotDef['members']>();
  for (const m of members) {
    let list = bySlot.get(m.slotId);
    if (!list) bySlot.set(m.slotId, (list = []));
    list.push({ studentId: m.studentId, startDate: m.startDate, endDate: m.endDate });
  }
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    startTime: r.startTime,
    endTime: r.endTime,
    setting: r.setting,
    grouping: r.grouping,
    startDate: r.startDate,
    endDate: r.endDate,
    recurrence: recurrenceOf(r),
    members: bySlot.get(r.id) ?? [],
    makeupFor: r.makeupFor,
  }));
}

export function loadRotations(db: Sqlite): Map<number, Rotation> {
  const out = new Map<number, Rotation>();
  for (const r of db
    .prepare(
      'SELECT school_id AS schoolId, rotation_names AS names, rotation_day1 AS day1 FROM school_schedules WHERE rotation_names IS NOT NULL',
    )
    .all() as { schoolId: number; names: string; day1: string }[]) {
    out.set(r.schoolId, { names: JSON.parse(r.names) as string[], day1: r.day1 });
  }
  return out;
}

function checkRecurrence(db: Sqlite, schoolId: number, rec: Recurrence, startDate: string) {
  if (rec.kind === 'rotation') {
    const rot = loadRotations(db).get(schoolId);
    if (!rot)
      throw invalid('recurrence', 'this school has no rotation; set one under Schools & calendars, or choose weekdays');
    const bad = rec.days.find((d) => d >= rot.names.length);
    if (bad !== undefined)
      throw invalid('recurrence.days', `this school's rotation has ${rot.names.length} days (${rot.names.join(', ')})`);
  }
  if (rec.kind === 'once' && rec.date !== startDate)
    throw invalid('startDate', `a one-off slot starts on its date ${rec.date}`);
}

function insertSlot(
  db: Sqlite,
  v: Omit<z.output<typeof s.SlotInput>, 'studentIds'>,
  extra: { makeupFor?: number | null; replaces?: number | null } = {},
): number {
  const endDate = v.recurrence.kind === 'once' ? v.recurrence.date : v.endDate;
  const r = db
    .prepare(
      `INSERT INTO slots (school_id, label, start_time, end_time, setting, grouping, start_date, end_date, recurrence,
        days, makeup_for, replaces_slot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      v.schoolId,
      v.label,
      v.startTime,
      v.endTime,
      v.setting,
      v.grouping,
      v.startDate,
      endDate,
      v.recurrence.kind,
      daysOf(v.recurrence),
      extra.makeupFor ?? null,
      extra.replaces ?? null,
    );
  return Number(r.lastInsertRowid);
}

export function createSlot(
  db: Sqlite,
  v: z.output<typeof s.SlotInput>,
  extra: { makeupFor?: number | null } = {},
): Slot {
  getSchool(db, v.schoolId);
  const input = v.recurrence.kind === 'once' ? { ...v, startDate: v.recurrence.date } : v;
  checkRecurrence(db, v.schoolId, input.recurrence, input.startDate);
  const id = insertSlot(db, input, extra);
  v.studentIds.forEach((sid, i) => addMember(db, id, sid, input.startDate, `studentIds.${i}`));
  return getSlot(db, id);
}

function addMember(db: Sqlite, slotId: number, studentId: number, from: string, field: string) {
  const slot = getSlot(db, slotId, 'slotId');
  const st = studentSchool(db, studentId, field);
  if (st.schoolId !== slot.schoolId) throw invalid(field, `${st.name} is at another school, not ${slot.school}`);
  const start = from < slot.startDate ? slot.startDate : from;
  if (slot.endDate && start > slot.endDate) throw invalid('from', `the slot ends on ${slot.endDate}`);
  const activeOn = (m: Slot['students'][number]) => (m.endDate ?? '9999-12-31') >= start;
  if (slot.students.some((m) => m.studentId === studentId && activeOn(m)))
    throw new AppError('conflict', `${st.name} is already in this slot on ${start}.`, field);
  if (slot.grouping === 'individual' && slot.students.some((m) => m.studentId !== studentId && activeOn(m)))
    throw invalid(field, 'an individual slot has one student; make it a group slot first');
  db.prepare('INSERT INTO slot_students (slot_id, student_id, start_date) VALUES (?, ?, ?)').run(
    slotId,
    studentId,
    start,
  );
}

export function addSlotStudent(db: Sqlite, v: z.output<typeof s.SlotMemberInput>): Slot {
  addMember(db, v.slotId, v.studentId, v.from, 'studentId');
  return getSlot(db, v.slotId);
}

/** Takes a student out of a slot from a date: occurrences before it keep the student. */
export function removeSlotStudent(db: Sqlite, v: z.output<typeof s.SlotMemberInput>): Slot {
  getSlot(db, v.slotId, 'slotId');
  const rows = db
    .prepare(
      `SELECT id, start_date AS startDate, end_date AS endDate FROM slot_students
       WHERE slot_id = ? AND student_id = ? AND (end_date IS NULL OR end_date >= ?)`,
    )
    .all(v.slotId, v.studentId, v.from) as { id: number; startDate: string; endDate: string | null }[];
  if (rows.length === 0) throw invalid('studentId', `that student is not in this slot on or after ${v.from}`);
  for (const r of rows) {
    if (r.startDate >= v.from) db.prepare('DELETE FROM slot_students WHERE id = ?').run(r.id);
    else db.prepare('UPDATE slot_students SET end_date = ? WHERE id = ?').run(addDays(v.from, -1), r.id);
  }
  return getSlot(db, v.slotId);
}

function loggedFrom(db: Sqlite, slotId: number, from: string): string | undefined {
  return (
    (
      db
        .prepare('SELECT min(date) AS d FROM occurrence_sessions WHERE slot_id = ? AND date >= ?')
        .get(slotId, from) as {
        d: string | null;
      }
    ).d ?? undefined
  );
}

/** Ends a slot after a date; occurrences up to it stay as they were. */
export function endSlot(db: Sqlite, v: z.output<typeof s.SlotEnd>): Slot {
  const slot = getSlot(db, v.id);
  if (v.lastDate < slot.startDate) throw invalid('lastDate', `the slot starts on ${slot.startDate}; delete it instead`);
  const after = loggedFrom(db, v.id, addDays(v.lastDate, 1));
  if (after)
    throw invalid('lastDate', `the occurrence of ${after} is already logged; undo it first or end the slot later`);
  db.prepare('UPDATE slots SET end_date = ? WHERE id = ?').run(v.lastDate, v.id);
  db.prepare('UPDATE slot_students SET end_date = ? WHERE slot_id = ? AND (end_date IS NULL OR end_date > ?)').run(
    v.lastDate,
    v.id,
    v.lastDate,
  );
  db.prepare('DELETE FROM slot_students WHERE slot_id = ? AND start_date > end_date').run(v.id);
  return getSlot(db, v.id);
}

/**
 * Changes a slot from a date. From its first day, the slot is corrected in place; from a later date
 * it is ended the day before and a new slot (with the students in it on that date) starts then.
 */
export function changeSlot(db: Sqlite, v: z.output<typeof s.SlotChange>): Slot {
  const slot = getSlot(db, v.id);
  const from = v.recurrence.kind === 'once' ? v.recurrence.date : v.from;
  checkRecurrence(db, slot.schoolId, v.recurrence, v.recurrence.kind === 'once' ? from : v.startDate);
  const logged = loggedFrom(db, v.id, from);
  if (logged)
    throw invalid('from', `the occurrence of ${logged} is already logged; undo it first or change from a later date`);
  const fields = { ...v, schoolId: slot.schoolId, startDate: from > v.startDate ? from : v.startDate };
  if (from <= slot.startDate) {
    db.prepare(
      `UPDATE slots SET label = ?, start_time = ?, end_time = ?, setting = ?, grouping = ?, start_date = ?, end_date = ?,
        recurrence = ?, days = ? WHERE id = ?`,
    ).run(
      v.label,
      v.startTime,
      v.endTime,
      v.setting,
      v.grouping,
      v.recurrence.kind === 'once' ? v.recurrence.date : v.startDate,
      v.recurrence.kind === 'once' ? v.recurrence.date : v.endDate,
      v.recurrence.kind,
      daysOf(v.recurrence),
      v.id,
    );
    db.prepare('UPDATE slot_students SET start_date = ? WHERE slot_id = ? AND start_date < ?').run(
      fields.startDate,
      v.id,
      fields.startDate,
    );
    return getSlot(db, v.id);
  }
  if (slot.endDate && from > slot.endDate) throw invalid('from', `the slot ended on ${slot.endDate}`);
  const members = slot.students.filter((m) => (m.endDate ?? '9999-12-31') >= from);
  if (v.grouping === 'individual' && members.length > 1)
    throw invalid('grouping', `${members.length} students are in this slot on ${from}; keep it a group`);
  endSlot(db, { id: v.id, lastDate: addDays(from, -1) });
  const id = insertSlot(db, fields, { replaces: v.id });
  for (const m of members) {
    db.prepare('INSERT INTO slot_students (slot_id, student_id, start_date, end_date) VALUES (?, ?, ?, ?)').run(
      id,
      m.studentId,
      m.startDate > from ? m.startDate : from,
      m.endDate,
    );
  }
  return getSlot(db, id);
}

export function deleteSlot(db: Sqlite, id: number): { id: number } {
  const slot = getSlot(db, id);
  if (slot.loggedCount > 0)
    throw invalid(
      'id',
      `${slot.loggedCount} occurrence(s) of this slot are logged; end the slot instead of deleting it`,
    );
  db.prepare('DELETE FROM slots WHERE id = ?').run(id);
  return { id };
}
