// The week as work (docs/domain.md, "Workload"): sessions from the log for days gone by, the schedule
// for days to come, evaluations, non-student blocks and travel between schools, against the contract;
// and the mileage log from the distances between schools. The sums are shared/domain/workload.ts.
import type { MileageLegView, MileageLog, WorkloadSource, WorkloadWeek } from '../../../shared/api/types-workload';
import type { Setting } from '../../../shared/domain/codes';
import { fromDay, mondayOf, toDay } from '../../../shared/domain/dates';
import { travelKey } from '../../../shared/domain/schedule';
import {
  type Leg,
  type TravelPair,
  type WorkItem,
  mileageByDay,
  roundMiles,
  travelLegs,
  workload,
} from '../../../shared/domain/workload';
import type { Sqlite } from '../db';
import { occurrencesBetween } from './schedule';
import { getScheduleSetup } from './schedule-slots';
import { getSettings } from './settings';
import { blockViews } from './work-blocks';

/** The school a student is enrolled at on a date (SQL, for a student id `sid` and a date `d`). */
const SCHOOL_ON = (sid: string, d: string) =>
  `coalesce((SELECT e.school_id FROM enrollments e WHERE e.student_id = ${sid}
     AND (e.start_date IS NULL OR e.start_date <= ${d}) AND (e.end_date IS NULL OR e.end_date >= ${d})
     ORDER BY e.start_date DESC LIMIT 1), (SELECT school_id FROM students WHERE id = ${sid}))`;

export function sourceOf(date: string, today: string): WorkloadSource {
  return date < today ? 'log' : date === today ? 'log_and_schedule' : 'schedule';
}

interface Items {
  items: WorkItem[];
  notLogged: number;
}

/**
 * The work of [from, to]: each session logged with a student present (once, for its length, at the
 * school of its slot or of its students), each planned occurrence of today or later not yet logged
 * or cancelled, each evaluation, each block. Occurrences of past days that were never logged are
 * counted apart: the log is what happened.
 */
export function workItems(db: Sqlite, from: string, to: string, today: string): Items {
  const items: WorkItem[] = [];
  const sessions = db
    .prepare(
      `SELECT s.date, s.start_time AS startTime, s.minutes, s.setting,
        coalesce((SELECT sl.school_id FROM occurrence_sessions o JOIN slots sl ON sl.id = o.slot_id WHERE o.session_id = s.id),
          (SELECT min(${SCHOOL_ON('a.student_id', 's.date')}) FROM attendance a WHERE a.session_id = s.id)) AS schoolId
       FROM sessions s
       WHERE s.date BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM attendance p WHERE p.session_id = s.id AND p.code = 'present')`,
    )
    .all(from, to) as { date: string; startTime: string; minutes: number; setting: Setting; schoolId: number | null }[];
  for (const x of sessions)
    items.push({
      date: x.date,
      startTime: x.startTime,
      minutes: x.minutes,
      schoolId: x.schoolId,
      kind: { type: 'service', setting: x.setting },
    });
  const linked = new Set(
    (
      db.prepare('SELECT slot_id AS s, date FROM occurrence_sessions WHERE date BETWEEN ? AND ?').all(from, to) as {
        s: number;
        date: string;
      }[]
    ).map((r) => `${r.s}@${r.date}`),
  );
  let notLogged = 0;
  for (const o of occurrencesBetween(db, from, to)) {
    if (linked.has(`${o.slotId}@${o.date}`)) continue;
    if (o.date < today) {
      notLogged++;
      continue;
    }
    items.push({
      date: o.date,
      startTime: o.startTime,
      minutes: o.minutes,
      schoolId: o.schoolId,
      kind: { type: 'service', setting: o.setting },
    });
  }
  const evaluations = db
    .prepare(
      `SELECT ev.date, ev.start_time AS startTime, ev.minutes, ${SCHOOL_ON('ev.student_id', 'ev.date')} AS schoolId
       FROM evaluations ev WHERE ev.date BETWEEN ? AND ?`,
    )
    .all(from, to) as { date: string; startTime: string; minutes: number; schoolId: number | null }[];
  for (const e of evaluations) items.push({ ...e, kind: { type: 'evaluation' } });
  for (const b of blockViews(db, from, to))
    items.push({
      date: b.date,
      startTime: b.startTime,
      minutes: b.minutes,
      schoolId: b.schoolId,
      kind: { type: 'block', block: b.kind },
    });
  return { items, notLogged };
}

function travelPairs(db: Sqlite): { pair: TravelPair; name: (id: number) => string } {
  const setup = getScheduleSetup(db);
  const rows = new Map(setup.travel.map((t) => [travelKey(t.schoolA, t.schoolB), t]));
  const names = new Map(setup.schools.map((s) => [s.schoolId, s.school]));
  return {
    pair: (a, b) => {
      const t = rows.get(travelKey(a, b));
      return { minutes: t?.minutes ?? 0, miles: t?.miles ?? null };
    },
    name: (id) => names.get(id) ?? `school #${id}`,
  };
}

function legView(l: Leg, name: (id: number) => string, today: string): MileageLegView {
  return {
    date: l.date,
    fromSchoolId: l.from,
    toSchoolId: l.to,
    from: name(l.from),
    to: name(l.to),
    minutes: l.minutes,
    miles: l.miles,
    source: sourceOf(l.date, today),
  };
}

/** The workload of the Monday–Sunday week containing a date. */
export function weekWorkload(db: Sqlite, date: string, today: string): WorkloadWeek {
  const monday = mondayOf(toDay(date));
  const from = fromDay(monday);
  const to = fromDay(monday + 6);
  const { items, notLogged } = workItems(db, from, to, today);
  const { pair, name } = travelPairs(db);
  const contracted = getSettings(db).contractedWeeklyMinutes;
  const w = workload(items, pair, contracted);
  const days = [0, 1, 2, 3, 4, 5, 6].map((i) => {
    const d = fromDay(monday + i);
    const x = workload(
      items.filter((it) => it.date === d),
      pair,
      null,
    );
    return {
      date: d,
      source: sourceOf(d, today),
      direct: x.direct,
      consult: x.consult,
      evaluations: x.evaluations,
      blocks: Object.values(x.blocks).reduce((n, m) => n + m, 0),
      travel: x.travel,
      total: x.total,
    };
  });
  return {
    ...w,
    from,
    to,
    today,
    // Saturday and Sunday are listed only when something happened on them.
    days: days.filter((d, i) => i < 5 || d.total > 0),
    notLogged,
    legs: w.legs.map((l) => legView(l, name, today)),
    blockList: blockViews(db, from, to),
  };
}

/** The mileage log of [from, to]: each day's legs between schools, their miles and the day's total. */
export function mileageLog(db: Sqlite, from: string, to: string, today: string): MileageLog {
  const { items } = workItems(db, from, to, today);
  const { pair, name } = travelPairs(db);
  const days = mileageByDay(travelLegs(items, pair)).map((d) => ({
    date: d.date,
    legs: d.legs.map((l) => legView(l, name, today)),
    miles: d.miles,
    unknown: d.unknown,
  }));
  const missing = new Set<string>();
  for (const d of days) for (const l of d.legs) if (l.miles == null) missing.add([l.from, l.to].sort().join(' ↔ '));
  return {
    from,
    to,
    days,
    miles: roundMiles(days.reduce((n, d) => n + d.miles, 0)),
    missing: [...missing].sort(),
  };
}
