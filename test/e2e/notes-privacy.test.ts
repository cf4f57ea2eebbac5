import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

// docs/domain.md "Notes belong to one student": a group of four whose notes name each other. Every
// export of each student (service log PDF and CSV, handover PDF, progress report PDF, Medicaid CSV
// row) must hold no other student's name and no other student's note.
let app: E2EApp;
const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

const KIDS = [
  { firstName: 'Grace', lastName: 'Holloway', own: 'steadied the paper unprompted' },
  { firstName: 'Isla', lastName: 'Brightwater', own: 'left early for a field trip' },
  { firstName: 'Noah', lastName: 'Fenwick', own: 'tired after recess today' },
  { firstName: 'Mia', lastName: 'Quintero', own: 'asked for the slant board' },
];
const ids: number[] = [];
let periodId = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-02');
  const h = app.handlers;
  call(h.updateSettings({ providerName: 'Jordan Rivera', credentials: 'OTR/L', npi: '1234567893' }));
  const school = call(h.createSchool({ name: 'Lincoln Elementary' }));
  const year = call(
    h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
  );
  call(
    h.setReportingPeriods({
      schoolYearId: year.id,
      periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
    }),
  );
  periodId = call(h.listReportingPeriods(undefined))[0]!.id;
  KIDS.forEach((k, i) => {
    const st = call(
      h.createStudent({
        firstName: k.firstName,
        lastName: k.lastName,
        schoolId: school.id,
        grade: '2',
        dateOfBirth: '2018-04-02',
        medicaidId: `MC00${i}`,
      }),
    );
    ids.push(st.id);
    const plan = call(h.createPlan({ studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' }));
    call(
      h.createServiceLine({
        planId: plan.id,
        setting: 'pull_out',
        grouping: 'group',
        maxGroupSize: 4,
        interval: 'week',
        minutes: 30,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      }),
    );
    call(h.createGoal({ planId: plan.id, area: 'Fine motor', text: 'will cut on a line', measurement: 'trials' }));
  });
  // A group session through the handlers: a shared activity note and each student's own note.
  call(
    h.createSession({
      date: '2026-10-14',
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'group',
      note: 'Obstacle course with scooter boards',
      students: KIDS.map((k, i) => ({
        studentId: ids[i]!,
        code: i === 1 ? ('student_unavailable' as const) : ('present' as const),
        note: k.own,
      })),
    }),
  );
  // Older data, written before notes were per student: a group note naming Isla, and own notes
  // that name the others (as an import or an older version could leave them).
  const db = app.db;
  const sid = Number(
    db
      .prepare(
        `INSERT INTO sessions (date, start_time, minutes, setting, grouping, note)
         VALUES ('2026-10-21', '09:00', 30, 'pull_out', 'group', 'Isla Brightwater at a field trip')`,
      )
      .run().lastInsertRowid,
  );
  KIDS.forEach((k, i) => {
    const other = KIDS[(i + 1) % KIDS.length]!;
    db.prepare(
      `INSERT INTO attendance (session_id, student_id, code, minutes, date, note) VALUES (?, ?, 'present', 30, '2026-10-21', ?)`,
    ).run(sid, ids[i], `worked beside ${other.firstName} ${other.lastName}`);
  });
  await app.start();
});
afterAll(async () => app?.stop());

function leaks(text: string, self: number): string[] {
  const out: string[] = [];
  KIDS.forEach((k, i) => {
    if (i === self) return;
    for (const word of [k.firstName, k.lastName, k.own]) {
      if (new RegExp(`\\b${word}\\b`, 'i').test(text)) out.push(word);
    }
  });
  return out;
}

describe('no student record holds another student of the group', () => {
  it('service log PDF and CSV, handover PDF, progress report PDF and Medicaid CSV row of each of the four', async () => {
    const h = app.handlers;
    for (let i = 0; i < KIDS.length; i++) {
      const studentId = ids[i]!;
      const range = { studentId, from: '2026-10-01', to: '2026-10-31' };
      const texts: Record<string, string> = {};
      const csv = call(await h.exportServiceLog({ ...range, format: 'csv' })).file!;
      texts['service log CSV'] = readFileSync(csv, 'utf8');
      const pdf = call(await h.exportServiceLog({ ...range, format: 'pdf' })).file!;
      texts['service log PDF'] = pdfText(pdf);
      texts['handover PDF'] = pdfText(call(await h.exportStudentHandover({ id: studentId })).file!);
      texts['progress report PDF'] = pdfText(
        call(await h.exportProgressReportPdf({ studentId, periodId, folder: app.exportDir })).file!,
      );
      for (const [what, text] of Object.entries(texts)) {
        expect(text, `${what} of ${KIDS[i]!.firstName}`).toMatch(new RegExp(KIDS[i]!.lastName));
        expect(leaks(text, i), `${what} of ${KIDS[i]!.firstName}`).toEqual([]);
      }
      // The student's own note is there, and the group shows as its size.
      expect(texts['service log CSV']).toContain(KIDS[i]!.own);
      expect(texts['service log PDF']).toMatch(/Obstacle course/);
      expect(texts['service log CSV']).toMatch(/,Group,4,/);
    }
    // The Medicaid CSV holds one row per billed student: each row names its own student only.
    const file = call(await h.exportMedicaidCsv({ month: '2026-10' })).file!;
    const rows = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.length).toBeGreaterThanOrEqual(7); // 3 present on Oct 14, 4 on Oct 21
    for (const row of rows) {
      const self = KIDS.findIndex((k) => row['Student'] === `${k.firstName} ${k.lastName}`);
      expect(self).toBeGreaterThanOrEqual(0);
      expect(leaks(Object.values(row).join(' '), self)).toEqual([]);
    }
  }, 240_000);
});
