import { Link } from 'react-router';
import { NextYearSetup } from './NextYearSetup';
import { YearSummaryPanel } from './YearSummaryPanel';

/** The year's end: the year summary, next year's calendars, students arriving from another therapist. */
export function YearEndPage() {
  return (
    <section aria-labelledby="year-end-title">
      <header className="page-head">
        <h1 id="year-end-title">The year’s end</h1>
      </header>
      <section className="panel" aria-labelledby="year-summary-title">
        <h2 id="year-summary-title">Year summary</h2>
        <p className="muted">
          Each student’s year: minutes owed and delivered by setting, compliance judged per setting over whole weeks,
          months and the year, makeups still owed and time out of class; exited students for the time they were served.
          Past years stay here: pick one.
        </p>
        <YearSummaryPanel />
      </section>
      <section className="panel" aria-labelledby="next-year-title">
        <h2 id="next-year-title">Start the next school year</h2>
        <p className="muted">
          Next year’s calendar for each school, from this year’s: holidays move by their rule (Labor Day stays the 1st
          Monday of September), other dates keep their weekday and week of the month. Check the breaks against the
          district calendar, adjust any date, then start the year. Active students and their IEPs carry on; exited
          students stay out. This year’s figures, logs and reports do not change.
        </p>
        <NextYearSetup />
      </section>
      <section className="panel" aria-labelledby="student-file-title">
        <h2 id="student-file-title">Students moving between therapists</h2>
        <p className="muted">
          A student leaving you: “Export student file…” on the student’s page seals their whole record with a
          passphrase. A student arriving from another therapist: <Link to="/data">Import student file…</Link> under
          Backups &amp; data, with a preview of what will be added before anything is.
        </p>
      </section>
    </section>
  );
}
