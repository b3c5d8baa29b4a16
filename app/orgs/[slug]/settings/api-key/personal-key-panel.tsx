"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { ConfirmForm } from "@/components/ui/confirm-dialog";
import { RevealKey, useShownOnce } from "@/components/keys/reveal-key";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { graceLabel, type GracePeriod } from "@/lib/keys/state";

interface Props {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  hasKey: boolean;
}

export function PersonalKeyPanel({ action, hasKey }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [revealed, dismiss] = useShownOnce(state, (d) => d.key);

  return (
    <div className="space-y-4">
      {revealed && <RevealKey secret={revealed} onDone={dismiss} />}
      {state.message && !state.ok && <Notice>{state.message}</Notice>}
      <ConfirmForm
        action={formAction}
        confirm={
          hasKey
            ? {
                title: "Refresh your API key?",
                body: "You get a new key. The current one stops working when the period you chose ends; systems using it must be updated.",
                confirmLabel: "Refresh key",
              }
            : null
        }
        className="flex flex-wrap items-end gap-3"
      >
        {hasKey && (
          <div className="w-56">
            <SelectField label="Current key stops working" name="gracePeriod" defaultValue="0">
              {(Object.keys(graceLabel) as GracePeriod[]).map((g) => (
                <option key={g} value={g}>
                  {graceLabel[g]}
                </option>
              ))}
            </SelectField>
          </div>
        )}
        <SubmitButton pendingText={hasKey ? "Refreshing…" : "Creating…"}>{hasKey ? "Refresh" : "Create key"}</SubmitButton>
      </ConfirmForm>
    </div>
  );
}
