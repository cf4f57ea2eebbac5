import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Setting } from '../../shared/domain/codes';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

// Today Fri 2026-11-13 (docs/domain.md's example). School year 2026-27 with Mon Oct 12 and Wed Nov 11 off.
let app: TestApp;
let school: number;

function student(first: string, last: string, lines: [Setting, 'week' | 'month', number][]) {
  const st = seedStudent(app, school, first, last);
  const plan = app.call('createPlan', { studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' });
  for (const [setting, interval, minutes] of lines) {
    app.call('createServiceLine', {
      planId: plan.id,
      setting,
      grouping: 'individual',
      interval,
      minutes,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
  }
  return st.id;
}
let clock = 8 * 60;
function session(date: string, setting: Setting, minutes: number, students: { studentId: number; code?: string }[]) {
  clock += 60;
  const startTime = `${String(Math.floor(clock / 60) % 24).padStart(2, '0')}:00`;
  return app.call('createSession', {
    date,
    startTime,
    minutes,
    setting,
    grouping: students.length > 1 ? 'group' : 'individual',
    students: students.map((s) => ({ code: 'present', ...s })) as never,
  });
}

beforeEach(() => {
  app = new TestApp('2026-11-13');
  school = seedSchool(app, [
    { startDate: '2026-10-12', label: "Indigenous Peoples' Day" },
    { startDate: '2026-11-11', label: 'Veterans Day' },
  ]).school.id;
  clock = 8 * 60;
});
afterEach(() => app.close());

describe('compliance per setting and interval, through the handlers', () => {
  it('the week view does not flag a monthly consult not yet due, and keeps owed and delivered as before', () => {
    const id = student('Ava', 'Nguyen', [
      ['push_in', 'week', 30],
      ['consult', 'month', 120],
    ]);
    session('2026-11-10', 'push_in', 30, [{ studentId: id }]);
    const week = { from: '2026-11-09', to: '2026-11-15' };
    const s = app.call('studentMinutes', { studentId: id, ...week });
    // Unchanged figures: push-in 30 owed for the week; consult: November 2026 (Sun 1 … Mon 30) has 21
    // weekdays, minus Veterans Day = 20 school days, 4 of them this week → 120 × 4/20 = 24.
    expect(s.owed.consult).toBeCloseTo(24, 10);
    expect(s.owed.push_in).toBe(30);
    expect(s.deliveredTotal).toBe(30);
    // Pace: owed to date (today Fri) = 30 + 24 = 54, 30 delivered → 56% "behind" the old way.
    expect(s.behind).toBe(true);
    // Judged per interval: nothing has closed; consult 120 remains by Nov 30, nothing planned → at risk.
    expect(s.judged.behind).toBe(false);
    expect(s.judged.remaining).toEqual({ push_in: 0, pull_out: 0, consult: 120 });
    expect(s.judged.atRisk).toBe(true);
    expect(s.judged.atRiskBy).toBe('2026-11-30');
    const c = app.call('caseloadCompliance', week);
    expect(c.totals.judgedBehind).toBe(0);
    expect(c.totals.atRisk).toBe(1);
    // The caseload lists no intervals (its table shows the sums); the sums are the student's own.
    expect(s.judged.intervals.filter((i) => i.atRisk)).toHaveLength(1);
    expect(c.rows[0]!.summary.judged).toEqual({ ...s.judged, intervals: [] });
  });

  it('minutes the schedule plans for the rest of the interval take a student off "at risk"', () => {
    const id = student('Ava', 'Nguyen', [['consult', 'month', 120]]);
    const week = { from: '2026-11-09', to: '2026-11-15' };
    expect(app.call('studentMinutes', { studentId: id, ...week }).judged.atRisk).toBe(true);
    // A 60-minute consult every Tuesday from Nov 1: Nov 3 and 10 are past (not counted), Nov 17 and 24
    // are left in November → 120 planned = 120 remaining → not at risk.
    app.call('createSlot', {
      schoolId: school,
      startTime: '13:00',
      endTime: '14:00',
      setting: 'consult',
      grouping: 'individual',
      startDate: '2026-11-01',
      recurrence: { kind: 'weekdays', days: [1] },
      studentIds: [id],
    });
    const s = app.call('studentMinutes', { studentId: id, ...week });
    expect(s.judged.planned.consult).toBe(120);
    expect(s.judged.remaining.consult).toBe(120);
    expect(s.judged.atRisk).toBe(false);
    expect(app.call('caseloadCompliance', week).totals.atRisk).toBe(0);
  });

  it('pull-out logged where the IEP says push-in: behind in push-in for those weeks, 60 extra pull-out', () => {
    const id = student('Mia', 'Smith', [['push_in', 'week', 60]]);
    // Weeks of Oct 19 and Oct 26: push-in 2 × 30 given as pull-out twice each.
    for (const d of ['2026-10-20', '2026-10-22', '2026-10-27', '2026-10-29']) {
      session(d, 'pull_out', 30, [{ studentId: id }]);
    }
    const range = { from: '2026-10-19', to: '2026-11-01' };
    const s = app.call('studentMinutes', { studentId: id, ...range });
    // Over the range the old figures say 120 of 120.
    expect(s.owedTotal).toBe(120);
    expect(s.deliveredTotal).toBe(120);
    expect(s.compliance).toBe(1);
    // Per setting: push-in short 60 in each week, met 0 of 120; 120 pull-out minutes are extra.
    expect(s.judged.shortfall).toEqual({ push_in: 120, pull_out: 0, consult: 0 });
    expect(s.judged.compliance).toBe(0);
    expect(s.judged.behind).toBe(true);
    expect(s.judged.extra).toEqual({ push_in: 0, pull_out: 120, consult: 0 });
    const c = app.call('caseloadCompliance', range);
    expect(c.totals.behind).toBe(0);
    expect(c.totals.judgedBehind).toBe(1);
  });

  it('a makeup counts for the week of its miss; missed minutes split by student, provider and school', () => {
    const id = student('Noah', 'Okafor', [['pull_out', 'week', 60]]);
    const other = student('Liam', 'Garcia', [['pull_out', 'week', 60]]);
    // Week of Oct 5: 30 given Tue, 30 missed Thu (provider absent); Liam unavailable (field trip) Thu.
    session('2026-10-06', 'pull_out', 30, [{ studentId: id }, { studentId: other }]);
    const miss = session('2026-10-08', 'pull_out', 30, [
      { studentId: id, code: 'provider_absent' },
      { studentId: other, code: 'student_unavailable' },
    ]);
    // Week of Oct 12: 60 given, and a 30-minute makeup on Wed for Noah's Thursday miss.
    session('2026-10-13', 'pull_out', 60, [{ studentId: id }, { studentId: other }]);
    const missId = miss.students.find((x) => x.studentId === id)!.attendanceId;
    app.call('createSession', {
      date: '2026-10-14',
      startTime: '15:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: id, code: 'present', makeupFor: [missId] }],
    });
    // School closed (weather) on Fri Oct 16 for Liam's second session that week.
    session('2026-10-16', 'pull_out', 30, [{ studentId: other, code: 'school_closed' }]);
    const range = { from: '2026-10-05', to: '2026-10-18' };
    const noah = app.call('studentMinutes', { studentId: id, ...range });
    // Noah: week 1 = 30 + 30 (makeup) = 60; week 2 = 90 given − 30 makeup moved = 60. Met 120 of 120.
    expect(noah.deliveredTotal).toBe(120);
    expect(noah.judged.intervals.map((i) => [i.start, i.credited, i.shortfall, i.extra])).toEqual([
      ['2026-10-05', 60, 0, 0],
      ['2026-10-12', 60, 0, 0],
    ]);
    expect(noah.judged.compliance).toBe(1);
    expect(noah.missedBy).toEqual({ byStudent: 0, byProvider: 30, bySchool: 0 });
    const liam = app.call('studentMinutes', { studentId: other, ...range });
    // Liam: 30 unavailable + 30 school closed = 60 by the school; 30 makeup owed (unavailable owes one).
    expect(liam.missedBy).toEqual({ byStudent: 0, byProvider: 0, bySchool: 60 });
    expect(liam.makeupBalance).toBe(30);
    // Week 1: 30 of 60 → short 30; week 2: 60 of 60. Compliance 90 ÷ 120 = 75%.
    expect(liam.judged.shortfall.pull_out).toBe(30);
    expect(liam.judged.compliance).toBe(0.75);
    // The student page shows the same judgement for each of its ranges.
    const overview = app.call('studentOverview', { id });
    const year = overview.periods.find((p) => p.key === 'year')!.summary;
    expect(year.judged.intervals.find((i) => i.start === '2026-10-05')!.credited).toBe(60);
    const weekNow = overview.periods.find((p) => p.key === 'week')!.summary;
    expect(weekNow.judged.behind).toBe(false);
    expect(weekNow.judged.remaining.pull_out).toBe(60);
  });
});

describe('the caseload read in one pass', () => {
  it("gives every student exactly their own figures, also a student whose id is past the caseload's packed form", () => {
    const ava = student('Ava', 'Nguyen', [
      ['push_in', 'week', 60],
      ['consult', 'month', 120],
    ]);
    const noah = student('Noah', 'Okafor', [['pull_out', 'week', 60]]);
    // The caseload reads a present student's row as one number for ids below 2^20; past it, as text.
    app.db
      .prepare(
        "INSERT INTO students (id, first_name, last_name, school_id, grade) VALUES (1048579, 'Temp', 'Row', ?, '2')",
      )
      .run(school);
    const big = student('Mia', 'Big', [
      ['pull_out', 'week', 30],
      ['consult', 'month', 60],
    ]);
    app.db.prepare('DELETE FROM students WHERE id = 1048579').run();
    expect(big).toBeGreaterThan(2 ** 20);
    // Present, absent, a provider miss made up, a wrong setting, a group of three, a school closure.
    session('2026-10-06', 'push_in', 30, [{ studentId: ava }]);
    session('2026-10-06', 'pull_out', 30, [{ studentId: noah }, { studentId: big }]);
    const miss = session('2026-10-08', 'pull_out', 30, [
      { studentId: noah, code: 'provider_absent' },
      { studentId: big, code: 'provider_absent' },
      { studentId: ava, code: 'student_absent' },
    ]);
    for (const id of [noah, big]) {
      session('2026-10-14', 'pull_out', 20, [
        { studentId: id, makeupFor: [miss.students.find((x) => x.studentId === id)!.attendanceId] } as never,
      ]);
    }
    session('2026-10-20', 'pull_out', 60, [{ studentId: ava }]);
    session('2026-11-03', 'consult', 45, [{ studentId: big }, { studentId: ava }]);
    session('2026-11-05', 'pull_out', 30, [{ studentId: big, code: 'school_closed' }]);
    session('2026-11-12', 'pull_out', 30, [{ studentId: big }, { studentId: noah }]);
    for (const range of [
      { from: '2026-11-09', to: '2026-11-15' },
      { from: '2026-10-01', to: '2026-10-31' },
      { from: '2026-08-26', to: '2027-06-11' },
    ]) {
      const rows = app.call('caseloadCompliance', range).rows;
      expect(rows.map((r) => r.studentId).sort((a, b) => a - b)).toEqual([ava, noah, big]);
      for (const r of rows) {
        const own = app.call('studentMinutes', { studentId: r.studentId, ...range });
        expect(r.summary).toEqual({ ...own, judged: { ...own.judged, intervals: [] } });
      }
    }
    // Hand-worked for the big id over October: 30 + 20 (the makeup) present; 30 provider-absent.
    const october = app.call('caseloadCompliance', { from: '2026-10-01', to: '2026-10-31' });
    const mia = october.rows.find((r) => r.studentId === big)!.summary;
    expect(mia.deliveredTotal).toBe(50);
    expect(mia.missedBy).toEqual({ byStudent: 0, byProvider: 30, bySchool: 0 });
    expect(mia.makeupBalance).toBe(10);
  });
});

describe('compliance export (CSV and PDF), through the handlers', () => {
  it('writes the screen’s columns for the range, neutralises formulas, audits the export, and records no cancel', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const Papa = (await import('papaparse')).default;
    const { COMPLIANCE_COLUMNS } = await import('../../shared/domain/compliance-columns');
    const dir = mkdtempSync(join(tmpdir(), 'caseload-cmp-'));
    let html = '';
    let cancel = false;
    app.shell = {
      chooseFolder: async () => dir,
      chooseSavePath: async (n) => (cancel ? null : join(dir, n)),
      chooseOpenPath: async () => null,
      htmlToPdf: async (h) => {
        html = h;
        return new TextEncoder().encode('%PDF-1.4 stub');
      },
      printHtml: async () => false,
    };
    app.restart();
    try {
      // A name a spreadsheet would run as a formula, and the wrong-setting student of domain.md.
      const evil = student('=HYPERLINK("x")', 'Smith', [['push_in', 'week', 60]]);
      for (const d of ['2026-10-20', '2026-10-22']) session(d, 'pull_out', 30, [{ studentId: evil }]);
      const range = { from: '2026-10-19', to: '2026-10-25' };
      const r = await app.callAsync('exportCompliance', { ...range, format: 'csv' });
      expect(r.rows).toBe(1);
      const text = readFileSync(r.file!, 'utf8');
      const parsed = Papa.parse<string[]>(text.trim(), { newline: '\r\n' }).data;
      expect(parsed[0]).toEqual(['From', 'To', 'Grade', ...COMPLIANCE_COLUMNS.map((c) => c.fileLabel ?? c.label)]);
      const row = Object.fromEntries(parsed[0]!.map((h, i) => [h, parsed[1]![i]]));
      // Owed 60, delivered 60 (pull-out) over the week; push-in short 60, 60 pull-out extra, behind.
      expect(row).toMatchObject({
        From: '2026-10-19',
        To: '2026-10-25',
        Student: `'=HYPERLINK("x") Smith`,
        'Owed to date': '60',
        Delivered: '60',
        'Delivered ÷ owed to date': '100%',
        Status: 'behind',
        'Met ÷ owed over ended intervals': '0%',
        'Shortfall by setting (ended intervals)': 'Push-in 60',
        'Extra by setting': 'Pull-out 60',
      });
      const audit = app.call('listAudit', { limit: 5 });
      expect(audit[0]).toMatchObject({ action: 'exported compliance' });
      expect(audit[0]!.detail).toContain('CSV 2026-10-19 to 2026-10-25');

      const pdf = await app.callAsync('exportCompliance', { ...range, format: 'pdf' });
      expect(readFileSync(pdf.file!, 'utf8')).toBe('%PDF-1.4 stub');
      for (const c of COMPLIANCE_COLUMNS) expect(html).toContain(c.fileLabel ?? c.label);
      expect(html).toContain('=HYPERLINK(&quot;x&quot;) Smith');
      expect(html).toContain('Push-in 60');

      cancel = true;
      const before = app.call('listAudit', { limit: 50 }).length;
      expect(await app.callAsync('exportCompliance', { ...range, format: 'csv' })).toEqual({ file: null });
      expect(app.call('listAudit', { limit: 50 })).toHaveLength(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad format, a reversed range and an unknown school, naming the field', async () => {
    expect(
      (await app.failAsync('exportCompliance', { from: '2026-10-01', to: '2026-10-31', format: 'xls' })).field,
    ).toBe('format');
    const reversed = await app.failAsync('exportCompliance', { from: '2026-10-31', to: '2026-10-01', format: 'csv' });
    expect(reversed.field).toBe('to');
    const e = await app.failAsync('exportCompliance', { from: '2026-10-01', to: '2026-10-31', format: 'csv' });
    expect(e.message).toMatch(/not available/); // no desktop shell in this app
  });
});
