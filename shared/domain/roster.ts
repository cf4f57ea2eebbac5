// Roster files from a student information system: which column holds what, and the dates they write.
import { isRealDate } from './dates';

export const ROSTER_FIELDS = [
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'grade',
  'school',
  'teacher',
  'districtStudentId',
  'medicaidId',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  grade: 'Grade',
  school: 'School',
  teacher: 'Teacher',
  districtStudentId: 'Student ID (district)',
  medicaidId: 'Medicaid ID',
};

/** A header reduced to letters and digits: "Grade_Level", "grade level" and "GradeLevel" are one name. */
export const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Column names seen in exports of common student information systems (PowerSchool, Infinite Campus,
 * Skyward, Aeries, Synergy) and in hand-made rosters, by their reduced form.
 */
const PRESETS: Record<RosterField, string[]> = {
  firstName: ['firstname', 'first', 'fname', 'givenname', 'studentfirstname', 'legalfirstname', 'stufirstname'],
  lastName: ['lastname', 'last', 'lname', 'surname', 'familyname', 'studentlastname', 'legallastname', 'stulastname'],
  preferredName: ['preferredname', 'nickname', 'preferredfirstname', 'knownas'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'studentdob', 'datebirth'],
  grade: ['grade', 'gradelevel', 'grd', 'currentgrade', 'gr'],
  school: ['school', 'schoolname', 'building', 'buildingname', 'campus', 'campusname', 'site', 'sitename'],
  teacher: ['teacher', 'teachername', 'homeroomteacher', 'homeroom', 'classroom', 'hrteacher'],
  districtStudentId: [
    'studentid',
    'districtstudentid',
    'studentnumber',
    'studentno',
    'localid',
    'localstudentid',
    'districtid',
    'sisid',
    'permid',
    'id',
  ],
  medicaidId: ['medicaidid', 'medicaidnumber', 'medicaid', 'medicaidno'],
};

const PRESET_BY_KEY = new Map<string, RosterField>(
  (Object.entries(PRESETS) as [RosterField, string[]][]).flatMap(([field, keys]) => keys.map((k) => [k, field])),
);

/** The field a column header stands for, or null when no preset knows it. */
export function presetField(header: string): RosterField | null {
  return PRESET_BY_KEY.get(headerKey(header)) ?? null;
}

export type RosterDate = { ok: true; date: string } | { ok: false; reason: string };

/**
 * A date as a roster writes it: ISO (2019-04-05) or US month/day/year (04/05/2019, 4/5/2019,
 * 04-05-2019). Two-digit years are refused: "05" could be 1905 or 2005.
 */
export function parseRosterDate(raw: string): RosterDate {
  const v = raw.trim();
  let iso: string | null = null;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const us = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2,4})$/.exec(v);
  if (isoMatch) {
    iso = `${isoMatch[1]}-${isoMatch[2]!.padStart(2, '0')}-${isoMatch[3]!.padStart(2, '0')}`;
  } else if (us) {
    if (us[3]!.length !== 4) {
      return { ok: false, reason: `${v} has a two-digit year; write the year in full (MM/DD/YYYY)` };
    }
    iso = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  }
  if (!iso) return { ok: false, reason: `${v} is not a date (use MM/DD/YYYY or YYYY-MM-DD)` };
  if (!isRealDate(iso)) return { ok: false, reason: `${v} is not a real date` };
  return { ok: true, date: iso };
}
