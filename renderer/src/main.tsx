import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, RouterProvider } from 'react-router';
import { Layout } from './components/Layout';
import { CaseloadPage } from './pages/CaseloadPage';
import { CompliancePage } from './pages/CompliancePage';
import { DataPage } from './pages/DataPage';
import { GoalPage } from './pages/GoalPage';
import { LogSessionPage } from './pages/LogSessionPage';
import { RecordsPage } from './pages/RecordsPage';
import { ReportEditor } from './pages/ReportEditor';
import { ReportsPage } from './pages/ReportsPage';
import { SchoolsPage } from './pages/SchoolsPage';
import { SettingsPage } from './pages/SettingsPage';
import { StudentPage } from './pages/StudentPage';
import { YearEndPage } from './features/year-end/YearEndPage';
import { AgendaPage } from './features/schedule/AgendaPage';
import { StartPage } from './features/schedule/StartPage';
import { WeekPage } from './features/schedule/WeekPage';
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
      { path: 'week', element: <WeekPage /> },
      { path: 'students/:id', element: <StudentPage /> },
      { path: 'log', element: <LogSessionPage /> },
      { path: 'sessions/:id', element: <LogSessionPage /> },
      { path: 'compliance', element: <CompliancePage /> },
      { path: 'goals/:id', element: <GoalPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'reports/:periodId/:studentId', element: <ReportEditor /> },
      { path: 'records', element: <RecordsPage /> },
      { path: 'schools', element: <SchoolsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: 'data', element: <DataPage /> },
      { path: 'year-end', element: <YearEndPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AppLock>
        <RouterProvider router={router} />
      </AppLock>
    </QueryClientProvider>
  </StrictMode>,
);
