// The schedule's channels, spread into the one handler table (electron/ipc/handlers.ts).
import type { Output, Parsed } from '../../../shared/api/contract';
import { localToday } from '../../../shared/domain/dates';
import * as slots from '../../db/queries/schedule-slots';
import * as schedule from '../../db/queries/schedule';
import * as makeups from '../../db/queries/schedule-makeups';
import { shellOf } from '../shell-of';
import type { HandlerContext } from '../handlers';
import { getSettings } from '../../db/queries/settings';
import { safeName, writeFileAtomic } from '../../reports/files';
import { weekHtml } from '../../reports/week';

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
  'exportWeekPdf',
  'offerMakeups',
  'bookMakeup',
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
  logOccurrenceAsPlanned: (i, ctx) => schedule.logAsPlanned(ctx.db, i, today(ctx)),
  logOccurrence: (i, ctx) => schedule.logOccurrence(ctx.db, i, today(ctx)),
  cancelOccurrence: (i, ctx) => schedule.cancelOccurrence(ctx.db, i, today(ctx)),
  undoOccurrence: (i, { db }) => schedule.undoOccurrence(db, i),
  getSessionOccurrence: (i, { db }) => schedule.sessionOccurrence(db, i.id),
  getCoverage: (i, { db }) => schedule.caseloadCoverage(db, i.date, i.studentId),
  offerMakeups: (i, { db }) => makeups.offerMakeups(db, i),
  bookMakeup: (i, { db }) => makeups.bookMakeup(db, i),
  exportWeekPdf: async (i, ctx) => {
    const shell = shellOf(ctx);
    const week = schedule.weekView(ctx.db, i.date, today(ctx), i.schoolId);
    const school = i.schoolId ? (week.schools[0]?.school ?? null) : null;
    const st = getSettings(ctx.db);
    const therapist = st.providerName ? [st.providerName, st.credentials].filter(Boolean).join(', ') : '';
    const file = await shell.chooseSavePath(
      safeName(`${school ? `${school} - OT schedule` : 'My week'} ${week.from}.pdf`),
      'pdf',
    );
    if (!file) return { file: null };
    writeFileAtomic(file, await shell.htmlToPdf(weekHtml(week, { therapist, school })));
    return { file, rows: week.days.reduce((n, d) => n + d.occurrences.length, 0) };
  },
} satisfies { [K in ScheduleChannel]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> | Promise<Output<K>> };
