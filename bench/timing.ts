// How the bench times: the median of several runs, after a warm-up.

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The median of `fn` over runs, after one warm-up run. */
export function time(runs: number, fn: (i: number) => void): number {
  fn(-1);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return median(out);
}

/**
 * The median of `fn` over runs, each after an untimed `before` (and followed by an untimed `after`):
 * figures the app keeps between reads are timed after the write that makes it work them out again.
 */
export function timeAfter(runs: number, before: (i: number) => void, fn: () => void, after?: () => void): number {
  const out: number[] = [];
  for (let i = -1; i < runs; i++) {
    before(i);
    const t = performance.now();
    fn();
    if (i >= 0) out.push(performance.now() - t);
    after?.();
  }
  return median(out);
}
