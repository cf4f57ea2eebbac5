import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp, seedStudent } from '../helpers/db';

// A short school year to work by hand: Wed 2026-08-26 to Fri 2026-10-30, fall break Oct 19-23.
// Weeks with school (Mondays): Aug 24, Aug 31, Sep 7, 14, 21, 28, Oct 5, 12, 26 = 9 weeks.
// Months with school: August, September, October.
let app: TestApp;
let ava: number;
let liam: number;
let schoolId: number;

const shell: ReportShell = {
  chooseFolder: async () => app.dir,
  chooseSavePath: async (name) => join(app.dir, name),
  chooseOpenPath: async () => null,
  htmlToPdf: async (html) => new TextEncoder().encode(html),
  printHtml: async () => true,
};

function line(
  studentId: number,
  setting: 'pull_out' | 'consult',
  interval: 'week' | 'month',
  minutes: number,
  end: string,
) {
  const plan = app.call('createPlan', { studentId, startDate: '2026-08-26', endDate: '2027-06-11' });
  app.call('createServiceLine', {
    planId: plan.id,
    setting,
    grouping: 'individual',
    interval,
    minutes,
    startDate: '2026-08-26',
    endDate: end,
  });
  return plan;
}

function session(
  studentId: number,
  date: string,
  setting: 'pull_out' | 'push_in' | 'consult',
  minutes: number,
  code = 'present',
  makeupFor: number[] = [],
) {
  return app.call('createSession', {
    date,
    startTime: studentId === ava ? '09:00' : '10:00',
    minutes,
    setting,
    grouping: 'individual',
    students: [{ studentId, code: code as 'present', makeupFor }],
  });
}

beforeEach(() => {
  app = new TestApp('2026-11-15', shell);
  const school = app.call('createSchool', { name: 'Lincoln Elementary' });
  schoolId = school.id;
  const year = app.call('createSchoolYear', {
    schoolId,
    label: '2026-27',
    firstDay: '2026-08-26',
    lastDay: '2026-10-30',
  });
  app.call('addClosure', {
    schoolYearId: year.id,
    startDate: '2026-10-19',
    endDate: '2026-10-23',
    label: 'Fall break',
  });
  ava = seedStudent(app, schoolId, 'Ava', 'Nguyen').id;
  liam = seedStudent(app, schoolId, 'Liam', 'Garcia').id;
  // Ava: pull-out 60 a week and consult 120 a month, all year.
  const plan = line(ava, 'pull_out', 'week', 60, '2027-06-11');
  app.call('createServiceLine', {
    planId: plan.id,
    setting: 'consult',
    grouping: 'individual',
    interval: 'month',
    minutes: 120,
    startDate: '2026-08-26',
    endDate: '2027-06-11',
  });
  session(ava, '2026-09-01', 'pull_out', 60);
  session(ava, '2026-09-08', 'pull_out', 30);
  session(ava, '2026-09-10', 'consult', 120);
  session(ava, '2026-09-15', 'pull_out', 60, 'provider_absent');
  const miss = app.call('listOpenMisses', { studentId: ava })[0]!.attendanceId;
  session(ava, '2026-09-17', 'pull_out', 60, 'present', [miss]);
  session(ava, '2026-09-22', 'pull_out', 60, 'student_unavailable');
  session(ava, '2026-10-06', 'push_in', 30);
  // A re-evaluation of 45 minutes: not IEP minutes, but the therapist's time in the workload.
  app.call('createEvaluation', {
    studentId: ava,
    date: '2026-09-24',
    startTime: '13:00',
    minutes: 45,
    cptCode: '97168',
  });
  // Liam: pull-out 30 a week on an IEP that runs all year, one session, then he moved away: his exit on
  // Fri Sep 4 ends what is owed after his first two weeks.
  line(liam, 'pull_out', 'week', 30, '2027-06-11');
  session(liam, '2026-09-01', 'pull_out', 30);
  app.call('exitStudent', { studentId: liam, date: '2026-09-04', reason: 'Moved out of the district' });
});
afterEach(() => app.close());

describe('the year summary', () => {
  it('gives each student’s year, hand-worked, with the exited student for the weeks he was served', () => {
    const y = app.call('getYearSummary', {});
    expect(y).toMatchObject({ label: '2026-27', labels: ['2026-27'], from: '2026-08-26', to: '2026-10-30' });
    const [a, l] = [y.rows.find((r) => r.studentId === ava)!, y.rows.find((r) => r.studentId === liam)!];
    // Ava owes 60 pull-out in each of 9 weeks = 540 and 120 consult in each of 3 months = 360.
    // Delivered: pull-out 60 + 30 + 60 (the makeup) = 150, consult 120, push-in 30 (no push-in line).
    expect(a).toMatchObject({
      status: 'active',
      owed: { push_in: 0, pull_out: 540, consult: 360 },
      owedTotal: 900,
      delivered: { push_in: 30, pull_out: 150, consult: 120 },
      deliveredTotal: 300,
      outOfClass: 150,
      // Provider-absent 60 made up; student-unavailable 60 still owed.
      makeupBalance: 60,
      missedBy: { byStudent: 0, byProvider: 60, bySchool: 60 },
      behind: true,
    });
    // Every interval has ended. Pull-out met: Aug 31 week 60, Sep 7 week 30, Sep 14 week 60 (the makeup counts
    // for the week of the miss) = 150 of 540, short 390. Consult met: September 120 of 360, short 240.
    // Compliance = (150 + 120) / 900 = 0.3. Push-in given where nothing is owed does not count.
    expect(a.compliance).toBeCloseTo(0.3, 10);
    expect(a.shortfall).toEqual({ push_in: 0, pull_out: 390, consult: 240 });
    // Liam: 30 in each of his two enrolled weeks = 60 owed (not 9 × 30 = 270: nothing after his exit),
    // 30 delivered; exited, still in the year's figures, once.
    expect(l).toMatchObject({ status: 'exited', owedTotal: 60, deliveredTotal: 30, outOfClass: 30, compliance: 0.5 });
    expect(y.rows.filter((r) => r.studentId === liam)).toHaveLength(1);
    expect(y.totals).toEqual({ students: 2, owed: 960, delivered: 330, makeupBalance: 60, outOfClass: 180, behind: 2 });
    // The therapist's time, each session once when someone was present (the provider-absent one is not):
    // Sep 1 Ava 60 and Liam 30 pull-out, Sep 8 30, Sep 17 60, Sep 10 consult 120, Oct 6 push-in 30: 6 sessions.
    expect(y.workload).toMatchObject({
      sessions: 6,
      minutes: { push_in: 30, pull_out: 180, consult: 120 },
      direct: 210,
      consult: 120,
      evaluations: 1,
      evaluationMinutes: 45,
      missedByProvider: 1,
      weeks: 9,
    });
    // Per week of school: sessions 330 + the re-evaluation 45 = 375 over 9 weeks.
    expect(y.workload.perWeek).toBeCloseTo(375 / 9, 10);
    expect(y.mix.total).toBe(330);
    expect(y.mix.share.pull_out).toBeCloseTo(180 / 330, 10);
    expect(y.reference).toEqual({ pullOut: 0.39, inEducationSetting: 0.5 });
  });

  it('saves the CSV (every setting in its column) and the PDF, audited; refuses an unknown year', async () => {
    const csv = await app.callAsync('exportYearSummary', { label: '2026-27', format: 'csv' });
    const lines = readFileSync(csv.file!, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      'School year,Student,School,Grade,Status,Owed push-in,Owed pull-out,Owed consult,Owed total,Delivered push-in,Delivered pull-out,Delivered consult,Delivered total,Compliance (per setting and interval),Behind,Short push-in,Short pull-out,Short consult,Makeups owed,Minutes out of class,Missed by student,Missed by provider,Missed by school',
    );
    expect(lines).toContain(
      '2026-27,Ava Nguyen,Lincoln Elementary,2,active,0,540,360,900,30,150,120,300,30%,yes,0,390,240,60,150,0,60,60',
    );
    expect(lines).toContain(
      '2026-27,Liam Garcia,Lincoln Elementary,2,exited,0,60,0,60,0,30,0,30,50%,yes,0,30,0,0,30,0,0,0',
    );
    const pdf = await app.callAsync('exportYearSummary', { label: '2026-27', schoolId, format: 'pdf' });
    const html = readFileSync(pdf.file!, 'utf8');
    expect(html).toContain('School year 2026-27: summary');
    expect(html).toContain('Watt &amp; Richards (2016)');
    expect(html).toContain('Liam Garcia (exited)');
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({
      action: 'exported year summary',
      detail: expect.stringContaining('2026-27 PDF'),
    });
    expect(app.fail('getYearSummary', { label: '1999-00' })).toMatchObject({ code: 'not_found', field: 'label' });
    expect(app.fail('getYearSummary', { label: '' }).field).toBe('label');
  });
});
