import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyStoreError, type SecretStore, hasSecretStore, loadDatabaseKey } from '../../electron/crypto/key-store';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caseload-key-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for safeStorage: reversible, but never stores the plain text as it is. */
function fakeStore(backend = 'gnome_libsecret', available = true): SecretStore & { calls: number } {
  const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    calls: 0,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (s) => flip(Buffer.from(`sealed:${s}`)),
    decryptStringAsync: async (b) => {
      const s = flip(b).toString();
      if (!s.startsWith('sealed:')) throw new Error('cannot decrypt');
      return { result: s.slice(7) };
    },
    getSelectedStorageBackend: () => backend,
  };
}

const FAST = { logN: 10, r: 8, p: 1 };
const answers = (...list: (string | null)[]) => {
  const asked: { mode: string; problem?: string }[] = [];
  return { asked, ask: async (r: { mode: string; problem?: string }) => (asked.push(r), list.shift() ?? null) };
};

describe('the database key store', () => {
  it('makes a random key kept by the OS secret store, owner-only, and reads the same key back', async () => {
    const keyFile = join(dir, 'caseload.key');
    const secrets = fakeStore();
    const p = answers();
    const key = await loadDatabaseKey({
      keyFile,
      dataExists: false,
      secrets,
      platform: 'darwin',
      askPassphrase: p.ask,
    });
    expect(key.length).toBe(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8')).not.toContain(key.toString('hex'));
    const again = await loadDatabaseKey({
      keyFile,
      dataExists: true,
      secrets,
      platform: 'darwin',
      askPassphrase: p.ask,
    });
    expect(again.equals(key)).toBe(true);
    expect(p.asked).toEqual([]); // never asked for a passphrase
  });

  it("treats Linux's basic_text store as no store, and derives the key from a passphrase instead", async () => {
    expect(await hasSecretStore(fakeStore('basic_text'), 'linux')).toBe(false);
    expect(await hasSecretStore(fakeStore('kwallet6'), 'linux')).toBe(true);
    expect(await hasSecretStore(fakeStore('basic_text', false), 'win32')).toBe(false);
    const keyFile = join(dir, 'caseload.key');
    const secrets = fakeStore('basic_text');
    const first = answers('short', 'a good long passphrase');
    const key = await loadDatabaseKey({
      keyFile,
      dataExists: false,
      secrets,
      platform: 'linux',
      askPassphrase: first.ask,
      scrypt: FAST,
    });
    expect(first.asked).toEqual([
      { mode: 'create', problem: undefined },
      { mode: 'create', problem: 'Use at least 8 characters.' },
    ]);
    const stored = readFileSync(keyFile, 'utf8');
    expect(JSON.parse(stored)).toMatchObject({ kind: 'passphrase', kdf: 'scrypt', logN: 10 });
    expect(stored).not.toContain(key.toString('hex'));
    expect(stored).not.toContain(key.toString('base64'));

    const next = answers('wrong passphrase', 'a good long passphrase');
    const again = await loadDatabaseKey({
      keyFile,
      dataExists: true,
      secrets,
      platform: 'linux',
      askPassphrase: next.ask,
    });
    expect(again.equals(key)).toBe(true);
    expect(next.asked[1]!.problem).toMatch(/does not unlock/);
  });

  it('gives up after repeated wrong passphrases, or when the person cancels', async () => {
    const keyFile = join(dir, 'caseload.key');
    const secrets = fakeStore('basic_text');
    await loadDatabaseKey({
      keyFile,
      dataExists: false,
      secrets,
      platform: 'linux',
      askPassphrase: answers('a good long passphrase').ask,
      scrypt: FAST,
    });
    await expect(
      loadDatabaseKey({
        keyFile,
        dataExists: true,
        secrets,
        platform: 'linux',
        askPassphrase: answers('x', 'y', 'z').ask,
        attempts: 3,
      }),
    ).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await expect(
      loadDatabaseKey({ keyFile, dataExists: true, secrets, platform: 'linux', askPassphrase: answers(null).ask }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses clearly when the key file is missing for an existing caseload, or cannot be unlocked', async () => {
    const keyFile = join(dir, 'caseload.key');
    const err = await loadDatabaseKey({
      keyFile,
      dataExists: true,
      secrets: fakeStore(),
      platform: 'win32',
      askPassphrase: answers().ask,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyStoreError);
    expect((err as KeyStoreError).message).toMatch(/key file .* is missing/);
    await loadDatabaseKey({
      keyFile,
      dataExists: false,
      secrets: fakeStore(),
      platform: 'win32',
      askPassphrase: answers().ask,
    });
    // Copied to another machine: its secret store cannot decrypt the key.
    const other: SecretStore = { ...fakeStore(), decryptStringAsync: async () => Promise.reject(new Error('no')) };
    await expect(
      loadDatabaseKey({ keyFile, dataExists: true, secrets: other, platform: 'win32', askPassphrase: answers().ask }),
    ).rejects.toThrow(/could not unlock/);
    await expect(
      loadDatabaseKey({
        keyFile,
        dataExists: true,
        secrets: fakeStore('x', false),
        platform: 'win32',
        askPassphrase: answers().ask,
      }),
    ).rejects.toMatchObject({ code: 'store_unavailable' });
  });
});
