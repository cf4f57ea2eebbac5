import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeekPoint } from '../../../shared/api/types';
import { fmtShort } from '../format';

import { SETTING_COLOURS } from './chart-colours';

export { SETTING_COLOURS };

export function WeeklyMinutesChart({ weeks }: { weeks: WeekPoint[] }) {
  const data = weeks.map((w) => ({ ...w, label: fmtShort(w.weekOf), owed: Math.round(w.owed) }));
  return (
    <figure className="chart" aria-label="Weekly minutes delivered by setting against minutes owed">
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={data} margin={{ top: 8, right: 12, left: 8, bottom: 14 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11 }}
            interval="preserveStartEnd"
            minTickGap={24}
            label={{ value: 'Week of', position: 'insideBottom', offset: -10, fontSize: 11, fill: 'currentColor' }}
          />
          <YAxis
            tick={{ fontSize: 11 }}
            width={44}
            label={{
              value: 'Minutes',
              angle: -90,
              position: 'insideLeft',
              offset: 0,
              fontSize: 11,
              fill: 'currentColor',
            }}
          />
          <Tooltip />
          {/* Legend words in the text colour (the swatch shows the setting's): readable in both themes. */}
          <Legend
            wrapperStyle={{ fontSize: 12, paddingTop: 12 }}
            formatter={(value: string) => <span style={{ color: 'var(--ink)' }}>{value}</span>}
          />
          <Bar dataKey="push_in" name="Push-in" stackId="d" fill={SETTING_COLOURS.push_in} isAnimationActive={false} />
          <Bar
            dataKey="pull_out"
            name="Pull-out"
            stackId="d"
            fill={SETTING_COLOURS.pull_out}
            isAnimationActive={false}
          />
          <Bar dataKey="consult" name="Consult" stackId="d" fill={SETTING_COLOURS.consult} isAnimationActive={false} />
          <Line
            dataKey="owed"
            name="Owed"
            type="stepAfter"
            stroke="var(--chart-ink)"
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="muted">
        Bars: minutes delivered each week by setting. Dashed line: minutes owed that week.
      </figcaption>
    </figure>
  );
}
