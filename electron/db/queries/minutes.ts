import type {
  CaseloadCompliance,
  ComplianceRow,
  DueItem,
  MinutesSummary,
  StudentOverview,
  WeekPoint,
} from '../../../shared/api/types';
import { SchoolCalendar } from '../../../shared/domain/calendar';
import {
  ATTENDANCE_CODES,
  type AttendanceCode,
  GROUPINGS,
  type MissCode,
  SETTINGS,
  type Setting,
} from '../../../shared/domain/codes';
import { type Day, addDays, fromDay, mondayOf, monthRange, toDay, weekRange } from '../../../shared/domain/dates';
import type { Makeup, Miss } from '../../../shared/domain/makeups';
import {
  type AttendanceRow,
  complianceRatio,
  deliveryMix,
  isBehind,
  summariseAttendance,
} from '../../../shared/domain/minutes-delivered';
import { type OwedLine, type OwedOptions, owedBySetting } from '../../../shared/domain/minutes-owed';
import {
  JudgementFrame,
  judgementSpan,
  missedByWhom,
  presentDays,
  pushPresent,
} from '../../../shared/domain/compliance';
import {
  type JudgementInputs,
  NO_INPUTS,
  balanceBetween,
  ledgerAndCredits,
  makeupBalanceAndCredits,
  presentByDate,
} from './judged';
import { plannedMinutes } from './planned';
import type { Sqlite } from '../db';
import { loadCalendars } from './schools';
import { getSettings } from './settings';
import { getStudent } from './students';
import { REPORT_PLAN_SQL } from './report-plan';
import { LINES_SQL } from './lines-sql';
import { SCHEDULE_TABLES, forget, memoized, memoizedPerStudent } from '../memo';
import { calendarForStudent, loadEnrollments } from './enrollment';
import { clipLinesToEnrollment } from '../../../shared/domain/enrollment';
import type { InstructionalCalendar } from '../../../shared/domain/calendar';

// Calendars change rarely and are read on every minutes query: kept per connection until a school
// year or closure is written (by any code; the IPC layer may also drop them after its writes).
export function calendarsFor(db: Sqlite): Map<number, SchoolCalendar> {
  return memoized(db, 'calendars', ['school_years', 'closures'], () => loadCalendars(db));
}
export function invalidateCalendars(db: Sqlite): void {
  forget(db, 'calendars');
}

/** A student's calendar (their schools by enrollment dates) and a reader that cuts lines to enrolled days. */
function studentBasis(db: Sqlite, studentId: number, schoolId: number) {
  const enrollments = loadEnrollments(db, studentId).get(studentId) ?? [];
  return {
    cal: calendarForStudent(calendarsFor(db), enrollments, schoolId),
    clip: (lines: OwedLine[]) => clipLinesToEnrollment(lines, enrollments),
  };
}

interface Context {
  options: OwedOptions;
  threshold: number;
  makeupCodes: ReadonlySet<MissCode>;
  today: string;
}

function context(db: Sqlite, today: string): Context {
  const st = getSettings(db);
  return {
    options: { prorateShortWeeks: st.prorateShortWeeks },
    threshold: st.complianceThreshold,
    makeupCodes: new Set(st.makeupCodes),
    today,
  };
}

function summarise(
  ctx: Context,
  calendar: InstructionalCalendar,
  lines: OwedLine[],
  attendance: AttendanceRow[],
  makeupBalance: number,
  from: string,
  to: string,
  judge: JudgementInputs,
  frame = new JudgementFrame({ from, to, today: ctx.today }, ctx.options, ctx.threshold),
): MinutesSummary {
  const {
    judged,
    owed,
    owedToDate: owedToDateBy,
  } = frame.figures({
    lines,
    calendar,
    present: judge.present,
    makeups: judge.makeups,
    planned: judge.planned,
    detail: judge.detail ?? 'all',
  });
  const owedToDate = owedToDateBy ? owedToDateBy.push_in + owedToDateBy.pull_out + owedToDateBy.consult : 0;
  const a = summariseAttendance(attendance);
  const compliance = complianceRatio(a.delivered, owedToDate);
  return {
    from,
    to,
    owed,
    owedTotal: owed.push_in + owed.pull_out + owed.consult,
    owedToDate,
    delivered: a.deliveredBySetting,
    deliveredTotal: a.delivered,
    deliveredByGrouping: a.deliveredByGrouping,
    missedByCode: a.missedByCode,
    missedTotal: a.missed,
    makeupBalance,
    compliance,
    behind: isBehind(compliance, ctx.threshold),
    outOfClass: a.outOfClass,
    judged,
    missedBy: missedByWhom(a.missedByCode),
  };
}

interface MakeupInputs {
  misses: Miss[];
  makeups: Makeup[];
}

/**
 * The misses of a range (one student, or all) and every makeup linked to them, with the other misses
 * those makeups also cover, so that the ledger allocates makeup minutes exactly as it would over all time.
 */
export function loadMakeupInputsByStudent(
  db: Sqlite,
  studentId: number | readonly number[] | null,
  from: string,
  to: string,
): Map<number, MakeupInputs> {
  const who = whoFilter(studentId, from, to);
  const inRange = db
    .prepare(
      `SELECT a.id AS attendanceId, a.student_id AS studentId, a.session_id AS sessionId, a.date,
        s.start_time AS startTime, a.code, a.minutes
       FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.date BETWEEN ? AND ? AND a.code <> 'present' ${who.sql}`,
    )
    .all(...who.args) as (Miss & { studentId: number })[];
  const out: MakeupsByStudent = new Map();
  for (const m of inRange) {
    const { studentId: sid, ...miss } = m;
    addMiss(out, sid, miss);
  }
  return withMakeups(db, out, who);
}

type MakeupsByStudent = Map<number, MakeupInputs>;

function bucketOf(out: MakeupsByStudent, sid: number) {
  let b = out.get(sid);
  if (!b) out.set(sid, (b = { misses: [], makeups: [] }));
  return b;
}

/** A miss of the range read, for the student. */
function addMiss(out: MakeupsByStudent, sid: number, miss: Miss): void {
  bucketOf(out, sid).misses.push(miss);
}

/** Attendance of one student, some students (a day's agenda), or all, over a range: the SQL and its arguments. */
function whoFilter(studentId: number | readonly number[] | null, from: string, to: string) {
  const many = Array.isArray(studentId);
  return {
    sql:
      studentId == null ? '' : many ? 'AND a.student_id IN (SELECT value FROM json_each(?))' : 'AND a.student_id = ?',
    args: studentId == null ? [from, to] : [from, to, many ? JSON.stringify(studentId) : studentId],
  };
}

/**
 * The misses of a range, already read per student (every miss of the students chosen), with every
 * makeup linked to them and the other misses those makeups also cover.
 */
function withMakeups(db: Sqlite, out: MakeupsByStudent, who: { sql: string; args: unknown[] }): MakeupsByStudent {
  const links = db
    .prepare(
      `WITH mk AS (SELECT DISTINCT ml.makeup_attendance_id AS id
              FROM makeup_links ml JOIN attendance a ON a.id = ml.missed_attendance_id
              WHERE a.date BETWEEN ? AND ? AND a.code <> 'present' ${who.sql})
       SELECT ml.makeup_attendance_id AS makeupId, ml.missed_attendance_id AS missId,
         mka.student_id AS studentId, mka.session_id AS sessionId, mka.date, mka.code, mka.minutes, mks.setting
       FROM makeup_links ml JOIN attendance mka ON mka.id = ml.makeup_attendance_id
         JOIN sessions mks ON mks.id = mka.session_id
       WHERE ml.makeup_attendance_id IN mk`,
    )
    .all(...who.args) as {
    makeupId: number;
    missId: number;
    studentId: number;
    sessionId: number;
    date: string;
    code: AttendanceCode;
    minutes: number;
    setting: Setting;
  }[];
  const known = new Set<number>();
  for (const b of out.values()) for (const m of b.misses) known.add(m.attendanceId);
  const makeups = new Map<number, Makeup & { studentId: number }>();
  for (const l of links) {
    let mk = makeups.get(l.makeupId);
    if (!mk) {
      mk = {
        attendanceId: l.makeupId,
        sessionId: l.sessionId,
        date: l.date,
        code: l.code,
        minutes: l.minutes,
        replaces: [],
        setting: l.setting,
        studentId: l.studentId,
      };
      makeups.set(l.makeupId, mk);
    }
    mk.replaces.push(l.missId);
  }
  const extra = [...makeups.values()].flatMap((m) => m.replaces).filter((id) => !known.has(id));
  if (extra.length) {
    const q = db.prepare(
      `SELECT a.id AS attendanceId, a.student_id AS studentId, a.session_id AS sessionId, a.date,
        s.start_time AS startTime, a.code, a.minutes FROM attendance a JOIN sessions s ON s.id = a.session_id WHERE a.id = ?`,
    );
    for (const id of new Set(extra)) {
      const row = q.get(id) as (Miss & { studentId: number }) | undefined;
      if (row) {
        const { studentId: sid, ...miss } = row;
        bucketOf(out, sid).misses.push(miss);
      }
    }
  }
  for (const mk of makeups.values()) {
    const { studentId: sid, ...rest } = mk;
    bucketOf(out, sid).makeups.push(rest);
  }
  return out;
}

export function loadMakeupInputs(db: Sqlite, studentId: number, from: string, to: string): MakeupInputs {
  return loadMakeupInputsByStudent(db, studentId, from, to).get(studentId) ?? { misses: [], makeups: [] };
}

function studentAttendance(db: Sqlite, studentId: number, from: string, to: string): AttendanceRow[] {
  return db
    .prepare(
      `SELECT s.setting, s.grouping, a.code, sum(a.minutes) AS minutes
       FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.student_id = ? AND a.date BETWEEN ? AND ? GROUP BY s.setting, s.grouping, a.code`,
    )
    .all(studentId, from, to) as AttendanceRow[];
}

function studentLines(db: Sqlite, studentId: number, from: string, to: string): OwedLine[] {
  return db.prepare(`${LINES_SQL} AND p.student_id = ?`).all(to, from, studentId) as OwedLine[];
}

export function studentMinutes(db: Sqlite, studentId: number, from: string, to: string, today: string): MinutesSummary {
  const st = getStudent(db, studentId);
  const ctx = context(db, today);
  const { cal, clip } = studentBasis(db, studentId, st.schoolId);
  // Whole service intervals: read lines, attendance and makeups over every interval touching the range.
  const span = judgementSpan(from, to, [cal]);
  const { rows, credits } = ledgerAndCredits(
    loadMakeupInputsByStudent(db, studentId, span.from, span.to).get(studentId),
    ctx.makeupCodes,
  );
  return summarise(
    ctx,
    cal,
    clip(studentLines(db, studentId, span.from, span.to)),
    studentAttendance(db, studentId, from, to),
    balanceBetween(rows, from, to),
    from,
    to,
    judgeInputs(db, studentId, span, today, credits),
  );
}

/** Present minutes, makeup credits and planned minutes of one student over a judgement span. */
function judgeInputs(
  db: Sqlite,
  studentId: number,
  span: { from: string; to: string },
  today: string,
  credits: JudgementInputs['makeups'],
): JudgementInputs {
  const upTo = span.to < today ? span.to : today;
  return {
    present: upTo >= span.from ? (presentByDate(db, studentId, span.from, upTo).get(studentId) ?? []) : [],
    makeups: credits,
    planned: span.to >= today ? (plannedMinutes(db, [studentId], today, span.to).get(studentId) ?? []) : [],
  };
}

export function studentOverview(db: Sqlite, studentId: number, today: string): StudentOverview {
  const st = getStudent(db, studentId);
  const ctx = context(db, today);
  const { cal, clip } = studentBasis(db, studentId, st.schoolId);
  const year = cal.yearNearest(toDay(today));
  const yearFrom = year ? fromDay(year.first) : monthRange(today).from;
  const yearTo = year ? fromDay(year.last) : monthRange(today).to;
  const ranges: { key: string; label: string; from: string; to: string }[] = [
    { key: 'week', label: 'This week', ...weekRange(today) },
    { key: 'month', label: 'This month', ...monthRange(today) },
  ];
  if (year?.id) {
    const period = db
      .prepare(
        `SELECT label, start_date AS "from", end_date AS "to" FROM reporting_periods
         WHERE school_year_id = ? AND start_date <= ? AND end_date >= ?`,
      )
      .get(year.id, today, today) as { label: string; from: string; to: string } | undefined;
    if (period) ranges.push({ key: 'period', label: period.label, from: period.from, to: period.to });
  }
  ranges.push({ key: 'year', label: year ? `School year ${year.label}` : 'School year', from: yearFrom, to: yearTo });

  // One read of lines and attendance covers every range shown (a week or month can stick out of the year).
  // Compliance per interval reads the whole intervals around them too (judgementSpan).
  const rangeFrom = ranges.reduce((m, r) => (r.from < m ? r.from : m), yearFrom);
  const rangeTo = ranges.reduce((m, r) => (r.to > m ? r.to : m), yearTo);
  const jspan = judgementSpan(rangeFrom, rangeTo, [cal]);
  const spanFrom = jspan.from < rangeFrom ? jspan.from : rangeFrom;
  const spanTo = jspan.to > rangeTo ? jspan.to : rangeTo;
  const lines = clip(studentLines(db, studentId, spanFrom, spanTo));
  const rows = db
    .prepare(
      `SELECT a.date, s.setting, s.grouping, a.code, a.minutes FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.student_id = ? AND a.date BETWEEN ? AND ?`,
    )
    .all(studentId, spanFrom, spanTo) as (AttendanceRow & { date: string })[];
  const { rows: ledgerRows, credits } = ledgerAndCredits(
    loadMakeupInputsByStudent(db, studentId, spanFrom, spanTo).get(studentId),
    ctx.makeupCodes,
  );
  // The ledger shown and the balances stay those of the school year's misses, as before.
  const ledgerAll = { rows: ledgerRows.filter((x) => x.date >= yearFrom && x.date <= yearTo) };
  const judge: JudgementInputs = {
    present: presentDays(rows.filter((x) => x.code === 'present' && x.date <= today)),
    makeups: credits,
    planned: spanTo >= today ? (plannedMinutes(db, [studentId], today, spanTo).get(studentId) ?? []) : [],
  };
  const periods = ranges.map((r) => {
    const inRange = rows.filter((x) => x.date >= r.from && x.date <= r.to);
    const balance = ledgerAll.rows
      .filter((x) => x.date >= r.from && x.date <= r.to)
      .reduce((n, x) => n + x.outstanding, 0);
    return {
      key: r.key,
      label: r.label,
      summary: summarise(ctx, cal, lines, inRange, balance, r.from, r.to, judge),
    };
  });

  const weekly: WeekPoint[] = [];
  for (let monday = mondayOf(toDay(yearFrom)); monday <= toDay(yearTo); monday += 7) {
    const from = fromDay(monday);
    const to = fromDay(monday + 6);
    const owed = owedBySetting(lines, cal, from, to, ctx.options);
    const point: WeekPoint = {
      weekOf: from,
      owed: owed.push_in + owed.pull_out + owed.consult,
      push_in: 0,
      pull_out: 0,
      consult: 0,
    };
    for (const r of rows) if (r.code === 'present' && r.date >= from && r.date <= to) point[r.setting] += r.minutes;
    weekly.push(point);
  }
  return { studentId, today, periods, weekly, ledger: ledgerAll.rows, threshold: ctx.threshold };
}

/**
 * An attendance row's setting, grouping and code as one small number worked out in SQL (no strings
 * built per row): setting × 21 + grouping × 7 + code, each its index in the vocabulary.
 */
const caseOf = (column: string, words: readonly string[]) =>
  `CASE ${column} ${words.map((w, i) => `WHEN '${w}' THEN ${i}`).join(' ')} END`;
const ROW_KIND_SQL = `${caseOf('s.setting', SETTINGS)} * 21 + ${caseOf('s.grouping', GROUPINGS)} * 7 + ${caseOf('a.code', ATTENDANCE_CODES)}`;
const settingOf = (k: number) => SETTINGS[(k / 21) | 0]!;
const codeOf = (k: number) => ATTENDANCE_CODES[k % 7]!;

/**
 * The caseload's attendance, one value per row (reading rows as arrays of columns cost more than the
 * figures computed from them). A present student's row is one exact integer below 2^53:
 * ((student × 2^17 + day + 40000) × 64 + kind) × 1024 + minutes, for student ids below 2^20, dates of
 * 1860–2219 and fewer than 1024 minutes (the schema allows 600). Misses (which the makeup ledger needs whole) and any row that
 * does not fit are text: "student day kind minutes attendance session start".
 */
const DAY_SQL = '(unixepoch(a.date) / 86400)';
const ATTENDANCE_VALUE_SQL = `CASE WHEN a.code = 'present' AND a.student_id BETWEEN 0 AND 1048575
      AND a.minutes BETWEEN 0 AND 1023 AND a.date BETWEEN '1860-01-01' AND '2219-12-31'
    THEN ((a.student_id * 131072 + ${DAY_SQL} + 40000) * 64 + ${ROW_KIND_SQL}) * 1024 + a.minutes
    ELSE a.student_id || ' ' || ${DAY_SQL} || ' ' || (${ROW_KIND_SQL}) || ' ' || a.minutes || ' ' || a.id || ' ' ||
      a.session_id || ' ' || s.start_time END`;

interface AttendanceValue {
  studentId: number;
  day: Day;
  kind: number;
  minutes: number;
  /** Misses only (text rows): the attendance, its session and the session's start. */
  attendanceId: number;
  sessionId: number;
  startTime: string;
}

/** Reads one value of ATTENDANCE_VALUE_SQL into `into` (reused from row to row). */
function readAttendanceValue(v: number | string, into: AttendanceValue): void {
  if (typeof v === 'number') {
    // Divisions by powers of two are exact: each field is the whole part, and the rest the remainder.
    let r = Math.floor(v / 1024);
    into.minutes = v - r * 1024;
    const q = Math.floor(r / 64);
    into.kind = r - q * 64;
    r = Math.floor(q / 131072);
    into.day = q - r * 131072 - 40000;
    into.studentId = r;
    return;
  }
  // Six integers and the start time, separated by spaces (read in place: no substrings but the time).
  text.v = v;
  text.at = 0;
  into.studentId = nextInt();
  into.day = nextInt();
  into.kind = nextInt();
  into.minutes = nextInt();
  into.attendanceId = nextInt();
  into.sessionId = nextInt();
  into.startTime = v.slice(text.at);
}

/** The text value being read, and where. */
const text = { v: '', at: 0 };
function nextInt(): number {
  const { v } = text;
  let at = text.at;
  let sign = 1;
  if (v.charCodeAt(at) === 45) {
    sign = -1;
    at++;
  }
  let n = 0;
  for (let c = v.charCodeAt(at); c >= 48 && c <= 57; c = v.charCodeAt(++at)) n = n * 10 + c - 48;
  text.at = at + 1;
  return sign * n;
}

/** Up to this many students, their rows are read by id; past it, reading everyone is cheaper. */
const FEW_STUDENTS = 64;

/** What a student's compliance figures are computed from, besides their own attendance. */
const COMPLIANCE_TABLES = [...SCHEDULE_TABLES, 'settings'] as const;

/**
 * The service lines in effect over a span, per student (of some students, or all). The caseload's
 * are kept until a plan or line is written: working out every student's compliance again (after a
 * change to the settings, the schedule or the calendars) does not read them again.
 */
function linesBy(db: Sqlite, span: { from: string; to: string }, few: readonly number[] | null) {
  const read = () => {
    const lines = new Map<number, OwedLine[]>();
    for (const l of db
      .prepare(few ? `${LINES_SQL} AND p.student_id IN (SELECT value FROM json_each(?))` : LINES_SQL)
      .all(span.to, span.from, ...(few ? [JSON.stringify(few)] : [])) as (OwedLine & { studentId: number })[]) {
      const list = lines.get(l.studentId);
      if (list) list.push(l);
      else lines.set(l.studentId, [l]);
    }
    return lines;
  };
  return few ? read() : memoized(db, `lines:${span.from}:${span.to}`, ['plans', 'service_lines'], read);
}

/** The compliance summary of each student over a range (the inputs read once for them all). */
function complianceSummaries(
  db: Sqlite,
  ctx: Context,
  cals: Map<number, SchoolCalendar>,
  range: { from: string; to: string },
  today: string,
  ids: readonly number[],
  schoolOf: ReadonlyMap<number, number>,
): Map<number, MinutesSummary> {
  // A few students (those written to since the last read) are read by id; every student listed, or
  // many of them, are read without a filter (a filter of every id costs more than the rows it skips).
  const few = ids.length <= FEW_STUDENTS && ids.length < schoolOf.size ? ids : null;
  const enrollments = few ? loadEnrollments(db, few) : loadEnrollments(db);
  // Compliance per interval judges whole intervals: lines, present minutes and makeups over all of them
  // (the span holds the range).
  const span = judgementSpan(range.from, range.to, cals.values());
  const who = whoFilter(few, span.from, span.to);
  const lines = linesBy(db, span, few);

  // One pass over the attendance of every interval touching the range (rows as stored, no SQL
  // grouping, which measured slower) gives the range's figures (summed as the SQL of the range summed
  // them), compliance's present minutes by date, and the misses the makeup ledger starts from.
  const attendance = new Map<number, AttendanceRow[]>();
  const present = new Map<number, number[]>();
  const misses: MakeupsByStudent = new Map();
  const values = db
    .prepare(
      `SELECT ${ATTENDANCE_VALUE_SQL} FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.date BETWEEN ? AND ? ${who.sql}`,
    )
    .pluck(true)
    .all(...who.args) as (number | string)[];
  const from = toDay(range.from);
  const to = toDay(range.to);
  const upTo = toDay(today);
  const sums = new Map<number, AttendanceRow>();
  const r: AttendanceValue = {
    studentId: 0,
    day: 0,
    kind: 0,
    minutes: 0,
    attendanceId: 0,
    sessionId: 0,
    startTime: '',
  };
  for (const v of values) {
    readAttendanceValue(v, r);
    const { studentId: sid, day, kind, minutes } = r;
    if (day >= from && day <= to) {
      const k = sid * 64 + kind;
      const had = sums.get(k);
      if (had) had.minutes += minutes;
      else {
        const row = {
          setting: settingOf(kind),
          grouping: GROUPINGS[((kind % 21) / 7) | 0]!,
          code: codeOf(kind),
          minutes,
        };
        sums.set(k, row);
        const list = attendance.get(sid);
        if (list) list.push(row);
        else attendance.set(sid, [row]);
      }
    }
    const code = codeOf(kind);
    if (code !== 'present') {
      addMiss(misses, sid, {
        attendanceId: r.attendanceId,
        sessionId: r.sessionId,
        date: fromDay(day),
        startTime: r.startTime,
        code,
        minutes,
      });
    } else if (day <= upTo) {
      let list = present.get(sid);
      if (!list) present.set(sid, (list = []));
      pushPresent(list, day, settingOf(kind), minutes);
    }
  }

  const makeups = withMakeups(db, misses, who);
  const planned = span.to >= today ? plannedMinutes(db, few, today, span.to) : new Map();

  const frame = new JudgementFrame({ from: range.from, to: range.to, today }, ctx.options, ctx.threshold);
  const out = new Map<number, MinutesSummary>();
  for (const id of ids) {
    const { balance, credits } = makeupBalanceAndCredits(makeups.get(id), ctx.makeupCodes, range.from, range.to);
    out.set(
      id,
      summarise(
        ctx,
        calendarForStudent(cals, enrollments.get(id), schoolOf.get(id)!),
        clipLinesToEnrollment(lines.get(id) ?? [], enrollments.get(id) ?? []),
        attendance.get(id) ?? [],
        balance,
        range.from,
        range.to,
        {
          present: present.get(id) ?? NO_INPUTS.present,
          makeups: credits,
          planned: planned.get(id) ?? NO_INPUTS.planned,
          // The caseload lists no intervals: its table shows the sums; a student's page lists them.
          detail: 'none',
        },
        frame,
      ),
    );
  }
  return out;
}

/**
 * The sessions held over a range (someone present, at the chosen school when one is given), per
 * setting: how many and the therapist's minutes in them, each session once.
 */
export function heldBySetting(
  db: Sqlite,
  range: { from: string; to: string; schoolId?: number | undefined },
): { setting: Setting; n: number; minutes: number }[] {
  const atSchool = range.schoolId ? 'JOIN students st ON st.id = a.student_id AND st.school_id = ?' : '';
  return db
    .prepare(
      `SELECT s.setting, count(*) AS n, sum(s.minutes) AS minutes FROM sessions s WHERE s.date BETWEEN ? AND ?
       AND EXISTS (SELECT 1 FROM attendance a ${atSchool} WHERE a.session_id = s.id AND a.code = 'present')
       GROUP BY s.setting`,
    )
    .all(range.from, range.to, ...(range.schoolId ? [range.schoolId] : [])) as {
    setting: Setting;
    n: number;
    minutes: number;
  }[];
}

/** The delivery mix in therapist time over a range. Kept until attendance or students change. */
function rangeMix(db: Sqlite, range: { from: string; to: string; schoolId?: number | undefined }) {
  return memoized(db, `mix:${range.from}:${range.to}:${range.schoolId ?? ''}`, ['attendance', 'students'], () =>
    deliveryMix(heldBySetting(db, range).map((r) => ({ setting: r.setting, minutes: r.minutes, anyPresent: true }))),
  );
}

/** The order of String.prototype.localeCompare, from one collator rather than one per comparison. */
const byName = new Intl.Collator().compare;

export function caseloadCompliance(
  db: Sqlite,
  range: { from: string; to: string; schoolId?: number | undefined },
  today: string,
): CaseloadCompliance {
  const ctx = context(db, today);
  const cals = calendarsFor(db);

  // Active students, and exited students enrolled during the range: they appear in the figures of the
  // dates they were served. With a school filter: students enrolled at that school during the range.
  const atSchool = range.schoolId
    ? `AND EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = st.id AND e.school_id = ?
         AND coalesce(e.start_date, '') <= ? AND coalesce(e.end_date, '9999') >= ?)`
    : '';
  const students = db
    .prepare(
      `SELECT st.id, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name, st.grade,
        st.school_id AS schoolId, sc.name AS schoolName
       FROM students st JOIN schools sc ON sc.id = st.school_id
       WHERE (st.status = 'active' OR EXISTS (SELECT 1 FROM enrollments e WHERE e.student_id = st.id
         AND e.end_kind = 'exit' AND e.end_date >= ? AND coalesce(e.start_date, '') <= ?)) ${atSchool}`,
    )
    .all(range.from, range.to, ...(range.schoolId ? [range.schoolId, range.to, range.from] : [])) as {
    id: number;
    name: string;
    grade: string;
    schoolId: number;
    schoolName: string;
  }[];

  const schoolOf = new Map(students.map((st) => [st.id, st.schoolId]));
  // Each student's figures are kept until their own attendance (or a table they come from) is
  // written: the Friday check after a day of logging works out the students just logged, not all 500.
  const summaries = memoizedPerStudent(
    db,
    `compliance:${range.from}:${range.to}:${today}`,
    COMPLIANCE_TABLES,
    students.map((st) => st.id),
    (ids) => complianceSummaries(db, ctx, cals, range, today, ids, schoolOf),
  );

  const rows: ComplianceRow[] = students.map((st) => ({
    studentId: st.id,
    name: st.name,
    schoolName: st.schoolName,
    grade: st.grade,
    summary: summaries.get(st.id)!,
  }));

  // Furthest behind first; students owed nothing yet go last.
  rows.sort(
    (a, b) => (a.summary.compliance ?? Infinity) - (b.summary.compliance ?? Infinity) || byName(a.name, b.name),
  );

  const mix = rangeMix(db, range);

  return {
    from: range.from,
    to: range.to,
    threshold: ctx.threshold,
    rows,
    mix,
    totals: {
      owedToDate: rows.reduce((n, r) => n + r.summary.owedToDate, 0),
      delivered: rows.reduce((n, r) => n + r.summary.deliveredTotal, 0),
      makeupBalance: rows.reduce((n, r) => n + r.summary.makeupBalance, 0),
      behind: rows.filter((r) => r.summary.behind).length,
      judgedBehind: rows.filter((r) => r.summary.judged.behind).length,
      atRisk: rows.filter((r) => r.summary.judged.atRisk).length,
    },
  };
}

/** What is due in the next 30 days, and what is overdue, for active students. */
export function listDeadlines(db: Sqlite, today: string): DueItem[] {
  // Every past reporting period is checked for reports not yet final: kept until one of its tables
  // is written (a copy, so the caller may sort or change it).
  return memoized(db, `deadlines:${today}`, DEADLINE_TABLES, () => computeDeadlines(db, today)).map((d) => ({ ...d }));
}
const DEADLINE_TABLES = [
  'plans',
  'students',
  'progress_reports',
  'reporting_periods',
  'school_years',
  'schools',
  'goals',
] as const;

function computeDeadlines(db: Sqlite, today: string): DueItem[] {
  const horizon = addDays(today, 30);
  const plans = db
    .prepare(
      `SELECT st.id AS studentId, coalesce(st.preferred_name, st.first_name) || ' ' || st.last_name AS name,
        p.end_date AS endDate, p.reeval_due_date AS reeval, p.last_eval_date AS lastEval,
        p.medicaid_consent_expires AS consent, st.medicaid_id AS medicaidId
       FROM students st JOIN plans p ON p.student_id = st.id
       WHERE st.status = 'active' AND p.end_date = (SELECT max(end_date) FROM plans WHERE student_id = st.id)`,
    )
    .all() as {
    studentId: number;
    name: string;
    endDate: string;
    reeval: string | null;
    lastEval: string | null;
    consent: string | null;
    medicaidId: string | null;
  }[];
  const out: DueItem[] = [];
  const due = (dueDate: string) => {
    const late = Math.max(0, toDay(today) - toDay(dueDate));
    return { dueDate, overdue: late > 0, daysOverdue: late };
  };
  const push = (
    p: { studentId: number; name: string },
    kind: DueItem['kind'],
    label: string,
    dueDate: string | null,
  ) => {
    // Overdue items stay until the date is updated (a new IEP, evaluation or consent date).
    if (dueDate && dueDate <= horizon) out.push({ studentId: p.studentId, name: p.name, kind, label, ...due(dueDate) });
  };
  for (const p of plans) {
    push(p, 'annual_review', 'Annual IEP review', p.endDate);
    const reeval = p.reeval ?? (p.lastEval ? addDays(p.lastEval, 365 * 3) : null);
    push(p, 'reevaluation', 'Re-evaluation', reeval);
    if (p.medicaidId) push(p, 'medicaid_consent', 'Medicaid consent renewal', p.consent);
  }
  // A reporting period stays on the list, overdue or not, until every report it needs is final: one
  // per active student of the school whose IEP for the period has goals (the reports list's rows).
  const periods = db
    .prepare(
      `SELECT rp.id, rp.label, rp.start_date AS startDate, rp.end_date AS endDate, rp.due_date AS dueDate,
        sc.name AS school, sy.school_id AS schoolId
       FROM reporting_periods rp JOIN school_years sy ON sy.id = rp.school_year_id JOIN schools sc ON sc.id = sy.school_id
       WHERE rp.due_date <= ?`,
    )
    .all(horizon) as {
    id: number;
    label: string;
    startDate: string;
    endDate: string;
    dueDate: string;
    school: string;
    schoolId: number;
  }[];
  const counts = db.prepare(
    `SELECT count(*) AS total, coalesce(sum((SELECT r.status FROM progress_reports r WHERE r.student_id = st.id AND r.period_id = ?
        ORDER BY r.version DESC LIMIT 1) = 'final'), 0) AS final
     FROM students st WHERE st.school_id = ? AND st.status = 'active'
       AND EXISTS (SELECT 1 FROM goals g WHERE g.plan_id = (${REPORT_PLAN_SQL}))`,
  );
  for (const p of periods) {
    const c = counts.get(p.id, p.schoolId, p.endDate, p.startDate, p.endDate) as { total: number; final: number };
    if (c.total === 0 || c.final >= c.total) continue;
    out.push({
      studentId: 0,
      name: p.school,
      kind: 'progress_report',
      label: `Progress reports, ${p.label}: ${c.final} of ${c.total} final`,
      ...due(p.dueDate),
      reports: { final: c.final, total: c.total, periodId: p.id },
    });
  }
  return out.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
