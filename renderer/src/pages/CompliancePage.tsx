import { useMemo, useState } from 'react';
import { PUBLISHED_MIX } from '../../../shared/domain/minutes-delivered';
import { SETTINGS, SETTING_LABELS } from '../../../shared/domain/codes';
import { type DateRange, localToday, monthRange, weekRange } from '../../../shared/domain/dates';
import { SchoolFilter } from '../components/SchoolFilter';
import { useApi } from '../api';
import { SETTING_COLOURS } from '../components/chart-colours';
import { ErrorMessage, Loading } from '../components/ui';
import { fmtDate, mins, pct } from '../format';
import { ComplianceTable } from '../features/compliance/ComplianceTable';
import { ComplianceExport } from '../features/compliance/ComplianceExport';

function schoolYearRange(today: string): DateRange {
  const y = Number(today.slice(0, 4));
  const start = Number(today.slice(5, 7)) >= 7 ? y : y - 1;
  return { from: `${start}-07-01`, to: `${start + 1}-06-30` };
}

export function CompliancePage() {
  const today = localToday();
  const presets = useMemo(
    () => ({ week: weekRange(today), month: monthRange(today), year: schoolYearRange(today) }),
    [today],
  );
  const [preset, setPreset] = useState<'week' | 'month' | 'year' | 'custom'>('week');
  const [custom, setCustom] = useState<DateRange>(presets.month);
  const [schoolId, setSchoolId] = useState<number | undefined>();
  const range = preset === 'custom' ? custom : presets[preset];
  const data = useApi('caseloadCompliance', { ...range, schoolId });
  return (
    <section aria-labelledby="compliance-title">
      <header className="page-head">
        <h1 id="compliance-title">Compliance</h1>
        <p className="muted">
          {fmtDate(range.from)} – {fmtDate(range.to)}
        </p>
      </header>
      <div className="filters">
        <div role="radiogroup" aria-label="Range" className="tabs">
          {(['week', 'month', 'year', 'custom'] as const).map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={preset === p}
              className={preset === p ? 'tab active' : 'tab'}
              onClick={() => setPreset(p)}
            >
              {{ week: 'This week', month: 'This month', year: 'School year', custom: 'Custom' }[p]}
            </button>
          ))}
        </div>
        {preset === 'custom' && (
          <>
            <label>
              From
              <input type="date" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              To
              <input type="date" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        )}
        <SchoolFilter value={schoolId} onChange={setSchoolId} />
      </div>
      <ComplianceExport range={range} schoolId={schoolId} />
      <ErrorMessage error={data.error} />
      {data.isPending && <Loading />}
      {data.data && (
        <>
          <div className="summary-row compliance-stats">
            <div className={`stat ${data.data.totals.judgedBehind ? 'behind' : ''}`}>
              <span className="stat-label">Students behind (under {pct(data.data.threshold)})</span>
              <span className="stat-value" data-testid="behind-count">
                {data.data.totals.judgedBehind}
              </span>
              <span className="muted small">per setting, over weeks, months and years that have ended</span>
            </div>
            <div className="stat">
              <span className="stat-label">At risk</span>
              <span className="stat-value" data-testid="at-risk-count">
                {data.data.totals.atRisk}
              </span>
              <span className="muted small">more left to give this interval than is planned</span>
            </div>
            <div className="stat">
              <span className="stat-label">Delivered ÷ owed to date</span>
              <span className="stat-value">
                {pct(data.data.totals.owedToDate ? data.data.totals.delivered / data.data.totals.owedToDate : null)}
              </span>
              <span className="muted">
                {mins(data.data.totals.delivered)} of {mins(data.data.totals.owedToDate)} min
              </span>
            </div>
            <div className="stat">
              <span className="stat-label">Makeup minutes owed</span>
              <span className="stat-value">{mins(data.data.totals.makeupBalance)}</span>
            </div>
            <div className="stat mix" aria-labelledby="mix-title">
              <span className="stat-label" id="mix-title">
                My time by setting ({mins(data.data.mix.total)} min)
              </span>
              <div
                className="mixbar"
                role="img"
                aria-label={SETTINGS.map((s) => `${SETTING_LABELS[s]} ${pct(data.data.mix.share[s])}`).join(', ')}
              >
                {SETTINGS.map((s) => (
                  <span key={s} style={{ width: `${data.data.mix.share[s] * 100}%`, background: SETTING_COLOURS[s] }} />
                ))}
              </div>
              <span className="muted">
                {SETTINGS.map((s) => `${SETTING_LABELS[s]} ${pct(data.data.mix.share[s])}`).join(' · ')}
              </span>
              <span className="muted small">
                Reference (Watt &amp; Richards 2016, 45 school OTs): {pct(PUBLISHED_MIX.pullOut)} pull-out,{' '}
                {pct(PUBLISHED_MIX.inEducationSetting)} in the classroom.
              </span>
            </div>
          </div>
          <ComplianceTable rows={data.data.rows} />
        </>
      )}
    </section>
  );
}
