"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

export function GetLink({ action }: { action: (prev: ActionState) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <div className="space-y-2 text-right">
      <form action={formAction}>
        <SubmitButton pendingText="Preparing…">Get download link</SubmitButton>
      </form>
      {state.ok && state.data?.url && (
        <p className="text-sm">
          <a href={state.data.url} className="font-medium text-indigo-700 underline" data-testid="portal-link">
            Open your download
          </a>
          <span className="block text-xs text-slate-500">Valid for 24 hours.</span>
        </p>
      )}
      {state.message && !state.ok && (
        <p className="text-sm text-red-600" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}
