import type { Page } from 'playwright-core';

/**
 * Element geometry, not eyesight: the page must not scroll sideways, and no control may stick out of
 * the viewport or be clipped by a box that hides its overflow. Returns what is wrong, empty when fine.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const out = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1)
      out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
    const name = (el) =>
      el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '[' + (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40) + ']';
    const controls = document.querySelectorAll('button, select, input, textarea, a[href]');
    for (const el of Array.from(controls)) {
      if (el.closest('dialog:not([open]), [hidden], .skip')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Inside a box that scrolls sideways, the control is reached by scrolling that box (a wide table).
      let scroller = null;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll') { scroller = p; break; }
      }
      const edge = scroller ? scroller.getBoundingClientRect().right : r.right;
      if (edge > vw + 1) out.push(name(el) + ' sticks out of the window (' + Math.round(edge) + ' > ' + vw + ')');
      if (el.tagName === 'SELECT' || el.tagName === 'BUTTON') {
        if (el.scrollWidth > el.clientWidth + 2) out.push(name(el) + ' is cut off inside itself');
        if (el.tagName === 'SELECT' && el.selectedIndex >= 0) {
          // The chosen option's text must fit beside the arrow.
          const cs = getComputedStyle(el);
          const span = document.createElement('span');
          span.style.font = cs.font;
          span.style.whiteSpace = 'pre';
          span.style.position = 'absolute';
          span.textContent = el.options[el.selectedIndex].text;
          document.body.appendChild(span);
          const need = span.getBoundingClientRect().width + parseFloat(cs.paddingLeft) + 20;
          span.remove();
          if (need > el.clientWidth + 1) out.push(name(el) + ' shows its choice cut off (' + Math.round(need) + ' > ' + el.clientWidth + ')');
        }
      }
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        if (cs.overflowX === 'auto' || cs.overflowX === 'scroll') break; // reachable by scrolling
        const pr = p.getBoundingClientRect();
        if (r.left < pr.left - 1 || r.right > pr.right + 1)
          out.push(name(el) + ' is clipped by ' + p.tagName.toLowerCase() + '.' + p.className);
        break;
      }
    }
    return out;
  })()`);
}
