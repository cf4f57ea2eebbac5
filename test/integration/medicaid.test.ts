import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ReportShell } from '../../electron/reports/shell';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium';
import { TestApp, seedSchool } from '../helpers/db';

const SHOTS = resolve(__dirname, '../../test-results/screenshots');
let browser: Browser;
let app: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
afterAll(async () => browser?.close());

/** Saves into the test folder and prints PDFs with Chromium, as the app's shell does. */
function shell(dir: () => string): ReportShell {
  return {
    chooseFolder: async () => dir(),
    chooseSavePath: async (name) => join(dir(), name),
    chooseOpenPath: async () => null,
    htmlToPdf: async (html) => {
      const page = await browser.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
      } finally {
        await page.close();
      }
    },
    printHtml: async () => true,
  };
}

/**
 * October 2026 (today Mon Nov 2):
 *   Ava  MC1, consent from 2026-09-01;   Ben MC2, consent from 2026-10-15;   Cal no Medicaid ID;
 *   Dee  MC4, consent 2026-08-01 to 2026-10-20 (withdrawn).
 *   1. Tue Oct 6 09:00  individual pull-out 23 min: Ava
 *   2. Wed Oct 7 10:00  group pull-out 38 min: Ava, Ben, Cal, Dee present (group of 4)
 *   3. Wed Oct 21 09:00 group push-in 30 min: Ava (left early, 22 min), Ben, Dee present
 *   4. Thu Oct 22 09:00 individual pull-out 7 min: Ben
 *   5. Fri Oct 23 09:00 consult 30 min: Ava (indirect: never billed, never listed)
 *   6. Mon Oct 26 13:00 re-evaluation 97168, 52 min: Ben
 *   7. Tue Oct 27 13:00 evaluation 97165, 60 min: Cal
 */
beforeEach(() => {
  app = new TestApp('2026-11-02');
  app.shell = shell(() => app.dir);
  app.restart();
  const { school } = seedSchool(app);
  app.call('updateSettings', {
    providerName: 'Jordan Rivera',
    credentials: 'OTR/L',
    district: 'Sample USD',
    npi: '1234567893',
  });
  const add = (firstName: string, medicaidId: string | null, from: string | null, to: string | null) =>
    app.call('createStudent', {
      firstName,
      lastName: 'Test',
      schoolId: school.id,
      grade: '2',
      dateOfBirth: '2018-04-02',
      medicaidId,
      medicaidConsentFrom: from,
      medicaidConsentTo: to,
    }).id;
  ids['ava'] = add('Ava', 'MC1', '2026-09-01', null);
  ids['ben'] = add('Ben', 'MC2', '2026-10-15', null);
  ids['cal'] = add('Cal', null, null, null);
  ids['dee'] = add('Dee', 'MC4', '2026-08-01', '2026-10-20');
  for (const k of ['ava', 'ben', 'cal', 'dee']) {
    const plan = app.call('createPlan', {
      studentId: ids[k]!,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
      lastEvalDate: '2023-11-20',
      reevalDueDate: '2026-11-20',
    });
    app.call('createServiceLine', {
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 30,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    });
  }
  const session = (
    date: string,
    startTime: string,
    minutes: number,
    setting: 'pull_out' | 'push_in' | 'consult',
    who: [string, number?][],
  ) =>
    app.call('createSession', {
      date,
      startTime,
      minutes,
      setting,
      grouping: who.length > 1 ? 'group' : 'individual',
      students: who.map(([k, m]) => ({ studentId: ids[k]!, code: 'present' as const, ...(m ? { minutes: m } : {}) })),
    });
  session('2026-10-06', '09:00', 23, 'pull_out', [['ava']]);
  session('2026-10-07', '10:00', 38, 'pull_out', [['ava'], ['ben'], ['cal'], ['dee']]);
  session('2026-10-21', '09:00', 30, 'push_in', [['ava', 22], ['ben'], ['dee']]);
  session('2026-10-22', '09:00', 7, 'pull_out', [['ben']]);
  session('2026-10-23', '09:00', 30, 'consult', [['ava']]);
  app.call('createEvaluation', {
    studentId: ids['ben']!,
    date: '2026-10-26',
    startTime: '13:00',
    minutes: 52,
    cptCode: '97168',
    note: 'Triennial re-evaluation',
  });
  app.call('createEvaluation', {
    studentId: ids['cal']!,
    date: '2026-10-27',
    startTime: '13:00',
    minutes: 60,
    cptCode: '97165',
  });
});
afterEach(() => app.close());

const claimsOf = (log: {
  claims: { studentName: string; date: string; units: number; cptCode: string; minutes: number }[];
}) => log.claims.map((c) => `${c.date} ${c.studentName} ${c.cptCode} ${c.minutes}m ${c.units}u`);

describe('the Medicaid log of a month', () => {
  it('bills by the 8-minute rule, leaves out what it must with the reason, and carries the CMS minimum', () => {
    const log = app.call('getMedicaidLog', { month: '2026-10' });
    // Units by hand: 23 = 15 + 8 → 2; 38 = 30 + 8 → 3; 22 = 15 + 7 → 1; 30 → 2; 52 = 45 + 7 → 3.
    expect(claimsOf(log)).toEqual([
      '2026-10-06 Ava Test 97530 23m 2u',
      '2026-10-07 Ava Test 97150 38m 3u',
      '2026-10-07 Dee Test 97150 38m 3u',
      '2026-10-21 Ava Test 97150 22m 1u',
      '2026-10-21 Ben Test 97150 30m 2u',
      '2026-10-26 Ben Test 97168 52m 3u',
    ]);
    // 2 + 3 + 3 + 1 + 2 + 3 = 14 units; 23 + 38 + 38 + 22 + 30 + 52 = 203 minutes.
    expect(log.totals).toEqual({ services: 6, minutes: 203, units: 14 });
    expect(log.leftOut.map((l) => `${l.date} ${l.studentName}: ${l.reason}`)).toEqual([
      "2026-10-07 Ben Test: before the parent's consent to bill (signed 2026-10-15)",
      '2026-10-07 Cal Test: no Medicaid ID',
      "2026-10-21 Dee Test: after the parent's consent to bill ended (2026-10-20)",
      '2026-10-22 Ben Test: 7 minutes is less than one unit (15-minute units need 8 minutes or more)',
      '2026-10-27 Cal Test: no Medicaid ID',
    ]);
    expect(log.claims[1]).toMatchObject({
      medicaidId: 'MC1',
      dateOfBirth: '2018-04-02',
      startTime: '10:00',
      endTime: '10:38',
      groupSize: 4,
      setting: 'pull_out',
      modifiers: 'GO',
      placeOfService: 'Lincoln Elementary',
      placeOfServiceCode: '03',
      providerName: 'Jordan Rivera',
      credentials: 'OTR/L',
      providerNpi: '1234567893',
      providerAgency: 'Sample USD',
    });
    expect(log.claims[5]).toMatchObject({ kind: 'evaluation', setting: 'evaluation', groupSize: 1, endTime: '13:52' });
    expect(log.consentNotOnFile).toEqual([]);
  });

  it('counts units per session or in minutes when Settings say so', () => {
    app.call('updateSettings', { medicaidUnits: 'per_session' });
    const perSession = app.call('getMedicaidLog', { month: '2026-10' });
    // The 7-minute session is a unit now: 7 services, 1 unit each.
    expect(perSession.claims.map((c) => c.units)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(perSession.totals).toEqual({ services: 7, minutes: 210, units: 7 });
    app.call('updateSettings', { medicaidUnits: 'minutes' });
    const minutes = app.call('getMedicaidLog', { month: '2026-10' });
    expect(minutes.claims.map((c) => c.units)).toEqual([23, 38, 38, 22, 30, 7, 52]);
    expect(minutes.totals.units).toBe(210);
    expect(app.fail('updateSettings', { medicaidUnits: 'hours' }).field).toBe('medicaidUnits');
  });

  it('writes the CSV with every column, and the PDF with the attestation, signature line and date', async () => {
    const csvOut = await app.callAsync('exportMedicaidLog', { month: '2026-10', format: 'csv' });
    expect(csvOut.rows).toBe(6);
    const rows = Papa.parse<string[]>(readFileSync(csvOut.file!, 'utf8').trim(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual([
      'Student',
      'Medicaid ID',
      'Date of birth',
      'Date of service',
      'Start',
      'End',
      'Minutes',
      'CPT code',
      'Group size',
      'Setting',
      'Provider',
      'Provider NPI',
      'Units',
      'Modifiers',
      'Place of service',
      'Place of service code',
      'Provider name',
      'Provider credentials',
      'Provider agency',
    ]);
    expect(rows[2]).toEqual([
      'Ava Test',
      'MC1',
      '2018-04-02',
      '2026-10-07',
      '10:00',
      '10:38',
      '38',
      '97150',
      '4',
      'Pull-out',
      'Jordan Rivera, OTR/L',
      '1234567893',
      '3',
      'GO',
      'Lincoln Elementary',
      '03',
      'Jordan Rivera',
      'OTR/L',
      'Sample USD',
    ]);
    expect(rows[6]!.slice(3, 13)).toEqual([
      '2026-10-26',
      '13:00',
      '13:52',
      '52',
      '97168',
      '1',
      'Evaluation',
      'Jordan Rivera, OTR/L',
      '1234567893',
      '3',
    ]);
    expect(rows).toHaveLength(7);

    const pdfOut = await app.callAsync('exportMedicaidLog', { month: '2026-10', format: 'pdf' });
    const text = execFileSync('pdftotext', ['-layout', pdfOut.file!, '-'], { encoding: 'utf8' });
    for (const expected of [
      'Medicaid Service Log: Occupational Therapy',
      'October 2026',
      'Sample USD',
      'Jordan Rivera, OTR/L',
      '1234567893',
      '15-minute units, 8-minute rule',
      'Lincoln Elementary (03)',
      'Not billed (5)',
      "before the parent's consent to bill (signed 2026-10-15)",
      'no Medicaid ID',
      'Attestation',
      'I attest that I provided the services listed above',
      'Signature: Jordan Rivera, OTR/L',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/203 \/ 14/);
    expect(text).toMatch(/Date\s*$/m);
    execFileSync('pdftoppm', ['-png', '-r', '60', pdfOut.file!, join(SHOTS, '60-medicaid-log-pdf')]);

    const audit = app.call('listAudit', {}).filter((a) => a.action === 'exported Medicaid log');
    expect(audit.map((a) => a.detail?.split(' to ')[0])).toEqual(['PDF 2026-10', 'CSV 2026-10']);
  });

  it('the old channels and figures: exportMedicaidCsv keeps its columns first, owed and delivered ignore evaluations', async () => {
    const old = await app.callAsync('exportMedicaidCsv', { month: '2026-10' });
    expect(old.rows).toBe(6);
    const rows = Papa.parse<string[]>(readFileSync(old.file!, 'utf8').trim(), { newline: '\r\n' }).data;
    expect(rows[0]!.slice(0, 12)).toEqual([
      'Student',
      'Medicaid ID',
      'Date of birth',
      'Date of service',
      'Start',
      'End',
      'Minutes',
      'CPT code',
      'Group size',
      'Setting',
      'Provider',
      'Provider NPI',
    ]);
    // Ben: 38 + 30 + 7 delivered in October; the 52-minute re-evaluation is not IEP minutes.
    const ben = app.call('studentMinutes', { studentId: ids['ben']!, from: '2026-10-01', to: '2026-10-31' });
    expect(ben.deliveredTotal).toBe(75);
  });
});

describe('evaluations', () => {
  it('move the re-evaluation deadline, show in the service log, count per week, and refuse bad input', () => {
    const plan = app.call('getStudent', { id: ids['ben']! }).plans[0]!;
    expect([plan.lastEvalDate, plan.reevalDueDate]).toEqual(['2026-10-26', '2029-10-26']);
    const due = app
      .call('listDeadlines')
      .filter((d) => d.kind === 'reevaluation')
      .map((d) => d.name);
    // Ava's and Dee's re-evaluations stay due 2026-11-20 (within 30 days of Nov 2); Ben's (Oct 26) and
    // Cal's (Oct 27) evaluations moved theirs to 2029.
    expect(due.sort()).toEqual(['Ava Test', 'Dee Test']);

    const log = app.call('getServiceLog', { studentId: ids['ben']!, from: '2026-10-01', to: '2026-10-31' });
    expect(log.evaluations).toEqual([
      {
        date: '2026-10-26',
        startTime: '13:00',
        endTime: '13:52',
        minutes: 52,
        cptCode: '97168',
        note: 'Triennial re-evaluation',
      },
    ]);
    expect(log.rows).toHaveLength(3);

    // Week of Mon Oct 26: 52 + 60 minutes, two evaluations.
    expect(app.call('evaluationWeeks', { from: '2026-10-01', to: '2026-10-31' })).toEqual([
      { weekStart: '2026-10-26', minutes: 112, evaluations: 2 },
    ]);

    const snap = app.snapshot();
    const base = { studentId: ids['ava']!, startTime: '08:00', minutes: 45, cptCode: '97166' as const };
    expect(app.fail('createEvaluation', { ...base, date: '2026-11-03' })).toMatchObject({ field: 'date' });
    expect(app.fail('createEvaluation', { ...base, date: '2026-10-06', startTime: '08:30' })).toMatchObject({
      code: 'conflict',
      field: 'startTime',
    });
    expect(app.fail('createEvaluation', { ...base, date: '2026-10-06', cptCode: '97530' }).field).toBe('cptCode');
    expect(app.fail('createEvaluation', { ...base, date: '2026-10-06', minutes: 0 }).field).toBe('minutes');
    expect(app.fail('createEvaluation', { ...base, date: '2026-10-06', studentId: 999 }).code).toBe('not_found');
    expect(app.snapshot()).toBe(snap);

    // Deleting it (a mistake) brings the IEP back to the previous evaluation, when there is one.
    const first = app.call('createEvaluation', {
      ...base,
      studentId: ids['ben']!,
      date: '2026-09-14',
      cptCode: '97166',
    });
    const later = app.call('listEvaluations', { studentId: ids['ben']!, from: '2026-10-01', to: '2026-10-31' })[0]!;
    app.call('deleteEvaluation', { id: later.id });
    const after = app.call('getStudent', { id: ids['ben']! }).plans[0]!;
    expect([after.lastEvalDate, after.reevalDueDate]).toEqual(['2026-09-14', '2029-09-14']);
    expect(first.endTime).toBe('08:45');
    const audit = app.call('listAudit', {}).map((a) => `${a.action}: ${a.subject} ${a.detail}`);
    expect(audit.slice(0, 2)).toEqual([
      'deleted evaluation: Ben Test 97168 on 2026-10-26',
      'logged evaluation: Ben Test 97166 on 2026-09-14',
    ]);
  });

  it('an initial evaluation logged before the first IEP gives that IEP its re-evaluation date', () => {
    const school = app.call('listSchools')[0]!;
    const eve = app.call('createStudent', { firstName: 'Eve', lastName: 'New', schoolId: school.id }).id;
    app.call('createEvaluation', {
      studentId: eve,
      date: '2026-10-28',
      startTime: '14:00',
      minutes: 60,
      cptCode: '97166',
    });
    const plan = app.call('createPlan', { studentId: eve, startDate: '2026-11-02', endDate: '2027-11-01' });
    expect([plan.lastEvalDate, plan.reevalDueDate]).toEqual(['2026-10-28', '2029-10-28']);
    // Dates given on the IEP win.
    const other = app.call('createStudent', { firstName: 'Fay', lastName: 'New', schoolId: school.id }).id;
    app.call('createEvaluation', {
      studentId: other,
      date: '2026-10-29',
      startTime: '14:00',
      minutes: 60,
      cptCode: '97166',
    });
    const given = app.call('createPlan', {
      studentId: other,
      startDate: '2026-11-02',
      endDate: '2027-11-01',
      lastEvalDate: '2025-01-01',
    });
    expect([given.lastEvalDate, given.reevalDueDate]).toEqual(['2025-01-01', null]);
  });

  it('consent dates are kept by an update that leaves them out, and checked', () => {
    const ava = app.call('getStudent', { id: ids['ava']! });
    const { plans: _p, schoolName: _s, medicaidConsentFrom: _f, medicaidConsentTo: _t, ...rest } = ava;
    app.call('updateStudent', { ...rest, grade: '3' });
    expect(app.call('getStudent', { id: ids['ava']! })).toMatchObject({
      grade: '3',
      medicaidConsentFrom: '2026-09-01',
    });
    const bad = app.fail('updateStudent', {
      ...rest,
      medicaidConsentFrom: '2026-09-01',
      medicaidConsentTo: '2026-08-01',
    });
    expect(bad.field).toBe('medicaidConsentTo');
  });
});
