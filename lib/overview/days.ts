/** The overview's periods, in whole UTC days ending today. */
export const PERIODS = { "7d": 7, "30d": 30 } as const;
export type PeriodKey = keyof typeof PERIODS;

export const periodKey = (v: string | undefined): PeriodKey => (v === "30d" ? "30d" : "7d");

const DAY_MS = 86_400_000;

/** Midnight UTC of the first day of a period of `days` days that ends today. */
export function periodStart(days: number, now = new Date()): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - (days - 1) * DAY_MS);
}

/** YYYY-MM-DD of every day from `from`, `days` of them: charts get a point for empty days too. */
export function dayKeys(from: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10));
}

export const dayKey = (d: Date) => d.toISOString().slice(0, 10);
