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
  kind: { type: 'service'; setting: Setting } | { type: 'block'; block: BlockKind };
}

export interface Leg {
  date: string;
  from: number;
  to: number;
  minutes: number;
  miles: number;
}

export interface Workload {
  direct: Record<Exclude<Setting, 'consult'>, number>;
  consult: number;
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
export function travelLegs(
  items: WorkItem[],
  travel: (a: number, b: number) => { minutes: number; miles: number },
): Leg[] {
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

export function workload(
  items: WorkItem[],
  travel: (a: number, b: number) => { minutes: number; miles: number },
  contracted: number | null,
): Workload {
  const out: Workload = {
    direct: { push_in: 0, pull_out: 0 },
    consult: 0,
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
    else if (i.kind.setting === 'consult') out.consult += i.minutes;
    else out.direct[i.kind.setting] += i.minutes;
  }
  for (const l of out.legs) {
    out.travel += l.minutes;
    out.miles += l.miles;
  }
  out.miles = Math.round(out.miles * 10) / 10;
  const blocks = Object.values(out.blocks).reduce((n, m) => n + m, 0);
  out.total = out.direct.push_in + out.direct.pull_out + out.consult + blocks + out.travel;
  out.difference = contracted == null ? null : out.total - contracted;
  return out;
}
