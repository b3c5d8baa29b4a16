"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import type { ActionState } from "@/lib/forms/action-state";

export function RenameForm({ action, name }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; name: string }) {
  const { state, formAction, formRef } = useFormAction(action);
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      {state.message && !state.ok && !state.fields && <Notice>{state.message}</Notice>}
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <TextField label="Name" name="name" defaultValue={name} required maxLength={80} errors={state.fields?.name} />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
