"use client";
import { useActionState, useEffect, useRef } from "react";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { useToast } from "./toast";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * useActionState for a dashboard form, plus two things every form needs:
 * - React resets a form after its action; when the server rejected it, what was typed is put back
 *   (the values never leave the browser a second time: they are the FormData just sent);
 *   (`keepOnSuccess`: also after a success, for forms used again with small changes);
 * - a success is confirmed in a toast (`success`, else the action's own message).
 */
export function useFormAction(action: FormAction, options: { success?: string | false; keepOnSuccess?: boolean } = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const rejected = useRef<FormData | null>(null);
  const toast = useToast();
  const [state, formAction, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await action(prev, form);
    rejected.current = next.ok && !options.keepOnSuccess ? null : form;
    // Toasted here, not in an effect: a revoke's own button is often gone from the refreshed page.
    const message = next.ok && options.success !== false ? (options.success ?? next.message) : undefined;
    if (message) toast(message);
    return next;
  }, initialActionState);
  useEffect(() => {
    if (rejected.current && formRef.current) restoreForm(formRef.current, rejected.current);
    rejected.current = null;
  }, [state]);
  return { state, formAction, formRef, pending };
}

const SKIPPED = new Set(["file", "password", "submit", "button", "hidden"]);

export function restoreForm(form: HTMLFormElement, values: FormData) {
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || !el.name) continue;
    if (el instanceof HTMLInputElement && SKIPPED.has(el.type)) continue;
    const sent = values.getAll(el.name).map(String);
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) el.checked = sent.includes(el.value);
    else if (el instanceof HTMLSelectElement && el.multiple) for (const o of Array.from(el.options)) o.selected = sent.includes(o.value);
    else if (sent.length) el.value = sent[0];
  }
}

/** The form-level message, unless every field it is about already shows its own error under the field. */
export function formMessage(state: ActionState, shownFields: string[]): string | undefined {
  if (!state.message) return undefined;
  const fields = Object.keys(state.fields ?? {});
  return fields.length && fields.every((f) => shownFields.includes(f)) ? undefined : state.message;
}
