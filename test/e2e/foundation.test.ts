import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS } from './harness';

let app: E2EApp;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await new E2EApp('2026-10-14').start();
});
afterAll(async () => app?.stop());

describe('first start to a student with an IEP, through the UI, in Chromium', () => {
  it('shows what to do first on an empty app', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Welcome to Caseload' }).waitFor();
    expect(await p.getByRole('button', { name: 'Load the sample caseload' }).isVisible()).toBe(true);
    await app.screenshot('01-first-run');
    expect(await app.axe()).toEqual([]);
  });

  it('sets up a school, a calendar with a holiday, a student, an IEP with two lines and a goal, and finds it all after a restart', async () => {
    const p = app.page;
    await p.getByRole('button', { name: 'Start with my schools' }).click();
    await p.getByLabel('New school').fill('Lincoln Elementary');
    await p.getByLabel('New school').press('Enter');
    await p.getByRole('heading', { name: 'Lincoln Elementary' }).waitFor();
    await p.getByLabel('Label', { exact: true }).fill('2026-27');
    await p.getByLabel('First instructional day').fill('2026-08-26');
    await p.getByLabel('Last instructional day').fill('2027-06-11');
    await p.getByRole('button', { name: 'Add school year' }).click();
    await p.getByText('instructional days').first().waitFor();
    // A bad holiday first: the message names the field and nothing is added.
    await p.getByLabel('From', { exact: true }).fill('2027-07-04');
    await p.getByLabel('Label', { exact: true }).first().fill('Independence Day');
    await p.getByRole('button', { name: 'Add', exact: true }).click();
    await p.getByRole('alert').filter({ hasText: 'must fall inside the school year 2026-27' }).waitFor();
    await p.getByLabel('From', { exact: true }).fill('2026-11-11');
    await p.getByLabel('Label', { exact: true }).first().fill('Veterans Day');
    await p.getByRole('button', { name: 'Add', exact: true }).click();
    await p.getByText('Veterans Day').waitFor();
    await p.getByRole('button', { name: 'Use quarters' }).click();
    await p.getByText('Quarter 4').waitFor();
    // Custom periods: a period that ends before it starts is refused, naming the field.
    await p.getByRole('button', { name: 'Custom…' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Ends').first().fill('2026-08-01');
    await dialog.getByRole('button', { name: 'Save periods' }).click();
    await dialog.getByRole('alert').filter({ hasText: '2026-08-01 is before the start date 2026-08-26' }).waitFor();
    await dialog.getByLabel('Ends').first().fill('2026-11-06');
    await dialog.getByLabel('Label').first().fill('Q1 (fall)');
    await dialog.getByRole('button', { name: 'Save periods' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await p.getByText('Q1 (fall)').waitFor();
    await app.screenshot('02-schools-calendar');
    expect(await app.axe()).toEqual([]);

    await app.nav(/^Caseload/);
    await p.getByRole('button', { name: 'Add student' }).click();
    await p.getByLabel('First name').fill('Ava');
    await p.getByLabel('Last name').fill('Nguyen');
    await p.getByLabel('Date of birth').fill('2018-04-02');
    await p.getByLabel('Grade').fill('2');
    await p.getByRole('button', { name: 'Add student' }).last().click();
    await p.getByRole('heading', { name: /Ava Nguyen/ }).waitFor();

    await p.getByRole('button', { name: 'Add IEP' }).click();
    await p.getByLabel('IEP start date').fill('2026-09-01');
    await p.getByLabel(/IEP end date/).fill('2027-08-31');
    await p.getByRole('button', { name: 'Add IEP' }).last().click();
    await p.getByRole('heading', { name: /IEP Sep 1, 2026/ }).waitFor();
    // A service line outside the IEP is refused with a message naming the field.
    await p.getByRole('button', { name: 'Add service line' }).click();
    await p.getByLabel('Line starts').fill('2026-08-01');
    await p.getByRole('button', { name: 'Add service line' }).last().click();
    await p.getByRole('alert').filter({ hasText: 'Start date: 2026-08-01 is before the IEP starts' }).waitFor();
    expect(await p.getByLabel('Line starts').getAttribute('aria-invalid')).toBe('true');
    await p.getByLabel('Line starts').fill('2026-09-01');
    await p.getByRole('button', { name: 'Add service line' }).last().click();
    await p.getByRole('dialog').waitFor({ state: 'hidden' });
    await p.getByRole('button', { name: 'Add service line' }).click();
    await p.getByLabel('Setting (delivery model)').selectOption('push_in');
    await p.getByLabel('Sessions per interval').fill('1');
    await p.getByLabel('Minutes per session').fill('30');
    await p.getByRole('button', { name: 'Add service line' }).last().click();
    await p.getByRole('dialog').waitFor({ state: 'hidden' });
    await p.getByRole('button', { name: 'Add goal' }).click();
    await p.getByLabel('Area').selectOption('Handwriting');
    await p.getByLabel('Goal', { exact: true }).fill('Ava will copy a 3-sentence passage legibly.');
    await p.getByLabel('Criterion').fill('80% legibility in 4 of 5 trials');
    await p.getByRole('button', { name: 'Add goal' }).last().click();
    await p.getByRole('dialog').waitFor({ state: 'hidden' });

    await app.restartBackend();
    await p.getByRole('heading', { name: /Ava Nguyen/ }).waitFor();
    const lines = await p.getByTestId('service-lines').innerText();
    expect(lines).toContain('Pull-out');
    expect(lines).toContain('2 × 30 min weekly');
    expect(lines).toContain('Push-in');
    expect(lines).toContain('1 × 30 min weekly');
    expect(await p.getByText('Ava will copy a 3-sentence passage legibly.').isVisible()).toBe(true);
    await app.screenshot('03-student-page');
    expect(await app.axe()).toEqual([]);

    await app.nav(/^Caseload/);
    const row = p.getByRole('row', { name: /Ava Nguyen/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Lincoln Elementary\s+2\s+Aug 31, 2027\s+30\s+60\s+0/);
    await app.screenshot('04-caseload');
    expect(await app.axe()).toEqual([]);

    await app.nav(/^Schools/);
    await p.getByText('Veterans Day').waitFor();
    await app.nav(/^Settings/);
    await p.getByLabel('Your name').fill('Jordan Rivera');
    await p.getByRole('button', { name: 'Save settings' }).click();
    await p.getByText('Settings saved.').waitFor();
    await app.screenshot('05-settings');
    expect(await app.axe()).toEqual([]);
  });
});
