"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-form";
import type { ConfirmText } from "@/components/ui/confirm-dialog";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

function Status({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

export function InviteForm({ action, canInviteOwner }: { action: Action; canInviteOwner: boolean }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
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
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
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
      {state.message && (
        <span className={`w-full text-xs ${state.ok ? "text-emerald-700" : "text-red-600"}`} role={state.ok ? "status" : "alert"}>
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
