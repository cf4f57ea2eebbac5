import { describe, expect, it } from 'vitest';
import { exportAll } from '../../electron/db/transfer';
import { TestApp } from '../helpers/db';

describe('the app lock (handlers)', () => {
  it('keeps the secret only as a slow hash, refuses student data while locked, and unlocks with it', async () => {
    const app = new TestApp('2026-11-18');
    app.call('loadSampleCaseload');
    expect(app.call('getLockState')).toEqual({ configured: false, kind: null, locked: false, idleMinutes: 10 });
    expect(app.fail('lockNow', undefined).message).toMatch(/Set a PIN or passphrase/);

    expect((await app.failAsync('setLockSecret', { kind: 'pin', secret: '12' })).field).toBe('secret');
    expect((await app.failAsync('setLockSecret', { kind: 'passphrase', secret: 'short' })).field).toBe('secret');
    await app.callAsync('setLockSecret', { kind: 'passphrase', secret: 'my long passphrase' });
    const stored = (app.db.prepare("SELECT value FROM settings WHERE key = 'app_lock'").get() as { value: string })
      .value;
    expect(stored).not.toContain('my long passphrase');
    expect(JSON.parse(stored)).toMatchObject({ kind: 'passphrase', logN: 15 });
    // The lock's hash is not handed over with the caseload.
    expect(exportAll(app.db, 'x').tables['settings']!.map((r) => r['key'])).not.toContain('app_lock');

    expect(app.call('lockNow')).toMatchObject({ locked: true });
    expect(app.fail('listStudents', { status: 'active' })).toMatchObject({ code: 'forbidden' });
    expect(app.fail('getStudent', { id: 1 }).code).toBe('forbidden');
    expect(app.call('getLockState').locked).toBe(true);
    const wrong = await app.failAsync('unlock', { secret: 'My long passphrase' });
    expect(wrong).toMatchObject({ field: 'secret' });
    expect(wrong.message).toMatch(/not right/);
    await app.callAsync('unlock', { secret: 'my long passphrase' });
    expect(app.call('listStudents', { status: 'active' }).length).toBe(40);

    // Changing it needs the current one.
    expect((await app.failAsync('setLockSecret', { kind: 'pin', secret: '4829' })).field).toBe('current');
    await app.callAsync('setLockSecret', { kind: 'pin', secret: '4829', current: 'my long passphrase' });
    expect(app.call('setLockIdle', { idleMinutes: 3 })).toMatchObject({ kind: 'pin', idleMinutes: 3 });
    expect(app.fail('setLockIdle', { idleMinutes: 0 }).field).toBe('idleMinutes');
    app.close();
  });

  it('slows down guessing after 5 wrong tries', async () => {
    const app = new TestApp();
    await app.callAsync('setLockSecret', { kind: 'pin', secret: '4829' });
    app.call('lockNow');
    for (let i = 0; i < 5; i++)
      expect((await app.failAsync('unlock', { secret: '0000' })).message).toMatch(/not right/);
    expect((await app.failAsync('unlock', { secret: '4829' })).message).toMatch(/Wait \d+ seconds/);
    expect(app.call('getLockState').locked).toBe(true);
    app.close();
  });
});
