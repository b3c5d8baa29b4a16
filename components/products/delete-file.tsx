"use client";
import { useActionState, useState } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

/** Delete a draft version's file: a first press asks, the second deletes (no native confirm()). */
export function DeleteFileButton({ action, name }: { action: (prev: ActionState) => Promise<ActionState>; name: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <span className="inline-flex items-center gap-2">
        <Button
          type="button"
          variant="secondary"
          className="!px-2 !py-0.5 text-xs"
          onClick={() => setAsking(true)}
          aria-label={`Delete ${name}`}
        >
          Delete
        </Button>
        {state.message && !state.ok && (
          <span className="text-xs text-red-600" role="alert">
            {state.message}
          </span>
        )}
      </span>
    );
  }
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      <span className="text-xs text-slate-600">Delete {name}?</span>
      <SubmitButton variant="danger" className="!px-2 !py-0.5 text-xs" pendingText="…">
        Yes, delete
      </SubmitButton>
      <Button type="button" variant="secondary" className="!px-2 !py-0.5 text-xs" onClick={() => setAsking(false)}>
        Cancel
      </Button>
      {state.message && !state.ok && (
        <span className="text-xs text-red-600" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}
