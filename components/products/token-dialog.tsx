"use client";
import { useActionState, useRef } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** Generate Download Token: expiry, limit, customer; then a URL to copy. */
export function TokenDialog({ action, version }: { action: FormAction; version: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()}>
        Generate Download Token
      </Button>
      <dialog
        ref={dialog}
        aria-label={`Generate a download token for ${version}`}
        className="m-auto w-full max-w-lg rounded-2xl p-0 backdrop:bg-slate-900/40"
      >
        <form action={formAction} className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">Download token for version {version}</h2>
          {state.message && !state.ok && <Notice>{state.message}</Notice>}
          {state.ok && state.data?.url && (
            <div className="space-y-2 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-200">
              <label className="block text-sm font-medium text-emerald-900" htmlFor="minted-url">
                Download URL (expires {state.data.expiresAt.replace("T", " ").slice(0, 16)} UTC)
              </label>
              <input
                id="minted-url"
                readOnly
                value={state.data.url}
                onFocus={(e) => e.currentTarget.select()}
                className="w-full rounded-md px-2 py-1 font-mono text-xs ring-1 ring-emerald-300"
                data-testid="minted-url"
              />
              <Button type="button" variant="secondary" onClick={() => navigator.clipboard.writeText(state.data!.url)}>
                Copy URL
              </Button>
              {state.data.emailed && (
                <p className="text-sm text-emerald-900" role="status">
                  {state.data.emailed}
                </p>
              )}
            </div>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Expires after (hours)"
              name="expiresInHours"
              type="number"
              min={1}
              max={8760}
              defaultValue={24}
              errors={state.fields?.expiresInHours}
            />
            <TextField
              label="Download limit"
              name="maxDownloads"
              type="number"
              min={1}
              placeholder="Unlimited"
              errors={state.fields?.maxDownloads}
            />
            <TextField
              label="Customer email"
              name="email"
              type="email"
              placeholder="buyer@example.com"
              errors={state.fields?.email}
              hint="Also records a purchase, so they can use /my."
            />
            <TextField label="Customer name" name="name" errors={state.fields?.name} />
          </div>
          <TextField label="Note" name="note" maxLength={1000} errors={state.fields?.note} />
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" name="sendEmail" defaultChecked className="size-4 rounded border-slate-300" />
            Email the buyer
            <span className="text-xs text-slate-500">(the new link and /my; needs an email address)</span>
          </label>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => dialog.current?.close()}>
              Close
            </Button>
            <SubmitButton pendingText="Generating…">Generate</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** Test Download: mints a 24-hour token and opens the download page. */
export function TestDownload({ action }: { action: (prev: ActionState) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(async (prev: ActionState) => {
    const next = await action(prev);
    if (next.ok && next.data?.url) window.open(next.data.url, "_blank", "noopener");
    return next;
  }, initialActionState);
  return (
    <form action={formAction} className="inline">
      <SubmitButton variant="secondary" pendingText="Opening…">
        Test Download
      </SubmitButton>
      {state.message && !state.ok && <span className="ml-2 text-xs text-red-600">{state.message}</span>}
    </form>
  );
}
