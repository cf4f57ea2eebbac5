import { describe, expect, it } from 'vitest';
import { type DataPoint, draftNarrative, levelOf, suggestProgress, summariseGoal } from '../../shared/domain/progress';

const goal = { measurement: 'trials' as const, targetValue: 80, criterion: '80% accuracy in 4 of 5 trials' };
const trial = (date: string, correct: number, prompt: DataPoint['prompt'] = 'verbal'): DataPoint => ({
  date,
  correct,
  total: 10,
  value: null,
  prompt,
});
const period = { startDate: '2026-10-01', endDate: '2026-10-31' };

describe('goal summaries for a reporting period (hand-worked)', () => {
  const data = [trial('2026-10-01', 4), trial('2026-10-08', 5), trial('2026-10-15', 6), trial('2026-10-22', 7)];

  it('counts points, first and latest level, and the weekly trend', () => {
    const s = summariseGoal(goal, data);
    // Levels 40, 50, 60, 70 one week apart: least-squares slope = 50 / 5 = 10 points a week.
    expect(s).toMatchObject({
      points: 4,
      first: 40,
      latest: 70,
      mean: 55,
      trend: 'rising',
      target: 80,
      meetsTarget: false,
      latestPrompt: 'verbal',
    });
    expect(s.slopePerWeek).toBeCloseTo(10, 10);
  });

  it('suggests "sufficient" when the trend reaches the target by the IEP end, "some" when it will not', () => {
    const s = summariseGoal(goal, data);
    // 21.6 weeks left to 2027-03-31: 70 + 10 × 21.6 ≥ 80.
    expect(suggestProgress(s, '2026-10-31', '2027-03-31', true)).toBe('sufficient');
    // The IEP ends with the period: 70 < 80.
    expect(suggestProgress(s, '2026-10-31', '2026-10-31', true)).toBe('some');
  });

  it('suggests "met" for steady data at the target, "none" for a flat or falling trend', () => {
    expect(
      suggestProgress(
        summariseGoal(goal, [trial('2026-10-01', 8), trial('2026-10-08', 8), trial('2026-10-15', 9)]),
        '2026-10-31',
        '2027-03-31',
        true,
      ),
    ).toBe('met');
    expect(
      suggestProgress(
        summariseGoal(goal, [trial('2026-10-01', 6), trial('2026-10-08', 5), trial('2026-10-15', 4)]),
        '2026-10-31',
        '2027-03-31',
        true,
      ),
    ).toBe('none');
    expect(summariseGoal(goal, [trial('2026-10-01', 6), trial('2026-10-08', 5), trial('2026-10-15', 4)]).trend).toBe(
      'falling',
    );
  });

  it('drafts the narrative from the numbers', () => {
    const s = summariseGoal(goal, data);
    expect(draftNarrative('Ava', goal, s, period)).toBe(
      'Across 4 sessions from Oct 1 to Oct 22, accuracy rose from 40% to 70% with verbal prompts; the goal is 80%.',
    );
    const one = summariseGoal(goal, [trial('2026-10-09', 9, 'independent')]);
    expect(draftNarrative('Ava', goal, one, period)).toBe(
      'In 1 session on Oct 9, accuracy was 90% with independent prompts; the goal is 80%. Ava met the target level in the latest session.',
    );
  });

  it('says so when a period has no data, and tells "not yet introduced" from "no progress"', () => {
    const s = summariseGoal(goal, []);
    expect(s.points).toBe(0);
    expect(draftNarrative('Ava', goal, s, period)).toBe('No data was recorded for this goal from Oct 1 to Oct 31.');
    expect(suggestProgress(s, '2026-10-31', '2027-03-31', false)).toBe('not_introduced');
    expect(suggestProgress(s, '2026-10-31', '2027-03-31', true)).toBe('none');
  });

  it('reads levels by measurement', () => {
    expect(levelOf(trial('2026-10-01', 3), 'trials')).toBe(30);
    expect(levelOf({ date: '2026-10-01', correct: null, total: null, value: 12, prompt: null }, 'count')).toBe(12);
    expect(levelOf({ date: '2026-10-01', correct: 3, total: 0, value: null, prompt: null }, 'trials')).toBeNull();
  });
});

describe('one trend for the label, the narrative and the chart (TREND_RULE)', () => {
  const weekly = (levels: number[]) =>
    levels.map((v, i) => trial(`2026-10-${String(1 + 7 * i).padStart(2, '0')}`, v / 10));
  const say = (levels: number[]) => draftNarrative('Ava', goal, summariseGoal(goal, weekly(levels)), period);

  it('flat when first and latest differ but the least-squares line is level', () => {
    // 20, 40, 30, 20, 30 at weeks 0–4: mean 28, Σ(x−2)(y−28) = 16 − 12 + 0 − 8 + 4 = 0 → slope 0.
    const s = summariseGoal(goal, weekly([20, 40, 30, 20, 30]));
    expect(s.trend).toBe('flat');
    expect(s.slopePerWeek).toBeCloseTo(0, 12);
    expect(s.fit).toEqual({ fromDate: '2026-10-01', fromLevel: 28, toDate: '2026-10-29', toLevel: 28 });
    expect(say([20, 40, 30, 20, 30])).toBe(
      'Across 5 sessions from Oct 1 to Oct 29, accuracy stayed about level (first 20%, latest 30%) with verbal prompts; the goal is 80%.',
    );
  });

  it('falling when the line falls, even if the latest equals the first', () => {
    // 30, 40, 30, 20, 30: mean 30, Σ(x−2)(y−30) = 0 − 10 + 0 − 10 + 0 = −20, Σ(x−2)² = 10 → −2 a week.
    const s = summariseGoal(goal, weekly([30, 40, 30, 20, 30]));
    expect(s.trend).toBe('falling');
    expect(s.slopePerWeek).toBeCloseTo(-2, 12);
    // The line runs from 30 + 2×2 = 34 at week 0 to 30 − 2×2 = 26 at week 4.
    expect(s.fit!.fromLevel).toBeCloseTo(34, 12);
    expect(s.fit!.toLevel).toBeCloseTo(26, 12);
    expect(say([30, 40, 30, 20, 30])).toMatch(/accuracy trended downward by about 2 a week \(first 30%, latest 30%\)/);
    expect(say([60, 50, 40])).toMatch(/accuracy fell from 60% to 40%/);
  });

  it('rising matches "rose"; two points make no trend, and the narrative says so', () => {
    const s = summariseGoal(goal, weekly([40, 50, 60, 70]));
    expect(s.fit!.fromLevel).toBeCloseTo(40, 12);
    expect(s.fit!.toLevel).toBeCloseTo(70, 12);
    expect(summariseGoal(goal, weekly([40, 60]))).toMatchObject({ trend: 'not_enough_data', fit: null });
    expect(say([40, 60])).toMatch(/accuracy was 40% and then 60%, too few sessions to show a trend/);
    // Three points on one date: no spread in time, no trend.
    const sameDay = summariseGoal(goal, [trial('2026-10-05', 2), trial('2026-10-05', 5), trial('2026-10-05', 8)]);
    expect(sameDay.trend).toBe('not_enough_data');
  });
});
