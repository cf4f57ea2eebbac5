import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqlite } from '../../electron/db/cipher';
import { afterAll, describe, expect, it } from 'vitest';

// Default run: 20 kill points; CASELOAD_SLOW=1 (npm run test:slow): 200.
const KILLS = process.env['CASELOAD_SLOW'] ? 200 : 20;
const dir = mkdtempSync(join(tmpdir(), 'caseload-kill-'));
const file = join(dir, 'caseload.sqlite3');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer until it has acknowledged some writes, then SIGKILLs it at a random moment. */
function runAndKill(seed: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../fault/writer.ts'), file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('READY')) {
        armed = true;
        // Somewhere between 5 and 250 ms into the writing.
        setTimeout(() => child.kill('SIGKILL'), 5 + ((seed * 7919) % 245));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') fail(new Error(`writer stopped by itself: ${err.slice(0, 400)}`));
      else done(out.split('\n'));
    });
  });
}

describe('durable writes under SIGKILL', () => {
  it(`keeps every acknowledged write and no half-written session across ${KILLS} kill points`, async () => {
    const acked = new Map<number, number>();
    let rosterRows = 0;
    for (let k = 0; k < KILLS; k++) {
      const lines = await runAndKill(k + 1);
      for (const l of lines) {
        const [kind, a, b] = l.split(' ');
        if (kind === 'SESSION') acked.set(Number(a), Number(b));
        if (kind === 'ROSTER') rosterRows += Number(b);
      }
      const db = openSqlite(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const orphans = db
          .prepare(
            'SELECT count(*) AS n FROM sessions s WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)',
          )
          .get() as { n: number };
        expect(orphans.n).toBe(0);
        const sizes = new Map(
          (
            db.prepare('SELECT session_id AS id, count(*) AS n FROM attendance GROUP BY session_id').all() as {
              id: number;
              n: number;
            }[]
          ).map((r) => [r.id, r.n]),
        );
        for (const [id, n] of acked) expect(sizes.get(id), `session ${id}`).toBe(n);
        // Every session holds its full group: a session is written whole or not at all.
        for (const n of sizes.values()) expect(n).toBe(3);
        const roster = db.prepare("SELECT count(*) AS n FROM students WHERE last_name = 'Roster'").get() as {
          n: number;
        };
        expect(roster.n).toBeGreaterThanOrEqual(rosterRows);
        expect(roster.n % 5).toBe(0);
      } finally {
        db.close();
      }
    }
    expect(acked.size).toBeGreaterThan(KILLS);
    console.log(
      `kill test: ${KILLS} kill points, ${acked.size} acknowledged sessions checked, ${rosterRows} roster rows`,
    );
  }, 600_000);
});
