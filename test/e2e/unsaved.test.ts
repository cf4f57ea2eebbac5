import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS, call } from './harness';

// Closing the window with changes not yet saved asks first (beforeunload), for every form the issue
// names; moving to another screen asks in the app's own question (leave-prompt.test.ts), and keeps
// the draft.
let app: E2EApp;
let studentId = 0;
let periodId = 0;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-02');
  const h = app.handlers;
  const school = call(h.createSchool({ name: 'Lincoln Elementary' }));
  const year = call(
    h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
  );
  periodId = call(
    h.setReportingPeriods({
      schoolYearId: year.id,
      periods: [{ label: 'Quarter 1', startDate: '2026-08-26', endDate: '2026-10-31', dueDate: '2026-11-07' }],
    }),
  ).periods[0]!.id;
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
  call(h.createGoal({ planId: plan.id, area: 'Handwriting', text: 'will copy a sentence', criterion: '80%' }));
  await app.start();
});
afterAll(async () => app?.stop());

/** Whether closing the window now would be held back to ask (the page's beforeunload cancels it). */
const wouldAsk = () =>
  app.page.evaluate<boolean>(`(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  })()`);

describe('closing with unsaved changes', () => {
  it('a half-filled session: closing asks (a real beforeunload dialog), leaving the screen keeps the draft', async () => {
    const p = app.page;
    await app.go('/log');
    const picker = p.getByLabel('Students (type a name, Enter to add)');
    await picker.waitFor();
    expect(await wouldAsk()).toBe(false); // an untouched form closes without a question
    await picker.fill('Ava');
    await p.getByRole('option', { name: /Ava/ }).waitFor();
    await picker.press('Enter');
    await p.getByRole('group', { name: /^Ava/ }).waitFor();
    await p.getByLabel('Note').fill('Worked on the tripod grasp.');
    expect(await wouldAsk()).toBe(true);
    // The window closing (here: reloading) meets the question; "close anyway", and the draft is back.
    const asked: string[] = [];
    p.once('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await p.reload();
    await p.getByRole('group', { name: /^Ava/ }).waitFor();
    expect(asked).toEqual(['beforeunload']);
    expect(await p.getByLabel('Note').inputValue()).toBe('Worked on the tripod grasp.');
    // Another screen and back: the app's own question, "keep as draft", and the draft is there.
    await app.nav(/^Compliance/);
    await app.answerLeave('Keep as draft and leave');
    await p.getByRole('heading', { name: 'Compliance' }).waitFor();
    await app.nav(/^Log session/);
    expect(await p.getByLabel('Note').inputValue()).toBe('Worked on the tripod grasp.');
    await p.getByRole('button', { name: 'Discard the draft' }).click();
    await p.waitForTimeout(200);
    expect(await wouldAsk()).toBe(false);
  });

  it('a report narrative: closing a moment after typing asks, and stores the words', async () => {
    const p = app.page;
    await app.go(`/reports/${periodId}/${studentId}`);
    const narrative = p.getByLabel('Narrative').first();
    await narrative.waitFor();
    expect(await wouldAsk()).toBe(false);
    await narrative.fill('Ava copies a short sentence with two reminders.');
    expect(await wouldAsk()).toBe(true); // within the moment before the autosave
    // The close stored the draft: the caseload holds the words.
    await expect
      .poll(() => call(app.handlers.getProgressReport({ studentId, periodId })).goals[0]!.narrative)
      .toBe('Ava copies a short sentence with two reminders.');
    expect(await wouldAsk()).toBe(false);
    // Typing and leaving the page at once: stored as the page is left.
    await narrative.fill('Ava copies a sentence with one reminder.');
    await app.nav(/^Compliance/);
    await p.getByRole('heading', { name: 'Compliance' }).waitFor();
    await expect
      .poll(() => call(app.handlers.getProgressReport({ studentId, periodId })).goals[0]!.narrative)
      .toBe('Ava copies a sentence with one reminder.');
  });

  for (const [form, button, field, value] of [
    ['student', 'Edit student', 'Preferred name', 'Avi'],
    ['IEP', 'Add IEP', 'Meeting date', '2026-08-20'],
    ['service line', 'Add service line', 'Provider role', 'COTA'],
    ['goal', 'Add goal', 'Goal', 'will zip a coat'],
  ] as const) {
    it(`the ${form} dialog: typed text asks on close, a draft kept across screens, none once discarded`, async () => {
      const p = app.page;
      await app.go(`/students/${studentId}`);
      await p.getByRole('button', { name: button, exact: true }).first().click();
      const dialog = p.getByRole('dialog');
      await dialog.waitFor();
      expect(await wouldAsk()).toBe(false);
      await dialog.getByLabel(field, { exact: true }).fill(value);
      expect(await wouldAsk()).toBe(true);
      // Leaving the screen keeps the draft.
      await app.go('/compliance');
      await p.getByRole('heading', { name: 'Compliance' }).waitFor();
      await app.go(`/students/${studentId}`);
      await p.getByRole('button', { name: button, exact: true }).first().click();
      expect(await p.getByRole('dialog').getByLabel(field, { exact: true }).inputValue()).toBe(value);
      expect(await wouldAsk()).toBe(true);
      await p.keyboard.press('Escape');
      await p.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
      await p.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(await wouldAsk()).toBe(false);
    });
  }
});
