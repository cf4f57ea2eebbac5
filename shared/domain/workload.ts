// The therapist's week as work (docs/domain.md, "Other records": workload): direct minutes by setting,
// consult minutes, travel between schools, the non-student blocks, against the contracted minutes;
// and the mileage of each day from the distances between schools. Pure.
import type { Setting } from './codes';
import { timeToMinutes } from './dates';

export const BLOCK_KINDS = ['evaluation', 'iep_meeting', 'documentation', 'lunch', 'other'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export const BLOCK_LABELS: Record<BlockKind, string> = {
  evaluation: 'Evaluation',
  iep_meeting: 'IEP meeting',
  documentation: 'Documentation',
  lunch: 'Lunch',
  other: 'Other',
};

export interface WorkItem {
  date: string;
  startTime: string;
  minutes: number;
  /** Where it happens; null for a block with no school (travel is not counted around it). */
  schoolId: number | null;
  /** A service (a session or a planned occurrence), an evaluation (non-direct time), or a block. */
  kind: { type: 'service'; setting: Setting } | { type: 'evaluation' } | { type: 'block'; block: BlockKind };
}

/** The minutes and distance set for a pair of schools (miles null: no distance set). */
export type TravelPair = (a: number, b: number) => { minutes: number; miles: number | null };

export interface Leg {
  date: string;
  from: number;
  to: number;
  minutes: number;
  /** null: no distance is set for the pair (the leg is listed; its miles are unknown). */
  miles: number | null;
}

export interface Workload {
  direct: Record<Exclude<Setting, 'consult'>, number>;
  consult: number;
  /** Evaluations logged (CPT 97165–97168): not IEP minutes, non-direct time. */
  evaluations: number;
  blocks: Record<BlockKind, number>;
  travel: number;
  miles: number;
  total: number;
  contracted: number | null;
  /** total − contracted (null with no contract set). */
  difference: number | null;
  legs: Leg[];
}

/**
 * The legs of each day: between two consecutive items (in time order) at different schools, the
 * travel minutes and miles set for that pair of schools.
 */
export function travelLegs(items: WorkItem[], travel: TravelPair): Leg[] {
  const sorted = [...items]
    .filter((i) => i.schoolId != null)
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : timeToMinutes(a.startTime) - timeToMinutes(b.startTime),
    );
  const legs: Leg[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.date !== b.date || a.schoolId === b.schoolId) continue;
    const t = travel(a.schoolId!, b.schoolId!);
    legs.push({ date: b.date, from: a.schoolId!, to: b.schoolId!, minutes: t.minutes, miles: t.miles });
  }
  return legs;
}

export function workload(items: WorkItem[], travel: TravelPair, contracted: number | null): Workload {
  const out: Workload = {
    direct: { push_in: 0, pull_out: 0 },
    consult: 0,
    evaluations: 0,
    blocks: { evaluation: 0, iep_meeting: 0, documentation: 0, lunch: 0, other: 0 },
    travel: 0,
    miles: 0,
    total: 0,
    contracted,
    difference: null,
    legs: travelLegs(items, travel),
  };
  for (const i of items) {
    if (i.kind.type === 'block') out.blocks[i.kind.block] += i.minutes;
    else if (i.kind.type === 'evaluation') out.evaluations += i.minutes;
    else if (i.kind.setting === 'consult') out.consult += i.minutes;
    else out.direct[i.kind.setting] += i.minutes;
  }
  for (const l of out.legs) {
    out.travel += l.minutes;
    out.miles += l.miles ?? 0;
  }
  out.miles = roundMiles(out.miles);
  const blocks = Object.values(out.blocks).reduce((n, m) => n + m, 0);
  out.total = out.direct.push_in + out.direct.pull_out + out.consult + out.evaluations + blocks + out.travel;
  out.difference = contracted == null ? null : out.total - contracted;
  return out;
}

/** Distances are kept to a tenth of a mile (6.5 + 4.2 is 10.7, not 10.700000000000001). */
export function roundMiles(miles: number): number {
  return Math.round(miles * 10) / 10;
}

export interface MileageDay {
  date: string;
  legs: Leg[];
  /** The day's total of the legs whose distance is set, to a tenth of a mile. */
  miles: number;
  /** Legs of the day with no distance set (not in the total). */
  unknown: number;
}

/** The mileage log: the legs grouped by day, in date order, with each day's total. */
export function mileageByDay(legs: Leg[]): MileageDay[] {
  const days = new Map<string, MileageDay>();
  for (const l of [...legs].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))) {
    let d = days.get(l.date);
    if (!d) days.set(l.date, (d = { date: l.date, legs: [], miles: 0, unknown: 0 }));
    d.legs.push(l);
    if (l.miles == null) d.unknown++;
  }
  for (const d of days.values()) d.miles = roundMiles(d.legs.reduce((n, l) => n + (l.miles ?? 0), 0));
  return [...days.values()];
}
