// Small pure helpers of the schedule's cards (no React): the text colour on a school's colour, and
// conflicts said once each.

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = c.map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/**
 * Black or white, whichever contrasts more with a school's colour (any colour the therapist picks):
 * white on a light teal or ochre is unreadable.
 */
export function inkOn(colour: string): '#000000' | '#ffffff' {
  if (!/^#[0-9a-fA-F]{6}$/.test(colour)) return '#ffffff';
  const l = luminance(colour);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** Each conflict once, with how many times it occurs: a slot overlapping a dozen others says so once. */
export function distinctConflicts(conflicts: readonly string[]): { text: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of conflicts) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([text, count]) => ({ text, count }));
}
