"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { initialActionState } from "@/lib/forms/action-state";
import { createOrganizationAction } from "./actions";

export function CreateOrgForm() {
  const [state, action] = useActionState(createOrganizationAction, initialActionState);
  return (
    <form action={action} className="mt-6 space-y-4">
      {state.message && !state.fields && <Notice>{state.message}</Notice>}
      <TextField
        label="Organisation name"
        name="name"
        required
        minLength={2}
        maxLength={80}
        placeholder="Acme Sounds"
        errors={state.fields?.name}
        autoFocus
      />
      <SubmitButton className="w-full" pendingText="Creating…">
        Create organisation
      </SubmitButton>
    </form>
  );
}
