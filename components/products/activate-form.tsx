"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

/** "Set active", with the choice to email everyone who bought the product (unticked: a re-activation need not mail anyone). */
export function ActivateVersionForm({
  action,
  version,
  buyers,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  version: string;
  buyers: number;
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="inline-flex flex-wrap items-center gap-2">
      {buyers > 0 && (
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          <input
            type="checkbox"
            name="notifyBuyers"
            value="1"
            className="size-4 rounded border-slate-300"
            aria-label={`Email buyers of earlier versions about ${version}`}
          />
          Email buyers of earlier versions ({buyers})
        </label>
      )}
      <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="…">
        Set active
      </SubmitButton>
      {state.message && (
        <span className={`text-xs ${state.ok ? "text-slate-600" : "text-red-600"}`} role={state.ok ? "status" : "alert"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
