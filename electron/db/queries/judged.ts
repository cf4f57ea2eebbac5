import {
  type MakeupCredit,
  type PlannedMinutes,
  type PresentDays,
  type PresentMinutes,
  pushPresent,
} from '../../../shared/domain/compliance';
import { toDay } from '../../../shared/domain/dates';
import type { MissCode, Setting } from '../../../shared/domain/codes';
import { type LedgerRow, type Makeup, type Miss, makeupLedger } from '../../../shared/domain/makeups';
import type { Sqlite } from '../db';

/** What compliance per interval needs beyond the owed lines, for one student. */
export interface JudgementInputs {
  /** Present minutes in the engine's form (see `PresentDays`). */
  present: PresentDays;
  makeups: MakeupCredit[];
  planned: PlannedMinutes[];
  detail?: 'all' | 'none';
}

export const NO_INPUTS: JudgementInputs = { present: [], makeups: [], planned: [] };

/** Present minutes per student, date and setting over [from, to] (makeups included). */
export function presentByDate(db: Sqlite, studentId: number | null, from: string, to: string) {
  const who = studentId == null ? '' : 'AND a.student_id = ?';
  const rows = db
    .prepare(
      `SELECT a.student_id AS studentId, a.date, s.setting, sum(a.minutes) AS minutes
       FROM attendance a JOIN sessions s ON s.id = a.session_id
       WHERE a.date BETWEEN ? AND ? AND a.code = 'present' ${who}
       GROUP BY a.student_id, a.date, s.setting`,
    )
    .all(...(studentId == null ? [from, to] : [from, to, studentId])) as (PresentMinutes & { studentId: number })[];
  const out = new Map<number, number[]>();
  for (const r of rows) {
    let list = out.get(r.studentId);
    if (!list) out.set(r.studentId, (list = []));
    pushPresent(list, toDay(r.date), r.setting, r.minutes);
  }
  return out;
}

/**
 * The ledger of a student's misses and the makeups linked to them, with the makeup minutes each miss
 * received (dated and in the makeup's setting), as compliance credits them to the miss's interval.
 */
export function ledgerAndCredits(
  inputs: { misses: Miss[]; makeups: Makeup[] } | undefined,
  codes: ReadonlySet<MissCode>,
): { rows: LedgerRow[]; credits: MakeupCredit[] } {
  if (!inputs) return { rows: [], credits: [] };
  const ledger = makeupLedger(inputs.misses, inputs.makeups, codes);
  const settingOf = new Map<number, Setting>();
  for (const m of inputs.makeups) if (m.setting) settingOf.set(m.sessionId, m.setting);
  const credits: MakeupCredit[] = [];
  for (const row of ledger.rows) {
    for (const c of row.coveredBy) {
      const setting = settingOf.get(c.sessionId);
      if (setting) credits.push({ missDate: row.date, date: c.date, setting, minutes: c.minutes });
    }
  }
  return { rows: ledger.rows, credits };
}

/**
 * Makeup minutes still owed for the misses dated in [from, to], and the credits compliance moves to
 * their intervals. A student with no makeup linked to these misses owes every minute of each miss
 * whose code owes a makeup (the ledger's rule with nothing covered), and moves nothing.
 */
export function makeupBalanceAndCredits(
  inputs: { misses: Miss[]; makeups: Makeup[] } | undefined,
  codes: ReadonlySet<MissCode>,
  from: string,
  to: string,
): { balance: number; credits: MakeupCredit[] } {
  if (inputs && inputs.makeups.length > 0) {
    const { rows, credits } = ledgerAndCredits(inputs, codes);
    return { balance: balanceBetween(rows, from, to), credits };
  }
  let balance = 0;
  for (const m of inputs?.misses ?? []) if (codes.has(m.code) && m.date >= from && m.date <= to) balance += m.minutes;
  return { balance, credits: [] };
}

/** Makeup minutes still owed for the misses dated in [from, to]. */
export function balanceBetween(rows: LedgerRow[], from: string, to: string): number {
  let n = 0;
  for (const r of rows) if (r.date >= from && r.date <= to) n += r.outstanding;
  return n;
}
