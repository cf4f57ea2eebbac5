// Progress reports across schools (issue 11): one period per school listed together, drafts marked
// reviewed, and "Finalise all reviewed"; spread into the one handler table.
import type { Output, Parsed } from '../../../shared/api/contract';
import { localToday } from '../../../shared/domain/dates';
import * as batch from '../../db/queries/report-batch';
import type { HandlerContext } from '../handlers';

export const REPORT_BATCH_CHANNELS = [
  'listReportGroup',
  'markProgressReportReviewed',
  'finaliseReviewedReports',
] as const;
type ReportBatchChannel = (typeof REPORT_BATCH_CHANNELS)[number];

const today = (ctx: HandlerContext) => (ctx.today ? ctx.today() : localToday());
const now = (ctx: HandlerContext) => (ctx.now ? ctx.now() : new Date().toISOString().slice(0, 19) + 'Z');

export const reportBatchHandlers = {
  listReportGroup: (i, { db }) => batch.listReportGroup(db, i.periodIds),
  markProgressReportReviewed: (i, ctx) => batch.markReviewed(ctx.db, i, today(ctx), now(ctx)),
  // Each report finalised is recorded in the history by the query, in the same transaction.
  finaliseReviewedReports: (i, ctx) => batch.finaliseReviewed(ctx.db, i, today(ctx), now(ctx)),
} satisfies { [K in ReportBatchChannel]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> };
