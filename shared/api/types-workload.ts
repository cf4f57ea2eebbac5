// Outputs of the workload channels.
import type { BlockRecurrence } from '../domain/work-blocks';
import type { BlockKind, Workload } from '../domain/workload';

/** A non-student block as the therapist set it up. */
export interface WorkBlock {
  id: number;
  kind: BlockKind;
  schoolId: number | null;
  school: string | null;
  startTime: string;
  endTime: string;
  minutes: number;
  startDate: string;
  endDate: string | null;
  recurrence: BlockRecurrence;
  note: string | null;
}

/** A block on one day, in the week grid and the agenda. */
export interface BlockView {
  blockId: number;
  date: string;
  kind: BlockKind;
  /** The kind said plainly ("IEP meeting"). */
  label: string;
  schoolId: number | null;
  school: string | null;
  startTime: string;
  endTime: string;
  minutes: number;
  note: string | null;
  recurring: boolean;
  /** Conflicts this block is part of, said plainly. */
  conflicts: string[];
}

/**
 * Where a day's service minutes come from: the log for days before today, the log so far and the
 * schedule for the rest of today, the schedule for days to come.
 */
export type WorkloadSource = 'log' | 'log_and_schedule' | 'schedule';

export interface WorkloadDay {
  date: string;
  source: WorkloadSource;
  direct: Workload['direct'];
  consult: number;
  evaluations: number;
  /** Minutes of non-student blocks. */
  blocks: number;
  travel: number;
  total: number;
}

export interface MileageLegView {
  date: string;
  fromSchoolId: number;
  toSchoolId: number;
  from: string;
  to: string;
  minutes: number;
  /** null: no distance is set for this pair in the travel table. */
  miles: number | null;
  source: WorkloadSource;
}

export interface WorkloadWeek extends Omit<Workload, 'legs'> {
  from: string;
  to: string;
  today: string;
  days: WorkloadDay[];
  /** Planned occurrences of past days of the week, neither logged nor cancelled (not counted). */
  notLogged: number;
  legs: MileageLegView[];
  blockList: BlockView[];
}

export interface MileageDayView {
  date: string;
  legs: MileageLegView[];
  miles: number;
  /** Legs with no distance set (not in the total). */
  unknown: number;
}

export interface MileageLog {
  from: string;
  to: string;
  days: MileageDayView[];
  miles: number;
  /** Pairs of schools travelled between whose distance is not set ("Lincoln ↔ Oak"). */
  missing: string[];
}
