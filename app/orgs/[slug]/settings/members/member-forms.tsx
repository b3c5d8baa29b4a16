"use client";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-form";
import { ConfirmForm, type ConfirmText } from "@/components/ui/confirm-dialog";
import { useCopy } from "@/components/ui/toast";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ActionState } from "@/lib/forms/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function Status({ state }: { state: ActionState }) {
  if (!state.message || state.ok || state.fields) return null;
  return <Notice>{state.message}</Notice>;
}

export function InviteForm({ action, canInviteOwner }: { action: Action; canInviteOwner: boolean }) {
  const { state, formAction, formRef } = useFormAction(action);
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      <Status state={state} />
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end">
        <TextField label="Email" name="email" type="email" required placeholder="teammate@example.com" errors={state.fields?.email} />
        <SelectField label="Role" name="role" defaultValue="member" errors={state.fields?.role}>
          <option value="member">Member</option>
          <option value="admin">Admin</option>
          {canInviteOwner && <option value="owner">Owner</option>}
        </SelectField>
        <SubmitButton pendingText="Sending…">Send invite</SubmitButton>
      </div>
    </form>
  );
}

export function RoleForm({ action, role, canGrantOwner, label }: { action: Action; role: string; canGrantOwner: boolean; label: string }) {
  const { state, formAction, formRef } = useFormAction(action);
  return (
    <form ref={formRef} action={formAction} className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${label}`}>
        Role for {label}
      </label>
      <select
        id={`role-${label}`}
        name="role"
        defaultValue={role}
        className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300"
      >
        <option value="member">Member</option>
        <option value="admin">Admin</option>
        {(canGrantOwner || role === "owner") && <option value="owner">Owner</option>}
      </select>
      <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="Saving…">
        Save
      </SubmitButton>
      {state.message && !state.ok && (
        <span className="w-full text-xs text-red-600" role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}

/** A one-button action asked in the in-app confirmation dialog; `confirm` is its question, or the full text. */
export function ConfirmButton({
  action,
  label,
  confirm,
  variant = "danger",
}: {
  action: (prev: ActionState) => Promise<ActionState>;
  label: string;
  confirm: string | ConfirmText;
  variant?: "danger" | "secondary";
}) {
  const text = typeof confirm === "string" ? { title: confirm, confirmLabel: label } : confirm;
  return <ActionButton action={action} label={label} variant={variant} confirm={{ tone: "danger", ...text }} />;
}

/**
 * "Copy link" for a pending invitation: confirming makes a new link (the emailed one stops working),
 * shows it once and copies it. It works only for someone signed in with the invited address.
 */
export function InviteLinkButton({ action, email }: { action: (prev: ActionState) => Promise<ActionState>; email: string }) {
  const copy = useCopy();
  const { state, formAction } = useFormAction(
    async (prev: ActionState) => {
      const next = await action(prev);
      if (next.ok && next.data?.link) await copy(next.data.link, "Invitation link copied");
      return next;
    },
    { success: false },
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      <ConfirmForm
        action={formAction}
        className="inline"
        confirm={{
          title: `Make a new invitation link for ${email}?`,
          body: "The link already emailed stops working. The new one is valid for 7 days and only for someone signed in as this address. Share it privately.",
          confirmLabel: "Make and copy link",
          tone: "primary",
        }}
      >
        <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="…" aria-label={`Copy an invitation link for ${email}`}>
          Copy link
        </SubmitButton>
      </ConfirmForm>
      {state.ok && state.data?.link && (
        <input
          readOnly
          value={state.data.link}
          aria-label={`Invitation link for ${email}`}
          onFocus={(e) => e.currentTarget.select()}
          className="w-64 rounded-md px-2 py-1 font-mono text-xs ring-1 ring-slate-300"
          data-testid="invite-link"
        />
      )}
      {state.message && !state.ok && (
        <span className="text-xs text-red-600" role="alert">
          {state.message}
        </span>
      )}
    </div>
  );
}
