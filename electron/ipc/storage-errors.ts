import { AppError } from './errors';

/**
 * What went wrong with the disk, in the therapist's words. SQLite and Node report the same three
 * troubles under several codes (SQLITE_FULL or ENOSPC; SQLITE_READONLY*, EROFS, EACCES or EPERM;
 * SQLITE_BUSY*, SQLITE_LOCKED* or EBUSY); each gets its own message saying what happened and what to
 * do, never "internal… restart". SQLite rolls the failed write back, so nothing is ever half-saved.
 */
export type StorageTrouble = 'full' | 'read-only' | 'in-use';

export function storageTrouble(e: unknown): StorageTrouble | null {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'read-only';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === 'EBUSY') return 'in-use';
  return null;
}

/** The message for a failed action (the app is running; the write did not happen). */
export function storageMessage(trouble: StorageTrouble, where?: string): string {
  const place = where ? ` (${where})` : '';
  switch (trouble) {
    case 'full':
      return (
        'The disk is full, so Caseload could not save that. Nothing was changed and nothing already saved was lost. ' +
        'Free some space (empty the trash, move large files or old downloads elsewhere), then try again.'
      );
    case 'read-only':
      return (
        `Caseload cannot write to its data${place}: the file or its folder is read-only, or you do not have permission to change it. ` +
        'Nothing was changed. Check that the drive is not locked or full of read-only files and that your account can write there, then try again.'
      );
    case 'in-use':
      return (
        'The caseload file is in use by another program (a backup or sync tool, an antivirus scan, or another copy of Caseload), ' +
        'so that could not be saved just now. Nothing was changed. Wait a moment and try again; if it keeps happening, close the other program.'
      );
  }
}

/** An AppError for a storage trouble, or null when the error is something else. */
export function storageError(e: unknown, where?: string): AppError | null {
  const trouble = storageTrouble(e);
  if (!trouble) return null;
  return new AppError(trouble === 'read-only' ? 'forbidden' : 'conflict', storageMessage(trouble, where));
}

/** Why Caseload cannot start, when the data folder or file cannot be written (never called damage). */
export class StorageStartError extends Error {
  constructor(
    readonly trouble: StorageTrouble,
    readonly folder: string,
  ) {
    super(
      trouble === 'read-only'
        ? `Caseload cannot write to its data folder ${folder}: the folder or the caseload file is read-only, or your account ` +
            'may not change it. Your caseload was not changed and is not damaged. Make the folder writable (or move it off a ' +
            'read-only or locked drive), then start Caseload again.'
        : trouble === 'full'
          ? `The disk that holds ${folder} is full, so Caseload cannot open your caseload safely. Nothing was changed. ` +
            'Free some space, then start Caseload again.'
          : `The caseload file in ${folder} is in use by another program (a backup or sync tool, or another copy of Caseload). ` +
            'Nothing was changed. Close the other program, then start Caseload again.',
    );
    this.name = 'StorageStartError';
  }
}
