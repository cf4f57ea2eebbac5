import { describe, expect, it } from 'vitest';
import {
  JudgementFrame,
  type MakeupCredit,
  type PresentMinutes,
  judgeCompliance,
  presentDays,
} from '../../shared/domain/compliance';
import type { Setting } from '../../shared/domain/codes';
import { toDay } from '../../shared/domain/dates';
import { intervalList, owedOver } from '../../shared/domain/intervals';
import { type OwedLine, owedBySetting, owedForLine } from '../../shared/domain/minutes-owed';
import { makeupBalanceAndCredits } from '../../electron/db/queries/judged';
import type { Miss } from '../../shared/domain/makeups';
import { HOLIDAYS_2026, schoolYear2026 } from '../helpers/calendar';

// School year 2026-27: Wed 2026-08-26 to Fri 2027-06-11; Mon Oct 12 and Wed Nov 11 are holidays.
const cal = schoolYear2026([HOLIDAYS_2026.indigenousPeoplesDay, HOLIDAYS_2026.veteransDay]);
const line = (
  id: number,
  setting: Setting,
  interval: OwedLine['interval'],
  minutes: number,
  startDate = '2026-08-26',
  endDate = '2027-06-11',
): OwedLine => ({ id, setting, interval, minutes, startDate, endDate });
const given = (date: string, setting: Setting, minutes: number): PresentMinutes => ({ date, setting, minutes });
const options = { prorateShortWeeks: false };
const today = '2026-11-13';

describe('the intervals of a range, worked out once per calendar', () => {
  it('lists the Mon–Sun weeks touching the range with their school days, and only those started by a day', () => {
    // Oct 5 – Oct 25: weeks of Oct 5 (5 days), Oct 12 (4: Monday is a holiday), Oct 19 (5).
    const weeks = intervalList(cal, 'week', toDay('2026-10-07'), toDay('2026-10-21'));
    expect(weeks.starts).toEqual([toDay('2026-10-05'), toDay('2026-10-12'), toDay('2026-10-19')]);
    expect(weeks.ends).toEqual([toDay('2026-10-11'), toDay('2026-10-18'), toDay('2026-10-25')]);
    expect(weeks.days).toEqual([5, 4, 5]);
    // Asked again, the same list; cut at Oct 13, the week of Oct 19 has not started.
    expect(intervalList(cal, 'week', toDay('2026-10-07'), toDay('2026-10-21'))).toBe(weeks);
    expect(
      intervalList(cal, 'week', toDay('2026-10-07'), toDay('2026-10-21'), toDay('2026-10-13')).starts,
    ).toHaveLength(2);
    // November 2026: 21 weekdays less Veterans Day = 20 school days; the school year: 196 days.
    expect(intervalList(cal, 'month', toDay('2026-11-05'), toDay('2026-11-06')).days).toEqual([20]);
    expect(intervalList(cal, 'year', toDay('2026-11-05'), toDay('2026-11-06')).days).toEqual([
      cal.count(toDay('2026-08-26'), toDay('2027-06-11')),
    ]);
  });

  it('owes a line over part of its intervals as the rule says, and a whole interval exactly its amount', () => {
    const weeks = intervalList(cal, 'week', toDay('2026-10-05'), toDay('2026-10-25'));
    // 60 a week from Wed Oct 7 to Tue Oct 20: 3 of 5 days, all of 4, 2 of 5 → 36 + 60 + 24 = 120.
    expect(owedOver(weeks, cal, 60, toDay('2026-10-07'), toDay('2026-10-20'))).toBe(120);
    expect(owedOver(weeks, cal, 60, toDay('2026-10-07'), toDay('2026-10-06'))).toBe(0);
    // Prorated short weeks divide by 5: the 4-day week of Oct 12 owes 48.
    expect(owedOver(weeks, cal, 60, toDay('2026-10-12'), toDay('2026-10-18'), 5)).toBe(48);
  });
});

describe('one frame judging many students', () => {
  const ava = {
    lines: [line(1, 'push_in', 'week', 30), line(2, 'consult', 'month', 120)],
    present: [given('2026-11-10', 'push_in', 30), given('2026-10-14', 'consult', 60)],
    makeups: [] as MakeupCredit[],
  };
  const noah = {
    lines: [line(3, 'pull_out', 'week', 60, '2026-09-14', '2026-12-18')],
    present: [
      given('2026-10-06', 'pull_out', 30),
      given('2026-10-14', 'pull_out', 90),
      given('2026-11-12', 'push_in', 30),
    ],
    makeups: [{ missDate: '2026-10-08', date: '2026-10-14', setting: 'pull_out', minutes: 30 }] as MakeupCredit[],
  };
  const mia = { lines: [] as OwedLine[], present: [given('2026-11-02', 'consult', 20)], makeups: [] as MakeupCredit[] };

  for (const range of [
    { from: '2026-11-09', to: '2026-11-15' },
    { from: '2026-10-01', to: '2026-10-31' },
    { from: '2026-08-26', to: '2027-06-11' },
  ]) {
    it(`gives each student the figures of their own judgement, whatever came before (${range.from} to ${range.to})`, () => {
      const frame = new JudgementFrame({ ...range, today }, options, 0.9);
      // Twice round, in two orders: nothing of one student's intervals stays for the next.
      for (const st of [ava, noah, mia, noah, ava, mia, ava]) {
        const input = { ...st, calendar: cal, planned: [], detail: 'all' as const };
        const got = frame.figures({ ...input, present: presentDays(st.present) });
        const own = judgeCompliance({ ...input, ...range, today, options, threshold: 0.9 });
        expect(got.judged).toEqual(own);
        // Owed over the range and to date, as owedBySetting works them out.
        expect(got.owed).toEqual(owedBySetting(st.lines, cal, range.from, range.to, options));
        const upTo = range.to < today ? range.to : today;
        expect(got.owedToDate).toEqual(owedBySetting(st.lines, cal, range.from, upTo, options));
      }
    });
  }

  it('hand-worked: Noah over October, a makeup moved to the week of its miss', () => {
    const frame = new JudgementFrame({ from: '2026-10-01', to: '2026-10-31', today }, options, 0.9);
    const { judged, owed } = frame.figures({
      ...noah,
      calendar: cal,
      present: presentDays(noah.present),
      planned: [],
      detail: 'all',
    });
    // Oct 1–31 touches the weeks of Sep 28 (Thu 1, Fri 2: 2 of 5 days), Oct 5, Oct 12 (4 days, all of
    // them in the range), Oct 19 and Oct 26 (Mon 26 – Fri 30): 60 × (2/5 + 1 + 1 + 1 + 1) = 264.
    expect(owed.pull_out).toBe(264);
    // Week of Oct 5: 30 given + 30 made up = 60; week of Oct 12: 90 − 30 moved = 60.
    const byWeek = Object.fromEntries(judged.intervals.map((i) => [i.start, i.credited]));
    expect(byWeek['2026-10-05']).toBe(60);
    expect(byWeek['2026-10-12']).toBe(60);
    expect(judged.shortfall.pull_out).toBe(60 + 60 + 60); // weeks of Sep 28, Oct 19 and Oct 26 had nothing
    expect(owedForLine(noah.lines[0]!, cal, '2026-10-01', '2026-10-31', options)).toBe(264);
  });
});

describe('makeup balance without a ledger when nothing was made up', () => {
  const miss = (attendanceId: number, date: string, code: Miss['code'], minutes: number): Miss => ({
    attendanceId,
    sessionId: attendanceId,
    date,
    startTime: '09:00',
    code,
    minutes,
  });
  const codes = new Set<Miss['code']>(['provider_absent', 'student_unavailable']);
  const misses = [
    miss(1, '2026-10-05', 'provider_absent', 30),
    miss(2, '2026-10-06', 'student_absent', 30),
    miss(3, '2026-10-20', 'student_unavailable', 20),
    miss(4, '2026-11-02', 'provider_absent', 45),
  ];
  it('owes the minutes of each miss in the range whose code owes a makeup', () => {
    // October: 30 (provider) + 20 (unavailable); the student's own absence owes nothing.
    expect(makeupBalanceAndCredits({ misses, makeups: [] }, codes, '2026-10-01', '2026-10-31')).toEqual({
      balance: 50,
      credits: [],
    });
    expect(makeupBalanceAndCredits(undefined, codes, '2026-10-01', '2026-10-31')).toEqual({ balance: 0, credits: [] });
  });
  it('with a makeup linked, takes the ledger: 20 made up against the 30 missed leaves 10 + 20', () => {
    const makeups = [
      {
        attendanceId: 9,
        sessionId: 9,
        date: '2026-10-08',
        code: 'present' as const,
        minutes: 20,
        replaces: [1],
        setting: 'pull_out' as const,
      },
    ];
    expect(makeupBalanceAndCredits({ misses, makeups }, codes, '2026-10-01', '2026-10-31')).toEqual({
      balance: 30,
      credits: [{ missDate: '2026-10-05', date: '2026-10-08', setting: 'pull_out', minutes: 20 }],
    });
  });
});
