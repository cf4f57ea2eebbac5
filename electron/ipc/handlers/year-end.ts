import type { ChannelName, Output, Parsed } from '../../../shared/api/contract';
import { localToday } from '../../../shared/domain/dates';
import type { Sqlite } from '../../db/db';
import { previewNextYear, startNextYear } from '../../db/queries/next-year';
import { getSettings } from '../../db/queries/settings';
import { yearSummary } from '../../db/queries/year-summary';
import { safeName, writeFileAtomic } from '../../reports/files';
import { shellOf } from '../shell-of';
import { yearSummaryCsv, yearSummaryHtml } from '../../reports/year-summary';
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

/** The year's end: the year summary and next year's set-up. */
export const yearEndHandlers = {
  previewNextYear: (_i, ctx) => previewNextYear(ctx.db, today(ctx)),
  startNextYear: (i, ctx) => startNextYear(ctx.db, i),
  getYearSummary: (i, ctx) => yearSummary(ctx.db, i ?? {}, today(ctx)),
  exportYearSummary: async (i, ctx) => {
    const shell = shellOf(ctx);
    const summary = yearSummary(ctx.db, i, today(ctx));
    const school = i.schoolId
      ? (ctx.db.prepare('SELECT name FROM schools WHERE id = ?').get(i.schoolId) as { name: string } | undefined)
      : undefined;
    const st = getSettings(ctx.db);
    const doc = {
      summary,
      schoolLabel: school?.name ?? 'All schools',
      provider: { name: st.providerName, credentials: st.credentials, district: st.district },
    };
    const file = await shell.chooseSavePath(
      safeName(`School year ${summary.label} summary${school ? ` - ${school.name}` : ''}.${i.format}`),
      i.format,
    );
    if (!file) return { file: null };
    writeFileAtomic(file, i.format === 'csv' ? yearSummaryCsv(doc) : await shell.htmlToPdf(yearSummaryHtml(doc)));
    return { file, rows: summary.rows.length };
  },
} satisfies Impl<'previewNextYear' | 'startNextYear' | 'getYearSummary' | 'exportYearSummary'>;

export const yearEndAudited = {
  startNextYear: {
    action: 'started the next school year',
    note: (i) => ({
      detail: `${[...new Set(i.schools.map((s) => s.label))].join(', ')} at ${i.schools.length} school(s)`,
    }),
  },
  exportYearSummary: {
    action: 'exported year summary',
    note: (i) => ({ detail: `${i.label} ${i.format.toUpperCase()}` }),
  },
} satisfies Partial<Audit<'startNextYear' | 'exportYearSummary'>>;

/** Channels after which the cached school calendars must be re-read. */
export const yearEndCalendarWrites: ChannelName[] = ['startNextYear'];
