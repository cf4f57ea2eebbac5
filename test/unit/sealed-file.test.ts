import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT,
  SEALED_HEADER_BYTES,
  SealedFileError,
  isSealed,
  open,
  seal,
  type ScryptParams,
} from '../../electron/crypto/sealed-file';

// Cheap parameters keep the exhaustive tests fast; one test uses the real defaults.
const FAST: ScryptParams = { logN: 10, r: 8, p: 1 };
const PASS = 'correct horse battery staple';
const plain = Buffer.from('Ava Martinez · Medicaid 123456789 · note: used the slant board 😀', 'utf8');

async function refusal(p: Promise<unknown>): Promise<SealedFileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SealedFileError);
    return e as SealedFileError;
  }
  throw new Error('expected the sealed file to be refused');
}

// scrypt at the real cost takes seconds on a loaded 2-core machine: the default 5 s per test is too tight.
describe('sealed files', { timeout: 60_000 }, () => {
  it('round-trips bytes, and the sealed bytes do not contain the plaintext', async () => {
    const sealed = await seal(plain, PASS, FAST);
    expect(isSealed(sealed)).toBe(true);
    // header + ciphertext (as long as the plaintext) + 16-byte tag
    expect(sealed.length).toBe(SEALED_HEADER_BYTES + plain.length + 16);
    expect(sealed.includes(Buffer.from('Martinez'))).toBe(false);
    expect(sealed.includes(Buffer.from('123456789'))).toBe(false);
    expect((await open(sealed, PASS)).equals(plain)).toBe(true);
  });

  it('round-trips an empty buffer and a 1 MiB buffer with the default (OWASP) cost', async () => {
    expect((await open(await seal(Buffer.alloc(0), PASS, FAST), PASS)).length).toBe(0);
    const big = Buffer.alloc(1024 * 1024, 7);
    const sealed = await seal(big, PASS);
    expect(sealed[10]).toBe(DEFAULT_SCRYPT.logN);
    expect((await open(sealed, PASS)).equals(big)).toBe(true);
  }, 60_000);

  it('uses a fresh salt and nonce each time', async () => {
    const a = await seal(plain, PASS, FAST);
    const b = await seal(plain, PASS, FAST);
    expect(a.equals(b)).toBe(false);
  });

  it('normalises the passphrase (é typed composed or decomposed opens the same file)', async () => {
    const sealed = await seal(plain, 'caf\u00e9 au lait', FAST);
    expect((await open(sealed, 'cafe\u0301 au lait')).equals(plain)).toBe(true);
  });

  it('refuses a wrong passphrase with a message that says so', async () => {
    const sealed = await seal(plain, PASS, FAST);
    const err = await refusal(open(sealed, 'Correct horse battery staple'));
    expect(err.code).toBe('wrong_passphrase');
    expect(err.message).toMatch(/passphrase does not open this file/);
  });

  it('refuses an empty passphrase', async () => {
    expect((await refusal(seal(plain, '', FAST))).code).toBe('empty_passphrase');
    const sealed = await seal(plain, PASS, FAST);
    expect((await refusal(open(sealed, ''))).code).toBe('empty_passphrase');
  });

  it('refuses every single flipped byte, anywhere in the file', async () => {
    const sealed = await seal(plain, PASS, FAST);
    const codes = new Set<string>();
    for (let i = 0; i < sealed.length; i++) {
      const bad = Buffer.from(sealed);
      bad[i] = bad[i]! ^ 0x01;
      const err = await refusal(open(bad, PASS));
      codes.add(err.code);
      // A changed byte in the ciphertext or the tag is always reported as a change, never as a wrong passphrase.
      if (i >= SEALED_HEADER_BYTES) expect(err.code, `byte ${i}`).toBe('tampered');
    }
    expect(codes.has('tampered')).toBe(true);
  });

  it('refuses a file cut short at any length, saying it is incomplete once the header is there', async () => {
    const sealed = await seal(plain, PASS, FAST);
    for (let len = 0; len < sealed.length; len++) {
      const err = await refusal(open(sealed.subarray(0, len), PASS));
      if (len < 8) expect(err.code).toBe('not_sealed');
      else expect(err.code, `length ${len}`).toBe('truncated');
    }
    expect((await refusal(open(sealed.subarray(0, sealed.length - 1), PASS))).message).toMatch(/incomplete/);
  });

  it('refuses extra bytes appended to the file', async () => {
    const sealed = await seal(plain, PASS, FAST);
    expect((await refusal(open(Buffer.concat([sealed, Buffer.from([0])]), PASS))).code).toBe('tampered');
  });

  it('refuses other files, newer versions and hostile cost parameters before any heavy work', async () => {
    expect((await refusal(open(Buffer.from('{"format":"caseload"}'), PASS))).code).toBe('not_sealed');
    const sealed = await seal(plain, PASS, FAST);
    const newer = Buffer.from(sealed);
    newer[8] = 2;
    expect((await refusal(open(newer, PASS))).code).toBe('unsupported_version');
    const greedy = Buffer.from(sealed);
    greedy[10] = 40; // N = 2^40 would need terabytes
    expect((await refusal(open(greedy, PASS))).code).toBe('bad_parameters');
    const zeroR = Buffer.from(sealed);
    zeroR[11] = 0;
    expect((await refusal(open(zeroR, PASS))).code).toBe('bad_parameters');
  });
});
