// The schedule's channels, spread into the one handler table (electron/ipc/handlers.ts).
import type { Output, Parsed } from '../../../shared/api/contract';
import { localToday } from '../../../shared/domain/dates';
import * as slots from '../../db/queries/schedule-slots';
import * as schedule from '../../db/queries/schedule';
import type { HandlerContext } from '../handlers';

export const SCHEDULE_CHANNELS = [
  'getScheduleSetup',
  'setSchoolSchedule',
  'setTravel',
  'listSlots',
  'createSlot',
  'changeSlot',
  'endSlot',
  'deleteSlot',
  'addSlotStudent',
  'removeSlotStudent',
  'getAgenda',
  'getWeek',
  'logOccurrenceAsPlanned',
  'logOccurrence',
  'cancelOccurrence',
  'undoOccurrence',
  'getSessionOccurrence',
  'getCoverage',
] as const;
type ScheduleChannel = (typeof SCHEDULE_CHANNELS)[number];

const today = (ctx: HandlerContext) => (ctx.today ? ctx.today() : localToday());

export const scheduleHandlers = {
  getScheduleSetup: (_i, { db }) => slots.getScheduleSetup(db),
  setSchoolSchedule: (i, { db }) => slots.setSchoolSchedule(db, i),
  setTravel: (i, { db }) => slots.setTravel(db, i),
  listSlots: (i, { db }) => slots.listSlots(db, i),
  createSlot: (i, { db }) => slots.createSlot(db, i),
  changeSlot: (i, { db }) => slots.changeSlot(db, i),
  endSlot: (i, { db }) => slots.endSlot(db, i),
  deleteSlot: (i, { db }) => slots.deleteSlot(db, i.id),
  addSlotStudent: (i, { db }) => slots.addSlotStudent(db, i),
  removeSlotStudent: (i, { db }) => slots.removeSlotStudent(db, i),
  getAgenda: (i, ctx) => schedule.agenda(ctx.db, i.date, today(ctx)),
  getWeek: (i, ctx) => schedule.weekView(ctx.db, i.date, today(ctx), i.schoolId),
  logOccurrenceAsPlanned: (i, { db }) => schedule.logAsPlanned(db, i),
  logOccurrence: (i, { db }) => schedule.logOccurrence(db, i),
  cancelOccurrence: (i, { db }) => schedule.cancelOccurrence(db, i),
  undoOccurrence: (i, { db }) => schedule.undoOccurrence(db, i),
  getSessionOccurrence: (i, { db }) => schedule.sessionOccurrence(db, i.id),
  getCoverage: (i, { db }) => schedule.caseloadCoverage(db, i.date, i.studentId),
} satisfies { [K in ScheduleChannel]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> };
