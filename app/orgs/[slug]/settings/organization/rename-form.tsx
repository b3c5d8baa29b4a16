"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

export function RenameForm({ action, name }: { action: (prev: ActionState, form: FormData) => Promise<ActionState>; name: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message && !state.fields && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <TextField label="Name" name="name" defaultValue={name} required maxLength={80} errors={state.fields?.name} />
        <SubmitButton pendingText="Saving…">Save</SubmitButton>
      </div>
    </form>
  );
}
