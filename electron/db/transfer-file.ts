import { readFileSync } from 'node:fs';
import { SealedFileError, isSealed, open, seal } from '../crypto/sealed-file';
import { AppError } from '../ipc/errors';
import type { ExportData } from './transfer';

/**
 * The whole-caseload export on disk: the JSON of docs/export-format.md sealed with a passphrase the
 * user chooses (electron/crypto/sealed-file.ts: scrypt + AES-256-GCM). Unsealed JSON files written by
 * earlier versions are still read.
 */
export const EXPORT_EXTENSION = 'caseload';

export function sealExport(data: ExportData, passphrase: string): Promise<Buffer> {
  return seal(Buffer.from(JSON.stringify(data), 'utf8'), passphrase);
}

/** Reads an export file (sealed or legacy plain JSON) and returns the parsed JSON, or a plain AppError. */
export async function readExportFile(path: string, passphrase: string | undefined): Promise<unknown> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AppError('invalid', 'That file could not be read. Check it is still there, then try again.');
  }
  let text: string;
  if (isSealed(bytes)) {
    if (!passphrase)
      throw new AppError(
        'invalid',
        'Passphrase: this export is protected. Enter the passphrase it was exported with. Nothing was imported.',
        'passphrase',
      );
    try {
      text = (await open(bytes, passphrase)).toString('utf8');
    } catch (e) {
      if (e instanceof SealedFileError) {
        const field = e.code === 'wrong_passphrase' || e.code === 'empty_passphrase' ? 'passphrase' : undefined;
        throw new AppError('invalid', `${e.message} Nothing was imported.`, field);
      }
      throw e;
    }
  } else {
    text = bytes.toString('utf8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      'invalid',
      'That file is not a Caseload export (it is not readable JSON). Nothing was imported.',
    );
  }
}
