import { type RefObject, useEffect, useState } from 'react';

/**
 * Windowing for lists of cards that grow downwards (the agenda, the columns of the week): the first
 * `step` items are drawn, then `step` more each time a placeholder of the rest (an element marked
 * `data-reveal` inside `container`, as tall as the items it stands for) comes within `margin` of
 * the window. A day of sixty sessions costs what a day of twelve does until it is scrolled.
 * `atLeast` draws further ahead, e.g. to where the keyboard focus is going; another `list` (a key:
 * another day, another week) starts again from the first step.
 */
export function useReveal(
  container: RefObject<HTMLElement | null>,
  total: number,
  { step, atLeast = 0, margin = 400, list = '' }: { step: number; atLeast?: number; margin?: number; list?: string },
): number {
  const [state, setState] = useState({ list, count: step });
  const count = state.list === list ? state.count : step;
  const shown = Math.min(total, Math.max(count, atLeast));
  useEffect(() => {
    const root = container.current;
    if (shown >= total || !root || typeof IntersectionObserver === 'undefined') return;
    // Observed afresh after each step: a placeholder still in view after a step asks for the next.
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setState({ list, count: shown + step });
      },
      { rootMargin: `${margin}px 0px` },
    );
    root.querySelectorAll('[data-reveal]').forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [container, shown, total, step, margin, list]);
  return shown;
}
