// A long run of session logging and roster imports through the real handlers, acknowledging each
// committed write on stdout. The kill test SIGKILLs this process at random points.
import '../helpers/encryption';
import { writeSync } from 'node:fs';
import { openDatabase } from '../../electron/db/db';
import { addDays, minutesToTime } from '../../shared/domain/dates';
import { createHandlers } from '../../electron/ipc/handlers';

const file = process.argv[2]!;
const db = openDatabase(file);
const h = createHandlers({ db, dataPath: file, today: () => '2026-11-18' });
const ack = (line: string) => writeSync(1, `${line}\n`);
const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

if (ok(h.listSchools(undefined)).length === 0) {
  const s = ok(h.createSchool({ name: 'Kill Test Elementary' }));
  ok(h.createSchoolYear({ schoolId: s.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }));
  for (let i = 0; i < 6; i++) ok(h.createStudent({ firstName: `S${i}`, lastName: 'Kill', schoolId: s.id }));
}
const students = ok(h.listStudents({ status: 'active' }))
  .filter((s) => s.lastName === 'Kill')
  .map((s) => s.id);
// Each iteration commits one session or one roster batch of 5, so the tallies say exactly where the
// last run stopped; carrying on from there gives every session its own date and slot.
const tally = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
let n =
  tally('SELECT count(*) AS n FROM sessions') +
  tally("SELECT count(*) / 5 AS n FROM students WHERE last_name = 'Roster'");
ack('READY');
for (;;) {
  n++;
  if (n % 10 === 0) {
    const csv = [
      'First name,Last name,School',
      ...Array.from({ length: 5 }, (_, i) => `R${n}-${i},Roster,Kill Test Elementary`),
    ].join('\n');
    const r = ok(h.importRoster({ csv }));
    ack(`ROSTER ${n} ${r.created}`);
    continue;
  }
  // 60 school days up to today (weekdays from Wed 2026-08-26; sessions are dated today or earlier and on
  // school days) × 50 twenty-minute slots: 3,000 sessions before a slot repeats.
  const day = n % 60;
  const date = addDays('2026-08-26', Math.floor((day + 2) / 5) * 7 + ((day + 2) % 5) - 2);
  const slot = Math.floor(n / 60) % 50;
  const minutes = 6 * 60 + slot * 20;
  const group = [
    students[n % students.length]!,
    students[(n + 1) % students.length]!,
    students[(n + 2) % students.length]!,
  ];
  const s = ok(
    h.createSession({
      date,
      startTime: minutesToTime(minutes),
      minutes: 15,
      setting: 'pull_out',
      grouping: 'group',
      note: `kill run ${n}`,
      students: group.map((studentId, k) => ({ studentId, code: k === 2 ? 'student_absent' : 'present' })),
    }),
  );
  ack(`SESSION ${s.id} ${s.students.length}`);
}
