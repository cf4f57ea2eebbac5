import { describe, expect, it } from 'vitest';
import { distinctConflicts, inkOn } from '../../renderer/src/features/schedule/card-text';

describe('the text colour on a school colour', () => {
  it('is white on a dark purple and black on a light teal, by WCAG contrast', () => {
    // #8a4fb5: linear r 0.2541, g 0.0782, b 0.4620 → L = 0.2126·0.2541 + 0.7152·0.0782 + 0.0722·0.4620
    // = 0.1433; against white 1.05 / 0.1933 = 5.43, against black 0.1933 / 0.05 = 3.87 → white.
    expect(inkOn('#8a4fb5')).toBe('#ffffff');
    // #2f9fb5: linear r 0.0284, g 0.3467, b 0.4620 → L = 0.2874; white 1.05 / 0.3374 = 3.11 (below 4.5),
    // black 0.3374 / 0.05 = 6.75 → black.
    expect(inkOn('#2f9fb5')).toBe('#000000');
    expect(inkOn('#ffffff')).toBe('#000000');
    expect(inkOn('#000000')).toBe('#ffffff');
  });

  it('falls back to white for a colour it cannot read', () => {
    expect(inkOn('teal')).toBe('#ffffff');
    expect(inkOn('#abc')).toBe('#ffffff');
  });
});

describe('conflicts said once each', () => {
  it('counts repeats and keeps the first-seen order', () => {
    expect(distinctConflicts(['a', 'b', 'a', 'a'])).toEqual([
      { text: 'a', count: 3 },
      { text: 'b', count: 1 },
    ]);
    expect(distinctConflicts([])).toEqual([]);
  });
});
