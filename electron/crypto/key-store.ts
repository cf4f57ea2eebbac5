import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { KEY_BYTES } from '../db/cipher';
import { DEFAULT_SCRYPT, type ScryptParams, deriveKeyMaterial } from './sealed-file';

/**
 * Where the database key lives. Two kinds of key file (`caseload.key` beside the data, owner-only):
 *
 * - `os-store`: a random 32-byte key, encrypted by the operating system's secret store through
 *   Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/KWallet on Linux). The
 *   file alone is useless on another machine or account.
 * - `passphrase`: where the OS has no secret store (Linux `basic_text`, which would keep the key in a
 *   form anyone can read), the key is derived from a passphrase the user types at each start
 *   (scrypt); the file keeps only the salt, the cost and a short check value.
 *
 * The Electron parts arrive as an interface, so this is tested under Node with a fake secret store.
 */
export interface SecretStore {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt?: boolean }>;
  /** Linux only; elsewhere absent or throwing. */
  getSelectedStorageBackend?(): string;
}

export type PassphrasePrompt = (request: {
  mode: 'create' | 'unlock';
  /** The previous attempt's problem, to show above the field. */
  problem?: string;
}) => Promise<string | null>;

export interface KeyStoreOptions {
  keyFile: string;
  /** Whether an encrypted caseload already exists (then a missing key file is an error, not a first start). */
  dataExists: boolean;
  secrets: SecretStore;
  platform: NodeJS.Platform;
  askPassphrase: PassphrasePrompt;
  scrypt?: ScryptParams;
  /** How many wrong passphrases before giving up for this start. */
  attempts?: number;
}

type KeyFile =
  | { version: 1; kind: 'os-store'; sealed: string }
  | { version: 1; kind: 'passphrase'; kdf: 'scrypt'; logN: number; r: number; p: number; salt: string; check: string };

export class KeyStoreError extends Error {
  constructor(
    readonly code: 'missing' | 'unreadable' | 'cancelled' | 'wrong_passphrase' | 'store_unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'KeyStoreError';
  }
}

export const MIN_PASSPHRASE = 8;

const checkOf = (material: Buffer) =>
  createHash('sha256').update(material.subarray(KEY_BYTES)).digest().subarray(0, 16);

function writeKeyFile(path: string, data: KeyFile) {
  const tmp = `${path}.new`;
  writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
  renameSync(tmp, path);
}

function readKeyFile(path: string): KeyFile {
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
    if (data.version !== 1 || (data.kind !== 'os-store' && data.kind !== 'passphrase')) throw new Error('unknown');
    return data;
  } catch {
    throw new KeyStoreError(
      'unreadable',
      `Caseload cannot read its key file (${path}). Restore it from a copy of this folder, or see "Lost key or passphrase" in the README.`,
    );
  }
}

/** Whether the OS offers a real secret store (not Linux's plain-text fallback). */
export async function hasSecretStore(secrets: SecretStore, platform: NodeJS.Platform): Promise<boolean> {
  if (!(await secrets.isAsyncEncryptionAvailable())) return false;
  if (platform === 'linux') {
    let backend: string;
    try {
      backend = secrets.getSelectedStorageBackend?.() ?? 'unknown';
    } catch {
      backend = 'unknown';
    }
    if (backend === 'basic_text' || backend === 'unknown') return false;
  }
  return true;
}

/** The database key: read (asking for the passphrase if it is passphrase-based) or, on first start, made. */
export async function loadDatabaseKey(o: KeyStoreOptions): Promise<Buffer> {
  if (!existsSync(o.keyFile)) {
    if (o.dataExists)
      throw new KeyStoreError(
        'missing',
        `The key file of your caseload (${o.keyFile}) is missing, so the encrypted caseload cannot be opened. ` +
          'Put the key file back from a copy of this folder, or see "Lost key or passphrase" in the README. The caseload was not changed.',
      );
    return createKey(o);
  }
  const data = readKeyFile(o.keyFile);
  if (data.kind === 'os-store') {
    if (!(await o.secrets.isAsyncEncryptionAvailable()))
      throw new KeyStoreError(
        'store_unavailable',
        "The system's password store is not available, so Caseload cannot unlock its key. Sign in to your desktop session (or unlock the keyring), then start Caseload again.",
      );
    let hex: string;
    try {
      const r = await o.secrets.decryptStringAsync(Buffer.from(data.sealed, 'base64'));
      hex = r.result;
      if (r.shouldReEncrypt) {
        const sealed = await o.secrets.encryptStringAsync(hex);
        writeKeyFile(o.keyFile, { version: 1, kind: 'os-store', sealed: sealed.toString('base64') });
      }
    } catch {
      throw new KeyStoreError(
        'unreadable',
        'The system\'s password store could not unlock Caseload\'s key (was this folder copied from another computer or account?). See "Moving to a new laptop" in the README.',
      );
    }
    const key = Buffer.from(hex, 'hex');
    if (key.length !== KEY_BYTES) throw new KeyStoreError('unreadable', 'The stored key is damaged.');
    return key;
  }
  const params = { logN: data.logN, r: data.r, p: data.p };
  const salt = Buffer.from(data.salt, 'base64');
  const check = Buffer.from(data.check, 'base64');
  let problem: string | undefined;
  for (let i = 0; i < (o.attempts ?? 5); i++) {
    const pass = await o.askPassphrase({ mode: 'unlock', problem });
    if (pass === null) throw new KeyStoreError('cancelled', 'Caseload stays locked: no passphrase was entered.');
    const material = await deriveKeyMaterial(pass, salt, params);
    if (check.length === 16 && timingSafeEqual(checkOf(material), check))
      return Buffer.from(material.subarray(0, KEY_BYTES));
    problem = 'That passphrase does not unlock this caseload. Check Caps Lock and try again.';
  }
  throw new KeyStoreError('wrong_passphrase', 'Too many wrong passphrases. Start Caseload again to retry.');
}

async function createKey(o: KeyStoreOptions): Promise<Buffer> {
  if (await hasSecretStore(o.secrets, o.platform)) {
    const key = randomBytes(KEY_BYTES);
    const sealed = await o.secrets.encryptStringAsync(key.toString('hex'));
    writeKeyFile(o.keyFile, { version: 1, kind: 'os-store', sealed: sealed.toString('base64') });
    return key;
  }
  let problem: string | undefined;
  for (;;) {
    const pass = await o.askPassphrase({ mode: 'create', problem });
    if (pass === null)
      throw new KeyStoreError('cancelled', 'Caseload needs a passphrase to protect the caseload on this computer.');
    if ([...pass].length < MIN_PASSPHRASE) {
      problem = `Use at least ${MIN_PASSPHRASE} characters.`;
      continue;
    }
    const params = o.scrypt ?? DEFAULT_SCRYPT;
    const salt = randomBytes(16);
    const material = await deriveKeyMaterial(pass, salt, params);
    writeKeyFile(o.keyFile, {
      version: 1,
      kind: 'passphrase',
      kdf: 'scrypt',
      ...params,
      salt: salt.toString('base64'),
      check: checkOf(material).toString('base64'),
    });
    return Buffer.from(material.subarray(0, KEY_BYTES));
  }
}
