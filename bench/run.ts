// npm run bench: times the minutes engine and session logging on synthetic caseloads.
// Prints one JSON line per figure (median of several runs, in milliseconds).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDatabase, openDatabase } from '../electron/db/db';
import { CaseloadStore } from '../electron/db/store';
import { generateCaseload, usSchoolYear } from '../electron/db/sample';
import { createHandlers } from '../electron/ipc/handlers';
import { getProgressReport, listReportingPeriods } from '../electron/db/queries/reports';
import { progressReportHtml } from '../electron/reports/progress-report';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/helpers/chromium';
import { writeFileSync } from 'node:fs';
import { newDatabaseKey, setDefaultDatabaseKey } from '../electron/db/cipher';
import { benchEncryption } from './encryption';
import { benchSchedule } from './schedule';
import { time, timeAfterBeside } from './timing';
import { uiFigures } from './ui';

const TODAY = '2026-11-18';
const SIZES = [
  { size: 'small', students: 60, schools: 3, years: 1 },
  { size: 'large', students: 500, schools: 10, years: 10 },
];

const report = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
/** One figure timed beside its raw SQL floor (see timeAfterBeside). */
const reportBeside = (
  size: string,
  figure: string,
  r: { ms: number; referenceMs: number; ratio: number },
  extra: Record<string, unknown> = {},
) =>
  report({
    size,
    figure,
    ms: +r.ms.toFixed(2),
    rawSqlFloorMs: +r.referenceMs.toFixed(2),
    ratio: +r.ratio.toFixed(2),
    ...extra,
  });

// The app always runs encrypted, so the figures below are with encryption at rest on.
setDefaultDatabaseKey(newDatabaseKey());

for (const cfg of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'caseload-bench-'));
  const file = join(dir, 'bench.sqlite3');
  let db = openDatabase(file);
  const t0 = performance.now();
  const made = generateCaseload(db, {
    today: TODAY,
    schools: cfg.schools,
    students: cfg.students,
    years: cfg.years,
    seed: 1,
  });
  report({
    size: cfg.size,
    figure: 'generate',
    ms: Math.round(performance.now() - t0),
    ...made,
    bytes: statSync(file).size,
  });
  closeDatabase(db);

  const open = time(10, () => closeDatabase(openDatabase(file)));
  report({ size: cfg.size, figure: 'openDatabase', ms: +open.toFixed(2) });

  db = openDatabase(file);
  const h = createHandlers({ db, dataPath: file, today: () => TODAY });
  // With history, the last complete school year (every day of it owed to date); else the current one.
  const year = usSchoolYear(cfg.years > 1 ? 2025 : 2026);
  const range = { from: year.firstDay, to: year.lastDay };

  // Each student's figures are kept until their attendance (or what they come from) is written. From
  // scratch: after a write to the schools, which makes every student's figures be worked out again.
  const compliance = () => {
    const r = h.caseloadCompliance(range);
    if (!r.ok) throw new Error(r.error.message);
  };
  const touch = db.prepare('UPDATE schools SET name = name WHERE id = (SELECT min(id) FROM schools)');
  // The raw SQL floor: the range's attendance summed per student, setting, grouping and code.
  const floorSql = `SELECT a.student_id, s.setting, s.grouping, a.code, sum(a.minutes) AS minutes
     FROM attendance a JOIN sessions s ON s.id = a.session_id
     WHERE a.date BETWEEN ? AND ? GROUP BY a.student_id, s.setting, s.grouping, a.code`;
  const floorStmt = db.prepare(floorSql);
  const floorRun = () => floorStmt.all(range.from, range.to);
  // Timed beside the floor (each run, then the floor): the ratio is the median of the runs' ratios.
  const caseload = timeAfterBeside(21, () => touch.run(), compliance, floorRun);
  const rowsRead = (
    db.prepare('SELECT count(*) AS n FROM attendance WHERE date BETWEEN ? AND ?').get(range.from, range.to) as {
      n: number;
    }
  ).n;
  reportBeside(cfg.size, 'caseloadCompliance(school year)', caseload, { attendanceRows: rowsRead });

  const students = (db.prepare("SELECT id FROM students WHERE status = 'active'").all() as { id: number }[]).map(
    (r) => r.id,
  );
  const page = time(50, (i) => {
    const id = students[(i + 1) % students.length]!;
    const a = h.getStudent({ id });
    const b = h.studentOverview({ id });
    if (!a.ok || !b.ok) throw new Error('student page failed');
  });
  report({ size: cfg.size, figure: 'studentPage(getStudent+studentOverview)', ms: +page.toFixed(2) });

  // Four classmates of one school, early in the morning on a different day each run, before the
  // generated day starts, so nothing overlaps.
  const group = (
    db.prepare('SELECT id FROM students WHERE school_id = (SELECT min(id) FROM schools) LIMIT 4').all() as {
      id: number;
    }[]
  ).map((r) => r.id);
  const days = (
    db
      .prepare('SELECT DISTINCT date FROM attendance WHERE date BETWEEN ? AND ? ORDER BY date')
      .all(range.from, TODAY) as { date: string }[]
  ).map((r) => r.date);
  /** The four in a 30-minute pull-out group, one of them absent; the new session's id. */
  const logGroup = (date: string, startTime: string): number => {
    const r = h.createSession({
      date,
      startTime,
      minutes: 30,
      setting: 'pull_out',
      grouping: 'group',
      students: group.map((studentId, k) => ({ studentId, code: k === 3 ? 'student_absent' : 'present' })),
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };
  const log = time(40, (i) => logGroup(days[(i + 1) % days.length]!, '06:30'));
  report({ size: cfg.size, figure: 'logGroupSession(4 students)', ms: +log.toFixed(2) });
  // The Friday check as the therapist meets it: right after logging a session (untimed, then deleted).
  const inRange = days.filter((d) => d <= range.to);
  let logged = 0;
  const afterLog = timeAfterBeside(
    21,
    (i) => {
      logged = logGroup(inRange[(i + 41) % inRange.length]!, '06:00');
    },
    compliance,
    floorRun,
    () => {
      const r = h.deleteSession({ id: logged });
      if (!r.ok) throw new Error(r.error.message);
    },
  );
  reportBeside(cfg.size, 'caseloadCompliance(school year, after a session is logged)', afterLog);

  // With nothing kept at all: the first read on a connection just opened (as after starting the app),
  // beside the floor as the first read on another connection just opened.
  let fresh: ReturnType<typeof openDatabase>[] = [];
  const firstRead = timeAfterBeside(
    11,
    () => {
      for (const c of fresh) closeDatabase(c);
      fresh = [openDatabase(file), openDatabase(file)];
    },
    () => {
      const r = createHandlers({ db: fresh[0]!, dataPath: file, today: () => TODAY }).caseloadCompliance(range);
      if (!r.ok) throw new Error(r.error.message);
    },
    () => fresh[1]!.prepare(floorSql).all(range.from, range.to),
  );
  for (const c of fresh) closeDatabase(c);
  reportBeside(cfg.size, 'caseloadCompliance(school year, first read after opening)', firstRead);

  benchSchedule(db, h, cfg, usSchoolYear(2026), TODAY, time, report);

  if (cfg.size === 'small') await batchPdfs(db, dir);
  closeDatabase(db);

  // Backup (VACUUM INTO, encrypted + integrity_check) and restore (undo backup, verify, swap, reopen).
  const store = await CaseloadStore.open(file, join(dir, 'backups'));
  let t1 = performance.now();
  const b = await store.backup('manual');
  const backupMs = performance.now() - t1;
  t1 = performance.now();
  await store.restore(b.name);
  const restoreMs = performance.now() - t1;
  report({
    size: cfg.size,
    figure: 'backupAndRestore',
    backupMs: Math.round(backupMs),
    restoreMs: Math.round(restoreMs),
    bytes: b.bytes,
  });
  store.close();
  rmSync(dir, { recursive: true, force: true });

  // What the therapist waits for, in Chromium, beside the handler figures above
  // (BENCH_UI=0 leaves them out, for a quick look at the handler figures alone).
  if (process.env.BENCH_UI !== '0') for (const row of await uiFigures(cfg, TODAY)) report(row);
}

// Encryption on beside off, on the same caseloads (target: no figure more than 1.5x slower).
benchEncryption(report, SIZES);

/** The batch export of a period's progress reports: HTML build and Chromium PDF printing, timed apart. */
async function batchPdfs(db: ReturnType<typeof openDatabase>, dir: string) {
  const period = listReportingPeriods(db).find((p) => p.label === 'Quarter 1' && p.schoolYear === '2026-27')!;
  const students = (db.prepare("SELECT id FROM students WHERE status = 'active'").all() as { id: number }[]).map(
    (r) => r.id,
  );
  // Periods are per school: each student is reported in their own school's Quarter 1.
  const periodOf = new Map(
    listReportingPeriods(db)
      .filter((p) => p.label === period.label && p.schoolYear === period.schoolYear)
      .map((p) => [p.schoolId, p.id]),
  );
  const schoolOf = db.prepare('SELECT school_id AS s FROM students WHERE id = ?');
  let t = performance.now();
  const htmls = students.slice(0, 60).map((id) => {
    const periodId = periodOf.get((schoolOf.get(id) as { s: number }).s)!;
    return progressReportHtml([getProgressReport(db, { studentId: id, periodId }, TODAY)]);
  });
  const htmlMs = performance.now() - t;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    t = performance.now();
    let bytes = 0;
    for (const [i, html] of htmls.entries()) {
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(dir, `report-${i}.pdf`), pdf);
      bytes += pdf.length;
    }
    const pdfMs = performance.now() - t;
    report({
      size: 'small',
      figure: 'batchProgressReports(60)',
      reports: htmls.length,
      htmlBuildMs: Math.round(htmlMs),
      pdfPrintMs: Math.round(pdfMs),
      totalMs: Math.round(htmlMs + pdfMs),
      pdfBytes: bytes,
    });
  } finally {
    await browser.close();
  }
}
