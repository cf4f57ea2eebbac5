import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { StudentRow } from '../../../shared/api/types';
import { SchoolFilter } from '../components/SchoolFilter';
import { useApi, useWrite } from '../api';
import { Empty, ErrorMessage, Loading, Modal } from '../components/ui';
import { fmtDate, mins, studentName } from '../format';
import { StudentForm } from './StudentForm';
import { TableHead } from '../components/TableHead';
import { RosterImport } from '../features/roster/RosterImport';
import { WindowedRows } from '../components/WindowedRows';

export function CaseloadPage() {
  const state = useApi('getAppState');
  const [schoolId, setSchoolId] = useState<number | undefined>();
  const [status, setStatus] = useState<'active' | 'exited' | 'all'>('active');
  const [search, setSearch] = useState('');
  const students = useApi('listStudents', { schoolId, status, search: search || undefined });
  const deadlines = useApi('listDeadlines');
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const navigate = useNavigate();

  if (state.isPending) return <Loading />;
  if (state.data && state.data.students === 0 && state.data.schools === 0) return <FirstRun />;

  return (
    <section aria-labelledby="caseload-title">
      <header className="page-head">
        <h1 id="caseload-title">Caseload</h1>
        <div className="actions">
          <button type="button" onClick={() => setImporting(true)}>
            Import roster…
          </button>
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add student
          </button>
        </div>
      </header>
      <div className="filters" role="search">
        <label>
          Search
          <input
            id="student-search"
            type="search"
            placeholder="Name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              const first = students.data?.[0];
              if (e.key === 'Enter' && first) navigate(`/students/${first.id}`);
            }}
          />
        </label>
        <SchoolFilter value={schoolId} onChange={setSchoolId} />
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="active">Active</option>
            <option value="exited">Exited</option>
            <option value="all">All</option>
          </select>
        </label>
        <span className="muted count" aria-live="polite">
          {students.data ? `${students.data.length} student${students.data.length === 1 ? '' : 's'}` : ''}
        </span>
      </div>
      <div className="split">
        <div className="grow">
          {students.data && students.data.length === 0 ? (
            <Empty>
              No students match.{' '}
              {state.data?.schools === 0
                ? 'Add a school first, then students.'
                : 'Add a student or change the filters.'}
            </Empty>
          ) : (
            <StudentTable rows={students.data ?? []} />
          )}
        </div>
        <aside className="panel deadlines" aria-labelledby="due-title">
          <h2 id="due-title">Due in 30 days</h2>
          {deadlines.data?.length === 0 && <p className="muted">Nothing due.</p>}
          <ul data-testid="due-list">
            {deadlines.data?.slice(0, 20).map((d, i) => (
              <li key={i} className={d.overdue ? 'overdue' : ''}>
                <span className="due-date">
                  {d.overdue ? `${d.daysOverdue} day${d.daysOverdue === 1 ? '' : 's'} overdue · due ` : 'Due '}
                  {fmtDate(d.dueDate)}
                </span>
                {d.studentId ? <Link to={`/students/${d.studentId}`}>{d.name}</Link> : <span>{d.name}</span>}
                <span className="muted">{d.label}</span>
              </li>
            ))}
          </ul>
          {(deadlines.data?.length ?? 0) > 20 && <p className="muted">and {deadlines.data!.length - 20} more</p>}
        </aside>
      </div>
      <Modal title="Add a student" open={adding} onClose={() => setAdding(false)} wide>
        <StudentForm
          onDone={(id) => {
            setAdding(false);
            if (id) navigate(`/students/${id}`);
          }}
        />
      </Modal>
      <Modal title="Import a roster" open={importing} onClose={() => setImporting(false)} wide>
        <RosterImport onDone={() => setImporting(false)} />
      </Modal>
    </section>
  );
}

function StudentTable({ rows }: { rows: StudentRow[] }) {
  return (
    <table className="table oneline">
      <caption className="sr-only">Students on the caseload</caption>
      <TableHead
        cols={[
          'Student',
          'School',
          'Grade',
          'IEP ends',
          { label: 'Push-in/wk', num: true },
          { label: 'Pull-out/wk', num: true },
          { label: 'Consult/wk', num: true },
        ]}
      />
      <tbody>
        <WindowedRows
          items={rows}
          columns={7}
          render={(s) => (
            <tr key={s.id}>
              <th scope="row" title={studentName(s)}>
                <Link to={`/students/${s.id}`}>{studentName(s)}</Link>
                {s.status === 'exited' && <span className="tag">exited</span>}
              </th>
              <td title={s.schoolName}>{s.schoolName}</td>
              <td>{s.grade}</td>
              <td>{fmtDate(s.iepEndDate)}</td>
              <td className="num">{mins(s.weeklyMinutes.push_in)}</td>
              <td className="num">{mins(s.weeklyMinutes.pull_out)}</td>
              <td className="num">{mins(s.weeklyMinutes.consult)}</td>
            </tr>
          )}
        />
      </tbody>
    </table>
  );
}

function FirstRun() {
  const sample = useWrite('loadSampleCaseload');
  const navigate = useNavigate();
  const [importing, setImporting] = useState(false);
  return (
    <section className="first-run" aria-labelledby="welcome">
      <h1 id="welcome">Welcome to Caseload</h1>
      <p>Your caseload lives on this computer and works without a network. To begin:</p>
      <ol>
        <li>
          <Link to="/settings">Enter your provider profile</Link> (name, credentials, district).
        </li>
        <li>
          <Link to="/schools">Add your schools and their calendars</Link> (first and last day, holidays and breaks).
        </li>
        <li>Add your students, one by one or from a roster file, then each student&apos;s IEP.</li>
      </ol>
      <p>
        Or look around first with a realistic sample caseload (3 schools, 40 students). Later, &ldquo;Start a new, empty
        caseload&rdquo; under Backups &amp; data clears it and keeps it as a backup.
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => navigate('/schools')}>
          Start with my schools
        </button>
        <button type="button" onClick={() => setImporting(true)}>
          Import a roster…
        </button>
        <button type="button" onClick={() => sample.mutate(undefined)} disabled={sample.isPending}>
          {sample.isPending ? 'Loading the sample…' : 'Load the sample caseload'}
        </button>
      </div>
      <ErrorMessage error={sample.error} />
      <Modal title="Import a roster" open={importing} onClose={() => setImporting(false)} wide>
        <RosterImport onDone={() => setImporting(false)} />
      </Modal>
    </section>
  );
}
