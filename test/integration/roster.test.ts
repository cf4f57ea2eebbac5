import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestApp } from '../helpers/db';
import { buildXlsx } from '../helpers/xlsx';

let app: TestApp;
beforeEach(() => {
  app = new TestApp('2026-10-14');
});
afterEach(() => app.close());

const students = () =>
  app.db
    .prepare(
      `SELECT st.first_name AS f, st.last_name AS l, st.date_of_birth AS dob, st.grade, sc.name AS school,
        st.district_student_id AS sid, st.medicaid_id AS mid, st.teacher FROM students st JOIN schools sc ON sc.id = st.school_id ORDER BY st.id`,
    )
    .all();

/** A file as a student information system writes it: its own column names, US dates, extra columns. */
const SIS = [
  'StudentID,LastName,FirstName,BirthDate,Grade_Level,SchoolName,Homeroom_Teacher,Ethnicity,Medicaid_ID',
  '100234,Patel,Mia,04/05/2019,3,Maple Grove,Ms. Ortiz,X,MC77',
  '100235,Kim,Leo,2017-11-30,4,Maple Grove,Mr. Lee,Y,',
  '100236,Brown,Zoe,2/9/2018,2,Lincoln Elementary,Ms. Fox,Z,',
].join('\r\n');

describe('roster import', () => {
  it('reads SIS column names and US dates, reports unknown columns, and a re-import duplicates no one', async () => {
    const preview = await app.callAsync('previewRoster', { csv: SIS, fileName: 'sis.csv' });
    expect(preview.columns.map((c) => c.field)).toEqual([
      'districtStudentId',
      'lastName',
      'firstName',
      'dateOfBirth',
      'grade',
      'school',
      'teacher',
      null,
      'medicaidId',
    ]);
    expect(preview.unknownColumns).toEqual(['Ethnicity']);
    expect(preview.newSchools).toEqual(['Maple Grove', 'Lincoln Elementary']);
    expect(preview.rows.map((r) => [r.line, r.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'create'],
    ]);
    // The preview writes nothing.
    expect(app.call('getAppState').students).toBe(0);

    const first = app.call('importRoster', { csv: SIS, fileName: 'sis.csv' });
    expect([first.created, first.updated, first.skipped.length]).toEqual([3, 0, 0]);
    expect(first.unknownColumns).toEqual(['Ethnicity']);
    // 04/05/2019 is April 5th (US month/day/year), 2/9/2018 February 9th.
    expect(students()).toEqual([
      {
        f: 'Mia',
        l: 'Patel',
        dob: '2019-04-05',
        grade: '3',
        school: 'Maple Grove',
        sid: '100234',
        mid: 'MC77',
        teacher: 'Ms. Ortiz',
      },
      {
        f: 'Leo',
        l: 'Kim',
        dob: '2017-11-30',
        grade: '4',
        school: 'Maple Grove',
        sid: '100235',
        mid: null,
        teacher: 'Mr. Lee',
      },
      {
        f: 'Zoe',
        l: 'Brown',
        dob: '2018-02-09',
        grade: '2',
        school: 'Lincoln Elementary',
        sid: '100236',
        mid: null,
        teacher: 'Ms. Fox',
      },
    ]);

    // The same file again: every row is skipped as already there.
    const again = app.call('importRoster', { csv: SIS });
    expect([again.created, again.updated]).toEqual([0, 0]);
    expect(again.skipped.map((s) => s.reason)).toEqual(Array(3).fill('Already on the caseload, nothing to change'));
    expect(app.call('getAppState').students).toBe(3);

    // Next year's file: Mia moved up a grade, Leo got a Medicaid ID, Zoe's school differs (not changed).
    const next = SIS.replace('3,Maple Grove,Ms. Ortiz', '4,Maple Grove,Ms. Ortiz')
      .replace('4,Maple Grove,Mr. Lee,Y,', '4,Maple Grove,Mr. Lee,Y,MC88')
      .replace('Lincoln Elementary', 'Maple Grove');
    const updated = app.call('importRoster', { csv: next });
    expect([updated.created, updated.updated, updated.skipped.length]).toEqual([0, 2, 1]);
    expect(updated.rows[0]!.detail).toBe('Grade: 3 → 4');
    expect(updated.rows[1]!.detail).toBe('Medicaid ID: (empty) → MC88');
    expect(updated.skipped[0]!.reason).toMatch(/School in the file is Maple Grove, on the caseload Lincoln Elementary/);
    expect(
      students().map((s) => [
        (s as { grade: string }).grade,
        (s as { mid: string }).mid,
        (s as { school: string }).school,
      ]),
    ).toEqual([
      ['4', 'MC77', 'Maple Grove'],
      ['4', 'MC88', 'Maple Grove'],
      ['2', null, 'Lincoln Elementary'],
    ]);
    expect(app.call('getAppState').students).toBe(3);

    const audit = app.call('listAudit', {}).filter((a) => a.action === 'imported roster');
    expect(audit.map((a) => a.detail)).toEqual([
      '(0 added, 2 updated, 1 skipped)',
      '(0 added, 0 updated, 3 skipped)',
      'sis.csv (3 added, 0 updated, 0 skipped)',
    ]);
  });

  it('skips bad rows with their reasons and imports the rest', () => {
    const csv = [
      'Student ID,First name,Last name,DOB,School,Grade',
      '1,Ava,Nguyen,13/01/2018,Lincoln,2', // month 13
      '2,Ben,Ortiz,02/30/2018,Lincoln,2', // no February 30th
      '3,Cy,Park,1/2/18,Lincoln,2', // two-digit year
      '4,,Ray,2018-01-01,Lincoln,2', // no first name
      '5,Dee,Shah,2018-03-04,,2', // no school
      '6,Eli,Tran,2018-03-04,Lincoln,2',
      '6,Eli,Tran,2018-03-04,Lincoln,2', // the same ID twice in the file
      ',Fay,Ueda,2018-05-06,Lincoln,1',
      ',Fay,Ueda,2018-05-06,Lincoln,1', // same name and birth date, no ID
      '',
      '7,Gus,Vale,12/31/2017,Lincoln,3',
    ].join('\n');
    const r = app.call('importRoster', { csv });
    expect(r.created).toBe(3);
    expect(r.skipped).toEqual([
      { line: 2, reason: 'Date of birth: 13/01/2018 is not a real date' },
      { line: 3, reason: 'Date of birth: 02/30/2018 is not a real date' },
      { line: 4, reason: 'Date of birth: 1/2/18 has a two-digit year; write the year in full (MM/DD/YYYY)' },
      { line: 5, reason: expect.stringMatching(/First name.*required/) },
      { line: 6, reason: 'School is empty' },
      { line: 8, reason: 'Student ID 6 is also on line 7; only that line is read' },
      { line: 10, reason: 'The same student is also on line 9 (no Student ID to tell them apart)' },
    ]);
    expect(students().map((s) => (s as { f: string }).f)).toEqual(['Eli', 'Fay', 'Gus']);
    // Without an ID, a second import of the same person is recognised by name and birth date.
    const again = app.call('importRoster', { csv: 'First name,Last name,DOB,School\nFay,Ueda,05/06/2018,Lincoln' });
    expect(again.created).toBe(0);
    expect(again.skipped[0]!.reason).toMatch(/Already on the caseload \(same name and date of birth\)/);
  });

  it('takes a mapping for columns no preset knows, a default school, and refuses a field mapped twice', async () => {
    const school = app.call('createSchool', { name: 'Hillside' });
    const csv = 'Pupil given,Pupil family,Born\nIda,Wolfe,07/04/2018';
    const before = await app.callAsync('previewRoster', { csv });
    expect(before.missing).toEqual(['firstName', 'lastName', 'school']);
    expect(before.unknownColumns).toEqual(['Pupil given', 'Pupil family', 'Born']);
    const mapping = { 'Pupil given': 'firstName', 'Pupil family': 'lastName', Born: 'dateOfBirth' } as const;
    const preview = await app.callAsync('previewRoster', { table: before.table, mapping, defaultSchoolId: school.id });
    expect(preview.missing).toEqual([]);
    expect(preview.rows).toEqual([{ line: 2, name: 'Ida Wolfe', action: 'create', detail: 'New student at Hillside' }]);
    const r = app.call('importRoster', { table: preview.table, mapping, defaultSchoolId: school.id });
    expect(r.created).toBe(1);
    expect(students()).toEqual([
      { f: 'Ida', l: 'Wolfe', dob: '2018-07-04', grade: '', school: 'Hillside', sid: null, mid: null, teacher: null },
    ]);

    const snap = app.snapshot();
    const twice = app.fail('importRoster', { csv, mapping: { 'Pupil given': 'firstName', Born: 'firstName' } });
    expect(twice).toMatchObject({ code: 'invalid', field: 'mapping' });
    expect(twice.message).toMatch(/"Pupil given" and "Born" are both mapped to First name/);
    expect(app.fail('importRoster', { csv, table: before.table }).field).toBe('csv');
    expect(app.fail('importRoster', {}).field).toBe('csv');
    expect(app.fail('importRoster', { csv, mapping: { Born: 'shoeSize' } }).field).toMatch(/^mapping/);
    expect(app.snapshot()).toBe(snap);
  });

  it('reads an XLSX file: real date cells, numeric IDs, then imports the table it previewed', async () => {
    const xlsx = buildXlsx([
      ['StudentID', 'FirstName', 'LastName', 'DOB', 'Grade_Level', 'SchoolName', 'Bus route'],
      [100234, 'Mia', 'Patel', new Date(Date.UTC(2019, 3, 5)), 3, 'Maple Grove', 7],
      [100235, 'Leo', 'Kim', '11/30/2017', 'K', 'Maple Grove', null],
    ]);
    const preview = await app.callAsync('previewRoster', { xlsxBase64: xlsx.toString('base64'), fileName: 'r.xlsx' });
    expect(preview.table.rows).toEqual([
      ['100234', 'Mia', 'Patel', '2019-04-05', '3', 'Maple Grove', '7'],
      ['100235', 'Leo', 'Kim', '11/30/2017', 'K', 'Maple Grove', ''],
    ]);
    expect(preview.unknownColumns).toEqual(['Bus route']);
    const r = app.call('importRoster', { table: preview.table, fileName: 'r.xlsx' });
    expect(r.created).toBe(2);
    expect(students().map((s) => (s as { dob: string }).dob)).toEqual(['2019-04-05', '2017-11-30']);

    const bad = await app.failAsync('previewRoster', { xlsxBase64: Buffer.from('not a zip').toString('base64') });
    expect(bad).toMatchObject({ code: 'invalid', field: 'xlsxBase64' });
    expect(bad.message).toMatch(/not a readable \.xlsx spreadsheet/);
  });

  it('writes nothing when any part of the import fails: no student, no school, no audit entry', () => {
    app.call('importRoster', { csv: 'Student ID,First name,Last name,School,Grade\n9,Old,Name,Oakwood,1' });
    // A fault in the middle of the batch (the disk, a bug): the database refuses the third student.
    app.db.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON students WHEN NEW.first_name = 'Cal'
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    const snap = app.snapshot();
    const csv = [
      'Student ID,First name,Last name,School,Grade',
      '9,Old,Name,Oakwood,2', // an update
      '10,Ann,Lee,New School,1', // a new school
      '11,Cal,Moe,New School,1', // fails
    ].join('\n');
    const err = app.fail('importRoster', { csv });
    expect(err.code).toBe('conflict');
    expect(app.snapshot()).toBe(snap);
  });
});
