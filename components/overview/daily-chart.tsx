"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import type { Series } from "./series";

/**
 * Bars per UTC day, stacked when there are several series. Recharts writes only SVG and style
 * attributes, which the dashboard's CSP allows (style-src-attr); it injects no style elements.
 */
export function DailyChart({
  data,
  series,
  label,
  height = "h-48",
  legend = true,
  stacked = true,
}: {
  data: ReadonlyArray<{ day: string }>;
  series: Series[];
  label: string;
  height?: string;
  legend?: boolean;
  stacked?: boolean;
}) {
  const points = data.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <div className={`${height} w-full`} role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, left: -20, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#94a3b8" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip cursor={{ fill: "#94a3b8", fillOpacity: 0.15 }} contentStyle={{ color: "#0f172a" }} />
          {/* Legend text in the page's text colour: series colours are too light for text on white. */}
          {legend && series.length > 1 && (
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value: string) => <span className="text-slate-700">{value}</span>} />
          )}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId={stacked ? "a" : undefined} fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
