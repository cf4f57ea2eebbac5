import { describe, expect, it } from 'vitest';
import { SchoolCalendar } from '../../shared/domain/calendar';
import { toDay } from '../../shared/domain/dates';
import { clipLinesToEnrollment, enrollmentOn, mergedSpans, studentCalendar } from '../../shared/domain/enrollment';
import { owedForLine } from '../../shared/domain/minutes-owed';
import { noteForStudent, studentsNamed } from '../../shared/domain/notes';

const year = { label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' };
// A: Mon 2026-11-09 open; B: Mon 2026-11-09 closed.
const A = new SchoolCalendar([{ ...year, closures: [] }]);
const B = new SchoolCalendar([{ ...year, closures: [{ startDate: '2026-11-09', endDate: '2026-11-10', label: 'x' }] }]);
const cals = new Map([
  [1, A],
  [2, B],
]);
const EMPTY = new SchoolCalendar([]);
const line = {
  id: 1,
  setting: 'pull_out' as const,
  interval: 'week' as const,
  minutes: 60,
  startDate: '2026-08-26',
  endDate: '2027-06-11',
};
const opts = { prorateShortWeeks: false };

describe('enrollment', () => {
  const moved = [
    { schoolId: 1, startDate: null, endDate: '2026-11-10', endKind: 'transfer' as const },
    { schoolId: 2, startDate: '2026-11-11', endDate: '2026-12-02', endKind: 'exit' as const },
  ];

  it('says where a student is on a date, and which calendar the date follows', () => {
    expect(enrollmentOn(moved, '2026-11-10')).toEqual({ state: 'enrolled', schoolId: 1 });
    expect(enrollmentOn(moved, '2026-11-11')).toEqual({ state: 'enrolled', schoolId: 2 });
    expect(enrollmentOn(moved, '2026-12-03')).toEqual({ state: 'not_enrolled', schoolId: 2, exitDate: '2026-12-02' });
    expect(enrollmentOn([{ schoolId: 2, startDate: '2026-09-01', endDate: null }], '2026-08-31')).toEqual({
      state: 'before_first',
      schoolId: 2,
      firstDate: '2026-09-01',
    });
    expect(mergedSpans(moved)).toEqual([['1900-01-01', '2026-12-02']]);
  });

  it('counts each day at the school of that day; one school keeps its own calendar object', () => {
    expect(studentCalendar([{ schoolId: 1, startDate: null, endDate: null }], cals, EMPTY)).toBe(A);
    const cal = studentCalendar(moved, cals, EMPTY);
    // Week of Mon Nov 9: Mon, Tue at A (open) + Wed–Fri at B = 5 days. B alone would say 3, A alone 5.
    expect(cal.count(toDay('2026-11-09'), toDay('2026-11-15'))).toBe(5);
    // Week of Mon Nov 2 before the transfer, all at A.
    expect(cal.count(toDay('2026-11-02'), toDay('2026-11-08'))).toBe(5);
    expect(cal.years).toHaveLength(1);
  });

  it('cuts owed at the exit: the week of Mon Nov 30, served Mon–Wed, owes 60 × 3/5 = 36', () => {
    const cal = studentCalendar(moved, cals, EMPTY);
    const clipped = clipLinesToEnrollment([line], moved);
    const owed = (from: string, to: string) => clipped.reduce((n, l) => n + owedForLine(l, cal, from, to, opts), 0);
    expect(owed('2026-11-30', '2026-12-06')).toBe(36);
    expect(owed('2026-12-07', '2026-12-13')).toBe(0);
    expect(owed('2026-11-09', '2026-11-15')).toBe(60);
  });
});

describe('notes belong to one student', () => {
  const group = [
    { id: 1, firstName: 'Grace', lastName: 'Hall' },
    { id: 2, firstName: 'Isla', lastName: 'Moore', preferredName: 'Izzy' },
  ];
  it('finds names as whole words, any case, preferred names too', () => {
    expect(studentsNamed('isla at field trip', group).map((s) => s.id)).toEqual([2]);
    expect(studentsNamed('Izzy was tired', group).map((s) => s.id)).toEqual([2]);
    expect(studentsNamed('Islands and hallways', group)).toEqual([]);
  });
  it("shows a student the shared note only when it names no one else, and redacts others' names in their own", () => {
    expect(noteForStudent(1, 'Cut on the line', 'Isla at field trip', group)).toBe('Cut on the line');
    expect(noteForStudent(2, null, 'Isla at field trip', group)).toBe('Isla at field trip');
    expect(noteForStudent(1, 'Sat next to Moore', 'Obstacle course', group)).toBe(
      'Obstacle course — Sat next to another student',
    );
  });
});
