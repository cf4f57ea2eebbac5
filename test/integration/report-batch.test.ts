import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportShell } from '../../electron/reports/shell';
import { uniqueFileNames } from '../../shared/domain/file-names';
import { TestApp } from '../helpers/db';

// "Save all as PDFs" for every school at once, and "Finalise all reviewed", through the real handlers.
let app: TestApp;
let folder: string;
let periods: number[];
const ids: Record<string, number> = {};

/** The "PDF" is the report's HTML, so a file's content says whose report it is. */
const shell: ReportShell = {
  chooseFolder: async () => folder,
  chooseSavePath: async (n) => join(folder, n),
  chooseOpenPath: async () => null,
  htmlToPdf: async (html) => Buffer.from(html, 'utf8'),
  printHtml: async () => true,
};

beforeEach(() => {
  app = new TestApp('2026-11-02', shell);
  folder = join(app.dir, 'out');
  mkdirSync(folder);
  periods = [];
  for (const name of ['Lincoln Elementary', 'Washington Middle']) {
    const school = app.call('createSchool', { name });
    const year = app.call('createSchoolYear', {
      schoolId: school.id,
      label: '2026-27',
      firstDay: '2026-08-26',
      lastDay: '2027-06-11',
    });
    const y = app.call('setReportingPeriods', {
      schoolYearId: year.id,
      periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
    });
    periods.push(y.periods[0]!.id);
    // Two Ava Nguyens at Lincoln (told apart by their IDs), one more at Washington, and one Sam.
    const students =
      name === 'Lincoln Elementary'
        ? [
            ['Ava', 'Nguyen', 'L-1'],
            ['Ava', 'Nguyen', 'L-2'],
            ['Sam', 'Lee', 'L-3'],
          ]
        : [
            ['Ava', 'Nguyen', 'W-1'],
            ['Noor', 'Haddad', 'W-2'],
          ];
    for (const [first, last, sid] of students) {
      const st = app.call('createStudent', {
        firstName: first!,
        lastName: last!,
        schoolId: school.id,
        grade: '3',
        districtStudentId: sid!,
      });
      ids[sid!] = st.id;
      if (sid === 'W-2') continue; // Noor has no IEP yet: no goals, no report to write
      const plan = app.call('createPlan', { studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' });
      app.call('createGoal', { planId: plan.id, area: 'Handwriting', text: `goal of ${sid}`, criterion: '80%' });
    }
  }
});
afterEach(() => app.close());

const goalsOf = (studentId: number, periodId: number) =>
  app
    .call('getProgressReport', { studentId, periodId })
    .goals.map((g) => ({ goalId: g.goalId, code: g.code, narrative: g.narrative }));
const review = (sid: string, reviewed = true) => {
  const key = { studentId: ids[sid]!, periodId: periods[sid.startsWith('L') ? 0 : 1]! };
  return app.call('markProgressReportReviewed', { ...key, goals: goalsOf(key.studentId, key.periodId), reviewed });
};

describe('every school’s reports at once', () => {
  it('lists both schools’ students, each report with a file name no other report in the batch has', () => {
    const rows = app.call('listReportGroup', { periodIds: periods });
    expect(rows.map((r) => [r.schoolName, r.name, r.goals])).toEqual([
      ['Lincoln Elementary', 'Sam Lee', 1],
      ['Lincoln Elementary', 'Ava Nguyen', 1],
      ['Lincoln Elementary', 'Ava Nguyen', 1],
      ['Washington Middle', 'Noor Haddad', 0],
      ['Washington Middle', 'Ava Nguyen', 1],
    ]);
    expect(rows.map((r) => r.fileName)).toEqual([
      'Sam Lee - Quarter 1 progress report (draft).pdf',
      'Ava Nguyen (Lincoln Elementary, ID L-1) - Quarter 1 progress report (draft).pdf',
      'Ava Nguyen (Lincoln Elementary, ID L-2) - Quarter 1 progress report (draft).pdf',
      'Noor Haddad - Quarter 1 progress report (draft).pdf',
      'Ava Nguyen (Washington Middle) - Quarter 1 progress report (draft).pdf',
    ]);
    // One school alone keeps the plain names the single-school batch always wrote where they are unique.
    expect(app.call('listReportGroup', { periodIds: [periods[1]!] }).map((r) => r.fileName)).toEqual([
      'Noor Haddad - Quarter 1 progress report (draft).pdf',
      'Ava Nguyen - Quarter 1 progress report (draft).pdf',
    ]);
    expect(app.fail('listReportGroup', { periodIds: [] }).message).toMatch(/at least one reporting period/);
    expect(app.fail('listReportGroup', { periodIds: [periods[0]!, 9999] }).field).toBe('periodIds.1');
  });

  it('writes one file per student with goals into the one folder, none overwriting another', async () => {
    const rows = app.call('listReportGroup', { periodIds: periods }).filter((r) => r.goals > 0);
    // As the page does: the folder is chosen once in Caseload's own dialog (a folder never chosen is refused).
    await app.callAsync('chooseExportFolder');
    for (const r of rows) {
      const res = await app.callAsync('exportProgressReportPdf', {
        studentId: r.studentId,
        periodId: r.periodId,
        folder,
        fileName: r.fileName,
      });
      expect(res.file).toBe(join(folder, r.fileName));
    }
    const files = readdirSync(folder).sort();
    expect(files).toHaveLength(4);
    // Each file holds its own student's goal: nothing was overwritten by a namesake.
    for (const r of rows) {
      const sid = Object.keys(ids).find((k) => ids[k] === r.studentId)!;
      expect(readFileSync(join(folder, r.fileName), 'utf8')).toContain(`goal of ${sid}`);
    }
    // Every report written is in the history, with its file.
    const audit = app.call('listAudit', { limit: 50 }).filter((a) => a.action === 'exported report PDF');
    expect(audit).toHaveLength(4);
    // A file name is a name, never a path or another kind of file; nothing is written.
    for (const fileName of ['../escape.pdf', 'a/b.pdf', 'a\\b.pdf', 'report.txt', '.hidden.pdf', 'x\u0000y.pdf']) {
      const e = await app.failAsync('exportProgressReportPdf', {
        studentId: rows[0]!.studentId,
        periodId: rows[0]!.periodId,
        folder,
        fileName,
      });
      expect(e.field).toBe('fileName');
    }
    expect(readdirSync(folder)).toHaveLength(4);
    expect(readdirSync(app.dir)).not.toContain('escape.pdf');
  });

  it('marks drafts reviewed, and a change to the words takes the mark off', () => {
    const key = { studentId: ids['L-3']!, periodId: periods[0]! };
    const goals = goalsOf(key.studentId, key.periodId);
    // Reviewed needs a code on every goal; refused with nothing stored.
    const before = app.snapshot();
    const e = app.fail('markProgressReportReviewed', { ...key, goals: [{ ...goals[0]!, code: '' }], reviewed: true });
    expect([e.field, e.message]).toEqual(['goals.0.code', 'Goal 1 code: choose a progress code for every goal first']);
    expect(app.snapshot()).toBe(before);

    const marked = review('L-3');
    expect(marked.reviewedAt).toBe('2026-11-02T15:00:00Z');
    expect(marked.status).toBe('draft');
    const row = () => app.call('listReportGroup', { periodIds: periods }).find((r) => r.studentId === key.studentId)!;
    expect(row().reviewed).toBe(true);
    // Saving the same words (the editor's autosave) keeps the mark; changed words take it off.
    app.call('saveProgressReport', { ...key, goals });
    expect(row().reviewed).toBe(true);
    app.call('saveProgressReport', { ...key, goals: [{ ...goals[0]!, narrative: 'Sam now writes his name.' }] });
    expect(row().reviewed).toBe(false);
    expect(app.call('getProgressReport', key).reviewedAt).toBeNull();
    review('L-3');
    expect(review('L-3', false).reviewedAt).toBeNull();
  });

  it('finalises exactly the reviewed drafts of every school, once confirmed with their number, and records each', () => {
    review('L-1');
    review('W-1');
    // L-2 is a draft that was not reviewed; Sam's report was never opened.
    app.call('saveProgressReport', {
      studentId: ids['L-2']!,
      periodId: periods[0]!,
      goals: goalsOf(ids['L-2']!, periods[0]!),
    });
    const before = app.snapshot();
    const e = app.fail('finaliseReviewedReports', { periodIds: periods, expectedCount: 3 });
    expect([e.code, e.field]).toEqual(['conflict', 'expectedCount']);
    expect(e.message).toMatch(/2 reports are marked reviewed now, not 3\. Nothing was finalised/);
    expect(app.snapshot()).toBe(before);

    const r = app.call('finaliseReviewedReports', { periodIds: periods, expectedCount: 2 });
    expect(r.finalised.map((f) => [f.studentId, f.version])).toEqual([
      [ids['L-1'], 1],
      [ids['W-1'], 1],
    ]);
    const rows = app.call('listReportGroup', { periodIds: periods });
    const status = (sid: string) => rows.find((x) => x.studentId === ids[sid])!.status;
    expect([status('L-1'), status('W-1'), status('L-2'), status('L-3')]).toEqual(['final', 'final', 'draft', 'new']);
    expect(rows.every((x) => !x.reviewed)).toBe(true);
    // A finalised report from the batch shows what the editor showed: the code it suggested.
    const final = app.call('getProgressReport', { studentId: ids['W-1']!, periodId: periods[1]! });
    expect(final.status).toBe('final');
    expect(final.goals[0]!.code).toBe(final.goals[0]!.suggestedCode);
    const audit = app
      .call('listAudit', { limit: 50 })
      .filter((a) => a.action === 'finalised report')
      .map((a) => [a.studentId, a.subject, a.detail]);
    expect(audit.sort()).toEqual(
      [
        [ids['L-1'], 'Ava Nguyen', 'Quarter 1 progress report v1 (finalise all reviewed)'],
        [ids['W-1'], 'Ava Nguyen', 'Quarter 1 progress report v1 (finalise all reviewed)'],
      ].sort(),
    );
    // Nothing left to finalise: a second run is refused and changes nothing.
    expect(app.fail('finaliseReviewedReports', { periodIds: periods, expectedCount: 2 }).message).toMatch(
      /0 reports are marked reviewed now/,
    );
    // A final report cannot be marked reviewed (it is no draft).
    expect(
      app.fail('markProgressReportReviewed', {
        studentId: ids['L-1']!,
        periodId: periods[0]!,
        goals: [],
        reviewed: true,
      }).code,
    ).toBe('conflict');
  });

  it('the list names survive a restart, and reviewed marks are kept in the file', () => {
    review('L-1');
    app.restart();
    expect(app.call('listReportGroup', { periodIds: periods }).filter((r) => r.reviewed)).toHaveLength(1);
  });
});

describe('uniqueFileNames', () => {
  it('keeps plain names, moves clashing ones to the next name, then numbers what still clashes', () => {
    expect(uniqueFileNames([['a.pdf'], ['b.pdf']])).toEqual(['a.pdf', 'b.pdf']);
    expect(
      uniqueFileNames([
        ['a.pdf', 'a (X).pdf'],
        ['A.pdf', 'a (Y).pdf'],
        ['b.pdf', 'b (X).pdf'],
      ]),
    ).toEqual(['a (X).pdf', 'a (Y).pdf', 'b.pdf']);
    // No more specific name left: numbered, never the name of another item.
    expect(uniqueFileNames([['a.pdf'], ['a.pdf'], ['a (2).pdf']])).toEqual(['a.pdf', 'a (3).pdf', 'a (2).pdf']);
  });
});
