// npm run bench, the schedule's figures: today's agenda, a school year of occurrences, caseload
// coverage and "Done as planned" for a group of four, on a caseload given slots here.
import type { Sqlite } from '../electron/db/db';
import { occurrencesBetween } from '../electron/db/queries/schedule';
import type { Handlers } from '../electron/ipc/handlers';
import { timeAfter } from './timing';

type Time = (runs: number, fn: (i: number) => void) => number;
type Report = (o: Record<string, unknown>) => void;

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** Groups of up to four classmates, two weekdays each, spread over the school day, for every school. */
export function generateSlots(db: Sqlite, h: Handlers, yearStart: string): number {
  const schools = db.prepare('SELECT id FROM schools ORDER BY id').all() as { id: number }[];
  let slots = 0;
  for (const s of schools) {
    const ids = (
      db.prepare("SELECT id FROM students WHERE school_id = ? AND status = 'active' ORDER BY id").all(s.id) as {
        id: number;
      }[]
    ).map((r) => r.id);
    for (let k = 0; k * 4 < ids.length; k++) {
      const start = 8 * 60 + (k % 12) * 30;
      const hh = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      ok(
        h.createSlot({
          schoolId: s.id,
          startTime: hh(start),
          endTime: hh(start + 30),
          setting: k % 3 === 0 ? 'push_in' : 'pull_out',
          grouping: 'group',
          startDate: yearStart,
          recurrence: { kind: 'weekdays', days: [k % 5, (k + 2) % 5] },
          studentIds: ids.slice(k * 4, k * 4 + 4),
        }),
      );
      slots++;
    }
  }
  return slots;
}

export function benchSchedule(
  db: Sqlite,
  h: Handlers,
  cfg: { size: string },
  year: { firstDay: string; lastDay: string },
  today: string,
  time: Time,
  report: Report,
) {
  const slots = generateSlots(db, h, year.firstDay);
  const agenda = ok(h.getAgenda({ date: today }));
  // Today's agenda as the therapist meets it: refetched after each session logged from it (a group
  // logged "as planned", untimed, then undone), which recounts those students' makeups; and after a
  // change to the schedule (a slot renamed), when every occurrence of the four weeks is worked out again.
  const logged = agenda.occurrences.find((o) => h.logOccurrenceAsPlanned({ slotId: o.slotId, date: today }).ok);
  if (!logged) throw new Error('no occurrence of today could be logged');
  ok(h.undoOccurrence({ slotId: logged.slotId, date: today }));
  const afterLog = timeAfter(
    30,
    () => ok(h.logOccurrenceAsPlanned({ slotId: logged.slotId, date: today })),
    () => ok(h.getAgenda({ date: today })),
    () => ok(h.undoOccurrence({ slotId: logged.slotId, date: today })),
  );
  report({
    size: cfg.size,
    figure: 'todaysAgenda (handler, after a session is logged)',
    ms: +afterLog.toFixed(2),
    slots,
    occurrencesToday: agenda.occurrences.length,
    notLogged: agenda.notLogged.length,
  });
  const rename = db.prepare('UPDATE slots SET label = ? WHERE id = ?');
  const afterChange = timeAfter(
    15,
    (i) => rename.run(`Group ${i}`, logged.slotId),
    () => ok(h.getAgenda({ date: today })),
  );
  report({
    size: cfg.size,
    figure: 'todaysAgenda (handler, after a schedule change)',
    ms: +afterChange.toFixed(2),
  });
  let count = 0;
  // The figures below are worked out from scratch: each run follows a change to the schedule (the
  // occurrences are kept between reads until the schedule, calendars, enrollments or lines change).
  const yearMs = timeAfter(
    15,
    (i) => rename.run(`Group ${i}`, logged.slotId),
    () => {
      count = occurrencesBetween(db, year.firstDay, year.lastDay).length;
    },
  );
  report({ size: cfg.size, figure: 'occurrences(school year)', ms: +yearMs.toFixed(2), occurrences: count });
  let students = 0;
  const covMs = timeAfter(
    15,
    (i) => rename.run(`Group ${i}`, logged.slotId),
    () => {
      students = ok(h.getCoverage({ date: today })).length;
    },
  );
  report({ size: cfg.size, figure: 'caseloadCoverage', ms: +covMs.toFixed(2), students });
  const workloadMs = timeAfter(
    15,
    (i) => rename.run(`Group ${i}`, logged.slotId),
    () => ok(h.getWorkload({ date: today })),
  );
  report({ size: cfg.size, figure: 'weekWorkload (handler)', ms: +workloadMs.toFixed(2) });
  let days = 0;
  const mileageMs = time(5, () => {
    days = ok(h.getMileage({ from: year.firstDay, to: year.lastDay })).days.length;
  });
  report({ size: cfg.size, figure: 'mileageLog(school year)', ms: +mileageMs.toFixed(2), days });

  // A group of four classmates in an early-morning slot, logged as planned on a new past school day each
  // run (sessions are logged once they have happened).
  const group = (
    db
      .prepare("SELECT id FROM students WHERE school_id = (SELECT min(id) FROM schools) AND status = 'active' LIMIT 4")
      .all() as {
      id: number;
    }[]
  ).map((r) => r.id);
  const slot = ok(
    h.createSlot({
      schoolId: (db.prepare('SELECT min(id) AS id FROM schools').get() as { id: number }).id,
      startTime: '05:30',
      endTime: '06:00',
      setting: 'pull_out',
      grouping: 'group',
      startDate: year.firstDay,
      recurrence: { kind: 'weekdays', days: [0, 1, 2, 3, 4] },
      studentIds: group,
    }),
  );
  // Every school day of the slot up to today (each run logs a new one; the warm-up takes the first).
  const dates = occurrencesBetween(db, year.firstDay, today)
    .filter((o) => o.slotId === slot.id)
    .map((o) => o.date);
  if (dates.length < 42) throw new Error(`only ${dates.length} school days left for the bench slot`);
  const doneMs = time(40, (i) => ok(h.logOccurrenceAsPlanned({ slotId: slot.id, date: dates[i + 1]! })));
  report({ size: cfg.size, figure: 'doneAsPlanned(group of 4)', ms: +doneMs.toFixed(2) });
}
