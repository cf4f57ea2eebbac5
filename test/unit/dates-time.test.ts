import { describe, expect, it } from 'vitest';
import { timeToMinutes } from '../../shared/domain/dates';

describe('timeToMinutes', () => {
  it('reads HH:MM and the looser forms the same way', () => {
    expect(timeToMinutes('00:00')).toBe(0);
    expect(timeToMinutes('08:05')).toBe(485); // 8 × 60 + 5
    expect(timeToMinutes('23:59')).toBe(1439); // 23 × 60 + 59
    expect(timeToMinutes('8:05')).toBe(485); // not the stored form: the general reading
    expect(timeToMinutes('14:30:00')).toBe(870);
  });
});
