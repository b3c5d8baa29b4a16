"use client";
import { type ReactNode } from "react";
import { SubmitButton } from "./button";
import type { ButtonVariant } from "./button-class";
import { TextField } from "./field";
import { Notice } from "./card";
import { ConfirmForm, type ConfirmText } from "./confirm-dialog";
import type { ActionState } from "@/lib/forms/action-state";
import { formMessage, useFormAction } from "./use-form-action";

/** A one-button form for a server action, with its error shown beside it; `confirm` asks first, in the in-app dialog. */
export function ActionButton({
  action,
  label,
  variant = "secondary",
  confirm,
  ariaLabel,
  success,
}: {
  action: (prev: ActionState) => Promise<ActionState>;
  label: string;
  variant?: ButtonVariant;
  confirm?: ConfirmText;
  ariaLabel?: string;
  /** The toast after it worked ("Revoked"); the action's own message when absent. */
  success?: string;
}) {
  const { state, formAction } = useFormAction(action, { success });
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
  success,
  children,
  extraFields = [],
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  fields: { name: string; label: string; placeholder?: string; type?: string }[];
  submit: string;
  /** The toast after it worked; the action's own message when absent. */
  success?: string;
  children?: ReactNode;
  /** Names of fields in `children` that show their own errors. */
  extraFields?: string[];
}) {
  const { state, formAction, formRef } = useFormAction(action, { success });
  const message = formMessage(state, [...fields.map((f) => f.name), ...extraFields]);
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      {message && !state.ok && <Notice>{message}</Notice>}
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
