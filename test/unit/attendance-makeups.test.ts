import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES, type AttendanceCode, DEFAULT_MAKEUP_CODES, type MissCode } from '../../shared/domain/codes';
import { makeupLedger } from '../../shared/domain/makeups';
import { complianceRatio, deliveryMix, isBehind, summariseAttendance } from '../../shared/domain/minutes-delivered';

const codes = new Set<MissCode>(DEFAULT_MAKEUP_CODES);

describe('delivered and missed minutes', () => {
  it('credits a group session in full to each present student, and early leave in part', () => {
    // One 30-min group pull-out: Ava present, Liam left after 20 minutes.
    const ava = summariseAttendance([{ setting: 'pull_out', grouping: 'group', code: 'present', minutes: 30 }]);
    const liam = summariseAttendance([{ setting: 'pull_out', grouping: 'group', code: 'present', minutes: 20 }]);
    expect(ava.delivered).toBe(30);
    expect(ava.deliveredByGrouping.group).toBe(30);
    expect(ava.outOfClass).toBe(30);
    expect(liam.delivered).toBe(20);
  });

  it('splits delivered by setting and missed by each code', () => {
    const s = summariseAttendance([
      { setting: 'push_in', grouping: 'individual', code: 'present', minutes: 30 },
      { setting: 'pull_out', grouping: 'individual', code: 'present', minutes: 25 },
      { setting: 'consult', grouping: 'individual', code: 'present', minutes: 15 },
      { setting: 'pull_out', grouping: 'individual', code: 'student_absent', minutes: 30 },
      { setting: 'pull_out', grouping: 'group', code: 'student_unavailable', minutes: 30 },
      { setting: 'pull_out', grouping: 'group', code: 'student_refused', minutes: 20 },
      { setting: 'push_in', grouping: 'individual', code: 'provider_absent', minutes: 30 },
      { setting: 'push_in', grouping: 'individual', code: 'school_closed', minutes: 30 },
    ]);
    expect(s.deliveredBySetting).toEqual({ push_in: 30, pull_out: 25, consult: 15 });
    expect(s.delivered).toBe(70);
    expect(s.outOfClass).toBe(25);
    expect(s.missedByCode).toEqual({
      student_absent: 30,
      student_unavailable: 30,
      student_refused: 20,
      provider_absent: 30,
      school_closed: 30,
    });
    expect(s.missed).toBe(140);
  });

  it('compliance is delivered ÷ owed to date, behind under the threshold', () => {
    expect(complianceRatio(54, 60)).toBeCloseTo(0.9);
    expect(isBehind(complianceRatio(53, 60), 0.9)).toBe(true);
    expect(isBehind(complianceRatio(54, 60), 0.9)).toBe(false);
    expect(complianceRatio(10, 0)).toBeNull();
    expect(isBehind(null, 0.9)).toBe(false);
  });

  it('the delivery mix counts each session once, only when someone was present', () => {
    const mix = deliveryMix([
      { setting: 'push_in', minutes: 30, anyPresent: true },
      { setting: 'pull_out', minutes: 30, anyPresent: true },
      { setting: 'pull_out', minutes: 30, anyPresent: false },
      { setting: 'consult', minutes: 60, anyPresent: true },
    ]);
    expect(mix.total).toBe(120);
    expect(mix.share).toEqual({ push_in: 0.25, pull_out: 0.25, consult: 0.5 });
  });

  it('delivered never exceeds the sum of session minutes (property)', () => {
    const row = fc.record({
      setting: fc.constantFrom('push_in' as const, 'pull_out' as const, 'consult' as const),
      grouping: fc.constantFrom('individual' as const, 'group' as const, 'whole_class' as const),
      code: fc.constantFrom(...ATTENDANCE_CODES),
      sessionMinutes: fc.integer({ min: 1, max: 600 }),
      leftEarly: fc.integer({ min: 0, max: 600 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const s = summariseAttendance(
          rows.map((r) => ({ ...r, minutes: Math.max(1, r.sessionMinutes - r.leftEarly) })),
        );
        const sessionTotal = rows.reduce((n, r) => n + r.sessionMinutes, 0);
        expect(s.delivered).toBeLessThanOrEqual(sessionTotal);
        expect(s.delivered + s.missed).toBeLessThanOrEqual(sessionTotal);
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});

describe('makeup ledger', () => {
  const miss = (id: number, date: string, code: MissCode, minutes = 30) => ({
    attendanceId: id,
    sessionId: id,
    date,
    startTime: '09:00',
    code,
    minutes,
  });

  it('owes only for the codes the setting names, and applies makeups oldest first', () => {
    const ledger = makeupLedger(
      [
        miss(1, '2026-10-05', 'provider_absent'),
        miss(2, '2026-10-06', 'student_unavailable'),
        miss(3, '2026-10-07', 'student_absent'),
      ],
      [{ attendanceId: 10, sessionId: 10, date: '2026-10-09', code: 'present', minutes: 45, replaces: [2, 1] }],
      codes,
    );
    // Owed: 30 + 30 (absent owes nothing). The 45-min makeup covers Oct 5 fully, 15 of Oct 6.
    expect(ledger.owedMissed).toBe(60);
    expect(ledger.madeUp).toBe(45);
    expect(ledger.balance).toBe(15);
    const byId = new Map(ledger.rows.map((r) => [r.attendanceId, r]));
    expect(byId.get(1)?.outstanding).toBe(0);
    expect(byId.get(2)?.outstanding).toBe(15);
    expect(byId.get(3)?.owesMakeup).toBe(false);
  });

  it('a makeup the student missed makes nothing up, and a makeup never over-covers', () => {
    const ledger = makeupLedger(
      [miss(1, '2026-10-05', 'provider_absent', 30)],
      [
        { attendanceId: 10, sessionId: 10, date: '2026-10-08', code: 'student_absent', minutes: 30, replaces: [1] },
        { attendanceId: 11, sessionId: 11, date: '2026-10-09', code: 'present', minutes: 60, replaces: [1] },
      ],
      codes,
    );
    expect(ledger.balance).toBe(0);
    expect(ledger.madeUp).toBe(30);
    expect(ledger.rows[0]?.coveredBy).toEqual([{ sessionId: 11, date: '2026-10-09', minutes: 30 }]);
  });

  it('follows the setting: with student_absent owing, that miss is owed too', () => {
    const ledger = makeupLedger([miss(1, '2026-10-05', 'student_absent')], [], new Set<MissCode>(['student_absent']));
    expect(ledger.balance).toBe(30);
  });

  it('balance is never negative and never more than the owed misses (property)', () => {
    const code = fc.constantFrom(...(ATTENDANCE_CODES.filter((c) => c !== 'present') as MissCode[]));
    fc.assert(
      fc.property(
        fc.array(fc.record({ code, minutes: fc.integer({ min: 1, max: 120 }) }), { minLength: 1, maxLength: 10 }),
        fc.array(
          fc.record({
            minutes: fc.integer({ min: 1, max: 120 }),
            targets: fc.array(fc.nat(9), { maxLength: 3 }),
            present: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
        (ms, mks) => {
          const misses = ms.map((m, i) => miss(i + 1, `2026-10-${String(i + 1).padStart(2, '0')}`, m.code, m.minutes));
          const makeups = mks.map((m, i) => ({
            attendanceId: 100 + i,
            sessionId: 100 + i,
            date: '2026-10-20',
            code: (m.present ? 'present' : 'student_absent') as AttendanceCode,
            minutes: m.minutes,
            replaces: m.targets.map((t) => t + 1),
          }));
          const l = makeupLedger(misses, makeups, codes);
          expect(l.balance).toBeGreaterThanOrEqual(0);
          expect(l.balance).toBeLessThanOrEqual(l.owedMissed);
          const offered = makeups.filter((m) => m.code === 'present').reduce((n, m) => n + m.minutes, 0);
          expect(l.madeUp).toBeLessThanOrEqual(offered);
        },
      ),
      { seed: 77, numRuns: 300 },
    );
  });
});
