import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  existsSync,
  statSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, extname, join } from 'node:path';
import { AppError } from '../ipc/errors';

/** Writes a file whole or not at all: a temporary file beside it, flushed, then renamed over. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  // A short temporary name: the final name may already be as long as the file system allows.
  const tmp = join(dirname(path), `.caseload-${process.pid}-${randomBytes(4).toString('hex')}.partial`);
  try {
    const fd = openSync(tmp, 'w', 0o600); // exports hold student records: owner-only
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw unwritable(dirname(path), e);
  }
}

export function checkWritableFolder(folder: string): void {
  try {
    if (!statSync(folder).isDirectory()) throw new Error('not a folder');
    accessSync(folder, constants.W_OK);
  } catch (e) {
    throw unwritable(folder, e);
  }
}

function unwritable(folder: string, e: unknown): AppError {
  const code = (e as { code?: string }).code;
  const why =
    code === 'ENOENT'
      ? 'it does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'you do not have permission to write there'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : 'it cannot be written';
  return new AppError(
    'invalid',
    `Caseload could not save to ${folder}: ${why}. Choose another folder; nothing was written.`,
    'folder',
  );
}

/**
 * The longest file name Caseload writes, in UTF-8 bytes. File systems allow 255 bytes (ext4, APFS) or
 * 255 UTF-16 units (NTFS); 200 leaves room for the " (n)" of a name already taken and for the folder.
 */
export const MAX_NAME_BYTES = 200;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i; // Windows device names, whatever the extension
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts text to at most `max` UTF-8 bytes without splitting a character (or an emoji, or an accent). */
function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    if (bytes(out + segment) > max) break;
    out += segment;
  }
  return out;
}

/**
 * A file name safe on Windows, macOS and Linux: no path separators or reserved characters, no control
 * characters, at most MAX_NAME_BYTES bytes, and the extension ("…pdf") always kept.
 */
export function safeName(name: string): string {
  const clean = (s: string) =>
    [...s]
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
      .join('')
      .replace(/[\\/:*?"<>|]+/g, '-')
      .replace(/\s+/g, ' ')
      .trim();
  const ext = /^\.[A-Za-z0-9]{1,10}$/.test(extname(name)) ? extname(name) : '';
  let stem = clean(ext ? name.slice(0, -ext.length) : name);
  stem = cutToBytes(stem, MAX_NAME_BYTES - bytes(ext))
    .replace(/[. ]+$/, '') // Windows drops trailing dots and spaces
    .replace(/^\.+/, ''); // and a leading dot would hide the file
  if (!stem) stem = 'Caseload export';
  if (RESERVED.test(stem)) stem = `${stem} file`;
  return stem + ext;
}

/**
 * The files Caseload itself wrote in this run, with what each holds ("progress-report:12:3:v1:draft")
 * and its size and times as written: saving the same document again into the same folder replaces
 * Caseload's own earlier copy rather than piling up "(2)", "(3)"; any other file is never touched.
 */
const written = new Map<string, { what: string; stamp: string }>();
const stampOf = (path: string) => {
  const st = statSync(path);
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
};
/** Notes that Caseload wrote `what` at `path` (after a write through a save dialog, say). */
export function rememberWritten(path: string, what: string): void {
  written.set(path, { what, stamp: stampOf(path) });
}
function ownCopy(path: string, what: string | undefined): boolean {
  const w = what ? written.get(path) : undefined;
  if (!w || w.what !== what) return false;
  try {
    return stampOf(path) === w.stamp;
  } catch {
    return false;
  }
}

/**
 * A path in `folder` for `name` that no file has yet: "name.pdf", then "name (2).pdf", "name (3).pdf"…
 * Two students with the same name in one batch get two files; nothing is ever overwritten, except
 * Caseload's own copy of the very same document from earlier in this run (`what`, see above).
 */
export function uniquePath(folder: string, name: string, what?: string): string {
  const safe = safeName(name);
  const ext = extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let n = 1; n < 10000; n++) {
    const candidate = join(folder, n === 1 ? safe : `${stem} (${n})${ext}`);
    if (!existsSync(candidate) || ownCopy(candidate, what)) return candidate;
  }
  throw new AppError(
    'conflict',
    `The folder ${folder} already holds too many files named ${safe}. Choose another folder.`,
    'folder',
  );
}

/**
 * Writes a new file in `folder`, never over another file: the name is claimed first (created
 * exclusively), then the data lands whole through writeFileAtomic. Returns the path written.
 */
export function writeNewFile(folder: string, name: string, data: Uint8Array | string, what?: string): string {
  for (let attempt = 0; attempt < 5; attempt++) {
    const path = uniquePath(folder, name, what);
    if (existsSync(path)) {
      writeFileAtomic(path, data); // Caseload's own earlier copy of this same document
    } else {
      let fd: number;
      try {
        fd = openSync(path, 'wx', 0o600);
      } catch (e) {
        if ((e as { code?: string }).code === 'EEXIST') continue; // taken a moment ago: try the next name
        throw unwritable(folder, e);
      }
      closeSync(fd);
      try {
        writeFileAtomic(path, data);
      } catch (e) {
        rmSync(path, { force: true });
        throw e;
      }
    }
    if (what) rememberWritten(path, what);
    return path;
  }
  throw new AppError('conflict', `Caseload could not find a free file name in ${folder}. Try again.`, 'folder');
}
