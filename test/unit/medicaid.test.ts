import { describe, expect, it } from 'vitest';
import { billingUnits, consentOn, reevaluationDue } from '../../shared/domain/medicaid';

describe('Medicaid units', () => {
  it('15-minute units with the 8-minute rule: ⌊m/15⌋, plus one when the remainder is 8 or more', () => {
    // Worked by hand: 7 = 0×15 + 7 (7 < 8) → 0;  8 = 0×15 + 8 → 1;  22 = 1×15 + 7 → 1;  23 = 1×15 + 8 → 2;
    // 37 = 2×15 + 7 → 2;  38 = 2×15 + 8 → 3;  45 = 3×15 + 0 → 3;  52 = 3×15 + 7 → 3;  53 = 3×15 + 8 → 4;
    // 60 = 4×15 → 4;  1 → 0;  15 → 1.
    const cases: [number, number][] = [
      [1, 0],
      [7, 0],
      [8, 1],
      [15, 1],
      [22, 1],
      [23, 2],
      [37, 2],
      [38, 3],
      [45, 3],
      [52, 3],
      [53, 4],
      [60, 4],
    ];
    for (const [m, units] of cases) expect(billingUnits(m, 'fifteen_minute'), `${m} min`).toBe(units);
  });
  it('one unit per session, whatever its length; or the minutes themselves', () => {
    expect([7, 8, 30, 90].map((m) => billingUnits(m, 'per_session'))).toEqual([1, 1, 1, 1]);
    expect([7, 8, 30, 90].map((m) => billingUnits(m, 'minutes'))).toEqual([7, 8, 30, 90]);
  });
  it('refuses minutes that are not whole and non-negative', () => {
    expect(() => billingUnits(7.5, 'fifteen_minute')).toThrow(RangeError);
    expect(() => billingUnits(-1, 'minutes')).toThrow(RangeError);
  });
});

describe('consent to bill', () => {
  it('bills only inside the dates of the consent, and says why not', () => {
    const c = { from: '2026-10-15', to: '2026-12-18' };
    expect(consentOn(c, '2026-10-14')).toEqual({
      billable: false,
      reason: "before the parent's consent to bill (signed 2026-10-15)",
    });
    expect(consentOn(c, '2026-10-15')).toEqual({ billable: true, onFile: true });
    expect(consentOn(c, '2026-12-18')).toEqual({ billable: true, onFile: true });
    expect(consentOn(c, '2026-12-19')).toEqual({
      billable: false,
      reason: "after the parent's consent to bill ended (2026-12-18)",
    });
  });
  it('a consent renewal date on the IEP ends it; nothing recorded bills, marked as not on file', () => {
    expect(consentOn({ from: '2025-01-01', to: null, renewBy: '2026-09-30' }, '2026-10-01')).toMatchObject({
      billable: false,
    });
    expect(consentOn({ from: null, to: null }, '2026-10-01')).toEqual({ billable: true, onFile: false });
  });
});

describe('re-evaluation due', () => {
  it('is three years after the last evaluation', () => {
    expect(reevaluationDue('2026-10-26')).toBe('2029-10-26');
    expect(reevaluationDue('2024-02-29')).toBe('2027-02-28');
  });
});
