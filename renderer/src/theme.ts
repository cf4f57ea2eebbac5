/** Light, dark, or whatever the system says; kept on this computer (localStorage). */
export type ThemePref = 'system' | 'light' | 'dark';
const KEY = 'caseload-theme';

export function themePref(): ThemePref {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

const media = () => window.matchMedia?.('(prefers-color-scheme: dark)');

export function applyTheme() {
  const pref = themePref();
  const dark = pref === 'dark' || (pref === 'system' && !!media()?.matches);
  document.documentElement.dataset['theme'] = dark ? 'dark' : 'light';
}

export function setThemePref(p: ThemePref) {
  if (p === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, p);
  applyTheme();
  window.dispatchEvent(new Event('caseload-theme'));
}

/** Applies the theme now and follows the system's changes while the choice is "system". */
export function followTheme() {
  applyTheme();
  media()?.addEventListener('change', applyTheme);
}

export function isDark() {
  return document.documentElement.dataset['theme'] === 'dark';
}
