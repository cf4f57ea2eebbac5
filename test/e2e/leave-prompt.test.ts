import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

// Moving to another screen with unsaved changes asks first, in the app's own dialog: keep as draft
// and leave (the default), discard the changes and leave, or stay (Escape). Saving, then moving on,
// never asks.
let app: E2EApp;
let studentId = 0;
let sessionId = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-02');
  const h = app.handlers;
  const school = call(h.createSchool({ name: 'Lincoln Elementary' }));
  call(h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }));
  studentId = call(h.createStudent({ firstName: 'Ava', lastName: 'Nguyen', schoolId: school.id, grade: '2' })).id;
  const plan = call(h.createPlan({ studentId, startDate: '2026-08-26', endDate: '2027-06-11' }));
  call(
    h.createServiceLine({
      planId: plan.id,
      setting: 'pull_out',
      grouping: 'individual',
      interval: 'week',
      minutes: 30,
      startDate: '2026-08-26',
      endDate: '2027-06-11',
    }),
  );
  sessionId = call(
    h.createSession({
      date: '2026-10-27',
      startTime: '09:00',
      minutes: 30,
      setting: 'pull_out',
      grouping: 'individual',
      note: 'Cutting on a line.',
      students: [{ studentId, code: 'present' }],
    }),
  ).id;
  await app.start();
});
afterAll(async () => app?.stop());

const question = () => app.page.getByRole('dialog', { name: 'Leave this screen?' });
const heading = (name: string) => app.page.getByRole('heading', { name, exact: true, level: 1 });

/** The student page folds its recent sessions: open them (once). */
async function openRecentSessions() {
  const details = app.page
    .locator('details')
    .filter({ has: app.page.locator('summary', { hasText: 'Recent sessions' }) });
  if ((await details.getAttribute('open')) == null) await details.locator('summary').click();
}

/** Ava's page, then her session on cutting opened for editing: the form's note field. */
async function editSession() {
  const p = app.page;
  await app.nav(/^Caseload/);
  await p
    .getByRole('link', { name: /Nguyen/ })
    .first()
    .click();
  await p.getByRole('heading', { name: /Ava/, level: 1 }).waitFor();
  await openRecentSessions();
  await p.getByRole('row').filter({ hasText: 'Cutting on' }).getByRole('button', { name: 'Edit', exact: true }).click();
  await heading('Edit session').waitFor();
  return p.getByLabel('Note');
}

/** A half-filled session form: Ava added, a note typed. */
async function halfFill(note: string) {
  const p = app.page;
  await app.nav(/^Log session/);
  const picker = p.getByLabel('Students (type a name, Enter to add)');
  await picker.waitFor();
  await picker.fill('Ava');
  await p.getByRole('option', { name: /Ava/ }).waitFor();
  await picker.press('Enter');
  await p.getByRole('group', { name: /^Ava/ }).waitFor();
  await p.getByLabel('Note').fill(note);
}

describe('leaving a screen with unsaved changes', () => {
  it('asks; Stay and Escape keep the text; Keep as draft leaves with the draft; Discard leaves it empty', async () => {
    const p = app.page;
    await app.go('/');
    await heading('Caseload').waitFor();
    await halfFill('Worked on the tripod grasp.');

    // A sidebar link: the question, focus on its first button.
    await app.nav(/^Compliance/);
    await question().waitFor();
    expect(await question().textContent()).toContain('The session form has changes that are not saved.');
    expect(await p.evaluate<string | null | undefined>('document.activeElement?.textContent')).toBe(
      'Keep as draft and leave',
    );
    await app.screenshot('leave-prompt-1280');

    // Stay: still on the form, with the text.
    await question().getByRole('button', { name: 'Stay' }).click();
    await question().waitFor({ state: 'hidden' });
    expect(await heading('Log a session').isVisible()).toBe(true);
    expect(p.url()).toMatch(/#\/log$/);
    expect(await p.getByLabel('Note').inputValue()).toBe('Worked on the tripod grasp.');

    // A keyboard shortcut asks too; Escape stays.
    await p.getByLabel('Note').focus();
    await p.keyboard.press('Control+2');
    await question().waitFor();
    await p.keyboard.press('Escape');
    await question().waitFor({ state: 'hidden' });
    expect(await heading('Log a session').isVisible()).toBe(true);
    expect(await p.getByLabel('Note').inputValue()).toBe('Worked on the tripod grasp.');

    // Enter keeps the draft and leaves; on return, the draft is back.
    await app.nav(/^Compliance/);
    await question().waitFor();
    await p.keyboard.press('Enter');
    await heading('Compliance').waitFor();
    expect(await question().isVisible()).toBe(false);
    await app.nav(/^Log session/);
    await p.getByRole('group', { name: /^Ava/ }).waitFor();
    expect(await p.getByLabel('Note').inputValue()).toBe('Worked on the tripod grasp.');

    // Back (the history) asks as well: the form is still the restored draft.
    await p.goBack();
    await question().waitFor();
    await question().getByRole('button', { name: 'Stay' }).click();
    await question().waitFor({ state: 'hidden' });
    expect(p.url()).toMatch(/#\/log$/);

    // Discard: leaves, and the form is empty on return.
    await app.nav(/^Makeups owed/);
    await question().getByRole('button', { name: 'Discard changes and leave' }).click();
    await heading('Makeups owed').waitFor();
    await app.nav(/^Log session/);
    await heading('Log a session').waitFor();
    await p.getByLabel('Students (type a name, Enter to add)').waitFor();
    expect(await p.getByLabel('Note').inputValue()).toBe('');
    expect(await p.getByRole('group', { name: /^Ava/ }).count()).toBe(0);
    expect(await p.getByText('Your unsaved draft is back').count()).toBe(0);
    // An untouched form leaves without a question.
    await app.nav(/^Compliance/);
    await heading('Compliance').waitFor();
    expect(await question().isVisible()).toBe(false);
  });

  it('after Save, moving on does not ask (a new session, and an edited one going back)', async () => {
    const p = app.page;
    await halfFill('Lacing cards.');
    await p.getByLabel('Start time').fill('10:00');
    await p.getByRole('button', { name: 'Save session' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved:' }).waitFor();
    await app.nav(/^Compliance/);
    await heading('Compliance').waitFor();
    expect(await question().isVisible()).toBe(false);

    // An existing session opened from the student page, changed and saved: back without a question.
    const note = await editSession();
    await expect.poll(() => note.inputValue()).toBe('Cutting on a line.');
    await note.fill('Cutting on a curved line.');
    await p.getByRole('button', { name: 'Save changes' }).click();
    await p.getByRole('heading', { name: /Ava/, level: 1 }).waitFor();
    expect(await question().isVisible()).toBe(false);
    const s = call(app.handlers.getSession({ id: sessionId }));
    expect(s.note).toBe('Cutting on a curved line.');
  });

  it('an edited session asks by its own name, and the question reads well at 1024 px in the dark', async () => {
    const p = app.page;
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.setViewportSize({ width: 1024, height: 640 });
    const note = await editSession();
    await expect.poll(() => note.inputValue()).toBe('Cutting on a curved line.');
    await note.fill('Cutting on a zigzag line.');
    await app.nav(/^Search/);
    await question().waitFor();
    expect(await question().textContent()).toContain('The session being edited has changes that are not saved.');
    expect(await app.axe()).toEqual([]);
    await app.screenshot('leave-prompt-1024-dark');
    await question().getByRole('button', { name: 'Discard changes and leave' }).click();
    await heading('Search').waitFor();
    // Nothing was written: the saved note stands.
    expect(call(app.handlers.getSession({ id: sessionId })).note).toBe('Cutting on a curved line.');
    await p.emulateMedia({ colorScheme: 'light' });
    await p.setViewportSize({ width: 1280, height: 800 });
  });

  it('a new screen opens at its top, not where the last one was scrolled to', async () => {
    const p = app.page;
    await p.setViewportSize({ width: 1024, height: 640 });
    await app.nav(/^Settings/);
    await heading('Settings').waitFor();
    await p.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    await expect.poll(() => p.evaluate<number>('window.scrollY')).toBeGreaterThan(300);
    await app.nav(/^Backups/);
    await heading('Backups & data').waitFor();
    expect(await p.evaluate<number>('window.scrollY')).toBe(0);
    await p.setViewportSize({ width: 1280, height: 800 });
  });

  it('a dialog with typed text: a shortcut asks over it; Escape answers the question only; Discard drops the draft', async () => {
    const p = app.page;
    await app.nav(/^Caseload/);
    await p
      .getByRole('link', { name: /Nguyen/ })
      .first()
      .click();
    await p.getByRole('heading', { name: /Ava/, level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Add goal', exact: true }).first().click();
    const dialog = p.getByRole('dialog', { name: 'Add goal' });
    await dialog.getByLabel('Goal', { exact: true }).fill('will zip a coat');
    await p.keyboard.press('Control+2');
    await question().waitFor();
    expect(await question().textContent()).toContain('The “Add goal” form has changes that are not saved.');
    // Escape answers the question (stay); the dialog stays open with its text, nothing asked of it.
    await p.keyboard.press('Escape');
    await question().waitFor({ state: 'hidden' });
    expect(await dialog.getByLabel('Goal', { exact: true }).inputValue()).toBe('will zip a coat');
    expect(await p.getByRole('alertdialog').count()).toBe(0);
    // Discard and leave: on return the dialog opens empty.
    await p.keyboard.press('Control+2');
    await question().getByRole('button', { name: 'Discard changes and leave' }).click();
    await heading('Compliance').waitFor();
    await p.goBack();
    await p.getByRole('heading', { name: /Ava/, level: 1 }).waitFor();
    await p.getByRole('button', { name: 'Add goal', exact: true }).first().click();
    expect(await dialog.getByLabel('Goal', { exact: true }).inputValue()).toBe('');
    await p.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
