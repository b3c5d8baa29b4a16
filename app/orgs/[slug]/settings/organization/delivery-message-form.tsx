"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { ActionState } from "@/lib/forms/action-state";

export function DeliveryMessageForm({
  action,
  message,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  message: string | null;
}) {
  const { state, formAction, formRef } = useFormAction(action);
  const error = state.fields?.deliveryMessage?.[0];
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      {state.message && !state.ok && <Notice>{state.message}</Notice>}
      <label className="block text-sm font-medium text-slate-700" htmlFor="delivery-message">
        Message to buyers
      </label>
      <textarea
        id="delivery-message"
        name="deliveryMessage"
        defaultValue={message ?? ""}
        maxLength={500}
        rows={4}
        aria-invalid={error ? true : undefined}
        className="w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
        placeholder="Thanks for your support! Reply to this email if anything is wrong with your files."
      />
      {error && <p className="text-xs text-red-600">{error}</p>}
      <div className="flex justify-end">
        <SubmitButton pendingText="Saving…">Save message</SubmitButton>
      </div>
    </form>
  );
}
