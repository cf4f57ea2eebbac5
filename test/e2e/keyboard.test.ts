import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2EApp, SHOTS } from './harness';

let app: E2EApp;
const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error?.message);
  return r.value as T;
};
const ids: Record<string, number> = {};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = new E2EApp('2026-10-14');
  const h = app.handlers;
  const school = ok(h.createSchool({ name: 'Lincoln Elementary' }));
  ok(h.createSchoolYear({ schoolId: school.id, label: '2026-27', firstDay: '2026-08-26', lastDay: '2027-06-11' }));
  for (const [first, last] of [
    ['Ava', 'Nguyen'],
    ['Liam', 'Garcia'],
    ['Mia', 'Smith'],
    ['Noah', 'Okafor'],
  ] as const) {
    const st = ok(h.createStudent({ firstName: first, lastName: last, schoolId: school.id, grade: '2' }));
    ids[first] = st.id;
    const plan = ok(h.createPlan({ studentId: st.id, startDate: '2026-08-26', endDate: '2027-06-11' }));
    ok(
      h.createServiceLine({
        planId: plan.id,
        setting: 'pull_out',
        grouping: 'group',
        maxGroupSize: 4,
        interval: 'week',
        sessionsCount: 1,
        minutesPerSession: 30,
        startDate: '2026-08-26',
        endDate: '2027-06-11',
      }),
    );
    ok(
      h.createGoal({
        planId: plan.id,
        area: 'Fine motor',
        text: `${first} will cut along a curved line`,
        measurement: 'trials',
        targetValue: 80,
      }),
    );
  }
  // Earlier today: a 40-minute session from 08:15, so the next one starts at 08:55.
  ok(
    h.createSession({
      date: '2026-10-14',
      startTime: '08:15',
      minutes: 40,
      setting: 'pull_out',
      grouping: 'individual',
      students: [{ studentId: ids['Noah']!, code: 'present' }],
    }),
  );
  await app.start();
});
afterAll(async () => app?.stop());

describe('the session form from the keyboard', () => {
  it('logs a group of 4 with mixed attendance, minutes for one and goal data for one in at most 15 command keys', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Caseload', exact: true }).waitFor();
    let keys = 0;
    const press = async (k: string) => {
      keys++;
      await p.keyboard.press(k);
    };
    const type = (text: string) => p.keyboard.type(text); // names, numbers and the note are not counted

    await press('Control+l');
    await p.getByLabel('Students (type a name, Enter to add)').waitFor();
    // Date, time, minutes and setting come first; the start time follows the session logged earlier today.
    await expect.poll(() => p.getByLabel('Start time').inputValue(), { timeout: 5000 }).toBe('08:55');
    const order = await p.evaluate<string[]>(
      `Array.from(document.querySelectorAll('.session-form label')).slice(0, 5).map((l) => l.textContent)`,
    );
    expect(order.slice(0, 4)).toEqual(['Date', 'Start time', 'Minutes', 'Setting']);
    for (const name of ['Ava', 'Liam', 'Mia', 'Noah']) {
      await type(name);
      await p.getByRole('option', { name: new RegExp(name) }).waitFor();
      await press('Enter');
      await p.getByRole('group', { name: new RegExp(`^${name}`) }).waitFor();
    }
    await press('Tab'); // Ava's attendance: present
    await press('g'); // Ava's goal data
    await p.getByLabel('Fine motor correct for Ava Nguyen').waitFor();
    await expect
      .poll(() => p.evaluate<string>(`document.activeElement?.getAttribute('aria-label') ?? ''`))
      .toBe('Fine motor correct for Ava Nguyen');
    await type('7');
    await press('Tab');
    await type('10');
    await press('Enter'); // on to Liam
    await press('Tab'); // Liam's minutes
    await type('20');
    await press('Enter'); // on to Mia
    await press('o'); // provider absent
    await press('ArrowDown'); // Noah
    await press('a'); // student absent
    await type(''); // no note needed
    expect(await p.getByLabel('Attendance for Mia Smith').inputValue()).toBe('provider_absent');
    expect(await p.getByLabel('Attendance for Noah Okafor').inputValue()).toBe('student_absent');
    await app.screenshot('kb-group-of-four');
    await press('Control+Enter');
    await p.getByRole('status').filter({ hasText: 'Saved:' }).waitFor();
    expect(keys).toBeLessThanOrEqual(15);

    const sessions = ok(app.handlers.listSessions({ from: '2026-10-14', to: '2026-10-14' }));
    const s = sessions.find((x) => x.startTime === '08:55');
    expect(s).toBeDefined();
    expect(s!.minutes).toBe(30);
    const by = Object.fromEntries(s!.students.map((x) => [x.name.split(' ')[0], x]));
    expect(by['Ava']!.code).toBe('present');
    expect(by['Ava']!.goalData).toEqual([expect.objectContaining({ correct: 7, total: 10 })]);
    expect(by['Liam']!.minutes).toBe(20);
    expect(by['Mia']!.code).toBe('provider_absent');
    expect(by['Noah']!.code).toBe('student_absent');
    // After saving, the next session starts when this one ended (08:55 + 30).
    await expect.poll(() => p.getByLabel('Start time').inputValue(), { timeout: 5000 }).toBe('09:25');
  });

  it('a half-filled session survives navigation and a restart, until discarded', async () => {
    const p = app.page;
    const picker = p.getByLabel('Students (type a name, Enter to add)');
    await picker.fill('Liam');
    await p.getByRole('option', { name: /Liam/ }).waitFor();
    await picker.press('Enter');
    await p.getByRole('group', { name: /^Liam/ }).waitFor();
    await p.getByLabel('Attendance for Liam Garcia').press('r');
    await p.getByLabel('Note').fill('Refused at the door; try after lunch.');
    await app.nav(/^Compliance/);
    await app.answerLeave('Keep as draft and leave');
    await p.getByRole('heading', { name: 'Compliance' }).waitFor();
    await app.nav(/^Log session/);
    await p.getByRole('group', { name: /^Liam/ }).waitFor();
    expect(await p.getByLabel('Note').inputValue()).toBe('Refused at the door; try after lunch.');
    expect(await p.getByLabel('Attendance for Liam Garcia').inputValue()).toBe('student_refused');
    await app.restartBackend();
    await p.getByRole('group', { name: /^Liam/ }).waitFor();
    expect(await p.getByLabel('Note').inputValue()).toBe('Refused at the door; try after lunch.');
    await p.getByRole('button', { name: 'Discard the draft' }).click();
    await p.getByLabel('Students (type a name, Enter to add)').waitFor();
    await p.waitForTimeout(200);
    expect(await p.getByRole('group', { name: /^Liam/ }).count()).toBe(0);
    expect(await p.getByLabel('Note').inputValue()).toBe('');
  });
});
