import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS } from './harness';

let app: E2EApp;
const ok = <T>(r: unknown): T => {
  const x = r as { ok: boolean; value?: T; error?: { message: string } };
  if (!x.ok) throw new Error(x.error!.message);
  return x.value as T;
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-11-18');
  ok(app.handlers.loadSampleCaseload(undefined));
  ok(app.handlers.updateSettings({ providerName: 'Jordan Rivera', district: 'Sample USD', npi: '1234567893' }));
  await app.start();
});
afterAll(async () => app?.stop());

describe('the district asks for the Medicaid log', () => {
  it('logs a re-evaluation from the keyboard, then the month is billed with units and the reasons for what is not', async () => {
    const p = app.page;
    const students = ok<{ id: number; medicaidId: string | null; firstName: string; lastName: string }[]>(
      app.handlers.listStudents({ status: 'active' }),
    );
    const s = students.find((x) => x.medicaidId)!;
    ok(
      app.handlers.updateStudent({
        ...withoutDerived(ok<{ schoolName: string; plans: unknown }>(app.handlers.getStudent({ id: s.id }))),
        medicaidConsentFrom: '2026-08-01',
      }),
    );
    await app.go(`/students/${s.id}`);
    await p.getByText('Evaluations', { exact: true }).click(); // folded until opened
    await p.getByRole('button', { name: 'Log evaluation' }).click();
    const d = p.getByRole('dialog', { name: 'Log an evaluation' });
    await d.getByLabel('Date').fill('2026-11-16');
    await d.getByLabel('Start time').fill('15:30');
    await d.getByLabel('Minutes').fill('52');
    await d.getByLabel('CPT code').selectOption('97168');
    await d.getByLabel('Note').fill('Triennial re-evaluation');
    await d.getByLabel('Note').press('Tab');
    await p.keyboard.press('Tab'); // Cancel → Save evaluation
    await p.keyboard.press('Enter');
    await p.getByTestId('evaluations').waitFor();
    expect(await p.getByTestId('evaluations').innerText()).toMatch(/15:30–16:22\s+52\s+97168 OT re-evaluation/);
    await p.getByTestId('evaluations').scrollIntoViewIfNeeded();
    await app.screenshot('61-student-evaluations');
    expect(await app.axe()).toEqual([]);

    await app.nav(/^Records/);
    await p.getByLabel('Month').fill('2026-11');
    await p.getByText(/^The \d+ services billed$/).click();
    await p.getByText(/^The \d+ services not billed, and why$/).click();
    const claims = p.getByTestId('medicaid-claims');
    await claims.waitFor();
    expect(await claims.innerText()).toMatch(
      new RegExp(
        `Mon Nov 16 15:30\\s+${s.firstName} ${s.lastName}\\s+${s.medicaidId}\\s+97168 GO\\s+Evaluation\\s+1\\s+52\\s+3`,
      ),
    );
    expect(await p.getByTestId('medicaid-left-out').innerText()).toContain('no Medicaid ID');
    const panel = p.getByRole('region', { name: 'Medicaid log' });
    await p.getByText(/^The \d+ services not billed, and why$/).click(); // closed again, for the picture
    await p.getByText(/^The \d+ services billed$/).click();
    await panel.screenshot({ path: join(SHOTS, '62-records-medicaid-1280.png') });
    await p.setViewportSize({ width: 1024, height: 800 });
    await panel.screenshot({ path: join(SHOTS, '62-records-medicaid-1024.png') });
    await p.setViewportSize({ width: 1280, height: 800 });
    expect(await app.axe()).toEqual([]);

    await p.getByRole('button', { name: 'Save Medicaid log PDF…' }).click();
    await p.getByRole('status').filter({ hasText: 'Medicaid log 2026-11.pdf' }).waitFor();
    const pdf = join(app.exportDir, 'Medicaid log 2026-11.pdf');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Medicaid Service Log: Occupational Therapy');
    expect(text).toContain('I attest that I provided the services listed above');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdf, join(SHOTS, '63-medicaid-sample-pdf')]);
  });
});

function withoutDerived<T extends { schoolName?: unknown; plans?: unknown }>(s: T) {
  const { schoolName: _s, plans: _p, ...rest } = s;
  return rest as Omit<T, 'schoolName' | 'plans'>;
}
