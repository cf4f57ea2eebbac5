import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fmtShort } from '../format';

export function GoalChart({
  points,
  target,
  unit,
}: {
  points: { date: string; level: number }[];
  target: number | null;
  unit: string;
}) {
  const data = points.map((p) => ({ label: fmtShort(p.date), level: Math.round(p.level * 10) / 10 }));
  const max = Math.max(unit === '%' ? 100 : 0, target ?? 0, ...points.map((p) => p.level));
  return (
    <figure
      className="chart"
      aria-label={`Goal data over time${target != null ? ` against the target of ${target}${unit}` : ''}`}
    >
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
          <CartesianGrid stroke="#e3e6ea" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={20} />
          <YAxis domain={[0, Math.ceil(max)]} tick={{ fontSize: 11 }} width={40} unit={unit} />
          <Tooltip />
          {target != null && (
            <ReferenceLine
              y={target}
              stroke="#222"
              strokeDasharray="5 3"
              label={{ value: `Target ${target}${unit}`, position: 'insideTopRight', fontSize: 11 }}
            />
          )}
          <Line
            dataKey="level"
            name="Level"
            stroke="#135e78"
            strokeWidth={2}
            dot={{ r: 3 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted">
        Each point is one session&apos;s data; the dashed line is the goal&apos;s target.
      </figcaption>
    </figure>
  );
}
