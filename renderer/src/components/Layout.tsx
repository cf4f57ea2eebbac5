import { useEffect, useState } from 'react';
import { NavLink, Outlet, ScrollRestoration, useNavigate } from 'react-router';
import { useApi } from '../api';
import { LeavePrompt } from './LeavePrompt';
import { ShortcutSheet } from './ShortcutSheet';

export const NAV = [
  { to: '/', label: 'Caseload', key: '1', short: 'Cl' },
  { to: '/log', label: 'Log session', key: 'L', short: 'Lg' },
  { to: '/agenda', label: "Today's agenda", key: 'T', short: 'Ag' },
  { to: '/week', label: 'Week & slots', key: '8', short: 'Wk' },
  { to: '/compliance', label: 'Compliance', key: '2', short: 'Co' },
  { to: '/makeups', label: 'Makeups owed', key: '9', short: 'Mk' },
  { to: '/search', label: 'Search', key: 'K', short: 'Sr' },
  { to: '/reports', label: 'Progress reports', key: '3', short: 'Pr' },
  { to: '/records', label: 'Records', key: '4', short: 'Re' },
  { to: '/check', label: 'Check my records', key: '', short: 'Ck' },
  { to: '/schools', label: 'Schools & calendars', key: '5', short: 'Sc' },
  { to: '/data', label: 'Backups & data', key: '6', short: 'Da' },
  { to: '/year-end', label: 'The year’s end', key: '7', short: 'Ye' },
  { to: '/settings', label: 'Settings', key: ',', short: 'Se' },
];

const COLLAPSE_KEY = 'caseload-sidebar';
/** Collapsed by default on narrow windows (a 13-inch laptop), as the user last left it otherwise. */
function initialCollapsed() {
  const v = localStorage.getItem(COLLAPSE_KEY);
  if (v === 'collapsed') return true;
  if (v === 'open') return false;
  return window.innerWidth < 1100;
}

/** Focus moves to the page's content; the hash router never sees "#main" as a route. */
export function focusMain() {
  const main = document.getElementById('main');
  const target = main?.querySelector<HTMLElement>('h1') ?? main;
  if (target && target !== main && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target?.focus();
}

export function Layout() {
  const navigate = useNavigate();
  useEffect(() => {
    // Menu accelerators arrive from Electron's menu; the same keys work in the page for the browser harness.
    const run = (command: string) => {
      if (command === 'log-session') navigate('/log');
      else if (command === 'find-student') {
        navigate('/');
        setTimeout(() => document.getElementById('student-search')?.focus(), 0);
      } else if (command.startsWith('go:')) navigate(command.slice(3));
    };
    const off = window.caseloadShell?.onMenuCommand(run);
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const k = e.key.toLowerCase();
      const map: Record<string, string> = {
        l: 'log-session',
        f: 'find-student',
        k: 'go:/search',
        '9': 'go:/makeups',
        '1': 'go:/',
        '2': 'go:/compliance',
        '3': 'go:/reports',
        '4': 'go:/records',
        '5': 'go:/schools',
        '6': 'go:/data',
        '7': 'go:/year-end',
        t: 'go:/agenda',
        '8': 'go:/week',
        ',': 'go:/settings',
      };
      // The desktop menu has the older accelerators; search and makeups are the page's own.
      if (map[k] && (!window.caseloadShell || k === 'k' || k === '9')) {
        e.preventDefault();
        run(map[k]);
      }
    };
    window.addEventListener('keydown', onKey);
    // A plain link to a screen ("#/…") goes through the router too, so that leaving a form asks first.
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href^="#/"]');
      if (!a || (a as HTMLAnchorElement).target) return;
      e.preventDefault();
      void navigate(a.getAttribute('href')!.slice(1));
    };
    document.addEventListener('click', onClick);
    return () => {
      off?.();
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, [navigate]);
  const [collapsed, setCollapsed] = useState(initialCollapsed);
  // Until the user chooses, the sidebar follows the window: collapsed below 1100 px.
  useEffect(() => {
    const onResize = () => {
      if (!localStorage.getItem(COLLAPSE_KEY)) setCollapsed(window.innerWidth < 1100);
    };
    window.addEventListener('resize', onResize);
    // A resize between the first render and this listener (a window sized while the page loads)
    // would be missed: follow the window as it is now.
    onResize();
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const toggle = () =>
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSE_KEY, c ? 'open' : 'collapsed');
      return !c;
    });
  const [sheet, setSheet] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      setSheet(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className={collapsed ? 'app collapsed' : 'app'}>
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusMain();
        }}
      >
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-name">Caseload</span>
          <button
            type="button"
            className="collapse"
            aria-expanded={!collapsed}
            aria-label={collapsed ? 'Show the sidebar labels' : 'Collapse the sidebar'}
            title={collapsed ? 'Show the sidebar labels' : 'Collapse the sidebar'}
            onClick={toggle}
          >
            {collapsed ? '»' : '«'}
          </button>
        </div>
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <NavLink
                to={n.to}
                end={n.to === '/'}
                title={collapsed ? (n.key ? `${n.label} (Ctrl ${n.key})` : n.label) : undefined}
              >
                <span className="nav-short" aria-hidden="true">
                  {n.short}
                </span>
                <span className="nav-label">{n.label}</span>
                {n.key && <kbd aria-hidden="true">Ctrl {n.key}</kbd>}
              </NavLink>
            </li>
          ))}
        </ul>
        <button type="button" className="link sheet-link" onClick={() => setSheet(true)}>
          <span className="nav-label">Keyboard shortcuts</span> <kbd aria-hidden="true">?</kbd>
        </button>
        <p className="offline">Offline · data stays on this computer</p>
      </nav>
      <ShortcutSheet open={sheet} onClose={() => setSheet(false)} />
      <LeavePrompt />
      {/* A new screen opens at its top (not at the scroll position of the one left); Back returns to where it was. */}
      <ScrollRestoration />
      <main id="main" tabIndex={-1}>
        <StartupNotice />
        <Outlet />
      </main>
    </div>
  );
}

/** Said once, plainly, when the data file was found damaged at start. */
function StartupNotice() {
  const notice = useApi('getStartupNotice');
  const [now] = useState(() => Date.now());
  const n = notice.data;
  if (!n) return null;
  const when = n.backup ? new Date(n.backup.createdAt) : null;
  const hours = when ? Math.max(0, Math.round((now - when.getTime()) / 3_600_000)) : 0;
  return (
    <div className="error" role="alert">
      {n.kind === 'recovered' && when ? (
        <>
          Your caseload file was damaged (for example by a crash or a failing disk), so Caseload restored the latest
          sound backup, made {when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} (
          {hours < 1 ? 'less than an hour' : `about ${hours} hour${hours === 1 ? '' : 's'}`} ago). Anything entered
          after that is missing: please re-enter it. The damaged file was kept, untouched, at{' '}
          <code>{n.damagedPath}</code>.
        </>
      ) : (
        <>
          Your caseload file was damaged and no sound backup was found, so Caseload started empty. The damaged file was
          kept, untouched, at <code>{n.damagedPath}</code>; a data recovery service may be able to read it.
        </>
      )}
    </div>
  );
}
