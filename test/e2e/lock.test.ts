import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS } from './harness';

let app: E2EApp;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-18');
  const r = app.handlers.loadSampleCaseload(undefined);
  if (!r.ok) throw new Error(r.error.message);
  await app.start();
});
afterAll(async () => app?.stop());

describe('the app lock', () => {
  it('sets a PIN, locks on demand hiding every student, keeps a session form in progress, unlocks', async () => {
    const p = app.page;
    await app.nav(/^Settings/);
    await p.getByLabel('PIN', { exact: true }).fill('12ab');
    await p.getByRole('button', { name: 'Turn on the lock' }).click();
    await expect
      .poll(() => p.getByRole('alert').first().innerText(), { timeout: 20_000 })
      .toMatch(/PIN is 4 to 12 digits/);
    await p.getByLabel('PIN', { exact: true }).fill('482913');
    await p.getByRole('button', { name: 'Turn on the lock' }).click();
    await p.getByRole('status').filter({ hasText: 'The app lock is on' }).waitFor({ timeout: 20_000 });
    await app.screenshot('60-lock-settings');

    // A session in progress: a note typed but not saved.
    await app.nav(/^Caseload/);
    const name = await p.getByRole('table').getByRole('link').first().innerText();
    await app.nav(/^Log session/);
    const note = p.getByLabel(/^Note/);
    await note.fill('Worked on scissor skills, half done');

    await p.keyboard.press('Control+Shift+L');
    await p.getByRole('heading', { name: 'Caseload is locked' }).waitFor();
    expect(await p.locator('body').innerText()).not.toContain(name);
    expect(await p.locator('body').innerText()).not.toContain('scissor');
    // The backend refuses student data while locked, whatever the page asks.
    const r = app.handlers.listStudents({ status: 'active' });
    expect(!('then' in r) && !r.ok && r.error.code).toBe('forbidden');
    await app.screenshot('61-locked');
    expect(await app.axe()).toEqual([]);

    await p.getByRole('dialog').getByLabel('PIN').fill('000000');
    await p.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => p.getByRole('alert').first().innerText(), { timeout: 20_000 }).toMatch(/not right/);
    await p.getByRole('dialog').getByLabel('PIN').fill('482913');
    await p.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await p.getByRole('heading', { name: 'Caseload is locked' }).waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => note.inputValue()).toBe('Worked on scissor skills, half done');
  });
});
