// Where the time of one click goes, at the large caseload: the API calls (start, end), Chromium's
// script / layout / style totals, the DOM size, and the functions with the most self time.
//   NO_MINIFY=1 npm run build && PROFILE_SCREEN=/week npx tsx bench/ui-profile.ts   (readable names)
// A tool for finding the cost, not a figure: bench/ui.ts measures click → drawn.
import { resolve } from 'node:path';
import { generateCaseload, usSchoolYear } from '../electron/db/sample';
import { generateSlots } from './schedule';

const today = process.env.BENCH_TODAY ?? '2026-11-18';
const screen = process.env.PROFILE_SCREEN ?? '/week';
const runs = Number(process.env.PROFILE_RUNS ?? 3);
// PROFILE_CPU=0: no sampling profiler, for clean totals (the main thread's CPU time is the figure
// least disturbed by other work on a shared machine).
const sampling = process.env.PROFILE_CPU !== '0';
const ready: Record<string, string> = {
  '/week': `document.getElementById('week-title')`,
  '/agenda': `document.getElementById('agenda-title')`,
};
const noLoading = `!Array.from(document.querySelectorAll('[role=status]')).some((e) => e.textContent === 'Loading…')`;

const root = resolve(import.meta.dirname, '..');
const g = globalThis as { __dirname?: string; __filename?: string };
g.__dirname ??= resolve(root, 'test/e2e');
g.__filename ??= resolve(root, 'test/e2e/harness.ts');
const { E2EApp } = await import('../test/e2e/harness');
const app = new E2EApp(today);
generateCaseload(app.db, { today, schools: 10, students: 500, years: 10, seed: 1 });
generateSlots(app.db, app.handlers, usSchoolYear(Number(today.slice(0, 4))).firstDay);
await app.start();
const p = app.page;
const cdp = await p.context().newCDPSession(p);
await cdp.send('Performance.enable');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL ?? 250) });
const wait = (cond: string) =>
  p.evaluate(
    `new Promise((res) => { const t = () => (${cond} ? requestAnimationFrame(() => setTimeout(res, 0)) : requestAnimationFrame(t)); t(); })`,
  );
// Each API call's start and end, relative to the click.
await p.evaluate(`(() => {
  const api = window.caseload; window.__calls = [];
  for (const k of Object.keys(api)) { const f = api[k]; api[k] = async (i) => { const c = { k, s: performance.now() - (window.__t0 ?? 0) }; window.__calls.push(c); const r = await f(i); c.e = performance.now() - (window.__t0 ?? 0); return r; }; }
})()`);
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number };
const cpu: number[] = [];
for (let run = 0; run < runs + 1; run++) {
  await app.go('/settings');
  await wait(`document.querySelector('input[name=providerName]')`);
  const before = (await cdp.send('Performance.getMetrics')).metrics;
  if (sampling) await cdp.send('Profiler.start');
  const ms = await p.evaluate(`(async () => {
    window.__calls = []; window.__t0 = performance.now();
    document.querySelector('nav[aria-label="Main"] a[href="#${screen}"]').click();
    await new Promise((res) => { const t = () => ((${ready[screen]}) && ${noLoading} ? requestAnimationFrame(() => setTimeout(res, 0)) : requestAnimationFrame(t)); t(); });
    return performance.now() - window.__t0;
  })()`);
  const profile = sampling ? (await cdp.send('Profiler.stop')).profile : null;
  const after = (await cdp.send('Performance.getMetrics')).metrics;
  const m = (n: string) => (after.find((x) => x.name === n)!.value - before.find((x) => x.name === n)!.value) * 1000;
  const calls = (await p.evaluate('window.__calls')) as { k: string; s: number; e: number }[];
  const nodes = after.find((x) => x.name === 'Nodes')!.value;
  console.log(
    `\n${screen} ${run === 0 ? 'first visit (code and reads)' : `run ${run} (cached reads)`}: ${Math.round(ms as number)} ms; script ${m('ScriptDuration').toFixed(0)}, layout ${m('LayoutDuration').toFixed(0)}, style ${m('RecalcStyleDuration').toFixed(0)}, task ${m('TaskDuration').toFixed(0)}, main thread CPU ${m('ThreadTime').toFixed(0)} ms; DOM nodes ${nodes}`,
  );
  console.log('  calls: ' + calls.map((c) => `${c.k} ${c.s.toFixed(0)}→${c.e?.toFixed(0)}`).join(', '));
  if (run > 0) cpu.push(m('ThreadTime'));
  if (!profile) continue;
  const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples!.length;
  const self = new Map<string, number>();
  for (const n of profile.nodes as Node[]) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + n.hitCount * interval);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 15);
  for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(6)} ms  ${k}`);
}
cpu.sort((a, b) => a - b);
console.log(
  `\n${screen}: main thread CPU, median of ${cpu.length} cached visits: ${cpu[Math.floor(cpu.length / 2)]!.toFixed(0)} ms`,
);
await app.stop();
