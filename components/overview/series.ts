// Plain data, importable by server components (a "use client" module's exports reach them only as client references).

export interface Series {
  key: string;
  label: string;
  color: string;
}

/** Outcome colours, shared by the overview and each key's usage. Mid-tones read on light and dark. */
export const OUTCOME_SERIES: Series[] = [
  { key: "2xx", label: "2xx", color: "#10b981" },
  { key: "4xx", label: "4xx", color: "#f59e0b" },
  { key: "429", label: "429", color: "#8b5cf6" },
  { key: "5xx", label: "5xx", color: "#ef4444" },
];
