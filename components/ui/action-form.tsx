"use client";
import { useActionState, type ReactNode } from "react";
import { SubmitButton } from "./button";
import type { ButtonVariant } from "./button-class";
import { TextField } from "./field";
import { Notice } from "./card";
import { ConfirmForm, type ConfirmText } from "./confirm-dialog";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

/** A one-button form for a server action, with its error shown beside it; `confirm` asks first, in the in-app dialog. */
export function ActionButton({
  action,
  label,
  variant = "secondary",
  confirm,
  ariaLabel,
}: {
  action: (prev: ActionState) => Promise<ActionState>;
  label: string;
  variant?: ButtonVariant;
  confirm?: ConfirmText;
  ariaLabel?: string;
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <ConfirmForm action={formAction} className="inline" confirm={confirm ?? null}>
      <SubmitButton variant={variant} className="!px-2.5 !py-1" pendingText="…" aria-label={ariaLabel}>
        {label}
      </SubmitButton>
      {state.message && !state.ok && (
        <span className="ml-2 text-xs text-red-600" role="alert">
          {state.message}
        </span>
      )}
    </ConfirmForm>
  );
}

/** A small inline form: text fields and a submit button. */
export function InlineForm({
  action,
  fields,
  submit,
  children,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields: { name: string; label: string; placeholder?: string; type?: string }[];
  submit: string;
  children?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <div className="flex flex-wrap items-end gap-3">
        {fields.map((f) => (
          <div key={f.name} className="min-w-48 flex-1">
            <TextField
              label={f.label}
              name={f.name}
              type={f.type ?? "text"}
              placeholder={f.placeholder}
              errors={state.fields?.[f.name]}
              required
            />
          </div>
        ))}
        {children}
        <SubmitButton pendingText="…">{submit}</SubmitButton>
      </div>
    </form>
  );
}
