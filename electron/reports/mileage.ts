// The mileage log as CSV for reimbursement: one row per leg between schools, the day's total on the
// day's first row, a last row with the total of the range. Formula-safe through toCsv.
import type { MileageLog } from '../../shared/api/types-workload';
import { toCsv } from './service-log';

const SOURCE: Record<string, string> = { log: 'log', log_and_schedule: 'log and schedule', schedule: 'schedule' };

export function mileageCsv(log: MileageLog): string {
  const rows: (string | number)[][] = [];
  for (const d of log.days)
    d.legs.forEach((l, i) =>
      rows.push([
        l.date,
        i + 1,
        l.from,
        l.to,
        l.miles ?? '',
        i === 0 ? d.miles : '',
        l.miles == null ? 'no distance set for this pair' : '',
        SOURCE[l.source] ?? l.source,
      ]),
    );
  rows.push([
    `Total ${log.from} to ${log.to}`,
    '',
    '',
    '',
    log.miles,
    '',
    log.missing.length ? `no distance set: ${log.missing.join('; ')}` : '',
    '',
  ]);
  return toCsv(['Date', 'Leg', 'From school', 'To school', 'Miles', 'Day total miles', 'Note', 'Source'], rows);
}
