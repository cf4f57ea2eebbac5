// Medicaid logs and evaluations, spread into the one handler table (electron/ipc/handlers.ts).
import { localToday } from '../../../shared/domain/dates';
import * as evaluations from '../../db/queries/evaluations';
import { medicaidClaims } from '../../db/queries/medicaid';
import { medicaidLog } from '../../db/queries/reports';
import { safeName, writeFileAtomic } from '../../reports/files';
import { medicaidLogHtml } from '../../reports/medicaid-log';
import { medicaidCsv } from '../../reports/service-log';
import { shellOf } from '../shell-of';
import type { HandlerContext, Impl } from '../handlers';

const today = (ctx: HandlerContext) => (ctx.today ? ctx.today() : localToday());

export const medicaidHandlers = {
  getMedicaidLog: (i, { db }) => medicaidClaims(db, i.month),
  exportMedicaidLog: async (i, ctx) => {
    const shell = shellOf(ctx);
    const log = medicaidClaims(ctx.db, i.month);
    const file = await shell.chooseSavePath(safeName(`Medicaid log ${i.month}.${i.format}`), i.format);
    if (!file) return { file: null };
    const body =
      i.format === 'csv' ? medicaidCsv(medicaidLog(ctx.db, i.month).rows) : await shell.htmlToPdf(medicaidLogHtml(log));
    writeFileAtomic(file, body);
    return {
      file,
      rows: log.claims.length,
      notes: [
        ...log.notes,
        ...(log.leftOut.length
          ? [`${log.leftOut.length} service(s) not billed; the reasons are listed on the Records page.`]
          : []),
        ...(log.consentNotOnFile.length
          ? [
              `No consent-to-bill date on file for ${log.consentNotOnFile.length} student(s) billed: ${log.consentNotOnFile.join(', ')}.`,
            ]
          : []),
      ],
    };
  },
  createEvaluation: (i, ctx) => evaluations.createEvaluation(ctx.db, i, today(ctx)),
  deleteEvaluation: (i, { db }) => evaluations.deleteEvaluation(db, i.id),
  listEvaluations: (i, { db }) => evaluations.listEvaluations(db, i),
  evaluationWeeks: (i, { db }) => evaluations.evaluationWeeks(db, i.from, i.to),
} satisfies Pick<
  Impl,
  | 'getMedicaidLog'
  | 'exportMedicaidLog'
  | 'createEvaluation'
  | 'deleteEvaluation'
  | 'listEvaluations'
  | 'evaluationWeeks'
>;
