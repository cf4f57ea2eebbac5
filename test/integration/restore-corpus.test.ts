import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../electron/db/backup';
import { openSqlite } from '../../electron/db/cipher';
import { LATEST_VERSION } from '../../electron/db/db';
import { CaseloadStore } from '../../electron/db/store';
import { createHandlers, type Handlers } from '../../electron/ipc/handlers';

// The hostile restore corpus: 200+ backups that are cut short, empty, foreign, from a newer app or
// bit-flipped. Each is refused with a plain message and nothing changed, or restored exactly.

let dir: string;
let store: CaseloadStore;
let h: Handlers;
let good: string; // a sound backup of the sample caseload
let goodSnapshot: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-corpus-'));
  const file = join(dir, 'caseload.sqlite3');
  store = await CaseloadStore.open(file, join(dir, 'backups'));
  h = createHandlers({ db: store.db, store, dataPath: file, today: () => '2026-11-18' });
  const r = h.loadSampleCaseload(undefined);
  if (!r.ok) throw new Error(r.error.message);
  const b = await store.backup('manual');
  good = join(dir, 'good.sqlite3');
  copyFileSync(b.path, good);
  goodSnapshot = snapshotOf(store.db);
  // From here on the live caseload differs from the backup, so a wrong restore shows.
  store.db.prepare("UPDATE students SET grade = 'K' WHERE id = 1").run();
}, 120_000);
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function snapshotOf(db: CaseloadStore['db']): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return JSON.stringify(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}" ORDER BY rowid`).all()]));
}

let n = 0;
/** Puts the candidate in the backups folder under a valid name, restores it, and checks the outcome. */
async function tryRestore(bytes: Buffer, withHashOf: Buffer | null): Promise<'refused' | 'restored'> {
  n++;
  const name = `caseload-20200101-0000${String(n % 100).padStart(2, '0')}${String(n).padStart(3, '0')}-manual.sqlite3`;
  const path = join(dir, 'backups', name);
  writeFileSync(path, bytes);
  if (withHashOf) {
    const tmp = join(dir, 'hash-src');
    writeFileSync(tmp, withHashOf);
    writeFileSync(`${path}.sha256`, `${sha256File(tmp)}  ${name}\n`);
  }
  const before = snapshotOf(store.db);
  const r = await h.restoreBackup({ name });
  rmSync(path, { force: true });
  rmSync(`${path}.sha256`, { force: true });
  if (!r.ok) {
    expect(r.error.message, `candidate ${n}`).toMatch(/cannot be restored|could not be opened once in place/);
    expect(r.error.message).not.toMatch(/internal|restart/i);
    expect(snapshotOf(store.db), `candidate ${n} changed the caseload`).toBe(before);
    return 'refused';
  }
  // Restored: it must be exactly the sound backup (the restore adds one audit row), then undo it.
  const after = JSON.parse(snapshotOf(store.db)) as [string, unknown[]][];
  const want = JSON.parse(goodSnapshot) as [string, unknown[]][];
  for (const [t, rows] of want) {
    const got = after.find(([name2]) => name2 === t)![1];
    expect(t === 'audit_log' ? got.slice(0, rows.length) : got, `candidate ${n}: ${t}`).toEqual(rows);
  }
  const undo = await h.restoreBackup({ name: r.value.undo.name });
  expect(undo.ok).toBe(true);
  return 'restored';
}

function withVersion(version: number): Buffer {
  const tmp = join(dir, `v${version}.sqlite3`);
  copyFileSync(good, tmp);
  const db = openSqlite(tmp);
  db.pragma(`user_version = ${version}`);
  db.close();
  return readFileSync(tmp);
}

function foreignDb(i: number): Buffer {
  const tmp = join(dir, `foreign-${i}.sqlite3`);
  rmSync(tmp, { force: true });
  const db = openSqlite(tmp, { key: i % 2 ? null : undefined });
  if (i % 3 !== 0)
    db.exec(`CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT); PRAGMA user_version = ${i % 4}`);
  db.close();
  return readFileSync(tmp);
}

/** A tiny deterministic PRNG, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('restoring hostile backups', () => {
  it('refuses 200+ corrupted backups with a plain message and no change, or restores them exactly', async () => {
    const bytes = readFileSync(good);
    const tally = { refused: 0, restored: 0 };
    const count = (o: 'refused' | 'restored') => tally[o]++;

    // Zero-length, and cut short at 40 lengths (with and without the checksum beside it).
    count(await tryRestore(Buffer.alloc(0), null));
    for (let i = 0; i < 40; i++) {
      const len = Math.floor((bytes.length * (i + 0.5)) / 40);
      count(await tryRestore(bytes.subarray(0, len), i % 2 ? bytes : null));
    }
    // Empty and foreign databases (another app's, plaintext or with our key).
    for (let i = 0; i < 12; i++) count(await tryRestore(foreignDb(i), null));
    // From a newer Caseload, and with no data version at all.
    for (const v of [LATEST_VERSION + 1, LATEST_VERSION + 50, 0]) count(await tryRestore(withVersion(v), null));
    // 160 single-bit flips: half caught by the checksum, half left to the key's page check and integrity check.
    const rand = rng(20261118);
    for (let i = 0; i < 160; i++) {
      const flipped = Buffer.from(bytes);
      const at = Math.floor(rand() * flipped.length);
      flipped[at] = flipped[at]! ^ (1 << Math.floor(rand() * 8));
      count(await tryRestore(flipped, i % 2 ? bytes : null));
    }
    expect(n).toBeGreaterThanOrEqual(200);
    // The sound backup itself still restores.
    expect(await tryRestore(bytes, bytes)).toBe('restored');
    console.log(`restore corpus: ${n} candidates, ${tally.refused} refused, ${tally.restored} restored exactly`);
    expect(tally.refused).toBeGreaterThan(190);
  }, 600_000);

  it('a truncated checksum-less file is refused as damaged; a newer one says so', async () => {
    const name = 'caseload-20200102-000000000-manual.sqlite3';
    const path = join(dir, 'backups', name);
    copyFileSync(good, path);
    truncateSync(path, 5000);
    const r = await h.restoreBackup({ name });
    expect(!r.ok && r.error.message).toMatch(/damaged|not a Caseload backup|another key/);
    writeFileSync(path, withVersion(LATEST_VERSION + 1));
    const r2 = await h.restoreBackup({ name });
    expect(!r2.ok && r2.error.message).toMatch(/newer version of Caseload/);
    rmSync(path);
  });
});
