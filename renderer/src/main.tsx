import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, Link, RouterProvider } from 'react-router';
import { Layout } from './components/Layout';
import { CaseloadPage } from './pages/CaseloadPage';
import { YearEndPage } from './features/year-end/YearEndPage';
import { AgendaPage } from './features/schedule/AgendaPage';
import { StartPage } from './features/schedule/StartPage';
import { followTheme } from './theme';
import { installBeforeUnload } from './leave-guard';
import { AppLock } from './features/lock/AppLock';
import './styles.css';

// Local data never goes stale behind our back: refetch only after our own writes.
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false } },
});

const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <StartPage caseload={<CaseloadPage />} /> },
      { path: 'agenda', element: <AgendaPage /> },
      { path: 'week', lazy: () => import('./features/schedule/WeekPage').then((m) => ({ Component: m.WeekPage })) },
      // Each other screen is its own chunk, loaded on the first visit (charts only where they are drawn).
      { path: 'students/:id', lazy: () => import('./pages/StudentPage').then((m) => ({ Component: m.StudentPage })) },
      { path: 'log', lazy: () => import('./pages/LogSessionPage').then((m) => ({ Component: m.LogSessionPage })) },
      {
        path: 'sessions/:id',
        lazy: () => import('./pages/LogSessionPage').then((m) => ({ Component: m.LogSessionPage })),
      },
      {
        path: 'compliance',
        lazy: () => import('./pages/CompliancePage').then((m) => ({ Component: m.CompliancePage })),
      },
      { path: 'goals/:id', lazy: () => import('./pages/GoalPage').then((m) => ({ Component: m.GoalPage })) },
      { path: 'reports', lazy: () => import('./pages/ReportsPage').then((m) => ({ Component: m.ReportsPage })) },
      {
        path: 'reports/:periodId/:studentId',
        lazy: () => import('./pages/ReportEditor').then((m) => ({ Component: m.ReportEditor })),
      },
      { path: 'records', lazy: () => import('./pages/RecordsPage').then((m) => ({ Component: m.RecordsPage })) },
      { path: 'schools', lazy: () => import('./pages/SchoolsPage').then((m) => ({ Component: m.SchoolsPage })) },
      { path: 'settings', lazy: () => import('./pages/SettingsPage').then((m) => ({ Component: m.SettingsPage })) },
      { path: 'data', lazy: () => import('./pages/DataPage').then((m) => ({ Component: m.DataPage })) },
      {
        path: 'check',
        lazy: () => import('./features/records/CheckRecordsPage').then((m) => ({ Component: m.CheckRecordsPage })),
      },
      { path: 'year-end', element: <YearEndPage /> },
      {
        path: 'makeups',
        lazy: () => import('./features/makeups/MakeupsPage').then((m) => ({ Component: m.MakeupsPage })),
      },
      {
        path: 'search',
        lazy: () => import('./features/search/SearchPage').then((m) => ({ Component: m.SearchPage })),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function NotFound() {
  return (
    <section aria-labelledby="nf-title">
      <h1 id="nf-title">Nothing here</h1>
      <p>
        This page does not exist. <Link to="/">Back to the caseload</Link>
      </p>
    </section>
  );
}

followTheme();
installBeforeUnload();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AppLock>
        <RouterProvider router={router} />
      </AppLock>
    </QueryClientProvider>
  </StrictMode>,
);
