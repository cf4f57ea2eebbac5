// Item 4 of issue 10: every printable escapes every field; export file names are unique and
// length-safe; the main process writes only into a folder the person chose in its own dialog.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseloadCompliance } from '../../electron/db/queries/minutes';
import { medicaidClaims } from '../../electron/db/queries/medicaid';
import * as reports from '../../electron/db/queries/reports';
import { weekView } from '../../electron/db/queries/schedule';
import { getStudentDetail } from '../../electron/db/queries/students';
import { complianceHtml } from '../../electron/reports/compliance';
import { MAX_NAME_BYTES, safeName, uniquePath, writeNewFile } from '../../electron/reports/files';
import { handoverHtml } from '../../electron/reports/handover';
import { medicaidLogHtml } from '../../electron/reports/medicaid-log';
import { progressReportHtml } from '../../electron/reports/progress-report';
import { serviceLogHtml } from '../../electron/reports/service-log';
import type { ReportShell } from '../../electron/reports/shell';
import { weekHtml } from '../../electron/reports/week';
import { yearSummaryHtml } from '../../electron/reports/year-summary';
import { yearSummary } from '../../electron/db/queries/year-summary';
import { TestApp } from '../helpers/db';

const TAG = '<img src=x onerror=alert(1)>';
const HOSTILE = `${TAG}ZZ</td><script>alert(2)</script>`;

/** No tag from the data is live in the document, and the data did reach it (escaped). */
function expectInert(html: string, what: string) {
  expect(html, what).not.toContain('<img');
  expect(html, what).not.toContain('ZZ</td>');
  expect(html, what).not.toMatch(/<script/i);
  expect(html, what).toContain('&lt;img src=x onerror=alert(1)&gt;');
}

/** Every string anywhere in a view gets the hostile text (dates, times, codes and labels too). */
function poison<T>(value: T): T {
  if (typeof value === 'string') return `${value}${HOSTILE}` as T;
  if (Array.isArray(value)) return value.map(poison) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v)])) as T;
  return value;
}

let app: TestApp;
let dir: string;
const printed: string[] = [];
/** A desktop shell that saves into the test folder and keeps each printed document's HTML. */
const shell: ReportShell = {
  chooseFolder: async () => dir,
  chooseSavePath: async (name) => join(dir, name),
  chooseOpenPath: async () => null,
  htmlToPdf: async (html) => {
    printed.push(html);
    return Buffer.from('%PDF-1.4 test\n');
  },
  printHtml: async (html) => {
    printed.push(html);
    return true;
  },
};

beforeEach(() => {
  app = new TestApp('2026-10-14');
  app.shell = shell;
  app.restart();
  dir = join(app.dir, 'exports');
  mkdirSync(dir);
  printed.length = 0;
  app.call('loadSampleCaseload', undefined);
});
afterEach(() => app.close());

/** A student with goals in a reporting period of their school (the first one the sample has). */
const hasGoals = (studentId: number, periodId: number) => {
  const r = app.handlers.getProgressReport({ studentId, periodId });
  return r.ok && r.value.goals.length > 0;
};
const firstStudentWithGoals = () => {
  const list = app.call('listStudents', { status: 'active' });
  for (const p of app.call('listReportingPeriods', undefined))
    for (const st of list) if (hasGoals(st.id, p.id)) return { studentId: st.id, periodId: p.id };
  throw new Error('the sample caseload has no student with goals');
};

describe('every printable escapes every field', () => {
  it('names, notes, goals, schools and provider holding a tag are printed as text through the real handlers', async () => {
    const db = app.db;
    db.exec(`
      UPDATE students SET first_name = first_name || '${HOSTILE}', last_name = last_name || '${HOSTILE}',
        teacher = '${HOSTILE}', district_student_id = 'D1${HOSTILE}', medicaid_id = coalesce(medicaid_id, 'M') || '${HOSTILE}',
        grade = grade || '${HOSTILE}';
      UPDATE schools SET name = name || '${HOSTILE}';
      UPDATE goals SET area = area || '${HOSTILE}', text = text || '${HOSTILE}', criterion = '${HOSTILE}', baseline = '${HOSTILE}';
      UPDATE sessions SET note = '${HOSTILE}';
      UPDATE attendance SET note = '${HOSTILE}';
      UPDATE reporting_periods SET label = label || '${HOSTILE}';
      UPDATE slots SET label = '${HOSTILE}';
    `);
    for (const key of ['providerName', 'credentials', 'district', 'providerAgency'])
      db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(key, JSON.stringify(HOSTILE));
    const { studentId, periodId } = firstStudentWithGoals();
    const { folder } = await app.callAsync('chooseExportFolder');
    const calls: [string, () => Promise<unknown>][] = [
      [
        'service log',
        () => app.callAsync('exportServiceLog', { studentId, from: '2026-08-01', to: '2026-10-14', format: 'pdf' }),
      ],
      ['handover', () => app.callAsync('exportStudentHandover', { id: studentId })],
      ['progress report', () => app.callAsync('exportProgressReportPdf', { studentId, periodId, folder: folder! })],
      ['progress report saved', () => app.callAsync('saveProgressReportPdf', { studentId, periodId })],
      ['progress report printed', () => app.callAsync('printProgressReport', { studentId, periodId })],
      [
        'combined reports',
        () => app.callAsync('exportCombinedProgressPdf', { periodId, folder: folder!, studentIds: [studentId] }),
      ],
      ['compliance', () => app.callAsync('exportCompliance', { from: '2026-08-26', to: '2026-10-14', format: 'pdf' })],
      ['week', () => app.callAsync('exportWeekPdf', { date: '2026-10-12' })],
      ['Medicaid log', () => app.callAsync('exportMedicaidLog', { month: '2026-09', format: 'pdf' })],
      [
        'year summary',
        () => app.callAsync('exportYearSummary', { label: app.call('getYearSummary', {}).label, format: 'pdf' }),
      ],
    ];
    for (const [what, run] of calls) {
      printed.length = 0;
      await run();
      expect(printed.length, what).toBe(1);
      expectInert(printed[0]!, what);
    }
  });

  it('a view whose every string (dates and times included) holds a tag prints no live tag in any printable', () => {
    const db = app.db;
    const { studentId, periodId } = firstStudentWithGoals();
    const today = app.today;
    const log = reports.serviceLog(db, studentId, '2026-08-01', today);
    expect(log.rows.length).toBeGreaterThan(0);
    const view = reports.getProgressReport(db, { studentId, periodId }, today);
    const detail = getStudentDetail(db, studentId);
    const provider = { name: 'Jordan Rivera', credentials: 'OTR/L', district: 'Sample USD' };
    const compliance = caseloadCompliance(db, { from: '2026-08-26', to: today }, today);
    const week = weekView(db, '2026-10-12', today);
    const medicaid = medicaidClaims(db, '2026-09');
    const docs: [string, () => string][] = [
      ['service log', () => serviceLogHtml(poison(log))],
      ['handover', () => handoverHtml(poison(detail), poison(log), [poison(view)], poison(today))],
      ['progress report', () => progressReportHtml([poison(view)])],
      [
        'compliance',
        () => complianceHtml(poison({ view: compliance, schoolLabel: 'All schools', provider, preparedOn: today })),
      ],
      ['week', () => weekHtml(poison(week), poison({ therapist: 'Jordan Rivera', school: null }))],
      ['week for a school', () => weekHtml(poison(week), poison({ therapist: '', school: 'Lincoln' }))],
      ['Medicaid log', () => medicaidLogHtml(poison(medicaid))],
      [
        'year summary',
        () => yearSummaryHtml(poison({ summary: yearSummary(db, {}, today), schoolLabel: 'All schools', provider })),
      ],
    ];
    for (const [what, html] of docs) expectInert(html(), what);
  });
});

describe('CSV cells a spreadsheet would run are neutralised (OWASP)', () => {
  it('every text cell that begins with = + - @ tab or CR, multi-line or not, starts with a quote mark', async () => {
    const starts = ['=', '+', '-', '@', '\t', '\r'];
    const texts = starts.flatMap((c) => [`${c}HYPERLINK("http://x")\nsecond line`, `${c}1\r\n=2`]);
    const { studentId } = app.db
      .prepare(
        `SELECT student_id AS studentId FROM attendance WHERE date <= ? GROUP BY student_id ORDER BY count(*) DESC LIMIT 1`,
      )
      .get(app.today) as { studentId: number };
    app.db
      .prepare('UPDATE students SET first_name = ?, last_name = ?, preferred_name = NULL WHERE id = ?')
      .run('=cmd|x', '@SUM(A1)', studentId);
    const ids = app.db
      .prepare('SELECT id FROM attendance WHERE student_id = ? AND date <= ? ORDER BY date')
      .all(studentId, app.today) as {
      id: number;
    }[];
    expect(ids.length).toBeGreaterThanOrEqual(texts.length);
    // The student's own note only (a shared session note would be printed beside it).
    app.db
      .prepare('UPDATE sessions SET note = NULL WHERE id IN (SELECT session_id FROM attendance WHERE student_id = ?)')
      .run(studentId);
    texts.forEach((t, i) => app.db.prepare('UPDATE attendance SET note = ? WHERE id = ?').run(t, ids[i]!.id));
    const r = await app.callAsync('exportServiceLog', {
      studentId,
      from: '2026-08-01',
      to: '2026-10-14',
      format: 'csv',
    });
    const rows = Papa.parse<string[]>(readFileSync(r.file!, 'utf8'), { newline: '\r\n' })
      .data.slice(1)
      .filter((row) => row.length > 1); // the file ends with CRLF
    const cells = rows.flat().filter((c) => c !== '');
    const notes = rows.map((row) => row[12]).filter((n) => n);
    // Each hostile note came back once, behind a quote mark, whole (its second line too).
    for (const t of texts) expect(notes, JSON.stringify(t)).toContain(`'${t}`);
    expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(["'=cmd|x @SUM(A1)"]));
    for (const c of cells) expect(/^[=+\-@\t\r]/.test(c), JSON.stringify(c)).toBe(false);
  });
});

describe('export file names', () => {
  it('are cut by UTF-8 bytes, keep their extension, never split a character, and carry no path', () => {
    const long = `${'Ω😀é'.repeat(100)} - service log.pdf`; // 300 characters, 900 bytes before the suffix
    const name = safeName(long);
    expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect([...name.slice(0, -4)].every((c) => 'Ω😀é'.includes(c))).toBe(true);
    expect(safeName('../../etc/passwd.csv')).toBe('-..-etc-passwd.csv'); // no separator left: one name
    expect(safeName('Ava\u0000 Nguyen\n.pdf')).toBe('Ava Nguyen.pdf');
    expect(safeName('CON.pdf')).toBe('CON file.pdf');
    expect(safeName('Dr. Smith')).toBe('Dr. Smith');
    expect(safeName('...')).toBe('Caseload export');
  });

  it('get " (2)", " (3)" when taken, and a 300-character multibyte name is written whole', () => {
    const folder = join(app.dir, 'names');
    mkdirSync(folder);
    writeFileSync(join(folder, 'Ava Nguyen.pdf'), 'first');
    expect(uniquePath(folder, 'Ava Nguyen.pdf')).toBe(join(folder, 'Ava Nguyen (2).pdf'));
    const a = writeNewFile(folder, 'Ava Nguyen.pdf', 'second');
    const b = writeNewFile(folder, 'Ava Nguyen.pdf', 'third');
    expect([a, b]).toEqual([join(folder, 'Ava Nguyen (2).pdf'), join(folder, 'Ava Nguyen (3).pdf')]);
    expect(readFileSync(join(folder, 'Ava Nguyen.pdf'), 'utf8')).toBe('first');
    const long = writeNewFile(folder, `${'日本語の名前'.repeat(50)}.pdf`, 'long');
    expect(readFileSync(long, 'utf8')).toBe('long');
    const again = writeNewFile(folder, `${'日本語の名前'.repeat(50)}.pdf`, 'long 2');
    expect(again).toMatch(/ \(2\)\.pdf$/);
    expect(readdirSync(folder).some((f) => f.endsWith('.partial'))).toBe(false);
  });

  it('two students with the same name in one batch give two progress report files', async () => {
    const { studentId, periodId } = firstStudentWithGoals();
    const other = app
      .call('listStudents', { status: 'active' })
      .find((s) => s.id !== studentId && hasGoals(s.id, periodId))!;
    app.db
      .prepare(`UPDATE students SET first_name = 'Sam', last_name = 'Lee', preferred_name = NULL WHERE id IN (?, ?)`)
      .run(studentId, other.id);
    const { folder } = await app.callAsync('chooseExportFolder');
    const one = await app.callAsync('exportProgressReportPdf', { studentId, periodId, folder: folder! });
    const two = await app.callAsync('exportProgressReportPdf', { studentId: other.id, periodId, folder: folder! });
    expect(one.file).not.toBe(two.file);
    expect(two.file).toMatch(/Sam Lee - .* \(2\)\.pdf$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('Sam Lee'))).toHaveLength(2);
    // The same report saved again replaces Caseload's own copy of it; a file someone else put there is kept.
    const three = await app.callAsync('exportProgressReportPdf', { studentId, periodId, folder: folder! });
    expect(three.file).toBe(one.file);
    writeFileSync(two.file!, 'not the report any more');
    const four = await app.callAsync('exportProgressReportPdf', { studentId: other.id, periodId, folder: folder! });
    expect(four.file).toMatch(/ \(3\)\.pdf$/);
    expect(readFileSync(two.file!, 'utf8')).toBe('not the report any more');
  });

  it('a student named with 300 multibyte characters exports as a file, not an "internal" error', async () => {
    const { studentId, periodId } = firstStudentWithGoals();
    app.db.prepare('UPDATE students SET last_name = ? WHERE id = ?').run('Ñandú'.repeat(60), studentId);
    const { folder } = await app.callAsync('chooseExportFolder');
    const r = await app.callAsync('exportProgressReportPdf', { studentId, periodId, folder: folder! });
    expect(Buffer.byteLength(r.file!.split('/').pop()!, 'utf8')).toBeLessThanOrEqual(MAX_NAME_BYTES + 8);
    expect(r.file!.endsWith('.pdf')).toBe(true);
    const log = await app.callAsync('exportServiceLog', {
      studentId,
      from: '2026-08-01',
      to: '2026-10-14',
      format: 'csv',
    });
    expect(log.file!.endsWith('.csv')).toBe(true);
  });
});

describe('the main process writes only into a folder chosen in its own dialog', () => {
  it('refuses a folder the page sends that was not chosen, writes nothing, and accepts the chosen one', async () => {
    const { studentId, periodId } = firstStudentWithGoals();
    const elsewhere = join(app.dir, 'elsewhere');
    mkdirSync(elsewhere);
    const before = app.snapshot();
    // Nothing chosen yet: even the export folder itself is refused.
    for (const folder of [dir, elsewhere, '/', '/etc', join(dir, '..'), `${dir}/../elsewhere`]) {
      const e = await app.failAsync('exportProgressReportPdf', { studentId, periodId, folder });
      expect(e.field, folder).toBe('folder');
      expect(e.code === 'forbidden' || /could not save/.test(e.message), folder).toBe(true);
      const c = await app.failAsync('exportCombinedProgressPdf', { periodId, folder, studentIds: [studentId] });
      expect(c.field, folder).toBe('folder');
    }
    const e = await app.failAsync('exportProgressReportPdf', { studentId, periodId, folder: elsewhere });
    expect(e.message).toMatch(/saves only into a folder you choose in its own dialog.*nothing was written/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    expect(app.snapshot()).toBe(before); // no audit entry for a refused export
    const { folder } = await app.callAsync('chooseExportFolder');
    expect(folder).toBe(dir);
    // The chosen folder, however it is spelt, is accepted; its neighbour still is not.
    const ok = await app.callAsync('exportProgressReportPdf', { studentId, periodId, folder: `${dir}/../exports` });
    expect(ok.file!.startsWith(dir)).toBe(true);
    expect((await app.failAsync('exportProgressReportPdf', { studentId, periodId, folder: elsewhere })).code).toBe(
      'forbidden',
    );
    rmSync(elsewhere, { recursive: true });
  });

  it('the folder of a file chosen in a save dialog counts as chosen', async () => {
    const { studentId, periodId } = firstStudentWithGoals();
    await app.callAsync('exportServiceLog', { studentId, from: '2026-08-01', to: '2026-10-14', format: 'csv' });
    const r = await app.callAsync('exportProgressReportPdf', { studentId, periodId, folder: dir });
    expect(r.file!.startsWith(dir)).toBe(true);
  });
});
