"use client";
import { useState } from "react";
import type { ActionState } from "@/lib/forms/action-state";
import { Button } from "@/components/ui/button";

/** The one time a secret is shown: copy it now; it is not stored anywhere we can show it from. */
export function RevealKey({ secret, onDone, label = "Your new API key" }: { secret: string; onDone?: () => void; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  }
  return (
    <div className="space-y-3 rounded-xl bg-emerald-50 p-4 ring-1 ring-emerald-200" role="region" aria-label={label}>
      <p className="text-sm font-semibold text-emerald-900">{label}</p>
      <div className="flex flex-wrap gap-2">
        <input
          readOnly
          value={secret}
          aria-label="API key"
          data-testid="revealed-key"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border-0 bg-white px-3 py-2 font-mono text-sm ring-1 ring-inset ring-emerald-300"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-sm text-emerald-900">
        <strong>You won&apos;t see this key again.</strong> Copy it now and store it in your secret manager. If you lose it, refresh it to
        get a new one.
      </p>
      {onDone && (
        <Button type="button" variant="ghost" onClick={onDone}>
          I have copied it
        </Button>
      )}
    </div>
  );
}

/**
 * The secret a server action returned, until the user dismisses it. It lives
 * only in this component's state: a reload never shows it again.
 */
export function useShownOnce<T>(state: ActionState, pick: (data: Record<string, string>) => T | undefined) {
  // Derived, not copied into state: dismissing remembers which answer was dismissed.
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const shown = state.data && dismissed !== state ? pick(state.data) : undefined;
  return [shown, () => setDismissed(state)] as const;
}
