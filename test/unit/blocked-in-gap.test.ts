import { describe, expect, it } from 'vitest';
import { blockedInGap } from '../../shared/domain/schedule';

const block = (startTime: string, endTime: string, label: string) => ({ startTime, endTime, label });

describe('blockedInGap: the therapist’s own blocks between two occurrences are not free time', () => {
  it('counts a lunch inside the gap, and only the part of a block inside it', () => {
    // Gap 11:30–12:30 (60 min). Lunch 12:00–12:30 takes 30; a meeting 11:00–11:45 takes 15 of it.
    expect(blockedInGap('11:30', '12:30', [block('12:00', '12:30', 'Lunch')])).toEqual({
      minutes: 30,
      labels: ['Lunch'],
    });
    expect(
      blockedInGap('11:30', '12:30', [block('12:00', '12:30', 'Lunch'), block('11:00', '11:45', 'IEP meeting')]),
    ).toEqual({ minutes: 45, labels: ['IEP meeting', 'Lunch'] });
  });
  it('counts overlapping blocks once, and ignores blocks outside the gap', () => {
    // 10:00–10:40 and 10:20–11:00 cover 10:00–11:00: 60 min, not 80. 13:00–14:00 is after the gap.
    expect(
      blockedInGap('10:00', '11:00', [
        block('10:00', '10:40', 'Documentation'),
        block('10:20', '11:00', 'Documentation'),
        block('13:00', '14:00', 'Lunch'),
      ]),
    ).toEqual({ minutes: 60, labels: ['Documentation'] });
    expect(blockedInGap('10:00', '10:00', [block('09:00', '11:00', 'Other')])).toEqual({ minutes: 0, labels: [] });
  });
});
