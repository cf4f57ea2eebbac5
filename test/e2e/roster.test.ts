import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXlsx } from '../helpers/xlsx';
import { E2EApp, SHOTS } from './harness';

let app: E2EApp;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-09-08');
  const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
    if (!r.ok) throw new Error(r.error!.message);
    return r.value as T;
  };
  const school = ok<{ id: number }>(app.handlers.createSchool({ name: 'Maple Grove' }) as never);
  ok(
    app.handlers.createStudent({
      firstName: 'Mia',
      lastName: 'Patel',
      schoolId: school.id,
      grade: '2',
      districtStudentId: '100234',
    }) as never,
  );
  await app.start();
});
afterAll(async () => app?.stop());

const SIS = [
  'StudentID,LastName,FirstName,BirthDate,Grade_Level,SchoolName,Pupil nickname,Ethnicity',
  '100234,Patel,Mia,04/05/2019,3,Maple Grove,,X', // known: grade 2 → 3
  '100235,Kim,Leonard,11/30/2017,4,Maple Grove,Leo,Y',
  '100236,Brown,Zoe,2/9/2018,2,Cedar Park,,Z',
  '100237,Ray,Ann,02/30/2018,1,Cedar Park,,Z', // no February 30th
].join('\n');

describe('a roster from the student information system', () => {
  it('previews the mapping and what each row will do, then imports exactly that', async () => {
    const p = app.page;
    await app.nav(/^Caseload/);
    await p.getByRole('button', { name: 'Import roster…' }).click();
    await p
      .getByLabel('Roster file')
      .setInputFiles({ name: 'sis-export.csv', mimeType: 'text/csv', buffer: Buffer.from(SIS) });

    const columns = p.getByTestId('roster-columns');
    await columns.waitFor();
    await expect.poll(() => p.getByLabel('Imports Grade_Level as').inputValue()).toBe('grade');
    expect(await p.getByLabel('Imports SchoolName as').inputValue()).toBe('school');
    expect(await p.getByLabel('Imports BirthDate as').inputValue()).toBe('dateOfBirth');
    expect(await p.getByLabel('Imports StudentID as').inputValue()).toBe('districtStudentId');
    expect(await p.getByTestId('roster-unknown').innerText()).toContain('Pupil nickname, Ethnicity');
    expect(await p.getByTestId('roster-counts').innerText()).toContain('2 to add, 1 to update, 1 to skip');
    const rows = await p.getByTestId('roster-rows').innerText();
    expect(rows).toMatch(/5\s+Ann Ray\s+Skip\s+Date of birth: 02\/30\/2018 is not a real date/);
    expect(rows).toMatch(/2\s+Mia Patel\s+Update\s+Date of birth: \(empty\) → 2019-04-05; Grade: 2 → 3/);
    expect(rows).toMatch(/4\s+Zoe Brown\s+Add\s+New student at Cedar Park \(a new school\)/);

    // Map the nickname column with the keyboard: focus the select and choose "Preferred name".
    const nick = p.getByLabel('Imports Pupil nickname as');
    await nick.focus();
    await nick.selectOption('preferredName');
    await expect.poll(() => p.getByTestId('roster-unknown').innerText()).not.toContain('Pupil nickname');
    expect(await p.getByTestId('roster-unknown').innerText()).toContain('Ethnicity');
    await app.screenshot('50-roster-preview-1280');
    await p.setViewportSize({ width: 1024, height: 800 });
    await app.screenshot('50-roster-preview-1024');
    await p.setViewportSize({ width: 1280, height: 800 });
    await p.getByTestId('roster-rows').scrollIntoViewIfNeeded();
    await app.screenshot('50-roster-preview-rows');
    expect(await app.axe()).toEqual([]);

    await p.getByRole('button', { name: 'Import 2 new, update 1' }).click();
    const summary = p.getByTestId('roster-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Added 2 students, updated 1, skipped 1\. New schools: Cedar Park\./);
    await app.screenshot('51-roster-summary');
    await p.locator('.roster-import .actions').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => p.getByRole('table').first().innerText()).toContain('Kim');
    const table = await p.getByRole('table').first().innerText();
    expect(table).toContain('Leo Kim');
    expect(table).toContain('Brown');
  });

  it('reads the same roster as an Excel file and adds no one twice', async () => {
    const p = app.page;
    const xlsx = buildXlsx([
      ['StudentID', 'LastName', 'FirstName', 'BirthDate', 'Grade_Level', 'SchoolName'],
      ['100234', 'Patel', 'Mia', new Date(Date.UTC(2019, 3, 5)), 3, 'Maple Grove'],
      [100235, 'Kim', 'Leonard', '11/30/2017', 4, 'Maple Grove'],
    ]);
    await p.getByRole('button', { name: 'Import roster…' }).click();
    await p.getByLabel('Roster file').setInputFiles({
      name: 'sis-export.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: xlsx,
    });
    await p.getByTestId('roster-counts').waitFor();
    expect(await p.getByTestId('roster-counts').innerText()).toContain('0 to add, 0 to update, 2 to skip');
    expect(await p.getByTestId('roster-rows').innerText()).toContain('Already on the caseload, nothing to change');
    expect(await p.getByRole('button', { name: /^Import 0 new/ }).isDisabled()).toBe(true);
    await p.getByRole('button', { name: 'Cancel' }).click();
  });
});
