// Encryption at rest beside no encryption, on the same caseload: open, log a session, caseload compliance.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptPlaintextDatabase, newDatabaseKey } from '../electron/db/cipher';
import { closeDatabase, openDatabase } from '../electron/db/db';
import { generateCaseload, usSchoolYear } from '../electron/db/sample';
import { time, timeAfter } from './timing';
import { createHandlers } from '../electron/ipc/handlers';

const TODAY = '2026-11-18';

function figures(file: string, key: Buffer | null, years: number) {
  const open = time(30, () => closeDatabase(openDatabase(file, { key })));
  const db = openDatabase(file, { key });
  const h = createHandlers({ db, dataPath: file, today: () => TODAY });
  const year = usSchoolYear(years > 1 ? 2025 : 2026);
  // From scratch each run: a write to the schools makes every student's figures be worked out again.
  const touch = db.prepare('UPDATE schools SET name = name WHERE id = (SELECT min(id) FROM schools)');
  const compliance = timeAfter(
    15,
    () => touch.run(),
    () => {
      const r = h.caseloadCompliance({ from: year.firstDay, to: year.lastDay });
      if (!r.ok) throw new Error(r.error.message);
    },
  );
  const group = (
    db.prepare('SELECT id FROM students WHERE school_id = (SELECT min(id) FROM schools) LIMIT 4').all() as {
      id: number;
    }[]
  ).map((r) => r.id);
  const days = (
    db
      .prepare('SELECT DISTINCT date FROM attendance WHERE date BETWEEN ? AND ? ORDER BY date')
      .all(year.firstDay, TODAY) as {
      date: string;
    }[]
  ).map((r) => r.date);
  const log = time(40, (i) => {
    const r = h.createSession({
      date: days[(i + 1) % days.length],
      startTime: '06:30', // before the generated school day
      minutes: 30,
      setting: 'pull_out',
      grouping: 'group',
      students: group.map((studentId, k) => ({ studentId, code: k === 3 ? 'student_absent' : 'present' })),
    });
    if (!r.ok) throw new Error(r.error.message);
  });
  closeDatabase(db);
  return { open, log, compliance };
}

export function benchEncryption(
  report: (o: Record<string, unknown>) => void,
  sizes: { size: string; students: number; schools: number; years: number }[],
) {
  for (const cfg of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'caseload-bench-enc-'));
    const plain = join(dir, 'plain.sqlite3');
    const enc = join(dir, 'encrypted.sqlite3');
    const db = openDatabase(plain, { key: null });
    generateCaseload(db, { today: TODAY, schools: cfg.schools, students: cfg.students, years: cfg.years, seed: 1 });
    closeDatabase(db);
    copyFileSync(plain, enc);
    const key = newDatabaseKey();
    encryptPlaintextDatabase(enc, key);
    const off = figures(plain, null, cfg.years);
    const on = figures(enc, key, cfg.years);
    for (const f of ['open', 'log', 'compliance'] as const) {
      report({
        size: cfg.size,
        figure: `encryption:${f === 'open' ? 'openDatabase' : f === 'log' ? 'logGroupSession(4 students)' : 'caseloadCompliance(school year)'}`,
        offMs: +off[f].toFixed(2),
        onMs: +on[f].toFixed(2),
        ratio: +(on[f] / off[f]).toFixed(2),
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
