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

describe('something goes wrong: a record deleted by mistake', () => {
  it('backs up, deletes a student, restores the backup from the UI, and the history says what happened', async () => {
    const p = app.page;
    await app.nav(/^Backups/);
    await p.getByRole('button', { name: 'Back up now' }).click();
    await p.getByRole('status').filter({ hasText: 'Backed up and verified' }).waitFor();
    await expect.poll(() => p.getByTestId('backups').innerText()).toMatch(/You backed up\s+\d+ KB\s+40\s+\d+/);

    // Delete a student (with the confirmation), then find them gone.
    await app.nav(/^Caseload/);
    const first = p.getByRole('table').getByRole('link').first();
    const name = await first.innerText();
    await first.click();
    await p.getByRole('button', { name: 'Delete…' }).click();
    await p.getByRole('button', { name: 'Delete student and records' }).click();
    await p.getByRole('heading', { name: 'Caseload', exact: true }).waitFor();
    await expect.poll(() => p.getByRole('table').innerText()).not.toContain(name);

    await app.nav(/^Backups/);
    await p
      .getByRole('button', { name: /^Restore the backup of/ })
      .first()
      .click();
    await p.getByRole('button', { name: 'Restore backup' }).click();
    await p.getByRole('status').filter({ hasText: 'Restored the backup' }).waitFor();
    await expect
      .poll(() => p.getByTestId('backups').innerText())
      .toMatch(/Before a restore \(undo point\)\s+\d+ KB\s+39/);
    await expect.poll(() => p.getByTestId('audit').innerText()).toMatch(/restored backup/);
    await app.screenshot('40-backups');
    expect(await app.axe()).toEqual([]);

    await app.nav(/^Caseload/);
    await expect.poll(() => p.getByRole('table').innerText()).toContain(name);

    // Done looking at the sample: start empty, with the sample kept as a backup.
    await app.nav(/^Backups/);
    await p.getByRole('button', { name: 'Start a new, empty caseload…' }).click();
    await p.getByRole('button', { name: 'Back up and start empty' }).click();
    await p.getByRole('status').filter({ hasText: 'Started a new, empty caseload' }).waitFor();
    await expect
      .poll(() => p.getByTestId('backups').innerText())
      .toMatch(/Before starting a new, empty caseload\s+\d+ KB\s+40/);
    await app.nav(/^Caseload/);
    await p.getByRole('heading', { name: 'Welcome to Caseload' }).waitFor();
  });
});
