import { type AttendanceCode, type Grouping, type MissCode, type Setting, ATTENDANCE_CODES, GROUPINGS } from './codes';
import { type BySetting, emptyBySetting } from './minutes-owed';

/**
 * One student's attendance in sessions, one row per attendance or already summed per
 * (setting, grouping, code): the engine treats both alike, so SQL can pre-aggregate.
 */
export interface AttendanceRow {
  setting: Setting;
  grouping: Grouping;
  code: AttendanceCode;
  /** Minutes credited when present, minutes scheduled for the student otherwise. */
  minutes: number;
}

export interface AttendanceSummary {
  delivered: number;
  deliveredBySetting: BySetting;
  deliveredByGrouping: Record<Grouping, number>;
  missed: number;
  missedByCode: Record<MissCode, number>;
  /** Minutes away from the general-education classroom: delivered pull-out minutes. */
  outOfClass: number;
}

/** Minutes one attendance delivered: a present student's (credited) minutes; a miss delivered none. */
export function deliveredMinutes(row: { code: AttendanceCode; minutes: number }): number {
  return row.code === 'present' ? row.minutes : 0;
}

/** Zero per grouping and per miss code, in the vocabularies' order (copied for each summary). */
const NO_GROUPING_MINUTES = Object.fromEntries(GROUPINGS.map((g) => [g, 0])) as Record<Grouping, number>;
const NO_MISSED_MINUTES = Object.fromEntries(
  ATTENDANCE_CODES.filter((c) => c !== 'present').map((c) => [c, 0]),
) as Record<MissCode, number>;

export function summariseAttendance(rows: Iterable<AttendanceRow>): AttendanceSummary {
  const deliveredBySetting = emptyBySetting();
  const deliveredByGrouping = { ...NO_GROUPING_MINUTES };
  const missedByCode = { ...NO_MISSED_MINUTES };
  let delivered = 0;
  let missed = 0;
  for (const row of rows) {
    if (row.code === 'present') {
      delivered += deliveredMinutes(row);
      deliveredBySetting[row.setting] += row.minutes;
      deliveredByGrouping[row.grouping] += row.minutes;
    } else {
      missed += row.minutes;
      missedByCode[row.code] += row.minutes;
    }
  }
  return {
    delivered,
    deliveredBySetting,
    deliveredByGrouping,
    missed,
    missedByCode,
    outOfClass: deliveredBySetting.pull_out,
  };
}

/** delivered ÷ owed-to-date; null when nothing was owed yet. */
export function complianceRatio(delivered: number, owedToDate: number): number | null {
  if (owedToDate <= 0) return null;
  return delivered / owedToDate;
}

export function isBehind(ratio: number | null, threshold: number): boolean {
  return ratio != null && ratio < threshold;
}

export interface SessionTime {
  setting: Setting;
  minutes: number;
  /** At least one student present: only such sessions count in the therapist's delivery mix. */
  anyPresent: boolean;
}

export interface DeliveryMix {
  total: number;
  minutes: BySetting;
  share: BySetting;
}

/** The caseload's delivery mix in therapist time: each session once, for its length. */
export function deliveryMix(sessions: Iterable<SessionTime>): DeliveryMix {
  const minutes = emptyBySetting();
  let total = 0;
  for (const s of sessions) {
    if (!s.anyPresent) continue;
    minutes[s.setting] += s.minutes;
    total += s.minutes;
  }
  const share = emptyBySetting();
  if (total > 0) for (const k of Object.keys(share) as Setting[]) share[k] = minutes[k] / total;
  return { total, minutes, share };
}

/** Watt & Richards (2016), 45 school OT practitioners: share of service time by setting. */
export const PUBLISHED_MIX = { pullOut: 0.39, inEducationSetting: 0.5 } as const;
