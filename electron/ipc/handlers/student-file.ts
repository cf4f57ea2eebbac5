// A student's whole record as one sealed file another Caseload imports (issue 12, "the student file").
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Output, Parsed } from '../../../shared/api/contract';
import { SealedFileError, open, seal } from '../../crypto/sealed-file';
import { LATEST_VERSION } from '../../db/db';
import { invalidateCalendars } from '../../db/queries/minutes';
import { getStudent } from '../../db/queries/students';
import { buildStudentFile } from '../../db/student-file/export';
import { StudentFileData, type StudentFile } from '../../db/student-file/format';
import { applyStudentFile } from '../../db/student-file/import';
import { safeName, writeFileAtomic } from '../../reports/files';
import type { ReportShell } from '../../reports/shell';
import { AppError } from '../errors';
import { shellOf as rememberingShell } from '../shell-of';
import type { HandlerContext } from '../handlers';

const now = (ctx: HandlerContext) => (ctx.now ? ctx.now() : new Date().toISOString().slice(0, 19) + 'Z');
const shellOf = (ctx: HandlerContext): ReportShell => {
  if (!ctx.shell) throw new AppError('internal', 'Saving and opening files is not available here.');
  return rememberingShell(ctx); // the dialogs' folders are remembered (shell-of.ts)
};

/** Files opened for a preview, waiting for the import that confirms them (kept in this process only). */
const opened = new Map<string, { file: string; data: StudentFile; at: number }>();
const KEEP_MS = 60 * 60 * 1000;

async function readStudentFile(file: string, passphrase: string): Promise<StudentFile> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new AppError('invalid', 'That file could not be read. Check that it is still there, then try again.');
  }
  let plain: Buffer;
  try {
    plain = await open(bytes, passphrase);
  } catch (e) {
    if (e instanceof SealedFileError) {
      throw new AppError(
        'invalid',
        `${e.message} Nothing was imported.`,
        e.code === 'wrong_passphrase' ? 'passphrase' : undefined,
      );
    }
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(plain.toString('utf8'));
  } catch {
    throw new AppError('invalid', 'This sealed file does not hold a student record. Nothing was imported.');
  }
  const parsed = StudentFileData.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const why = issue?.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue?.message;
    throw new AppError(
      'invalid',
      `This is not a student file Caseload can import (${why ?? 'unknown layout'}). Nothing was imported.`,
    );
  }
  if (parsed.data.schemaVersion > LATEST_VERSION) {
    throw new AppError('invalid', 'This student file was written by a newer Caseload; update Caseload to import it.');
  }
  return parsed.data;
}

export const studentFileHandlers = {
  exportStudentFile: async (
    i: Parsed<'exportStudentFile'>,
    ctx: HandlerContext,
  ): Promise<Output<'exportStudentFile'>> => {
    const st = getStudent(ctx.db, i.studentId);
    const shell = shellOf(ctx);
    const file = await shell.chooseSavePath(
      safeName(`${st.preferredName || st.firstName} ${st.lastName} - student file.caseload-student`),
      'student',
    );
    if (!file) return { file: null };
    const data = buildStudentFile(ctx.db, i.studentId, now(ctx));
    writeFileAtomic(file, await seal(Buffer.from(JSON.stringify(data), 'utf8'), i.passphrase));
    return { file, rows: data.plans.length + data.sessions.length + data.reports.length };
  },

  /** Opens a student file and says what importing it would add and skip; nothing is written. */
  openStudentFile: async (i: Parsed<'openStudentFile'>, ctx: HandlerContext): Promise<Output<'openStudentFile'>> => {
    const file = await shellOf(ctx).chooseOpenPath('student');
    if (!file) return { file: null, token: null, summary: null };
    const data = await readStudentFile(file, i.passphrase);
    const { studentId: _id, ...summary } = applyStudentFile(ctx.db, data, { file, now: now(ctx), preview: true });
    for (const [k, v] of opened) if (Date.now() - v.at > KEEP_MS) opened.delete(k);
    const token = randomBytes(16).toString('hex');
    opened.set(token, { file, data, at: Date.now() });
    return { file, token, summary };
  },

  /** Imports the file the preview opened: all of it that fits, in one transaction, with the audit entry. */
  importStudentFile: async (
    i: Parsed<'importStudentFile'>,
    ctx: HandlerContext,
  ): Promise<Output<'importStudentFile'>> => {
    const held = opened.get(i.token);
    if (!held) throw new AppError('invalid', 'Open the student file again: its preview has expired.', 'token');
    if (ctx.store) await ctx.store.backup('before-import');
    const result = applyStudentFile(ctx.db, held.data, { file: held.file, now: now(ctx), preview: false });
    opened.delete(i.token);
    invalidateCalendars(ctx.db);
    return result;
  },
};

export const studentFileAudited = {
  exportStudentFile: {
    action: 'exported student file',
    note: (i: Parsed<'exportStudentFile'>, db: HandlerContext['db']) => {
      const st = db
        .prepare(`SELECT coalesce(preferred_name, first_name) || ' ' || last_name AS n FROM students WHERE id = ?`)
        .get(i.studentId) as { n: string } | undefined;
      return { studentId: i.studentId, subject: st?.n ?? null, detail: 'sealed with a passphrase' };
    },
  },
};
