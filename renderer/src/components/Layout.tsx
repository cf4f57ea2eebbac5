import { useEffect } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';

const NAV = [
  { to: '/', label: 'Caseload', key: '1' },
  { to: '/log', label: 'Log session', key: 'L' },
  { to: '/compliance', label: 'Compliance', key: '2' },
  { to: '/reports', label: 'Progress reports', key: '3' },
  { to: '/records', label: 'Records', key: '4' },
  { to: '/schools', label: 'Schools & calendars', key: '5' },
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
                <kbd aria-hidden="true">Ctrl {n.key}</kbd>
              </NavLink>
            </li>
          ))}
        </ul>
        <p className="offline">Offline · data stays on this computer</p>
      </nav>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
