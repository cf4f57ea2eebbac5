import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Input } from '../../shared/api/contract';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp, seedSchool, seedStudent } from '../helpers/db';

// Lincoln 2026-27 with Mon 2026-10-12 off and a winter break Dec 21 – Jan 1. Today: Fri 2026-11-13.
let app: TestApp;
let ava: number;
let liam: number;
let printed = false;
const shell: ReportShell = {
  chooseFolder: async () => null,
  chooseSavePath: async () => null,
  chooseOpenPath: async () => null,
  htmlToPdf: async () => Buffer.from(''),
  printHtml: async () => printed,
};

beforeEach(() => {
  app = new TestApp('2026-11-13', shell);
  const { school, year } = seedSchool(app, [
    { startDate: '2026-10-12', label: 'Holiday' },
    { startDate: '2026-12-21', endDate: '2027-01-01', label: 'Winter break' },
  ]);
  app.call('setReportingPeriods', {
    schoolYearId: year.id,
    periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
  });
  ava = seedStudent(app, school.id, 'Ava', 'Nguyen').id;
  liam = seedStudent(app, school.id, 'Liam', 'Garcia').id;
  for (const id of [ava, liam]) {
    const plan = app.call('createPlan', { studentId: id, startDate: '2026-08-26', endDate: '2027-06-11' });
    app.call('createServiceLine', {
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 30,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
  }
});
afterEach(() => app.close());

const one = (studentId: number, date: string, startTime = '09:00', extra: Record<string, unknown> = {}) =>
  ({
    date,
    startTime,
    minutes: 30,
    setting: 'pull_out',
    grouping: 'individual',
    students: [{ studentId, code: 'present' }],
    ...extra,
  }) as Input<'createSession'>;

function refused(input: unknown, field: string, text: RegExp) {
  const before = app.snapshot();
  const e = app.fail('createSession', input);
  expect(e.message).toMatch(text);
  expect(e.field).toBe(field);
  expect(app.snapshot()).toBe(before);
}

describe('valid sessions (docs/domain.md "Sessions and attendance")', () => {
  it('refuses a future date, a weekend, a holiday, a break and an overlap, saying what to do', () => {
    refused(one(ava, '2026-11-16'), 'date', /2026-11-16 is after today \(2026-11-13\); a session is logged once/);
    refused(
      one(ava, '2026-11-07'),
      'date',
      /2026-11-07 is not a school day for Ava Nguyen at Lincoln Elementary.*non-school-day session/,
    );
    refused(one(ava, '2026-10-12'), 'date', /2026-10-12 is not a school day/);
    app.today = '2026-12-31';
    refused(one(ava, '2026-12-22'), 'date', /2026-12-22 is not a school day/);
    app.today = '2026-11-13';
    app.call('createSession', one(ava, '2026-11-10', '09:00'));
    // Another student, another setting, same time: the therapist cannot be in two places.
    refused(
      one(liam, '2026-11-10', '09:15', { setting: 'push_in' }),
      'startTime',
      /you already have a session on 2026-11-10 from 09:00 to 09:30/,
    );
    // Back to back is fine.
    app.call('createSession', one(liam, '2026-11-10', '09:30'));
  });

  it('a non-school-day session with a reason is saved and counts as delivered', () => {
    // Sat Nov 7, extended school year: 30 delivered in the week of Nov 2–8 (owed 30).
    const s = app.call(
      'createSession',
      one(ava, '2026-11-07', '10:00', { nonSchoolDayReason: 'Makeup on a Saturday clinic' }),
    );
    expect(s.nonSchoolDayReason).toBe('Makeup on a Saturday clinic');
    const m = app.call('studentMinutes', { studentId: ava, from: '2026-11-02', to: '2026-11-08' });
    expect(m.deliveredTotal).toBe(30);
    expect(m.owedTotal).toBe(30);
    expect(app.call('checkRecords')).toEqual([]);
  });

  it('notes: each student has their own; a shared note or a note naming another student is refused', () => {
    const group = {
      ...one(ava, '2026-11-10'),
      grouping: 'group' as const,
      note: 'Obstacle course',
      students: [
        { studentId: ava, code: 'present' as const, note: 'Needed two prompts' },
        { studentId: liam, code: 'student_unavailable' as const, note: 'At a field trip' },
      ],
    };
    const s = app.call('createSession', group);
    expect(s.students.map((x) => [x.name, x.note])).toEqual([
      ['Liam Garcia', 'At a field trip'],
      ['Ava Nguyen', 'Needed two prompts'],
    ]);
    app.call('deleteSession', { id: s.id });
    refused({ ...group, note: 'Liam at a field trip' }, 'note', /shared activity note names Liam/);
    refused(
      { ...group, students: [group.students[0], { ...group.students[1], note: 'Ava helped him' }] },
      'students.1.note',
      /Liam Garcia's note names Ava/,
    );
  });

  it('editing or deleting a session in a period with a final report asks first and is recorded', () => {
    const s = app.call('createSession', one(ava, '2026-10-14'));
    const later = app.call('createSession', one(ava, '2026-11-10'));
    const view = app.call('getProgressReport', { studentId: ava, periodId: app.call('listReportingPeriods')[0]!.id });
    app.call('finaliseProgressReport', {
      studentId: ava,
      periodId: view.period.id,
      goals: [],
    });
    const edit = { ...one(ava, '2026-10-14'), id: s.id, minutes: 25 };
    const before = app.snapshot();
    const e = app.fail('updateSession', edit);
    expect(e.code).toBe('confirm');
    expect(e.field).toBe('confirmFinalReport');
    expect(e.message).toMatch(/Ava Nguyen \(Quarter 1\)/);
    expect(app.snapshot()).toBe(before);
    app.call('updateSession', { ...edit, confirmFinalReport: true });
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({
      action: 'edited session',
      detail: expect.stringContaining('final report'),
    });
    // Moving a later session into the final period needs the confirmation too.
    expect(app.fail('updateSession', { ...one(ava, '2026-10-15'), id: later.id }).code).toBe('confirm');
    // Outside the period: no question, still recorded.
    app.call('updateSession', { ...one(ava, '2026-11-10', '10:00'), id: later.id });
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({ action: 'edited session' });
    expect(app.fail('deleteSession', { id: s.id }).code).toBe('confirm');
    app.call('deleteSession', { id: s.id, confirmFinalReport: true });
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({ action: 'deleted session' });
  });
});

describe('history kept', () => {
  it('an IEP or line with sessions cannot be deleted; an unused one can; corrections and student edits are audited', () => {
    const detail = app.call('getStudent', { id: ava });
    const plan = detail.plans[0]!;
    app.call('createSession', one(ava, '2026-10-14'));
    expect(app.fail('deletePlan', { id: plan.id }).message).toMatch(
      /This IEP is part of the record \(1 logged session\), so it cannot be deleted. End it/,
    );
    expect(app.fail('deleteServiceLine', { id: plan.lines[0]!.id }).message).toMatch(/cannot be deleted/);
    const mia = seedStudent(app, detail.schoolId, 'Mia', 'Smith').id;
    const empty = app.call('createPlan', { studentId: mia, startDate: '2026-08-26', endDate: '2027-06-11' });
    app.call('deletePlan', { id: empty.id });
    app.call('correctServiceLine', {
      id: plan.lines[0]!.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 45,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({
      action: 'corrected service line',
      detail: expect.stringContaining('was 30 min/week pull_out'),
    });
    const st = app.call('getStudent', { id: ava });
    app.call('updateStudent', {
      id: ava,
      firstName: st.firstName,
      lastName: st.lastName,
      schoolId: st.schoolId,
      grade: st.grade,
      dateOfBirth: st.dateOfBirth,
      medicaidId: 'MC123',
    });
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({
      action: 'edited student',
      detail: 'changed Medicaid ID',
    });
    app.call('importRoster', { csv: 'First name,Last name,School\nZoe,Park,Lincoln Elementary\n' });
    expect(app.call('listAudit', { limit: 1 })[0]).toMatchObject({
      action: 'imported roster',
      detail: expect.stringContaining('1 added'),
    });
  });

  it('a print cancelled in the dialog is not recorded as printed', async () => {
    const periodId = app.call('listReportingPeriods')[0]!.id;
    printed = false;
    expect(await app.callAsync('printProgressReport', { studentId: ava, periodId })).toEqual({ printed: false });
    expect(app.call('listAudit', { limit: 10 }).filter((a) => a.action === 'printed report')).toEqual([]);
    printed = true;
    await app.callAsync('printProgressReport', { studentId: ava, periodId });
    expect(app.call('listAudit', { limit: 10 }).filter((a) => a.action === 'printed report')).toHaveLength(1);
  });
});
