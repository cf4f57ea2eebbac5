/**
 * Seal a byte buffer with a passphrase the user chooses, and open it again.
 *
 * Format (all integers big-endian), version 1:
 *
 *   offset  size  field
 *   0       8     magic "CLSEALED"
 *   8       1     format version (1)
 *   9       1     KDF id (1 = scrypt)
 *   10      1     scrypt log2(N)
 *   11      1     scrypt r
 *   12      1     scrypt p
 *   13      16    salt (random per file)
 *   29      16    key check: first 16 bytes of SHA-256 of the second half of the derived key
 *   45      12    AES-GCM nonce (random per file)
 *   57      8     n, the length of the ciphertext (so a file cut short is reported as such)
 *   65      n     ciphertext (AES-256-GCM, the whole 65-byte header is the additional data)
 *   65+n    16    GCM tag
 *
 * scrypt derives 64 bytes: the first 32 are the AES key, the second 32 feed only the key check, which
 * lets us tell "wrong passphrase" apart from "the file was changed" without weakening the AES key.
 * Because the header is authenticated, a changed byte anywhere (header, ciphertext or tag) is refused.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const MAGIC = Buffer.from('CLSEALED', 'ascii');
export const SEALED_VERSION = 1;
const KDF_SCRYPT = 1;
const SALT_BYTES = 16;
const CHECK_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const LENGTH_BYTES = 8;
export const SEALED_HEADER_BYTES = MAGIC.length + 1 + 1 + 3 + SALT_BYTES + CHECK_BYTES + NONCE_BYTES + LENGTH_BYTES;

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  logN: number;
  r: number;
  p: number;
}

/** OWASP's recommendation for scrypt (N = 2^17, r = 8, p = 1: about 128 MiB and a fraction of a second). */
export const DEFAULT_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };
/** Limits accepted when opening, so a hostile header cannot make us allocate gigabytes or spin for minutes. */
const MAX_LOG_N = 20;
const MAX_R = 32;
const MAX_P = 16;
const MIN_LOG_N = 10;

export type SealedErrorCode =
  | 'not_sealed'
  | 'unsupported_version'
  | 'truncated'
  | 'bad_parameters'
  | 'wrong_passphrase'
  | 'tampered'
  | 'empty_passphrase';

export class SealedFileError extends Error {
  constructor(
    readonly code: SealedErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SealedFileError';
  }
}

const MESSAGES: Record<SealedErrorCode, string> = {
  not_sealed: 'This is not a sealed Caseload file (it may be a different kind of file).',
  unsupported_version: 'This sealed file was made by a newer version of Caseload. Update Caseload, then open it again.',
  truncated:
    'This sealed file is incomplete (it was cut short, perhaps by an interrupted copy). Copy it again from the original.',
  bad_parameters: 'This sealed file has a damaged header. Copy it again from the original.',
  wrong_passphrase:
    'That passphrase does not open this file. Check the passphrase (it is case-sensitive) and try again.',
  tampered:
    'This sealed file was changed or damaged after it was sealed, so it was not opened. Copy it again from the original.',
  empty_passphrase: 'Enter a passphrase.',
};

const fail = (code: SealedErrorCode): never => {
  throw new SealedFileError(code, MESSAGES[code]);
};

function checkParams(params: ScryptParams): void {
  const { logN, r, p } = params;
  const ok =
    Number.isInteger(logN) &&
    Number.isInteger(r) &&
    Number.isInteger(p) &&
    logN >= MIN_LOG_N &&
    logN <= MAX_LOG_N &&
    r >= 1 &&
    r <= MAX_R &&
    p >= 1 &&
    p <= MAX_P;
  if (!ok) fail('bad_parameters');
}

function passphraseBytes(passphrase: string): Buffer {
  if (typeof passphrase !== 'string' || passphrase.length === 0) fail('empty_passphrase');
  // NFC so the same passphrase typed on macOS and Windows gives the same bytes.
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

/** scrypt without blocking the event loop; 64 bytes out. */
export function deriveKeyMaterial(
  passphrase: string,
  salt: Buffer,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<Buffer> {
  checkParams(params);
  const pass = passphraseBytes(passphrase);
  const N = 2 ** params.logN;
  const maxmem = 128 * N * params.r + 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(pass, salt, 64, { N, r: params.r, p: params.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const keyCheck = (material: Buffer): Buffer =>
  createHash('sha256').update(material.subarray(32)).digest().subarray(0, CHECK_BYTES);

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC);
}

export async function seal(
  plain: Uint8Array,
  passphrase: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const material = await deriveKeyMaterial(passphrase, salt, params);
  const nonce = randomBytes(NONCE_BYTES);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeBigUInt64BE(BigInt(plain.byteLength)); // GCM ciphertext is as long as the plaintext
  const header = Buffer.concat([
    MAGIC,
    Buffer.from([SEALED_VERSION, KDF_SCRYPT, params.logN, params.r, params.p]),
    salt,
    keyCheck(material),
    nonce,
    length,
  ]);
  const cipher = createCipheriv('aes-256-gcm', material.subarray(0, 32), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  material.fill(0);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export async function open(sealed: Uint8Array, passphrase: string): Promise<Buffer> {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (!isSealed(bytes)) return fail('not_sealed');
  if (bytes.length < MAGIC.length + 2) return fail('truncated');
  if (bytes[8] !== SEALED_VERSION) return fail(bytes[8]! > SEALED_VERSION ? 'unsupported_version' : 'bad_parameters');
  if (bytes[9] !== KDF_SCRYPT) return fail('bad_parameters');
  if (bytes.length < SEALED_HEADER_BYTES + TAG_BYTES) return fail('truncated');
  const params: ScryptParams = { logN: bytes[10]!, r: bytes[11]!, p: bytes[12]! };
  checkParams(params);
  let at = 13;
  const salt = bytes.subarray(at, (at += SALT_BYTES));
  const check = bytes.subarray(at, (at += CHECK_BYTES));
  const nonce = bytes.subarray(at, (at += NONCE_BYTES));
  const declared = bytes.readBigUInt64BE(at);
  const actual = BigInt(bytes.length - SEALED_HEADER_BYTES - TAG_BYTES);
  if (actual < declared) return fail('truncated');
  if (actual > declared) return fail('tampered');
  const header = bytes.subarray(0, SEALED_HEADER_BYTES);
  const body = bytes.subarray(SEALED_HEADER_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);

  const material = await deriveKeyMaterial(passphrase, salt, params);
  try {
    if (!timingSafeEqual(keyCheck(material), check)) return fail('wrong_passphrase');
    const decipher = createDecipheriv('aes-256-gcm', material.subarray(0, 32), nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      return fail('tampered');
    }
  } finally {
    material.fill(0);
  }
}
