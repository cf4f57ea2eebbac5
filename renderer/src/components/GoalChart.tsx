import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fromDay, toDay } from '../../../shared/domain/dates';
import type { GoalPeriodSummary } from '../../../shared/domain/progress';
import { fmtShort } from '../format';

/** At most this many date ticks; the points themselves stay where their dates put them. */
const MAX_TICKS = 8;

/**
 * A goal's data on a real time axis (points spaced by their dates; two on one date share an x), the
 * target, and the least-squares trend line of the summary (TREND_RULE in shared/domain/progress.ts).
 */
export function GoalChart({
  points,
  target,
  unit,
  fit = null,
}: {
  points: { date: string; level: number }[];
  target: number | null;
  unit: string;
  fit?: GoalPeriodSummary['fit'];
}) {
  const data = points
    .map((p) => ({ day: toDay(p.date), date: p.date, level: Math.round(p.level * 10) / 10 }))
    .sort((a, b) => a.day - b.day);
  const max = Math.max(
    unit === '%' ? 100 : 0,
    target ?? 0,
    ...points.map((p) => p.level),
    fit?.fromLevel ?? 0,
    fit?.toLevel ?? 0,
  );
  const days = [...new Set(data.map((d) => d.day))];
  const step = Math.max(1, Math.ceil(days.length / MAX_TICKS));
  const ticks = days.filter((_, i) => i % step === 0);
  const lo = days[0] ?? 0;
  const hi = days[days.length - 1] ?? 0;
  // One date alone still needs a span to draw on.
  const domain: [number, number] = lo === hi ? [lo - 3, hi + 3] : [lo, hi];
  return (
    <figure
      className="chart"
      aria-label={`Goal data over time${target != null ? ` against the target of ${target}${unit}` : ''}${fit ? ', with the trend line' : ''}`}
    >
      <ResponsiveContainer width="100%" height={214}>
        <LineChart data={data} margin={{ top: 8, right: 16, left: 8, bottom: 14 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="day"
            type="number"
            scale="time"
            domain={domain}
            ticks={ticks}
            tickFormatter={(d: number) => fmtShort(fromDay(Math.round(d)))}
            tick={{ fontSize: 11 }}
            label={{ value: 'Date', position: 'insideBottom', offset: -10, fontSize: 11, fill: 'currentColor' }}
          />
          <YAxis
            domain={[0, Math.ceil(max)]}
            tick={{ fontSize: 11 }}
            width={48}
            unit={unit}
            label={{
              value: unit ? `Level (${unit})` : 'Level',
              angle: -90,
              position: 'insideLeft',
              offset: 0,
              fontSize: 11,
              fill: 'currentColor',
            }}
          />
          <Tooltip labelFormatter={(d) => fmtShort(fromDay(Math.round(Number(d))))} />
          {target != null && (
            <ReferenceLine
              y={target}
              stroke="var(--chart-ink)"
              strokeDasharray="5 3"
              label={{ value: `Target ${target}${unit}`, position: 'insideTopRight', fontSize: 11 }}
            />
          )}
          {fit && (
            <ReferenceLine
              segment={[
                { x: toDay(fit.fromDate), y: fit.fromLevel },
                { x: toDay(fit.toDate), y: fit.toLevel },
              ]}
              stroke="#b85c0c"
              strokeWidth={1.5}
              strokeDasharray="2 2"
              ifOverflow="extendDomain"
            />
          )}
          <Line
            dataKey="level"
            name="Level"
            stroke="var(--accent)"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted">
        Each point is one session&apos;s data, placed by its date; the dashed line is the goal&apos;s target
        {fit ? '; the dotted line is the trend (least-squares)' : ''}.
      </figcaption>
    </figure>
  );
}
