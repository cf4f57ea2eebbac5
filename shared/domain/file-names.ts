/**
 * File names for a batch of files written into one folder: each item offers names from the plainest
 * to the most specific (e.g. "Ava Nguyen - Quarter 1 progress report.pdf", then with the school, then
 * with the student's ID). Items keep their plainest name unless it clashes with another item's name
 * (case-insensitively, as Windows and macOS compare names); clashing items move to their next name,
 * and names that still clash get " (2)", " (3)"… before the extension. Pure; the same input always
 * gives the same names, so a batch written twice into one folder replaces its own files.
 */
export function uniqueFileNames(items: readonly (readonly string[])[]): string[] {
  const level = items.map(() => 0);
  const nameOf = (i: number) => items[i]![Math.min(level[i]!, items[i]!.length - 1)]!;
  for (let changed = true; changed;) {
    changed = false;
    const groups = new Map<string, number[]>();
    items.forEach((_, i) => {
      const k = nameOf(i).toLowerCase();
      groups.set(k, [...(groups.get(k) ?? []), i]);
    });
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const i of group) {
        if (level[i]! < items[i]!.length - 1) {
          level[i]!++;
          changed = true;
        }
      }
    }
  }
  const names = items.map((_, i) => nameOf(i));
  const all = new Set(names.map((n) => n.toLowerCase()));
  const used = new Set<string>();
  return names.map((n) => {
    const dot = n.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [n.slice(0, dot), n.slice(dot)] : [n, ''];
    let candidate = n;
    for (let k = 2; used.has(candidate.toLowerCase()) || (candidate !== n && all.has(candidate.toLowerCase())); k++) {
      candidate = `${stem} (${k})${ext}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
