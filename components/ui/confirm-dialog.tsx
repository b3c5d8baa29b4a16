"use client";
import { useEffect, useId, useRef, useState, type FormHTMLAttributes, type ReactNode } from "react";
import { Button } from "./button";

export interface ConfirmText {
  /** What the action is, as a question: "Revoke this download token?" */
  title: string;
  /** What will happen, in a sentence or two, when the title alone does not say it. */
  body?: ReactNode;
  /** The confirming button's label, a verb: "Revoke token". */
  confirmLabel: string;
  tone?: "danger" | "primary";
}

/**
 * The one confirmation for irreversible actions: an alert dialog on the platform's modal
 * <dialog> (showModal gives focus containment, an inert page behind and Escape to cancel).
 * No library: nothing here injects <style> elements, so it needs no CSP nonce.
 */
export function ConfirmDialog({
  open,
  text,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  text: ConfirmText;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={text.body ? `${id}-body` : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-6 text-left shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40"
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {text.title}
          </h2>
          {text.body && (
            <div id={`${id}-body`} className="mt-2 text-sm whitespace-normal text-slate-600">
              {text.body}
            </div>
          )}
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            {/* Cancel takes the focus: Enter on an irreversible dialog should not be the default yes. */}
            <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
              Cancel
            </Button>
            <Button type="button" variant={text.tone ?? "danger"} onClick={onConfirm}>
              {text.confirmLabel}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}

/**
 * A form whose submission first asks in the ConfirmDialog; confirming submits it as it was
 * (same submitter, so server actions and form fields behave exactly as without the dialog).
 */
export function ConfirmForm({
  confirm,
  onSubmit,
  children,
  ...props
}: FormHTMLAttributes<HTMLFormElement> & { confirm: ConfirmText | null }) {
  const form = useRef<HTMLFormElement>(null);
  const approved = useRef(false);
  const submitter = useRef<HTMLElement | null>(null);
  const [open, setOpen] = useState(false);
  const handleSubmit: NonNullable<FormHTMLAttributes<HTMLFormElement>["onSubmit"]> = (e) => {
    if (confirm && !approved.current) {
      e.preventDefault();
      submitter.current = (e.nativeEvent as globalThis.SubmitEvent).submitter;
      setOpen(true);
      return;
    }
    approved.current = false;
    onSubmit?.(e);
  };
  const proceed = () => {
    setOpen(false);
    approved.current = true;
    form.current?.requestSubmit(submitter.current ?? undefined);
  };
  return (
    <form ref={form} onSubmit={handleSubmit} {...props}>
      {children}
      {confirm && <ConfirmDialog open={open} text={confirm} onConfirm={proceed} onCancel={() => setOpen(false)} />}
    </form>
  );
}
