import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ATTENDANCE_LABELS, SETTING_LABELS } from '../../../../shared/domain/codes';
import { useApi } from '../../api';
import { ErrorMessage, Loading } from '../../components/ui';
import { fmtDay } from '../../format';

/** One box for students, sessions and notes (Ctrl K). */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [q, setQ] = useState(text.trim());
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  // The query follows the typing after a pause, and goes into the address only when it differs from
  // what the address holds: a needless replace on opening the screen could cancel a click made in
  // that moment (a sidebar link clicked as Search opened did nothing).
  const inAddress = params.get('q') ?? '';
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(text.trim());
      if (text.trim() !== inAddress) setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
    }, 200);
    return () => clearTimeout(t);
  }, [text, inAddress, setParams]);
  const results = useApi('search', { q }, q.length >= 2);
  const r = results.data;
  return (
    <section aria-labelledby="search-title">
      <header className="page-head">
        <h1 id="search-title">Search</h1>
      </header>
      <div className="filters" role="search">
        <label className="grow">
          Students, sessions and notes
          <input
            ref={input}
            id="global-search"
            type="search"
            value={text}
            placeholder="A name, or words from a note"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
      </div>
      {q.length >= 2 && results.isPending && <Loading />}
      <ErrorMessage error={results.error} />
      {r && (
        <div aria-live="polite">
          <section className="panel" aria-labelledby="found-students">
            <h2 id="found-students">Students ({r.students.length})</h2>
            {r.students.length === 0 ? (
              <p className="muted">No student matches.</p>
            ) : (
              <ul className="found">
                {r.students.map((s) => (
                  <li key={s.id}>
                    <Link to={`/students/${s.id}`}>{s.name}</Link>{' '}
                    <span className="muted">
                      · {s.schoolName} · grade {s.grade}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="found-sessions">
            <h2 id="found-sessions">Sessions ({r.sessions.length})</h2>
            {r.sessions.length === 0 ? (
              <p className="muted">No session or note matches.</p>
            ) : (
              <ul className="found">
                {r.sessions.map((s) => (
                  <li key={s.sessionId}>
                    <Link to={`/sessions/${s.sessionId}`}>
                      {fmtDay(s.date)} {s.startTime}
                    </Link>{' '}
                    <span className="muted">
                      · {s.minutes} min {SETTING_LABELS[s.setting].toLowerCase()} ·{' '}
                      {s.students.map((x) => `${x.name} (${ATTENDANCE_LABELS[x.code].toLowerCase()})`).join(', ')}
                    </span>
                    {s.note && <div className="note-line">{s.note}</div>}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </section>
  );
}
