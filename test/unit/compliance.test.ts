import { describe, expect, it } from 'vitest';
import {
  type ComplianceInput,
  type MakeupCredit,
  type PresentMinutes,
  judgeCompliance,
  missedByWhom,
} from '../../shared/domain/compliance';
import type { Setting } from '../../shared/domain/codes';
import type { OwedLine } from '../../shared/domain/minutes-owed';
import { HOLIDAYS_2026, schoolYear2026 } from '../helpers/calendar';

// School year 2026-27: Wed 2026-08-26 to Fri 2027-06-11; Mon Oct 12 and Wed Nov 11 are holidays.
// October 2026 has 22 weekdays (Thu 1 … Fri 30) less the holiday: 21 instructional days.
const cal = schoolYear2026([HOLIDAYS_2026.indigenousPeoplesDay, HOLIDAYS_2026.veteransDay]);
let nextId = 1;
const line = (setting: Setting, interval: OwedLine['interval'], minutes: number, startDate = '2026-08-26') => ({
  id: nextId++,
  setting,
  interval,
  minutes,
  startDate,
  endDate: '2027-06-11',
});
const given = (date: string, setting: Setting, minutes: number): PresentMinutes => ({ date, setting, minutes });
const judge = (p: Partial<ComplianceInput> & Pick<ComplianceInput, 'lines' | 'from' | 'to'>) =>
  judgeCompliance({
    calendar: cal,
    options: { prorateShortWeeks: false },
    threshold: 0.9,
    today: '2026-11-13',
    present: [],
    makeups: [],
    planned: [],
    ...p,
  });

describe('compliance per setting and interval: the examples of docs/domain.md (today Fri 2026-11-13)', () => {
  const lines = [line('push_in', 'week', 30), line('consult', 'month', 120)];
  const week = { from: '2026-11-09', to: '2026-11-15' };

  it('week of Nov 9: nothing is closed, push-in done, consult 120 remains by Nov 30 and is at risk', () => {
    const r = judge({ lines, ...week, present: [given('2026-11-10', 'push_in', 30)] });
    // Open intervals: the week Nov 9–15 (push-in owes 30, 30 given → remaining 0) and November
    // (consult owes the whole 120, nothing given → remaining 120, planned 0 → at risk by Nov 30).
    expect(r.behind).toBe(false);
    expect(r.compliance).toBeNull();
    expect(r.shortfall).toEqual({ push_in: 0, pull_out: 0, consult: 0 });
    expect(r.remaining).toEqual({ push_in: 0, pull_out: 0, consult: 120 });
    expect(r.atRisk).toBe(true);
    expect(r.atRiskBy).toBe('2026-11-30');
    expect(r.intervals.map((i) => [i.setting, i.start, i.end, i.open, i.owed, i.remaining])).toEqual([
      ['consult', '2026-11-01', '2026-11-30', true, 120, 120],
      ['push_in', '2026-11-09', '2026-11-15', true, 30, 0],
    ]);
  });

  it('the consult is not at risk once 120 consult minutes are scheduled between Nov 16 and Nov 30', () => {
    const planned = [given('2026-11-17', 'consult', 60), given('2026-11-24', 'consult', 60)];
    const r = judge({ lines, ...week, present: [given('2026-11-10', 'push_in', 30)], planned });
    expect(r.planned.consult).toBe(120);
    expect(r.atRisk).toBe(false);
    // 90 scheduled is not enough: 120 remaining > 90 planned.
    const short = judge({ lines, ...week, present: [given('2026-11-10', 'push_in', 30)], planned: planned.slice(1) });
    expect(short.atRisk).toBe(true);
  });

  it('two October weeks logged as pull-out: behind in push-in for those weeks, 60 pull-out minutes extra', () => {
    // October's weeks: Sep 28, Oct 5, 12, 19, 26 (all closed). Push-in given in three of them; the
    // weeks of Oct 5 and Oct 19 got pull-out instead. Consult 120 given in October.
    const present = [
      given('2026-09-29', 'push_in', 30),
      given('2026-10-06', 'pull_out', 30),
      given('2026-10-07', 'consult', 120),
      given('2026-10-13', 'push_in', 30),
      given('2026-10-20', 'pull_out', 30),
      given('2026-10-27', 'push_in', 30),
    ];
    const r = judge({ lines, from: '2026-10-01', to: '2026-10-31', present });
    // Owed over closed intervals: 5 weeks × 30 + 120 = 270; shortfall 30 + 30 push-in; met 210.
    expect(r.shortfall).toEqual({ push_in: 60, pull_out: 0, consult: 0 });
    expect(r.closedOwed).toBe(270);
    expect(r.closedMet).toBe(210);
    expect(r.compliance).toBeCloseTo(210 / 270, 12); // 77.8% < 90%
    expect(r.behind).toBe(true);
    expect(r.extra).toEqual({ push_in: 0, pull_out: 60, consult: 0 });
    expect(r.intervals.filter((i) => i.shortfall > 0).map((i) => i.start)).toEqual(['2026-10-05', '2026-10-19']);
    // Delivered ÷ owed over the range would have said 270 of 270: the per-setting rule does not.
  });
});

describe('compliance per setting and interval: further hand-worked cases', () => {
  it('a makeup counts for the week of the miss it replaces, never also for the week it was given in', () => {
    // Pull-out 60/week. Week Oct 5–11: 30 given Oct 6, 30 missed (provider absent) Oct 8.
    // Week Oct 12–18: 60 given (Oct 13, Oct 15) plus a 30-minute makeup on Oct 14 for the Oct 8 miss.
    const present = [
      given('2026-10-06', 'pull_out', 30),
      given('2026-10-13', 'pull_out', 30),
      given('2026-10-14', 'pull_out', 30),
      given('2026-10-15', 'pull_out', 30),
    ];
    const makeups: MakeupCredit[] = [{ missDate: '2026-10-08', date: '2026-10-14', setting: 'pull_out', minutes: 30 }];
    const r = judge({ lines: [line('pull_out', 'week', 60)], from: '2026-10-05', to: '2026-10-18', present, makeups });
    // Week 1: 30 + 30 (makeup) = 60 of 60 → no shortfall. Week 2: 90 − 30 (moved) = 60 of 60 → no extra.
    expect(r.intervals.map((i) => [i.start, i.credited, i.shortfall, i.extra])).toEqual([
      ['2026-10-05', 60, 0, 0],
      ['2026-10-12', 60, 0, 0],
    ]);
    expect(r.compliance).toBe(1);
    // Without the link the same minutes leave week 1 short by 30 and week 2 with 30 extra.
    const unlinked = judge({ lines: [line('pull_out', 'week', 60)], from: '2026-10-05', to: '2026-10-18', present });
    expect(unlinked.shortfall.pull_out).toBe(30);
    expect(unlinked.extra.pull_out).toBe(30);
    expect(unlinked.compliance).toBe(0.75); // (30 + 60) ÷ 120
  });

  it('extra minutes in one week do not cover another week', () => {
    // Pull-out 60/week: 90 in the week of Oct 19, 30 in the week of Oct 26.
    const present = [given('2026-10-20', 'pull_out', 90), given('2026-10-27', 'pull_out', 30)];
    const r = judge({ lines: [line('pull_out', 'week', 60)], from: '2026-10-19', to: '2026-11-01', present });
    // Met 60 + 30 = 90 of 120 = 75%; 30 short in the second week, 30 extra in the first.
    expect(r.compliance).toBe(0.75);
    expect(r.behind).toBe(true);
    expect(r.shortfall.pull_out).toBe(30);
    expect(r.extra.pull_out).toBe(30);
  });

  it('a monthly line starting mid-month owes its share of the whole month, judged once the month is over', () => {
    // Consult 120/month from Thu Oct 15: Oct 15–31 has 12 instructional days of October's 21 → owed 120 × 12/21.
    const owed = (120 * 12) / 21; // 68.571…
    const input = {
      lines: [line('consult', 'month', 120, '2026-10-15')],
      from: '2026-10-19',
      to: '2026-10-25',
      present: [given('2026-10-22', 'consult', 60)],
    };
    const r = judge(input);
    // A week view of Oct 19–25 judges all of October: shortfall 8.571…, 60 ÷ 68.571 = 87.5% → behind at 90%.
    expect(r.intervals).toHaveLength(1);
    expect(r.intervals[0]!.owed).toBeCloseTo(owed, 10);
    expect(r.shortfall.consult).toBeCloseTo(owed - 60, 10);
    expect(r.compliance).toBeCloseTo(0.875, 12);
    expect(r.behind).toBe(true);
    expect(judge({ ...input, threshold: 0.85 }).behind).toBe(false);
  });

  it('a yearly line is open all year: never behind, remaining by the last day, only future school days planned', () => {
    // 600/year; 100 given so far → remaining 500 by Fri 2027-06-11. Planned: 30 on Sat Nov 14 (not a
    // school day), 30 on Nov 12 (past), 240 on school days after today → 240 planned < 500 → at risk.
    const r = judge({
      lines: [line('pull_out', 'year', 600)],
      from: '2026-11-09',
      to: '2026-11-15',
      present: [given('2026-09-15', 'pull_out', 60), given('2026-10-20', 'pull_out', 40)],
      planned: [
        given('2026-11-14', 'pull_out', 30),
        given('2026-11-12', 'pull_out', 30),
        given('2026-11-16', 'pull_out', 120),
        given('2027-01-12', 'pull_out', 120),
      ],
    });
    expect(r.behind).toBe(false);
    expect(r.remaining.pull_out).toBe(500);
    expect(r.planned.pull_out).toBe(240);
    expect(r.atRisk).toBe(true);
    expect(r.atRiskBy).toBe('2027-06-11');
  });

  it('exactly at the threshold is not behind; a week with prorated short weeks owes 48', () => {
    // Pull-out 60/week, week of Oct 19 (closed): 54 of 60 = 90% → not behind.
    const r = judge({
      lines: [line('pull_out', 'week', 60)],
      from: '2026-10-19',
      to: '2026-10-25',
      present: [given('2026-10-21', 'pull_out', 54)],
    });
    expect(r.compliance).toBeCloseTo(0.9, 12);
    expect(r.behind).toBe(false);
    // Week of Oct 12 (Monday holiday) with "prorate short weeks": 60 × 4/5 = 48 owed; 48 given → met.
    const p = judge({
      lines: [line('pull_out', 'week', 60)],
      from: '2026-10-12',
      to: '2026-10-18',
      options: { prorateShortWeeks: true },
      present: [given('2026-10-13', 'pull_out', 48)],
    });
    expect(p.closedOwed).toBe(48);
    expect(p.compliance).toBe(1);
  });

  it('minutes in a setting the IEP does not list are extra, and a future range judges nothing', () => {
    const r = judge({
      lines: [line('push_in', 'week', 30)],
      from: '2026-10-19',
      to: '2026-10-25',
      present: [given('2026-10-20', 'push_in', 30), given('2026-10-21', 'consult', 15)],
    });
    expect(r.extra).toEqual({ push_in: 0, pull_out: 0, consult: 15 });
    expect(r.compliance).toBe(1);
    const future = judge({ lines: [line('push_in', 'week', 30)], from: '2026-12-07', to: '2026-12-13' });
    expect(future.intervals).toEqual([]);
    expect(future.atRisk).toBe(false);
    expect(future.behind).toBe(false);
  });
});

describe('an amendment inside a week', () => {
  it('the week owes the share of both lines, even when the range shows only the new one', () => {
    // Push-in 30/week to Wed Oct 14, then 60/week from Thu Oct 15. Week Oct 12–18 has 4 school days
    // (Monday holiday): old line 30 × 2/4 = 15, new line 60 × 2/4 = 30 → 45 owed for the week.
    const lines = [
      { ...line('push_in', 'week', 30), endDate: '2026-10-14' },
      line('push_in', 'week', 60, '2026-10-15'),
    ];
    const present = [given('2026-10-13', 'push_in', 30), given('2026-10-16', 'push_in', 10)];
    const r = judge({ lines, from: '2026-10-15', to: '2026-10-18', present });
    expect(r.intervals.map((i) => [i.start, i.owed, i.credited, i.shortfall])).toEqual([['2026-10-12', 45, 40, 5]]);
    expect(r.compliance).toBeCloseTo(40 / 45, 12); // 88.9% → behind
    expect(r.behind).toBe(true);
  });
});

describe('missed by whom', () => {
  it('puts every missed minute in exactly one bucket: unavailable and closed are the school’s', () => {
    expect(
      missedByWhom({
        student_absent: 30,
        student_refused: 5,
        student_unavailable: 20,
        school_closed: 40,
        provider_absent: 15,
      }),
    ).toEqual({ byStudent: 35, byProvider: 15, bySchool: 60 });
  });
});

describe('CSV cells a spreadsheet would run are neutralised, whatever follows', () => {
  it('prefixes = + - @ tab and CR, including multi-line text; numbers stay numbers', async () => {
    const { toCsv } = await import('../../electron/reports/service-log');
    const Papa = (await import('papaparse')).default;
    const cells = ['=1+1', '+A1', '-2+3', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")\nsecond line', '-1\r\n=2'];
    const csv = toCsv(['a'], [...cells.map((c) => [c]), [-5], ['plain\n=text']]);
    const out = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' })
      .data.slice(1)
      .map((r) => r[0]);
    expect(out).toEqual([...cells.map((c) => `'${c}`), '-5', 'plain\n=text']);
  });
});
