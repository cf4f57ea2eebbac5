import { type Closure, SchoolCalendar } from '../../shared/domain/calendar';

/** Closures the unit tests name often: label, first day, last day (one day when left out). */
export const HOLIDAYS_2026 = {
  laborDay: ['Labor Day', '2026-09-07'],
  indigenousPeoplesDay: ["Indigenous Peoples' Day", '2026-10-12'],
  veteransDay: ['Veterans Day', '2026-11-11'],
  thanksgiving: ['Thanksgiving break', '2026-11-23', '2026-11-27'],
} as const satisfies Record<string, readonly [string, string, string?]>;

/** The tests' school year 2026-27, Wed 2026-08-26 to Fri 2027-06-11, closed on the days given. */
export function schoolYear2026(closures: readonly (readonly [string, string, string?])[]): SchoolCalendar {
  return new SchoolCalendar([
    {
      label: '2026-27',
      firstDay: '2026-08-26',
      lastDay: '2027-06-11',
      closures: closures.map(([label, startDate, endDate]): Closure => ({
        label,
        startDate,
        endDate: endDate ?? startDate,
      })),
    },
  ]);
}
