import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../ipc/errors';

/** Writes a file whole or not at all: a temporary file beside it, flushed, then renamed over. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
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

/** A file name safe on Windows, macOS and Linux. */
export function safeName(name: string): string {
  const printable = [...name].filter((c) => c.charCodeAt(0) >= 0x20).join('');
  return printable
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 150);
}
