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
