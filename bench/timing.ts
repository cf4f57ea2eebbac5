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
  return timeAfterBeside(runs, before, fn, () => {}, after).ms;
}

/**
 * Like `timeAfter`, with a reference timed right after each run (the raw SQL floor of a figure): the
 * medians of both, and the median of each run's ratio to its own reference. A shared machine changes
 * pace from one second to the next; timed side by side, the figure and its floor meet the same pace.
 */
export function timeAfterBeside(
  runs: number,
  before: (i: number) => void,
  fn: () => void,
  reference: () => void,
  after?: () => void,
): { ms: number; referenceMs: number; ratio: number } {
  const ms: number[] = [];
  const ref: number[] = [];
  for (let i = -1; i < runs; i++) {
    before(i);
    let t = performance.now();
    fn();
    const took = performance.now() - t;
    after?.();
    t = performance.now();
    reference();
    const refTook = performance.now() - t;
    if (i >= 0) {
      ms.push(took);
      ref.push(refTook);
    }
  }
  return { ms: median(ms), referenceMs: median(ref), ratio: median(ms.map((x, i) => x / ref[i]!)) };
}
