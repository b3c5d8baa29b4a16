"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import type { ActionState } from "@/lib/forms/action-state";

export function LimitsForm({
  action,
  rateLimitPerMinute,
  requestRetentionDays,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  rateLimitPerMinute: number | null;
  requestRetentionDays: number;
}) {
  const { state, formAction, formRef } = useFormAction(action);
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      {state.message && !state.ok && !state.fields && <Notice>{state.message}</Notice>}
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <TextField
          label="Requests per minute per key"
          name="rateLimitPerMinute"
          type="number"
          min={1}
          defaultValue={rateLimitPerMinute ?? ""}
          placeholder="60 (default)"
          errors={state.fields?.rateLimitPerMinute}
          hint="A key's own limit overrides this."
        />
        <TextField
          label="Keep request history (days)"
          name="requestRetentionDays"
          type="number"
          min={1}
          max={365}
          defaultValue={requestRetentionDays}
          errors={state.fields?.requestRetentionDays}
        />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
