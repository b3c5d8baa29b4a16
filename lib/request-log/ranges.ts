/** The viewer's time ranges and the chart bucket for each. */
export const RANGES = {
  "1h": { label: "Last hour", ms: 3_600_000, bucketMinutes: 1 },
  "24h": { label: "Last 24 hours", ms: 86_400_000, bucketMinutes: 30 },
  "7d": { label: "Last 7 days", ms: 7 * 86_400_000, bucketMinutes: 240 },
  "30d": { label: "Last 30 days", ms: 30 * 86_400_000, bucketMinutes: 720 },
} as const;
export type RangeKey = keyof typeof RANGES;

export const rangeKey = (v: string | undefined): RangeKey => (v && v in RANGES ? (v as RangeKey) : "24h");

/** Every bucket in the range, zero-filled, so the chart has no gaps. */
export function fillBuckets<T extends { bucket: Date }>(
  rows: T[],
  from: Date,
  to: Date,
  bucketMinutes: number,
  empty: (bucket: Date) => T,
): T[] {
  const size = bucketMinutes * 60_000;
  const byTime = new Map(rows.map((r) => [r.bucket.getTime(), r]));
  const out: T[] = [];
  for (let t = Math.floor(from.getTime() / size) * size; t < to.getTime(); t += size) out.push(byTime.get(t) ?? empty(new Date(t)));
  return out;
}
