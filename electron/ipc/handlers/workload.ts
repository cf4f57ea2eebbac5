// Non-student blocks, the week's workload and the mileage log, spread into the one handler table.
import { localToday } from '../../../shared/domain/dates';
import * as blocks from '../../db/queries/work-blocks';
import * as workload from '../../db/queries/workload';
import { safeName, writeFileAtomic } from '../../reports/files';
import { mileageCsv } from '../../reports/mileage';
import { shellOf } from '../shell-of';
import type { HandlerContext, Impl } from '../handlers';

const today = (ctx: HandlerContext) => (ctx.today ? ctx.today() : localToday());

export const workloadHandlers = {
  listBlocks: (i, { db }) => blocks.listBlocks(db, i),
  createBlock: (i, { db }) => blocks.createBlock(db, i),
  changeBlock: (i, { db }) => blocks.changeBlock(db, i),
  deleteBlock: (i, { db }) => blocks.deleteBlock(db, i.id),
  getWorkload: (i, ctx) => workload.weekWorkload(ctx.db, i.date, today(ctx)),
  getMileage: (i, ctx) => workload.mileageLog(ctx.db, i.from, i.to, today(ctx)),
  exportMileageCsv: async (i, ctx) => {
    const shell = shellOf(ctx); // the save dialog's folder is remembered (shell-of.ts)
    const log = workload.mileageLog(ctx.db, i.from, i.to, today(ctx));
    const file = await shell.chooseSavePath(safeName(`Mileage ${i.from} to ${i.to}.csv`), 'csv');
    if (!file) return { file: null };
    writeFileAtomic(file, mileageCsv(log));
    const legs = log.days.reduce((n, d) => n + d.legs.length, 0);
    return {
      file,
      rows: legs,
      notes: log.missing.length
        ? [`No distance is set for ${log.missing.join(', ')}; set it under Schools & calendars.`]
        : [],
    };
  },
} satisfies Pick<
  Impl,
  'listBlocks' | 'createBlock' | 'changeBlock' | 'deleteBlock' | 'getWorkload' | 'getMileage' | 'exportMileageCsv'
>;
