import { z } from 'zod';
import {
  ATTENDANCE_CODES,
  GROUPINGS,
  INTERVALS,
  MEASUREMENTS,
  PLAN_KINDS,
  PROMPT_LEVELS,
  SETTINGS,
  STUDENT_STATUSES,
} from '../../../shared/domain/codes';
import { ENROLLMENT_END_KINDS } from '../../../shared/domain/enrollment';
import { EVALUATION_CODES } from '../../../shared/domain/medicaid';
import { id, isoDate, time } from '../../../shared/api/schemas';

// One student's whole record, as sealed into a student file (docs/export-format.md, "The student file").
// Records refer to each other by `key`s that only mean something inside the file (the sending caseload's
// ids); the importing caseload gives every record its own id. The file never holds another student's
// name or note: a group session is this student's attendance plus the group's size.

const text = (max: number) => z.string().max(max);
const optText = (max: number) => z.string().max(max).nullable();
const key = id;
const minutes = z.number().int().min(1).max(600);

export const StudentFileData = z
  .object({
    format: z.literal('caseload-student', { error: 'this is not a Caseload student file' }),
    version: z.literal(1, { error: 'this student file was written by a newer Caseload' }),
    schemaVersion: z.number().int().positive(),
    exportedAt: z.string().max(40),
    from: z.object({ provider: text(200), credentials: text(100), district: text(200) }).strict(),
    student: z
      .object({
        firstName: text(100).min(1),
        lastName: text(100).min(1),
        preferredName: optText(100),
        dateOfBirth: isoDate.nullable(),
        grade: text(20),
        teacher: optText(100),
        districtStudentId: optText(50),
        medicaidId: optText(50),
        status: z.enum(STUDENT_STATUSES),
        /** The parent's consent to bill Medicaid: signed on, in effect until (null: not ended). */
        medicaidConsentFrom: isoDate.nullable().default(null),
        medicaidConsentTo: isoDate.nullable().default(null),
      })
      .strict(),
    /**
     * Where and when the student was enrolled (transfers and exit included), by school name: owed minutes
     * follow the school of each date, and nothing is owed outside these dates.
     */
    enrollments: z
      .array(
        z
          .object({
            schoolName: text(200).min(1),
            startDate: isoDate.nullable(),
            endDate: isoDate.nullable(),
            endKind: z.enum(ENROLLMENT_END_KINDS).nullable(),
            endReason: optText(500),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    /** The student's school now. */
    schoolName: text(200).min(1),
    /**
     * The schools of the record (the student's, and any whose reporting periods a report belongs to), with
     * the calendars the record was counted on, so that owed minutes come out the same.
     */
    schools: z
      .array(
        z
          .object({
            name: text(200).min(1),
            years: z
              .array(
                z
                  .object({
                    label: text(40).min(1),
                    firstDay: isoDate,
                    lastDay: isoDate,
                    closures: z
                      .array(z.object({ startDate: isoDate, endDate: isoDate, label: text(100) }).strict())
                      .max(200),
                    periods: z
                      .array(
                        z
                          .object({ key, label: text(40), startDate: isoDate, endDate: isoDate, dueDate: isoDate })
                          .strict(),
                      )
                      .max(12),
                  })
                  .strict(),
              )
              .max(50),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    plans: z
      .array(
        z
          .object({
            kind: z.enum(PLAN_KINDS),
            startDate: isoDate,
            endDate: isoDate,
            meetingDate: isoDate.nullable(),
            reevalDueDate: isoDate.nullable(),
            lastEvalDate: isoDate.nullable(),
            medicaidConsentExpires: isoDate.nullable(),
            lines: z
              .array(
                z
                  .object({
                    key,
                    service: text(200),
                    providerRole: text(200),
                    setting: z.enum(SETTINGS),
                    grouping: z.enum(['individual', 'group']),
                    maxGroupSize: z.number().int().min(1).max(40).nullable(),
                    interval: z.enum(INTERVALS),
                    minutes: z.number().int().min(1).max(100_000),
                    sessionsCount: z.number().int().min(1).max(1000).nullable(),
                    minutesPerSession: z.number().int().min(1).max(600).nullable(),
                    startDate: isoDate,
                    endDate: isoDate,
                    replaces: key.nullable(),
                  })
                  .strict(),
              )
              .max(100),
            goals: z
              .array(
                z
                  .object({
                    key,
                    area: text(200),
                    text: text(4000),
                    criterion: optText(1000),
                    baseline: optText(1000),
                    measurement: z.enum(MEASUREMENTS),
                    targetValue: z.number().nullable(),
                    sort: z.number().int(),
                  })
                  .strict(),
              )
              .max(100),
          })
          .strict(),
      )
      .max(100),
    sessions: z
      .array(
        z
          .object({
            /** This student's attendance in the session. */
            key,
            date: isoDate,
            startTime: time,
            minutes,
            setting: z.enum(SETTINGS),
            grouping: z.enum(GROUPINGS),
            /** How many students were present: the group, by its size only. */
            groupSize: z.number().int().min(0).max(40),
            cptCode: z
              .string()
              .regex(/^\d{5}$/)
              .nullable(),
            isMakeup: z.boolean(),
            code: z.enum(ATTENDANCE_CODES),
            creditedMinutes: minutes,
            /** Why a session on a day that is not a school day was held (null: a school day). */
            nonSchoolDayReason: optText(300).default(null),
            /** This student's own note only (never a group's shared note, which may name others). */
            note: optText(4000),
            /** Keys of this student's missed sessions this one makes up. */
            makeupFor: z.array(key).max(20),
            goalData: z
              .array(
                z
                  .object({
                    goal: key,
                    correct: z.number().int().min(0).max(1000).nullable(),
                    total: z.number().int().min(1).max(1000).nullable(),
                    value: z.number().min(0).max(100_000).nullable(),
                    prompt: z.enum(PROMPT_LEVELS).nullable(),
                    note: optText(500),
                  })
                  .strict(),
              )
              .max(20),
          })
          .strict(),
      )
      .max(20_000),
    /** Evaluations and re-evaluations (CPT 97165-97168): not IEP minutes, but billed and the therapist's time. */
    evaluations: z
      .array(
        z
          .object({
            date: isoDate,
            startTime: time,
            minutes,
            cptCode: z.enum(EVALUATION_CODES),
            note: optText(4000),
          })
          .strict(),
      )
      .max(500)
      .default([]),
    /** Finalised progress reports, exactly as finalised. */
    reports: z
      .array(
        z
          .object({
            period: key,
            version: z.number().int().min(1),
            content: z.string().max(1_000_000),
            snapshot: z.string().max(5_000_000),
            createdAt: z.string().max(40),
            finalizedAt: z.string().max(40),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

export type StudentFile = z.infer<typeof StudentFileData>;
