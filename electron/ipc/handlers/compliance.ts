import type { Parsed } from '../../../shared/api/contract';
import type { ExportResult } from '../../../shared/api/types';
import { localToday } from '../../../shared/domain/dates';
import { caseloadCompliance } from '../../db/queries/minutes';
import { getSettings } from '../../db/queries/settings';
import { complianceCsv, complianceHtml } from '../../reports/compliance';
import { safeName, writeFileAtomic } from '../../reports/files';
import { AppError } from '../errors';
import { shellOf } from '../shell-of';
import type { HandlerContext } from '../handlers';

/** The Compliance view saved as a file: the same figures and columns as the screen, for any range. */
export const complianceHandlers = {
  exportCompliance: async (i: Parsed<'exportCompliance'>, ctx: HandlerContext): Promise<ExportResult> => {
    const shell = shellOf(ctx);
    const today = ctx.today ? ctx.today() : localToday();
    const view = caseloadCompliance(ctx.db, i, today);
    const school = i.schoolId
      ? (ctx.db.prepare('SELECT name FROM schools WHERE id = ?').get(i.schoolId) as { name: string } | undefined)
      : undefined;
    if (i.schoolId && !school) throw new AppError('not_found', 'That school no longer exists.', 'schoolId');
    const st = getSettings(ctx.db);
    const doc = {
      view,
      schoolLabel: school?.name ?? 'All schools',
      provider: { name: st.providerName, credentials: st.credentials, district: st.district },
      preparedOn: today,
    };
    const file = await shell.chooseSavePath(
      safeName(`Compliance ${school ? `${school.name} ` : ''}${i.from} to ${i.to}.${i.format}`),
      i.format,
    );
    if (!file) return { file: null };
    writeFileAtomic(file, i.format === 'csv' ? complianceCsv(doc) : await shell.htmlToPdf(complianceHtml(doc)));
    return { file, rows: view.rows.length };
  },
};
