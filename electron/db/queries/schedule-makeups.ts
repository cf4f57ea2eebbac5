// Makeups into free time (docs/domain.md): for an open miss, free times at the student's school in
// the next two weeks; booking one adds a one-off occurrence linked to the miss, logged like any other.
import type { z } from 'zod';
import type * as s from '../../../shared/api/schemas-schedule';
import type { MakeupOffer, Slot } from '../../../shared/api/types-schedule';
import type { MissCode, Setting } from '../../../shared/domain/codes';
import { minutesToTime, timeToMinutes, toDay } from '../../../shared/domain/dates';
import { makeupLedger } from '../../../shared/domain/makeups';
import { freeStarts, travelLookup } from '../../../shared/domain/schedule';
import { invalid, notFound } from '../../ipc/errors';
import type { Sqlite } from '../db';
import { calendarsFor, loadMakeupInputs } from './minutes';
import { occurrencesBetween } from './schedule';
import { createSlot, getScheduleSetup } from './schedule-slots';
import { getSettings } from './settings';
import { blocksBetween } from './work-blocks';
import { BLOCK_LABELS } from '../../../shared/domain/workload';

/** School days looked ahead for makeup times: two weeks. */
export const MAKEUP_DAYS = 10;

function missOf(db: Sqlite, attendanceId: number) {
  const m = db
    .prepare(
      `SELECT a.id, a.student_id AS studentId, a.date, a.code, a.minutes, s.start_time AS startTime, s.setting,
        st.first_name || ' ' || st.last_name AS name, st.school_id AS schoolId, sc.name AS school, a.session_id AS sessionId
       FROM attendance a JOIN sessions s ON s.id = a.session_id JOIN students st ON st.id = a.student_id
       JOIN schools sc ON sc.id = st.school_id WHERE a.id = ?`,
    )
    .get(attendanceId) as
    | {
        id: number;
        studentId: number;
        date: string;
        code: MissCode | 'present';
        minutes: number;
        startTime: string;
        setting: Setting;
        name: string;
        schoolId: number;
        school: string;
        sessionId: number;
      }
    | undefined;
  if (!m) throw notFound('Missed session', attendanceId, 'attendanceId');
  const inputs = loadMakeupInputs(db, m.studentId, m.date, m.date);
  const row = makeupLedger(inputs.misses, inputs.makeups, new Set(getSettings(db).makeupCodes)).rows.find(
    (r) => r.attendanceId === attendanceId,
  );
  if (!row || !row.owesMakeup || row.outstanding <= 0)
    throw invalid('attendanceId', `the session of ${m.date} owes no makeup minutes for ${m.name}`);
  return { ...m, outstanding: row.outstanding };
}

export function offerMakeups(db: Sqlite, v: z.output<typeof s.MakeupOfferInput>): MakeupOffer {
  const m = missOf(db, v.attendanceId);
  const setup = getScheduleSetup(db);
  const school = setup.schools.find((x) => x.schoolId === m.schoolId)!;
  const cal = calendarsFor(db).get(m.schoolId);
  const days = cal ? cal.instructionalDates(toDay(v.from), toDay(v.from) + 31).slice(0, MAKEUP_DAYS) : [];
  const travel = travelLookup(setup.travel);
  // Busy: the slots' occurrences and the non-student blocks (a block at no school needs no travel).
  const busy: { date: string; startTime: string; endTime: string; schoolId: number }[] = days.length
    ? [
        ...occurrencesBetween(db, days[0]!, days[days.length - 1]!),
        ...blocksBetween(db, days[0]!, days[days.length - 1]!).map((b) => ({
          ...b,
          schoolId: b.schoolId ?? m.schoolId,
        })),
      ]
    : [];
  const minutes = Math.min(240, Math.max(5, Math.ceil(m.outstanding)));
  const offers: { date: string; startTime: string }[] = [];
  for (const date of days) {
    const today = busy.filter((o) => o.date === date);
    for (const startTime of freeStarts(
      { start: school.dayStart, end: school.dayEnd },
      today,
      m.schoolId,
      minutes,
      travel,
    ))
      offers.push({ date, startTime });
  }
  return {
    miss: {
      attendanceId: m.id,
      sessionId: m.sessionId,
      date: m.date,
      startTime: m.startTime,
      code: m.code as MissCode,
      minutes: m.minutes,
      outstanding: m.outstanding,
      studentId: m.studentId,
      name: m.name,
      schoolId: m.schoolId,
      school: m.school,
    },
    offers: offers.map((o) => ({ ...o, minutes })),
  };
}

/** Books a makeup: a one-off slot for the student at a free time, linked to the miss. */
export function bookMakeup(db: Sqlite, v: z.output<typeof s.MakeupBookInput>): Slot {
  const m = missOf(db, v.attendanceId);
  const start = timeToMinutes(v.startTime);
  const end = start + v.minutes;
  if (end > 24 * 60) throw invalid('minutes', 'the makeup must end before midnight');
  const setup = getScheduleSetup(db);
  const travel = travelLookup(setup.travel);
  const busy = [
    ...occurrencesBetween(db, v.date, v.date).map((o) => ({ ...o, what: 'is planned' })),
    ...blocksBetween(db, v.date, v.date).map((b) => ({
      ...b,
      schoolId: b.schoolId ?? m.schoolId,
      what: `is taken (${BLOCK_LABELS[b.kind]})`,
    })),
  ];
  for (const o of busy) {
    const t = travel(o.schoolId, m.schoolId);
    if (timeToMinutes(o.startTime) - t < end && start < timeToMinutes(o.endTime) + t)
      throw invalid(
        'startTime',
        `${v.startTime} is not free on ${v.date}: ${o.startTime}–${o.endTime} ${o.what}${t ? ` (${t} min travel)` : ''}`,
      );
  }
  return createSlot(
    db,
    {
      schoolId: m.schoolId,
      label: `Makeup for ${m.date}`,
      startTime: v.startTime,
      endTime: minutesToTime(end),
      setting: m.setting,
      grouping: 'individual',
      startDate: v.date,
      endDate: v.date,
      recurrence: { kind: 'once', date: v.date },
      studentIds: [m.studentId],
    },
    { makeupFor: m.id },
  );
}
