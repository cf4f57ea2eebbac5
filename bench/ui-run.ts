// The click → drawn figures alone, at the large caseload (npm run bench runs them with the rest):
//   BENCH_SCREENS=week,agenda BENCH_RUNS=5 npx tsx bench/ui-run.ts
import { uiFigures } from './ui';

const today = process.env.BENCH_TODAY ?? '2026-11-18';
const runs = Number(process.env.BENCH_RUNS ?? 7);
for (const row of await uiFigures({ size: 'large', students: 500, schools: 10, years: 10 }, today, runs))
  console.log(JSON.stringify(row));
