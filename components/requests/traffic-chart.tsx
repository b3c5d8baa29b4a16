"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartPoint {
  label: string;
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
}

const COLORS = { "2xx": "#10b981", "3xx": "#6366f1", "4xx": "#f59e0b", "5xx": "#ef4444" } as const;

/** Requests over time, stacked by status class. */
export function TrafficChart({ data }: { data: ChartPoint[] }) {
  return (
    <div className="h-56 w-full" role="img" aria-label="Requests over time by status class">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {(Object.keys(COLORS) as (keyof typeof COLORS)[]).map((k) => (
            <Bar key={k} dataKey={k} stackId="status" fill={COLORS[k]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
