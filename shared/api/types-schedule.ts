import type { Setting } from '../domain/codes';
import type { CoverageRow, Recurrence } from '../domain/schedule';
import type { OpenMiss, Session } from './types';
import type { BlockView } from './types-workload';

export interface SchoolSchedule {
  schoolId: number;
  school: string;
  colour: string;
  dayStart: string;
  dayEnd: string;
  rotation: { names: string[]; day1: string } | null;
}

export interface TravelRow {
  schoolA: number;
  schoolB: number;
  minutes: number;
  miles: number | null;
}

export interface ScheduleSetup {
  schools: SchoolSchedule[];
  travel: TravelRow[];
}

export interface SlotStudent {
  studentId: number;
  name: string;
  startDate: string;
  endDate: string | null;
}

export interface Slot {
  id: number;
  schoolId: number;
  school: string;
  label: string | null;
  startTime: string;
  endTime: string;
  minutes: number;
  setting: Setting;
  grouping: 'individual' | 'group';
  startDate: string;
  endDate: string | null;
  recurrence: Recurrence;
  /** Who is in the slot on any date (with dates). */
  students: SlotStudent[];
  makeupFor: number | null;
  replacesSlotId: number | null;
  loggedCount: number;
}

export interface OccurrenceStudent {
  studentId: number;
  /** First name and last initial. */
  name: string;
  openMakeups: number;
}

export type OccurrenceStatus = 'planned' | 'logged' | 'cancelled' | 'not_logged';

export interface OccurrenceView {
  slotId: number;
  date: string;
  schoolId: number;
  school: string;
  colour: string;
  label: string | null;
  startTime: string;
  endTime: string;
  minutes: number;
  setting: Setting;
  grouping: 'individual' | 'group';
  rotationDay: string | null;
  makeupFor: number | null;
  students: OccurrenceStudent[];
  status: OccurrenceStatus;
  sessionId: number | null;
  /** Conflicts this occurrence is part of, said plainly. */
  conflicts: string[];
}

export interface AgendaGap {
  after: number;
  minutes: number;
  travel: number;
  fromSchool: string;
  toSchool: string;
}

export interface Agenda {
  date: string;
  schoolDay: boolean;
  occurrences: OccurrenceView[];
  gaps: AgendaGap[];
  /** Occurrences of earlier days (up to 4 weeks back) neither logged nor cancelled. */
  notLogged: OccurrenceView[];
  /** The day's non-student blocks (evaluations, meetings, documentation, lunch), in time order. */
  blocks: BlockView[];
}

export interface WeekView {
  from: string;
  to: string;
  days: { date: string; occurrences: OccurrenceView[]; blocks: BlockView[] }[];
  conflicts: { date: string; kind: 'overlap' | 'travel'; message: string }[];
  schools: SchoolSchedule[];
}

export interface OccurrenceResult {
  session: Session;
  agenda: Agenda;
}

export interface StudentCoverage {
  studentId: number;
  name: string;
  school: string;
  rows: CoverageRow[];
}

export interface MakeupOffer {
  miss: OpenMiss & { studentId: number; name: string; schoolId: number; school: string };
  offers: { date: string; startTime: string; minutes: number }[];
}
