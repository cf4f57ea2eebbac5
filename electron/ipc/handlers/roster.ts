import { readSheet } from 'read-excel-file/node';
import * as roster from '../../db/queries/roster';
import { AppError } from '../errors';
import type { Impl } from '../handlers';

const MAX_ROWS = 20_000;

/** The first sheet of an .xlsx file, as the text of its cells (dates as YYYY-MM-DD). */
async function readXlsx(base64: string): Promise<roster.RosterTable> {
  let data: unknown[][];
  try {
    data = (await readSheet(Buffer.from(base64, 'base64'))) as unknown[][];
  } catch {
    throw new AppError(
      'invalid',
      'That file is not a readable .xlsx spreadsheet. Save it from your spreadsheet program as .xlsx or .csv and try again.',
      'xlsxBase64',
    );
  }
  if (data.length > MAX_ROWS + 1) {
    throw new AppError(
      'invalid',
      `The spreadsheet has ${data.length - 1} rows; at most ${MAX_ROWS} can be imported at once.`,
      'xlsxBase64',
    );
  }
  const [headers = [], ...rows] = data.map((r) => r.map(roster.cellText));
  return { headers: headers.map((h) => h.trim()), rows };
}

export const rosterHandlers = {
  importRoster: (i, { db }) => roster.importRoster(db, i.table ?? roster.csvTable(i.csv ?? ''), i),
  previewRoster: async (i, { db }) => {
    const table = i.table ?? (i.xlsxBase64 !== undefined ? await readXlsx(i.xlsxBase64) : roster.csvTable(i.csv ?? ''));
    return roster.previewRoster(db, table, i);
  },
} satisfies Pick<Impl, 'importRoster' | 'previewRoster'>;
