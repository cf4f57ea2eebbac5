import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { open, seal } from '../../electron/crypto/sealed-file';
import { exportAll } from '../../electron/db/transfer';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

const PASS = 'correct horse battery staple';
const CLOSURES = [
  { label: "Indigenous Peoples' Day", startDate: '2026-10-12' },
  { label: 'Thanksgiving break', startDate: '2026-11-25', endDate: '2026-11-27' },
  { label: 'Winter break', startDate: '2026-12-21', endDate: '2027-01-01' },
];
const PERIODS = [
  { label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' },
  { label: 'Quarter 2', startDate: '2026-11-01', endDate: '2027-01-23', dueDate: '2027-01-30' },
];

/** File dialogs that answer with paths in the app's temp folder. */
function fileShell(app: () => TestApp): ReportShell & { openPath: string } {
  return {
    openPath: '',
    chooseFolder: async () => app().dir,
    chooseSavePath: async (name) => join(app().dir, name),
    async chooseOpenPath() {
      return this.openPath;
    },
    htmlToPdf: async () => new Uint8Array(),
    printHtml: async () => true,
  };
}

function makeApp(shell: ReportShell) {
  const app = new TestApp('2026-12-15', shell);
  const { school, year } = seedSchool(app, CLOSURES);
  const withPeriods = app.call('setReportingPeriods', { schoolYearId: year.id, periods: PERIODS });
  return { app, school, year: withPeriods };
}

function iep(app: TestApp, studentId: number, lines: ('pull_out' | 'consult')[]) {
  const plan = app.call('createPlan', { studentId, startDate: '2026-08-26', endDate: '2027-06-11' });
  for (const setting of lines) {
    app.call('createServiceLine', {
      planId: plan.id,
      setting,
      grouping: 'individual',
      interval: setting === 'consult' ? 'month' : 'week',
      minutes: setting === 'consult' ? 120 : 60,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
  }
  return plan;
}

let a: TestApp;
let b: TestApp;
let sa: ReturnType<typeof fileShell>;
let sb: ReturnType<typeof fileShell>;
let ava: number;
let periodId: number;

beforeEach(() => {
  sa = fileShell(() => a);
  sb = fileShell(() => b);
  const made = makeApp(sa);
  a = made.app;
  periodId = made.year.periods[0]!.id;
  ava = a.call('createStudent', {
    firstName: 'Ava',
    lastName: 'Nguyen',
    schoolId: made.school.id,
    grade: '2',
    dateOfBirth: '2018-04-02',
    districtStudentId: 'D-1001',
    medicaidId: 'MC123',
    // Enrolled from Tue Sep 1: nothing is owed for Aug 26-28, which only the imported enrollment keeps.
    enrolledFrom: '2026-09-01',
  }).id;
  const liam = seedStudent(a, made.school.id, 'Liam', 'Garcia').id;
  const mia = seedStudent(a, made.school.id, 'Mia', 'Smith').id;
  const plan = iep(a, ava, ['pull_out', 'consult']);
  const g1 = a.call('createGoal', {
    planId: plan.id,
    area: 'Fine motor',
    text: 'Ava will cut along a curved line within 1/4 inch',
    measurement: 'trials',
  });
  a.call('createGoal', {
    planId: plan.id,
    area: 'Handwriting',
    text: 'Ava will copy a sentence legibly',
    measurement: 'percent',
  });
  // A group of three: Ava and Liam present, Mia absent; a shared activity note and a note of each student's own.
  a.call('createSession', {
    date: '2026-10-13',
    startTime: '09:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'group',
    note: 'Scissor work at the big table',
    students: [
      {
        studentId: ava,
        code: 'present',
        note: 'Cut 6 of 10 curves with verbal cues',
        goalData: [{ goalId: g1.id, correct: 6, total: 10, prompt: 'verbal' }],
      },
      { studentId: liam, code: 'present', note: 'Needed the slant board' },
      { studentId: mia, code: 'student_absent', note: 'Out sick all week' },
    ],
  });
  a.call('createSession', {
    date: '2026-10-20',
    startTime: '09:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    note: 'Therapist at training',
    students: [{ studentId: ava, code: 'provider_absent' }],
  });
  const miss = a.call('listOpenMisses', { studentId: ava })[0]!.attendanceId;
  a.call('createSession', {
    date: '2026-10-22',
    startTime: '13:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    note: 'Makeup: cutting circles',
    students: [
      { studentId: ava, code: 'present', makeupFor: [miss], goalData: [{ goalId: g1.id, correct: 8, total: 10 }] },
    ],
  });
  a.call('createSession', {
    date: '2026-11-03',
    startTime: '14:00',
    minutes: 45,
    setting: 'consult',
    grouping: 'individual',
    students: [{ studentId: ava, code: 'present' }],
  });
  a.call('createSession', {
    date: '2026-11-10',
    startTime: '09:00',
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    students: [{ studentId: ava, code: 'student_unavailable' }],
  });
  a.call('createEvaluation', {
    studentId: ava,
    date: '2026-09-15',
    startTime: '10:00',
    minutes: 60,
    cptCode: '97168',
    note: 'Re-evaluation: fine motor and handwriting',
  });
  const goals = a.call('getProgressReport', { studentId: ava, periodId }).goals.map((g) => ({
    goalId: g.goalId,
    code: 'Making sufficient progress to meet the goal',
    narrative: `Narrative for ${g.area}`,
  }));
  a.call('finaliseProgressReport', { studentId: ava, periodId, goals });
});
afterEach(() => {
  a?.close();
  b?.close();
});

async function exportAva(): Promise<string> {
  const r = await a.callAsync('exportStudentFile', { studentId: ava, passphrase: PASS });
  expect(r.file).toMatch(/Ava Nguyen - student file\.caseload-student$/);
  return r.file!;
}

/** Every figure of a student, without the ids that differ from one caseload to another. */
function figures(app: TestApp, studentId: number) {
  const ranges = [
    { from: '2026-08-26', to: '2027-06-11' },
    { from: '2026-10-12', to: '2026-10-18' },
    { from: '2026-10-01', to: '2026-10-31' },
    { from: '2026-11-01', to: '2026-11-30' },
  ];
  const overview = app.call('studentOverview', { id: studentId });
  return {
    minutes: ranges.map((r) => app.call('studentMinutes', { studentId, ...r })),
    periods: overview.periods,
    weekly: overview.weekly,
    ledger: overview.ledger.map(({ date, code, minutes, owesMakeup, coveredMinutes, outstanding, coveredBy }) => ({
      date,
      code,
      minutes,
      owesMakeup,
      coveredMinutes,
      outstanding,
      coveredBy: coveredBy.map((c) => [c.date, c.minutes]),
    })),
    openMisses: app
      .call('listOpenMisses', { studentId })
      .map(({ date, code, minutes, startTime }) => ({ date, code, minutes, startTime })),
    log: app
      .call('getServiceLog', { studentId, from: '2026-08-26', to: '2027-06-11' })
      .rows.map(({ date, startTime, minutes, setting, grouping, groupSize, code, goals }) => ({
        date,
        startTime,
        minutes,
        setting,
        grouping,
        groupSize,
        code,
        goals,
      })),
  };
}

describe('the student file', () => {
  it('is sealed: one changed byte, a wrong passphrase or another kind of file is refused, and nothing is written', async () => {
    const file = await exportAva();
    const bytes = readFileSync(file);
    // Nothing readable in the file: not the name, not a note.
    expect(bytes.includes(Buffer.from('Nguyen'))).toBe(false);
    expect(bytes.includes(Buffer.from('cutting circles'))).toBe(false);
    b = new TestApp('2026-12-15', sb);
    const before = b.snapshot();
    for (const at of [50, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const tampered = Buffer.from(bytes);
      tampered[at] = tampered[at]! ^ 0x01;
      const path = join(b.dir, `tampered-${at}.caseload-student`);
      writeFileSync(path, tampered);
      sb.openPath = path;
      const e = await b.failAsync('openStudentFile', { passphrase: PASS });
      expect(e.message).toMatch(/changed or damaged|damaged header|incomplete/);
      expect(e.message).toContain('Nothing was imported');
    }
    sb.openPath = file;
    expect(await b.failAsync('openStudentFile', { passphrase: 'not the passphrase' })).toMatchObject({
      field: 'passphrase',
    });
    const json = join(b.dir, 'export.json');
    writeFileSync(json, '{"format":"caseload-export"}');
    sb.openPath = json;
    expect((await b.failAsync('openStudentFile', { passphrase: PASS })).message).toMatch(/not a sealed Caseload file/);
    // A short passphrase is refused before anything is written.
    expect((await a.failAsync('exportStudentFile', { studentId: ava, passphrase: 'short' })).field).toBe('passphrase');
    expect(await b.failAsync('importStudentFile', { token: '0'.repeat(32) })).toMatchObject({ field: 'token' });
    expect(b.snapshot()).toBe(before);
  });

  it('holds only this student: their own notes, and a group by its size', async () => {
    const file = await exportAva();
    const data = (await open(readFileSync(file), PASS)).toString('utf8');
    // Not the other students' names or notes, and not the group's shared note.
    for (const other of ['Liam', 'Garcia', 'Mia', 'Smith', 'slant board', 'Out sick', 'Scissor work'])
      expect(data).not.toContain(other);
    const parsed = JSON.parse(data) as {
      sessions: { date: string; groupSize: number; note: string | null }[];
      enrollments: unknown[];
      evaluations: unknown[];
    };
    // Her own note, and the group by its size: 2 present (Ava and Liam), Mia absent.
    expect(parsed.sessions.find((x) => x.date === '2026-10-13')).toMatchObject({
      groupSize: 2,
      note: 'Cut 6 of 10 curves with verbal cues',
    });
    // Alone in a session, the session's note is hers.
    expect(parsed.sessions.find((x) => x.date === '2026-10-22')!.note).toBe('Makeup: cutting circles');
    expect(parsed.enrollments).toEqual([
      { schoolName: 'Lincoln Elementary', startDate: '2026-09-01', endDate: null, endKind: null, endReason: null },
    ]);
    expect(parsed.evaluations).toEqual([
      {
        date: '2026-09-15',
        startTime: '10:00',
        minutes: 60,
        cptCode: '97168',
        note: 'Re-evaluation: fine motor and handwriting',
      },
    ]);
    expect(a.call('listAudit', { limit: 1 })[0]).toMatchObject({
      action: 'exported student file',
      subject: 'Ava Nguyen',
    });
  });

  it('merges into the student with the same district ID after a preview, adding only what is missing, figures equal', async () => {
    const file = await exportAva();
    const made = makeApp(sb);
    b = made.app;
    // The receiving therapist already has Ava from the district roster (grade 3 here), her IEP with the pull-out
    // line typed in, the consult session of Nov 3 logged, and a student of her own.
    const here = b.call('createStudent', {
      firstName: 'Ava',
      lastName: 'Nguyen',
      schoolId: made.school.id,
      grade: '3',
      districtStudentId: 'D-1001',
      enrolledFrom: '2026-09-01',
    }).id;
    seedStudent(b, made.school.id, 'Zoe', 'Park');
    iep(b, here, ['pull_out']);
    b.call('createSession', {
      date: '2026-11-03',
      startTime: '14:00',
      minutes: 45,
      setting: 'consult',
      grouping: 'individual',
      students: [{ studentId: here, code: 'present' }],
    });
    const before = b.snapshot();
    sb.openPath = file;
    const preview = await b.callAsync('openStudentFile', { passphrase: PASS });
    expect(b.snapshot()).toBe(before); // a preview writes nothing
    const s = preview.summary!;
    expect(s.student).toMatchObject({ name: 'Ava Nguyen', districtStudentId: 'D-1001', matched: { id: here } });
    // Same school and calendar here: nothing to add there. Same IEP: the consult line and both goals are added.
    // Five sessions in the file, one already here: four added, with the two goal data points and the makeup link.
    expect(s.added).toEqual({
      schools: 0,
      schoolYears: 0,
      plans: 0,
      lines: 1,
      goals: 2,
      sessions: 4,
      goalData: 2,
      makeups: 1,
      evaluations: 1,
      reports: 1,
    });
    expect(s.skipped).toEqual([{ what: '1 session(s)', reason: 'already logged here (same date, time and setting)' }]);
    expect(s.details).toContain('Quarter 1 report, final');

    const done = await b.callAsync('importStudentFile', { token: preview.token! });
    expect(done.added).toEqual(s.added);
    expect(done.studentId).toBe(here);
    // Never overwritten: her details here stay as they were.
    expect(b.call('getStudent', { id: here })).toMatchObject({ grade: '3', medicaidId: null });
    // Every figure of hers is the same on both sides.
    expect(figures(b, here)).toEqual(figures(a, ava));
    // Hand-worked for the week of Mon 2026-10-12 (holiday): 60 pull-out owed in full; the group's 30 delivered.
    expect(figures(b, here).minutes[1]).toMatchObject({ owedTotal: 60 + (120 * 4) / 21, deliveredTotal: 30 });
    // The group shows its size (2 present), not the students of this caseload, and her own note only.
    // (The Students column shows that size too: the roster of 3 with the absent Mia stays with the sender.)
    expect(b.call('getServiceLog', { studentId: here, from: '2026-10-13', to: '2026-10-13' }).rows[0]).toMatchObject({
      groupSize: 2,
      studentsInSession: 2,
      note: 'Cut 6 of 10 curves with verbal cues',
    });
    // The finalised report reads as it was finalised, with this caseload's ids.
    const report = b.call('getProgressReport', { studentId: here, periodId: made.year.periods[0]!.id });
    expect(report).toMatchObject({ status: 'final', version: 1, student: { id: here } });
    expect(report.goals.map((g) => g.narrative)).toEqual(['Narrative for Fine motor', 'Narrative for Handwriting']);
    expect(b.call('listAudit', { limit: 1 })[0]).toMatchObject({ action: 'imported student file', studentId: here });

    // The same file again adds nothing.
    const again = await b.callAsync('openStudentFile', { passphrase: PASS });
    expect(Object.values(again.summary!.added).every((n) => n === 0)).toBe(true);
  });

  it('into a caseload without her school: the school and its calendar are created, figures equal', async () => {
    const file = await exportAva();
    b = new TestApp('2026-12-15', sb);
    sb.openPath = file;
    const preview = await b.callAsync('openStudentFile', { passphrase: PASS });
    expect(preview.summary!.student.matched).toBeNull();
    expect(preview.summary!.added).toMatchObject({ schools: 1, schoolYears: 1, plans: 1, lines: 2, sessions: 5 });
    const done = await b.callAsync('importStudentFile', { token: preview.token! });
    expect(b.call('listSchools').map((x) => x.name)).toEqual(['Lincoln Elementary']);
    expect(figures(b, done.studentId)).toEqual(figures(a, ava));
    // Her enrollment came with her: enrolled from Tue Sep 1, so the week of Aug 24 (school Wed-Fri) owes nothing.
    // Without it she would owe 60 pull-out + 120 consult × 3 of August's 4 school days = 60 + 90 = 150.
    expect(b.call('getStudent', { id: done.studentId }).enrollments).toMatchObject([
      { schoolName: 'Lincoln Elementary', startDate: '2026-09-01', endDate: null },
    ]);
    const week = { from: '2026-08-24', to: '2026-08-30' };
    expect(b.call('studentMinutes', { studentId: done.studentId, ...week }).owedTotal).toBe(0);
    expect(a.call('studentMinutes', { studentId: ava, ...week }).owedTotal).toBe(0);
    // Her evaluation came too, and a session's own note went to her own note.
    expect(
      b.call('listEvaluations', { studentId: done.studentId, from: '2026-08-26', to: '2027-06-11' }),
    ).toMatchObject([{ date: '2026-09-15', startTime: '10:00', minutes: 60, cptCode: '97168' }]);
    expect(b.call('listAudit', { limit: 1 })[0]).toMatchObject({ action: 'imported student file' });

    // Moving that whole caseload on (Backups & data → Export everything) keeps the group's size and her note.
    const whole = join(b.dir, 'everything.json');
    writeFileSync(whole, JSON.stringify(exportAll(b.db, '2026-12-15T15:00:00Z')));
    const sc = fileShell(() => b);
    sc.openPath = whole;
    const c = new TestApp('2026-12-15', sc);
    try {
      await c.callAsync('importEverything');
      expect(figures(c, done.studentId)).toEqual(figures(a, ava));
      expect(
        c.call('getServiceLog', { studentId: done.studentId, from: '2026-10-13', to: '2026-10-13' }).rows[0],
      ).toMatchObject({ groupSize: 2, note: 'Cut 6 of 10 curves with verbal cues' });
    } finally {
      c.close();
    }
  });

  it("skips a session that overlaps the receiving therapist's own time, and says so", async () => {
    const file = await exportAva();
    const made = makeApp(sb);
    b = made.app;
    const zoe = seedStudent(b, made.school.id, 'Zoe', 'Park').id;
    // The receiving therapist was with Zoe from 09:15 to 09:45 on Nov 10; Ava's file has 09:00-09:30 that day.
    b.call('createSession', {
      date: '2026-11-10',
      startTime: '09:15',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: zoe, code: 'present' }],
    });
    sb.openPath = file;
    const preview = await b.callAsync('openStudentFile', { passphrase: PASS });
    expect(preview.summary!.added).toMatchObject({ sessions: 4, makeups: 1 });
    expect(preview.summary!.skipped).toEqual([
      {
        what: 'the pull-out session of 2026-11-10 at 09:00 (30 min)',
        reason: 'it overlaps your session of 09:15–09:45 that day; you cannot be in two places at once',
      },
    ]);
    const done = await b.callAsync('importStudentFile', { token: preview.token! });
    const year = { from: '2026-08-26', to: '2027-06-11' };
    const there = a.call('studentMinutes', { studentId: ava, ...year });
    const here = b.call('studentMinutes', { studentId: done.studentId, ...year });
    // Delivered both sides: group 30 + makeup 30 + consult 45 = 105. Makeups owed: the Nov 10 miss
    // (student_unavailable, 30) is owed there and was not imported here: 30 vs 0.
    expect(there.deliveredTotal).toBe(105);
    expect(here.deliveredTotal).toBe(105);
    expect(there.makeupBalance).toBe(30);
    expect(here.makeupBalance).toBe(0);
    // Zoe's session is untouched.
    expect(b.call('listSessions', { studentId: zoe, from: '2026-11-10', to: '2026-11-10' })).toHaveLength(1);
  });

  it('imports all or nothing: a file that does not hold together writes nothing', async () => {
    b = new TestApp('2026-12-15', sb);
    const data = JSON.parse((await open(readFileSync(await exportAva()), PASS)).toString('utf8')) as {
      schools: { years: { closures: { startDate: string; endDate: string }[] }[] }[];
      enrollments: { schoolName: string; startDate: string | null; endDate: string | null }[];
    };
    const sealTo = async (name: string, d: unknown) => {
      const path = join(b.dir, name);
      writeFileSync(path, await seal(Buffer.from(JSON.stringify(d)), PASS, { logN: 10, r: 8, p: 1 }));
      return path;
    };
    const before = b.snapshot();
    // Two enrollments that overlap: found only after the school and its calendar were written in the same
    // transaction, which is rolled back.
    const twice = structuredClone(data);
    twice.enrollments.push({ ...twice.enrollments[0]!, startDate: '2026-10-01' });
    sb.openPath = await sealTo('twice.caseload-student', twice);
    expect((await b.failAsync('openStudentFile', { passphrase: PASS })).message).toMatch(
      /enrollments at Lincoln Elementary and Lincoln Elementary that overlap\. Nothing was imported/,
    );
    expect(b.snapshot()).toBe(before);
    // A break that ends before it starts.
    data.schools[0]!.years[0]!.closures.push({ startDate: '2027-03-05', endDate: '2027-03-01', label: 'Odd' } as never);
    sb.openPath = await sealTo('odd.caseload-student', data);
    expect((await b.failAsync('openStudentFile', { passphrase: PASS })).message).toMatch(
      /the 2026-27 calendar of Lincoln Elementary has dates that end before they start/,
    );
    expect(b.snapshot()).toBe(before);
    expect(b.call('listSchools')).toEqual([]);
  });
});
