import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWeeklyLines } from '../helpers/db';
import { E2EApp, SHOTS, call } from './harness';
import { layoutProblems } from './layout-check';

let app: E2EApp;
const ids: Record<string, number> = {};
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Today is Wed 2026-10-14; Mon 10-12 is a holiday at Lincoln. Lincoln ↔ Oak: 20 min, 6.5 mi.
  app = new E2EApp('2026-10-14');
  const h = app.handlers;
  for (const name of ['Lincoln Elementary', 'Oak Middle']) {
    const school = call(h.createSchool({ name }));
    ids[name] = school.id;
    const year = call(
      h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }),
    );
    if (name === 'Lincoln Elementary')
      call(h.addClosure({ schoolYearId: year.id, startDate: '2026-10-12', label: "Indigenous Peoples' Day" }));
  }
  call(h.setTravel({ schoolA: ids['Lincoln Elementary']!, schoolB: ids['Oak Middle']!, minutes: 20, miles: 6.5 }));
  for (const [first, last, school, setting, minutes] of [
    ['Ava', 'Nguyen', 'Lincoln Elementary', 'pull_out', 60],
    ['Ben', 'Ortiz', 'Lincoln Elementary', 'pull_out', 30],
    ['Cara', 'Lee', 'Oak Middle', 'push_in', 30],
  ] as const) {
    const st = call(h.createStudent({ firstName: first, lastName: last, schoolId: ids[school]!, grade: '3' }));
    ids[first] = st.id;
    seedWeeklyLines(app, st.id, [setting, minutes]);
  }
  const slot = (school: string, startTime: string, endTime: string, setting: string, days: number[], who: string[]) =>
    call(
      h.createSlot({
        schoolId: ids[school]!,
        startTime,
        endTime,
        setting,
        grouping: who.length > 1 ? 'group' : 'individual',
        startDate: '2026-10-12',
        recurrence: { kind: 'weekdays', days },
        studentIds: who.map((w) => ids[w]!),
      }),
    );
  // Lincoln 09:00 pull-out Ava + Ben Mon/Wed; Oak 10:00 push-in Cara Tue/Thu; Lincoln 08:00 pull-out Ben Thu.
  slot('Lincoln Elementary', '09:00', '09:30', 'pull_out', [0, 2], ['Ava', 'Ben']);
  const oak = slot('Oak Middle', '10:00', '10:30', 'push_in', [1, 3], ['Cara']);
  slot('Lincoln Elementary', '08:00', '08:30', 'pull_out', [3], ['Ben']);
  call(h.logOccurrenceAsPlanned({ slotId: oak.id, date: '2026-10-13' }));
  await app.start();
});
afterAll(async () => app?.stop());

describe('workload: a block in the week, the summary, the mileage CSV', () => {
  it('adds an IEP meeting with the keyboard, sees it in the week and the workload, exports the mileage', async () => {
    const p = app.page;
    // The app opens on today's agenda (a school day with sessions planned); then the week.
    await p.getByRole('heading', { name: /Today's agenda/ }).waitFor();
    await app.go('/week?date=2026-10-14');
    // The workload and the mileage are panels of the week, drawn when opened.
    await p.getByRole('button', { name: 'Workload', exact: true }).click();
    const workload = p.getByTestId('workload');
    // Before the block: Tue push-in 30 (log); Wed pull-out 30 (today, planned); Thu Lincoln 08:00 pull-out
    // 30, Oak 10:00 push-in 30, one leg Lincoln→Oak 20 min (6.5 mi). Total 30 + 30 + 60 + 20 = 140.
    await poll(() => workload.innerText()).toMatch(/Total\s+140 min \(2 h 20\)/);
    expect(await workload.innerText()).toMatch(/Travel between schools \(6.5 mi\)\s+20 min/);
    expect(await workload.innerText()).toMatch(/Mon Oct 12–Tue Oct 13 from the log; Wed Oct 14 from the log so far/);

    // Keyboard: focus "Add block…", Enter, then the form's fields.
    await p.getByRole('button', { name: 'Add block…' }).focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: 'Add a block' });
    await dialog.waitFor();
    await dialog.getByLabel('Kind').selectOption('iep_meeting');
    await dialog.getByLabel('School (optional)').selectOption({ label: 'Lincoln Elementary' });
    await dialog.getByLabel('Starts').fill('13:00');
    await dialog.getByLabel('Ends').fill('14:00');
    await dialog.getByLabel('Date').fill('2026-10-15');
    await dialog.getByLabel('Note (optional)').fill('Annual review');
    await app.screenshot('51-block-form');
    await dialog.getByLabel('Note (optional)').press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    const thu = p.getByRole('region', { name: /^Thu 2026-10-15/ });
    await poll(() => thu.innerText()).toMatch(/13:00–14:00\s+IEP meeting · Lincoln Elementary\s+Annual review/);
    // After: + 60 IEP meeting, and Thu now goes Lincoln→Oak→Lincoln: + 20 min travel, + 6.5 mi.
    // 140 + 60 + 20 = 220; 2400 contracted, so 2180 under.
    await poll(() => workload.innerText()).toMatch(/IEP meeting\s+60 min/);
    expect(await workload.innerText()).toMatch(/Total\s+220 min \(3 h 40\)/);
    expect(await workload.innerText()).toMatch(/Travel between schools \(13 mi\)\s+40 min/);
    expect(await p.getByTestId('workload-difference').innerText()).toBe('2180 min');
    // The block is a button in the grid: Enter opens it for a change.
    await thu.getByRole('button', { name: /IEP meeting · Lincoln Elementary/ }).focus();
    await p.keyboard.press('Enter');
    await p.getByRole('dialog', { name: 'Change a block' }).waitFor();
    await p.keyboard.press('Escape');
    await p.getByRole('dialog', { name: 'Change a block' }).waitFor({ state: 'hidden' });
    // Today's agenda of Thursday lists it between the sessions.
    await app.go('/agenda?date=2026-10-15');
    await poll(() => p.getByRole('list', { name: 'Sessions of the day' }).innerText()).toMatch(
      /10:00–10:30[\s\S]*13:00–14:00 IEP meeting · Lincoln Elementary · Annual review/,
    );
    await app.screenshot('52-agenda-with-block');

    // Mileage for October: Thu 10-15 Lincoln→Oak, Oak→Lincoln (13); Thu 10-22 and 10-29 Lincoln→Oak (6.5
    // each). Total 26.
    await app.go('/week?date=2026-10-14');
    await p.getByRole('button', { name: 'Mileage', exact: true }).click();
    const mileage = p.getByTestId('mileage');
    await poll(() => p.getByTestId('mileage-total').innerText()).toBe('26 mi');
    expect(await mileage.innerText()).toMatch(
      /Thu Oct 15\s+Lincoln Elementary → Oak Middle 6.5 mi; Oak Middle → Lincoln Elementary 6.5 mi/,
    );
    // The printed week (mine, not the teachers') carries the block among the sessions.
    await p.getByRole('button', { name: 'Save as PDF…' }).click();
    await p.getByRole('status').filter({ hasText: 'My week' }).waitFor();
    const pdf = readdirSync(app.exportDir).find((f) => f.startsWith('My week'))!;
    expect(execFileSync('pdftotext', ['-layout', join(app.exportDir, pdf), '-'], { encoding: 'utf8' })).toMatch(
      /IEP meeting · Lincoln/,
    );
    await p.getByRole('button', { name: 'Save mileage as CSV…' }).click();
    await p.getByRole('status').filter({ hasText: 'Mileage 2026' }).waitFor();
    const file = readdirSync(app.exportDir).find((f) => f.startsWith('Mileage'))!;
    expect(file).toBe('Mileage 2026-10-01 to 2026-10-31.csv');
    const lines = readFileSync(join(app.exportDir, file), 'utf8').trim().split('\r\n');
    expect(lines).toEqual([
      'Date,Leg,From school,To school,Miles,Day total miles,Note,Source',
      '2026-10-15,1,Lincoln Elementary,Oak Middle,6.5,13,,schedule',
      '2026-10-15,2,Oak Middle,Lincoln Elementary,6.5,,,schedule',
      '2026-10-22,1,Lincoln Elementary,Oak Middle,6.5,6.5,,schedule',
      '2026-10-29,1,Lincoln Elementary,Oak Middle,6.5,6.5,,schedule',
      'Total 2026-10-01 to 2026-10-31,,,,26,,,',
    ]);
  });

  it('the week with its workload at 1280 and 1024 px, light and dark: nothing cut off, axe clean', async () => {
    const p = app.page;
    const problems: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await p.evaluate(`localStorage.setItem('caseload-theme', '${theme}')`);
      await p.reload();
      for (const w of [1280, 1024]) {
        await p.setViewportSize({ width: w, height: 800 });
        await app.go('/week?date=2026-10-14');
        await p.getByRole('button', { name: 'Workload', exact: true }).click();
        await p.getByRole('button', { name: 'Mileage', exact: true }).click();
        await p.getByTestId('workload').waitFor();
        await p.getByTestId('mileage').waitFor();
        expect(await p.evaluate('document.documentElement.dataset.theme')).toBe(theme);
        for (const x of await layoutProblems(p)) problems.push(`${w} ${theme}: ${x}`);
        await app.screenshot(`50-week-workload-${w}-${theme}`);
        for (const v of await app.axe()) problems.push(`${w} ${theme}: axe ${v.id} ${v.nodes.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    await p.evaluate("localStorage.removeItem('caseload-theme')");
    await p.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);
});
