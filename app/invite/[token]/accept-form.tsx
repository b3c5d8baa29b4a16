"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

export function AcceptForm({ action }: { action: (prev: ActionState) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="mt-6 space-y-3">
      {state.message && <Notice>{state.message}</Notice>}
      <SubmitButton className="w-full" pendingText="Joining…">
        Accept invitation
      </SubmitButton>
    </form>
  );
}
