import type { ChannelName, Output, Parsed } from '../../../shared/api/contract';
import { localToday } from '../../../shared/domain/dates';
import type { Sqlite } from '../../db/db';
import { previewNextYear, startNextYear } from '../../db/queries/next-year';
import type { HandlerContext } from '../handlers';

type Impl<K extends ChannelName> = {
  [P in K]: (input: Parsed<P>, ctx: HandlerContext) => Output<P> | Promise<Output<P>>;
};
type Audit<K extends ChannelName> = {
  [P in K]: {
    action: string;
    note: (
      input: Parsed<P>,
      db: Sqlite,
    ) => { studentId?: number | null; subject?: string | null; detail?: string | null };
  };
};

const today = (ctx: HandlerContext) => (ctx.today ? ctx.today() : localToday());

/** The year's end: next year's set-up. */
export const yearEndHandlers = {
  previewNextYear: (_i, ctx) => previewNextYear(ctx.db, today(ctx)),
  startNextYear: (i, ctx) => startNextYear(ctx.db, i),
} satisfies Impl<'previewNextYear' | 'startNextYear'>;

export const yearEndAudited = {
  startNextYear: {
    action: 'started the next school year',
    note: (i) => ({
      detail: `${[...new Set(i.schools.map((s) => s.label))].join(', ')} at ${i.schools.length} school(s)`,
    }),
  },
} satisfies Partial<Audit<'startNextYear'>>;

/** Channels after which the cached school calendars must be re-read. */
export const yearEndCalendarWrites: ChannelName[] = ['startNextYear'];
