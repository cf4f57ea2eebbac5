import { describe, expect, it } from 'vitest';
import { parseRosterDate, presetField } from '../../shared/domain/roster';

describe('roster dates', () => {
  it('reads ISO and US month/day/year dates', () => {
    expect(parseRosterDate('2019-04-05')).toEqual({ ok: true, date: '2019-04-05' });
    expect(parseRosterDate('04/05/2019')).toEqual({ ok: true, date: '2019-04-05' }); // April 5th, not May 4th
    expect(parseRosterDate('4/5/2019')).toEqual({ ok: true, date: '2019-04-05' });
    expect(parseRosterDate('12-31-2017')).toEqual({ ok: true, date: '2017-12-31' });
    expect(parseRosterDate(' 2/29/2020 ')).toEqual({ ok: true, date: '2020-02-29' });
  });
  it('refuses what is not a date, with the reason', () => {
    expect(parseRosterDate('2/29/2019')).toEqual({ ok: false, reason: '2/29/2019 is not a real date' });
    expect(parseRosterDate('13/01/2018')).toEqual({ ok: false, reason: '13/01/2018 is not a real date' });
    expect(parseRosterDate('1/2/18')).toMatchObject({ ok: false, reason: expect.stringMatching(/two-digit year/) });
    expect(parseRosterDate('April 5')).toMatchObject({ ok: false, reason: expect.stringMatching(/MM\/DD\/YYYY/) });
  });
});

describe('roster column presets', () => {
  it('knows the column names of student information systems, whatever the case and separators', () => {
    expect(presetField('SchoolName')).toBe('school');
    expect(presetField('Grade_Level')).toBe('grade');
    expect(presetField('StudentID')).toBe('districtStudentId');
    expect(presetField('Student Number')).toBe('districtStudentId');
    expect(presetField('LastName')).toBe('lastName');
    expect(presetField('first_name')).toBe('firstName');
    expect(presetField('DOB')).toBe('dateOfBirth');
    expect(presetField('BirthDate')).toBe('dateOfBirth');
    expect(presetField('Homeroom Teacher')).toBe('teacher');
    expect(presetField('Ethnicity')).toBeNull();
  });
});
