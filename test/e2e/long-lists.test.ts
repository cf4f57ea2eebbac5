import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCaseload } from '../../electron/db/sample';
import { E2EApp, SHOTS, call } from './harness';
import { layoutProblems } from './layout-check';

// A caseload of 150 students over two school years: the progress reports list draws only the rows in
// view and finds any student by name, status or school; nothing is out of reach of the keyboard.
let app: E2EApp;
const TODAY = '2026-11-18';
const STUDENTS = 151; // 150 generated, and Zora Quill

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp(TODAY);
  generateCaseload(app.db, { today: TODAY, schools: 3, students: 150, years: 2, seed: 7 });
  // One more student, whose goal has no data this period.
  const school = call(app.handlers.listSchools(undefined))[0]!;
  const st = call(
    app.handlers.createStudent({ firstName: 'Zora', lastName: 'Quill', schoolId: school.id, grade: '2' }),
  );
  const plan = call(app.handlers.createPlan({ studentId: st.id, startDate: '2026-08-01', endDate: '2027-06-30' }));
  call(
    app.handlers.createGoal({
      planId: plan.id,
      area: 'Handwriting',
      text: 'Zora will form letters.',
      measurement: 'trials',
    }),
  );
  await app.start();
});
afterAll(async () => app?.stop());

const dataRows = () => app.page.locator('[data-testid=reports-table] tbody tr:not(.spacer)');

describe('the progress reports of a whole caseload', () => {
  it('draws only the rows in view, and reaches the last one by scrolling', async () => {
    const p = app.page;
    await app.nav(/^Progress reports/);
    await p.getByTestId('reports-table').waitFor();
    const all = call(app.handlers.listReportGroup({ periodIds: currentPeriodIds() }));
    expect(all).toHaveLength(STUDENTS);
    await p
      .getByTestId('reports-count')
      .filter({ hasText: `${STUDENTS} reports` })
      .waitFor();
    const drawn = await dataRows().count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(STUDENTS / 2);
    await p.keyboard.press('End');
    await p.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    const last = all[all.length - 1]!;
    await p
      .getByRole('button', { name: `Write report for ${last.name}` })
      .last()
      .waitFor();
    expect(await dataRows().count()).toBeLessThan(STUDENTS / 2);
    await p.evaluate('window.scrollTo(0, 0)');
  });

  it('finds a student by name, and Enter in the search opens their report', async () => {
    const p = app.page;
    const all = call(app.handlers.listReportGroup({ periodIds: currentPeriodIds() }));
    const target = all[all.length - 2]!; // far down the list: not drawn until asked for
    const search = p.getByLabel('Find a student');
    await search.focus();
    await p.keyboard.type(target.name);
    const same = all.filter((r) => r.name === target.name).length;
    await p
      .getByTestId('reports-count')
      .filter({ hasText: `Showing ${same} of ${STUDENTS}` })
      .waitFor();
    expect(await dataRows().count()).toBe(same);
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: new RegExp(`${target.name}: ${target.periodLabel}`) }).waitFor();
    await p.goBack();
    await p.getByTestId('reports-table').waitFor();
  });

  it('narrows by status and school; a filter that matches nothing says so', async () => {
    const p = app.page;
    await app.go('/reports');
    await p.getByTestId('reports-table').waitFor();
    const all = call(app.handlers.listReportGroup({ periodIds: currentPeriodIds() }));
    const school = all[0]!.schoolName;
    const atSchool = all.filter((r) => r.schoolName === school).length;
    await schoolFilter().selectOption(school);
    await p
      .getByTestId('reports-count')
      .filter({ hasText: `Showing ${atSchool} of ${STUDENTS}` })
      .waitFor();
    expect(await p.getByRole('cell', { name: school }).count()).toBe(Math.min(atSchool, await dataRows().count()));
    // No report of this period is final yet.
    await p.getByLabel('Status').selectOption('final');
    await p.getByText('No reports match. Change the filters.').waitFor();
    expect(await p.getByTestId('reports-table').count()).toBe(0);
    await p.getByLabel('Status').selectOption('new');
    await p
      .getByTestId('reports-count')
      .filter({ hasText: `Showing ${atSchool} of ${STUDENTS}` })
      .waitFor();
    await schoolFilter().selectOption('');
    await p.getByLabel('Status').selectOption('all');
    await p
      .getByTestId('reports-count')
      .filter({ hasText: new RegExp(`^${STUDENTS} reports`) })
      .waitFor();
  });

  it('chooses the school year, then the period; the list follows', async () => {
    const p = app.page;
    const year = p.getByLabel('School year');
    const years = await year.locator('option').allTextContents();
    expect(years).toEqual(['2026-27', '2025-26']);
    await year.selectOption('2025-26');
    // The same period, Quarter 2, at every school of that year.
    await p.waitForURL(/#\/reports\?all=\d+$/);
    const period = p.getByRole('combobox', { name: /^Reporting period/ });
    expect(await period.locator('option:checked').textContent()).toBe('All schools · Quarter 2');
    await p.getByTestId('reports-table').waitFor();
    for (const [w, h] of [
      [1280, 800],
      [1024, 640],
    ] as const) {
      await p.setViewportSize({ width: w, height: h });
      expect(await layoutProblems(p)).toEqual([]);
    }
    await app.screenshot('90-reports-filters-1024');
    await p.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('the report editor, for a goal without data', () => {
  it('says "No data was recorded" once: the drafted narrative says it, no notice repeats it', async () => {
    const p = app.page;
    await app.go('/reports');
    await p.getByLabel('Find a student').fill('Zora Quill');
    await p.getByRole('button', { name: 'Write report for Zora Quill' }).click();
    const narrative = p.getByLabel('Narrative');
    await narrative.waitFor();
    expect(await narrative.inputValue()).toMatch(/^No data was recorded for this goal from /);
    const shown = (await p.locator('main').innerText()).match(/No data was recorded/g) ?? [];
    expect(shown).toHaveLength(0); // innerText leaves out a textarea's value: the notice is not drawn
    // A narrative of the therapist's own words: then the notice says it, once.
    await narrative.fill('Zora was absent for most of the period.');
    await p.getByText('No data was recorded for this goal in this period.').waitFor();
    expect((await p.locator('main').innerText()).match(/No data was recorded/g)).toHaveLength(1);
    await p.getByRole('status').filter({ hasText: 'Draft stored' }).waitFor();
  });
});

describe('a student page of a long record', () => {
  it('leads with the week, the makeups owed and the IEP in effect; the rest is folded and drawn when opened', async () => {
    const p = app.page;
    // A student who owes makeup minutes this school year.
    const owing = call(app.handlers.listStudents({ status: 'active' }))
      .map((st) => ({ st, ov: call(app.handlers.studentOverview({ id: st.id })) }))
      .find(({ ov }) => ov.ledger.some((r) => r.owesMakeup && r.outstanding > 0))!;
    const open = owing.ov.ledger.filter((r) => r.owesMakeup && r.outstanding > 0);
    const detail = call(app.handlers.getStudent({ id: owing.st.id }));
    const ended = detail.plans.filter((x) => x.endDate < TODAY).length;
    expect(ended).toBeGreaterThan(0);
    await app.go(`/students/${owing.st.id}`);
    await p.getByTestId('compliance').first().waitFor();
    await p.getByRole('tab', { name: 'This week', selected: true }).waitFor();
    await p.getByTestId('service-lines').first().waitFor();
    // Every open makeup, with the way to log it.
    const rows = p.getByTestId('open-makeups').locator('tbody tr');
    expect(await rows.count()).toBe(open.length);
    const first = open.sort((a, b) => a.date.localeCompare(b.date))[0]!;
    expect(
      await p
        .getByRole('link', { name: /^Log makeup for/ })
        .first()
        .getAttribute('href'),
    ).toBe(`#/log?student=${owing.st.id}&makeup=${first.attendanceId}`);
    // Ended IEPs, the chart, the ledger, sessions, coverage, enrollment and evaluations are folded:
    // not drawn, not read.
    await p.getByText(`Earlier IEPs (${ended})`).waitFor();
    expect(await p.getByTestId('service-lines').count()).toBe(detail.plans.length - ended);
    for (const gone of ['.recharts-surface', '[data-testid=ledger]', '#sessions-title', '#coverage-title'])
      expect(await p.locator(gone).count()).toBe(0);
    // Opened from the keyboard, the chart is drawn.
    const chart = p.locator('details[data-fold=weekly-chart] > summary');
    await chart.focus();
    await p.keyboard.press('Enter');
    await p.locator('.recharts-surface').first().waitFor();
    // It stays open on the next student's page, and closes again with the keyboard.
    const other = call(app.handlers.listStudents({ status: 'active' })).find((st) => st.id !== owing.st.id)!;
    await app.go(`/students/${other.id}`);
    await p
      .getByRole('heading', { name: new RegExp(other.lastName) })
      .first()
      .waitFor();
    await p.locator('.recharts-surface').first().waitFor();
    await p.locator('details[data-fold=weekly-chart] > summary').focus();
    await p.keyboard.press('Space');
    await expect.poll(() => p.locator('.recharts-surface').count()).toBe(0);
    for (const [w, h] of [
      [1280, 800],
      [1024, 640],
    ] as const) {
      await p.setViewportSize({ width: w, height: h });
      expect(await layoutProblems(p)).toEqual([]);
    }
    await p.setViewportSize({ width: 1280, height: 800 });
    expect(await app.axe()).toEqual([]);
    await app.go(`/students/${owing.st.id}`);
    await p.getByTestId('open-makeups').waitFor();
    await app.screenshot('91-student-page-makeups-owed');
  });
});

const schoolFilter = () => app.page.getByRole('combobox', { name: /^School(?! year)/ });

function currentPeriodIds(): number[] {
  const periods = call(app.handlers.listReportingPeriods(undefined));
  return periods.filter((x) => x.startDate <= TODAY && TODAY <= x.endDate).map((x) => x.id);
}
