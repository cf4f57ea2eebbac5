import { type AttendanceCode, type MissCode, type Setting } from './codes';

export interface Miss {
  attendanceId: number;
  sessionId: number;
  date: string;
  startTime: string;
  code: MissCode;
  minutes: number;
}

export interface Makeup {
  attendanceId: number;
  sessionId: number;
  date: string;
  code: AttendanceCode;
  minutes: number;
  /** The missed attendances this makeup replaces. */
  replaces: number[];
  /** The makeup session's setting (compliance credits the minutes in it); the ledger does not need it. */
  setting?: Setting;
}

export interface LedgerRow extends Miss {
  owesMakeup: boolean;
  coveredMinutes: number;
  outstanding: number;
  coveredBy: { sessionId: number; date: string; minutes: number }[];
}

export interface MakeupLedger {
  rows: LedgerRow[];
  /** Minutes missed for a reason that owes a makeup. */
  owedMissed: number;
  madeUp: number;
  /** Missed minutes whose code owes a makeup − makeup minutes delivered against them. */
  balance: number;
}

/** Oldest first: ISO dates and 24-hour times order as plain strings (no locale collation needed). */
function byDateAndTime(a: Miss, b: Miss): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0;
}

/**
 * Makeup minutes are applied to the misses each makeup names, oldest miss first, never more than a
 * miss lacks. Only a makeup the student attended counts as delivered.
 */
export function makeupLedger(misses: Miss[], makeups: Makeup[], makeupCodes: ReadonlySet<MissCode>): MakeupLedger {
  const sorted = [...misses].sort(byDateAndTime);
  const rows = new Map<number, LedgerRow>();
  for (const m of sorted) {
    rows.set(m.attendanceId, {
      ...m,
      owesMakeup: makeupCodes.has(m.code),
      coveredMinutes: 0,
      outstanding: 0,
      coveredBy: [],
    });
  }
  const byDate = [...makeups].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const mk of byDate) {
    if (mk.code !== 'present') continue;
    let left = mk.minutes;
    const targets = mk.replaces
      .map((id) => rows.get(id))
      .filter((r): r is LedgerRow => r !== undefined)
      .sort(byDateAndTime);
    for (const row of targets) {
      const take = Math.min(left, row.minutes - row.coveredMinutes);
      if (take <= 0) continue;
      row.coveredMinutes += take;
      row.coveredBy.push({ sessionId: mk.sessionId, date: mk.date, minutes: take });
      left -= take;
    }
  }
  let owedMissed = 0;
  let madeUp = 0;
  for (const row of rows.values()) {
    if (!row.owesMakeup) continue;
    row.outstanding = row.minutes - row.coveredMinutes;
    owedMissed += row.minutes;
    madeUp += row.coveredMinutes;
  }
  return { rows: [...rows.values()], owedMissed, madeUp, balance: owedMissed - madeUp };
}
