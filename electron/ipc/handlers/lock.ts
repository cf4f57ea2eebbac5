// The app lock: a PIN or passphrase (kept only as a slow scrypt hash) hides all student data after an
// idle time, on screen lock or sleep, and on demand. While locked, every channel but these refuses.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Output, Parsed } from '../../../shared/api/contract';
import type { LockState } from '../../../shared/api/types-security';
import { type ScryptParams, deriveKeyMaterial } from '../../crypto/sealed-file';
import type { Sqlite } from '../../db/db';
import { AppError } from '../errors';
import type { HandlerContext } from '../handlers';

export const LOCK_CHANNELS = ['getLockState', 'setLockSecret', 'setLockIdle', 'lockNow', 'unlock'] as const;
type LockChannel = (typeof LOCK_CHANNELS)[number];
/** Channels that answer while the app is locked. */
export const OPEN_WHILE_LOCKED = new Set<string>(['getLockState', 'unlock', 'lockNow', 'getStartupNotice']);

export const LOCK_SETTING = 'app_lock';
export const DEFAULT_IDLE_MINUTES = 10;
const SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 };
/** After this many wrong tries, each further try waits longer (5 s, 10 s, … up to a minute). */
const FREE_TRIES = 5;

interface StoredLock {
  kind: 'pin' | 'passphrase' | null;
  salt?: string;
  hash?: string;
  logN?: number;
  r?: number;
  p?: number;
  idleMinutes: number;
}

const runtime = new WeakMap<HandlerContext, { locked: boolean; failures: number; notBefore: number }>();
const stateOf = (ctx: HandlerContext) => {
  let s = runtime.get(ctx);
  if (!s) runtime.set(ctx, (s = { locked: false, failures: 0, notBefore: 0 }));
  return s;
};

export const isLocked = (ctx: HandlerContext) => stateOf(ctx).locked;

/** Locks from the main process (screen lock, sleep); a no-op until a PIN or passphrase is set. */
export function lockApp(ctx: HandlerContext): boolean {
  if (!readLock(ctx.db).kind) return false;
  stateOf(ctx).locked = true;
  return true;
}

function readLock(db: Sqlite): StoredLock {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(LOCK_SETTING) as { value: string } | undefined;
  const base: StoredLock = { kind: null, idleMinutes: DEFAULT_IDLE_MINUTES };
  if (!row) return base;
  try {
    return { ...base, ...(JSON.parse(row.value) as Partial<StoredLock>) };
  } catch {
    return base;
  }
}

function writeLock(db: Sqlite, lock: StoredLock) {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(LOCK_SETTING, JSON.stringify(lock));
}

async function hashSecret(secret: string, salt: Buffer, params: ScryptParams) {
  return (await deriveKeyMaterial(secret, salt, params)).subarray(0, 32);
}

async function matches(lock: StoredLock, secret: string): Promise<boolean> {
  if (!lock.kind || !lock.salt || !lock.hash || !secret) return false;
  const params = { logN: lock.logN ?? SCRYPT.logN, r: lock.r ?? SCRYPT.r, p: lock.p ?? SCRYPT.p };
  const got = await hashSecret(secret, Buffer.from(lock.salt, 'base64'), params);
  const want = Buffer.from(lock.hash, 'base64');
  return want.length === got.length && timingSafeEqual(got, want);
}

const view = (lock: StoredLock, ctx: HandlerContext): LockState => ({
  configured: !!lock.kind,
  kind: lock.kind,
  locked: stateOf(ctx).locked,
  idleMinutes: lock.idleMinutes,
});

type Impl = { [K in LockChannel]: (input: Parsed<K>, ctx: HandlerContext) => Output<K> | Promise<Output<K>> };

export const lockHandlers = {
  getLockState: (_i, ctx) => view(readLock(ctx.db), ctx),
  setLockSecret: async (i, ctx) => {
    const lock = readLock(ctx.db);
    if (lock.kind && !(i.current && (await matches(lock, i.current))))
      throw new AppError('invalid', 'Current: enter your current PIN or passphrase to change it.', 'current');
    const salt = randomBytes(16);
    const hash = await hashSecret(i.secret, salt, SCRYPT);
    const next: StoredLock = {
      ...lock,
      kind: i.kind,
      salt: salt.toString('base64'),
      hash: hash.toString('base64'),
      ...SCRYPT,
    };
    writeLock(ctx.db, next);
    return view(next, ctx);
  },
  setLockIdle: (i, ctx) => {
    const next = { ...readLock(ctx.db), idleMinutes: i.idleMinutes };
    writeLock(ctx.db, next);
    return view(next, ctx);
  },
  lockNow: (_i, ctx) => {
    const lock = readLock(ctx.db);
    if (!lock.kind)
      throw new AppError('invalid', 'Set a PIN or passphrase under Settings → App lock before locking Caseload.');
    stateOf(ctx).locked = true;
    return view(lock, ctx);
  },
  unlock: async (i, ctx) => {
    const s = stateOf(ctx);
    const lock = readLock(ctx.db);
    if (!s.locked) return view(lock, ctx);
    const wait = Math.ceil((s.notBefore - Date.now()) / 1000);
    if (wait > 0)
      throw new AppError('invalid', `Secret: too many wrong tries. Wait ${wait} seconds, then try again.`, 'secret');
    if (!(await matches(lock, i.secret))) {
      s.failures++;
      if (s.failures >= FREE_TRIES) s.notBefore = Date.now() + Math.min(60, 5 * (s.failures - FREE_TRIES + 1)) * 1000;
      throw new AppError(
        'invalid',
        `Secret: that ${lock.kind === 'pin' ? 'PIN' : 'passphrase'} is not right. Try again.`,
        'secret',
      );
    }
    s.locked = false;
    s.failures = 0;
    s.notBefore = 0;
    return view(lock, ctx);
  },
} satisfies Impl;
