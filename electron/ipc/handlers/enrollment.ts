import type { Parsed } from '../../../shared/api/contract';
import type { Sqlite } from '../../db/db';
import * as enrollment from '../../db/queries/enrollment';

export interface Ctx {
  db: Sqlite;
}

/** Enrollment (transfers, exits, reactivation); spread into the one handler table. */
export const enrollmentHandlers = {
  transferStudent: (i: Parsed<'transferStudent'>, { db }: Ctx) => enrollment.transferStudent(db, i),
  exitStudent: (i: Parsed<'exitStudent'>, { db }: Ctx) => enrollment.exitStudent(db, i),
  reactivateStudent: (i: Parsed<'reactivateStudent'>, { db }: Ctx) => enrollment.reactivateStudent(db, i),
  getEnrollmentOn: (i: Parsed<'getEnrollmentOn'>, { db }: Ctx) => enrollment.enrollmentOnDate(db, i.studentId, i.date),
};
