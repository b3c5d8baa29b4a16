import type { KeyState } from "@/lib/keys/state";

export const stateTone: Record<KeyState, "green" | "amber" | "red" | "slate"> = {
  active: "green",
  rolling: "amber",
  disabled: "amber",
  expired: "slate",
  revoked: "red",
};
export const stateLabel: Record<KeyState, string> = {
  active: "Active",
  rolling: "Replaced, still working",
  disabled: "Disabled",
  expired: "Expired",
  revoked: "Revoked",
};

export function formatWhen(date: Date | null | undefined): string {
  if (!date) return "Never";
  return `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}
