"use client";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { formMessage, useFormAction } from "@/components/ui/use-form-action";
import { ExpiryDayField, ScopeCheckboxes } from "@/components/keys/key-access-fields";
import type { ActionState } from "@/lib/forms/action-state";
import type { Scope } from "@/lib/keys/scopes";

interface Props {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  scopes: string[];
  grantable: readonly Scope[];
  expiresOn: string;
  roleNote: string;
}

/** Narrow your own key or give it an end date; it can never hold more than your role. */
export function PersonalKeySettings({ action, scopes, grantable, expiresOn, roleNote }: Props) {
  const { state, formAction, formRef } = useFormAction(action, { success: "Key settings saved" });
  const message = formMessage(state, ["scopes", "expiresAt"]);
  return (
    <form ref={formRef} action={formAction} className="space-y-4" aria-label="Key settings">
      {message && !state.ok && <Notice>{message}</Notice>}
      <ScopeCheckboxes checked={scopes} grantable={grantable} errors={state.fields?.scopes} note={roleNote} />
      <ExpiryDayField day={expiresOn} errors={state.fields?.expiresAt} />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
