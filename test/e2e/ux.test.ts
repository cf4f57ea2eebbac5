import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS } from './harness';
import { layoutProblems } from './layout-check';

let app: E2EApp;
const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-18');
  ok(app.handlers.loadSampleCaseload(undefined));
  await app.start();
});
afterAll(async () => app?.stop());

const focusedName = () =>
  app.page.evaluate<string>(
    `(() => { const a = document.activeElement; return a ? a.tagName + ':' + (a.getAttribute('name') ?? '') + ':' : ''; })()`,
  );

describe('never lose typed work, keyboard first', () => {
  it('the skip link moves focus to the content and nothing breaks', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Caseload', exact: true }).waitFor();
    await p.keyboard.press('Tab');
    expect(await p.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await p.keyboard.press('Enter');
    // Focus is now inside the content; the route did not change and the sidebar is still there.
    expect(await p.evaluate("!!document.activeElement?.closest('#main')")).toBe(true);
    expect(await p.evaluate('location.hash')).toMatch(/^(#\/?)?$/);
    expect(await p.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    expect(await p.getByText('Unexpected Application Error').count()).toBe(0);
  });

  it('dialogs open on their first field; Escape asks before throwing typed text away', async () => {
    const p = app.page;
    await p.getByRole('button', { name: 'Add student' }).click();
    expect(await focusedName()).toBe('INPUT:firstName:');
    await p.keyboard.press('Escape'); // nothing typed: closes at once
    await p.getByRole('dialog').waitFor({ state: 'hidden' });

    await p.getByRole('table').getByRole('link').first().click();
    await p.getByRole('button', { name: 'Add goal' }).first().click();
    expect(await focusedName()).toBe('SELECT:area:');
    await p.getByLabel('Goal', { exact: true }).fill('Will button a coat independently.');
    await p.keyboard.press('Escape');
    const ask = p.getByRole('alertdialog', { name: 'Discard what you typed?' });
    await ask.waitFor();
    expect(await p.getByRole('dialog').isVisible()).toBe(true);
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await p.getByLabel('Goal', { exact: true }).inputValue()).toBe('Will button a coat independently.');
  });

  it('a dialog draft survives navigation and a restart, until discarded', async () => {
    const p = app.page;
    const studentUrl = p.url();
    // Leave with the dialog open: the draft is kept.
    await p.goto(`${app.url}#/compliance`);
    await p
      .getByRole('heading', { name: /Compliance/ })
      .first()
      .waitFor();
    await p.goto(studentUrl);
    await p.getByRole('button', { name: 'Add goal' }).first().click();
    expect(await p.getByLabel('Goal', { exact: true }).inputValue()).toBe('Will button a coat independently.');
    await app.restartBackend();
    await p.getByRole('button', { name: 'Add goal' }).first().click();
    expect(await p.getByLabel('Goal', { exact: true }).inputValue()).toBe('Will button a coat independently.');
    // Discard explicitly: the next dialog is empty.
    await p.getByRole('button', { name: 'Cancel' }).click();
    await p.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
    await p.getByRole('dialog').waitFor({ state: 'hidden' });
    await p.getByRole('button', { name: 'Add goal' }).first().click();
    expect(await p.getByLabel('Goal', { exact: true }).inputValue()).toBe('');
    await p.keyboard.press('Escape');
    await p.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  it('the ? sheet lists the shortcuts', async () => {
    const p = app.page;
    await p.locator('h1').first().click();
    await p.keyboard.press('?');
    const sheet = p.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await sheet.waitFor();
    expect(await sheet.innerText()).toContain('Log a session');
    await p.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
  });
});

describe('everyday pieces', () => {
  it('the makeups list shows who is owed what since when, and its link logs the makeup with the miss ticked', async () => {
    const p = app.page;
    await p.keyboard.press('Control+9');
    const table = p.getByTestId('makeups');
    await table.waitFor();
    const expected = ok(app.handlers.listCaseloadMakeups({}));
    expect(expected.length).toBeGreaterThan(0);
    const first = expected[0]!;
    const row = table.getByRole('row').nth(1);
    expect(await row.innerText()).toContain(first.name);
    await row.getByRole('link', { name: /Log makeup for/ }).click();
    await p.getByRole('group', { name: new RegExp(`^${first.name}`) }).waitFor();
    const box = p.getByRole('checkbox', { name: new RegExp(`${first.outstanding} min owed`) }).first();
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    await p.getByRole('button', { name: 'Discard the draft' }).count(); // a fresh form, no draft notice needed
  });

  it('search finds students, sessions and notes (Ctrl K)', async () => {
    const p = app.page;
    await app.go('/');
    await p.getByRole('heading', { name: 'Caseload', exact: true }).waitFor();
    await p.keyboard.press('Control+k');
    const box = p.getByLabel('Students, sessions and notes');
    await box.waitFor();
    const student = ok(app.handlers.listStudents({ status: 'active' }))[0]!;
    await box.fill(student.lastName);
    await p.getByRole('heading', { name: /Students \(\d+\)/ }).waitFor();
    await p
      .getByRole('link', { name: new RegExp(student.lastName) })
      .first()
      .waitFor();
    const note = (
      app.db.prepare('SELECT note FROM sessions WHERE note IS NOT NULL LIMIT 1').get() as { note: string } | undefined
    )?.note;
    if (note) {
      const word = note.split(/\s+/).find((w) => w.length > 4) ?? note.slice(0, 5);
      await box.fill(word);
      await p.locator('.note-line').first().waitFor();
      expect((await p.locator('.note-line').first().innerText()).toLowerCase()).toContain(word.toLowerCase());
    }
  });
});

describe('every screen at 1024×640 and 1280×800, light and dark', () => {
  it('no sideways scrolling, no cut-off control, axe clean; screenshots of each', async () => {
    const p = app.page;
    const students = ok(app.handlers.listStudents({ status: 'active' }));
    const sid = students[0]!.id;
    const detail = ok(app.handlers.getStudent({ id: sid }));
    const goalId = detail.plans[0]?.goals[0]?.id;
    const screens: [string, string, RegExp][] = [
      ['caseload', '/', /^Caseload$/],
      ['student', `/students/${sid}`, new RegExp(students[0]!.lastName)],
      ['log', '/log', /Log a session/],
      ['compliance', '/compliance', /Compliance/],
      ['reports', '/reports', /Progress reports/],
      ['records', '/records', /Records/],
      ['schools', '/schools', /Schools/],
      ['data', '/data', /Backups/],
      ['settings', '/settings', /Settings/],
      ['makeups', '/makeups', /Makeups owed/],
      ['search', '/search?q=scissor', /Search/],
      ...(goalId ? ([['goal', `/goals/${goalId}`, /./]] as [string, string, RegExp][]) : []),
      ['agenda', '/agenda', /./],
      ['week', '/week', /Week of/],
      ['check', '/check', /Check my records/],
      ['year-end', '/year-end', /year’s end/],
      ...extraScreens(sid),
    ];
    const problems: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await p.evaluate(`localStorage.setItem('caseload-theme', '${theme}')`);
      await p.reload();
      for (const [w, h] of [
        [1024, 640],
        [1280, 800],
      ] as const) {
        await p.setViewportSize({ width: w, height: h });
        for (const [name, hash, heading] of screens) {
          await app.go(hash);
          await p.locator('h1').filter({ hasText: heading }).first().waitFor();
          await p.waitForTimeout(100);
          expect(await p.evaluate('document.documentElement.dataset.theme')).toBe(theme);
          for (const x of await layoutProblems(p)) problems.push(`${name} ${w} ${theme}: ${x}`);
          await app.screenshot(`ux-${name}-${w}-${theme}`);
          const axe = await app.axe();
          for (const v of axe) problems.push(`${name} ${w} ${theme}: axe ${v.id} ${v.nodes.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    await p.evaluate("localStorage.removeItem('caseload-theme')");
    await p.setViewportSize({ width: 1280, height: 800 });
  }, 400_000);
});

/** The screens reached from a record: a saved session's form and a student's progress report. */
function extraScreens(studentId: number): [string, string, RegExp][] {
  const out: [string, string, RegExp][] = [];
  const session = app.db
    .prepare('SELECT session_id AS id FROM attendance WHERE student_id = ? ORDER BY date DESC LIMIT 1')
    .get(studentId) as { id: number } | undefined;
  if (session) out.push(['session', `/sessions/${session.id}`, /Edit session/]);
  const st = ok(app.handlers.getStudent({ id: studentId }));
  const period = ok(app.handlers.listReportingPeriods(undefined)).find((x) => x.schoolId === st.schoolId);
  if (period) out.push(['report', `/reports/${period.id}/${studentId}`, /: /]);
  return out;
}
