import { useEffect, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useApi } from '../api';

const NAV = [
  { to: '/', label: 'Caseload', key: '1' },
  { to: '/log', label: 'Log session', key: 'L' },
  { to: '/agenda', label: "Today's agenda", key: 'T' },
  { to: '/week', label: 'Week & slots', key: '8' },
  { to: '/compliance', label: 'Compliance', key: '2' },
  { to: '/reports', label: 'Progress reports', key: '3' },
  { to: '/records', label: 'Records', key: '4' },
  { to: '/check', label: 'Check my records', key: '' },
  { to: '/schools', label: 'Schools & calendars', key: '5' },
  { to: '/data', label: 'Backups & data', key: '6' },
  { to: '/year-end', label: 'The year’s end', key: '7' },
  { to: '/settings', label: 'Settings', key: ',' },
];

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
        '1': 'go:/',
        '2': 'go:/compliance',
        '3': 'go:/schools',
        '7': 'go:/year-end',
        t: 'go:/agenda',
        '8': 'go:/week',
        ',': 'go:/settings',
      };
      if (map[k] && !window.caseloadShell) {
        e.preventDefault();
        run(map[k]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      off?.();
      window.removeEventListener('keydown', onKey);
    };
  }, [navigate]);
  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Caseload</div>
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <NavLink to={n.to} end={n.to === '/'}>
                <span>{n.label}</span>
                {n.key && <kbd aria-hidden="true">Ctrl {n.key}</kbd>}
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="offline">Offline · data stays on this computer</p>
      </nav>
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
