"use client";
import { useRef } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { useCopy, useToast } from "@/components/ui/toast";
import { formMessage, useFormAction } from "@/components/ui/use-form-action";
import type { ActionState } from "@/lib/forms/action-state";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

const FIELDS = ["expiresInHours", "maxDownloads", "email", "name", "note"];

/** Generate Download Token: expiry, limit, customer; then a URL to copy and what it was minted with. */
export function TokenDialog({ action, version }: { action: FormAction; version: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // The fields keep their values after generating: the result below says what was used.
  const { state, formAction, formRef } = useFormAction(action, { success: "Download token generated", keepOnSuccess: true });
  const copy = useCopy();
  const message = formMessage(state, FIELDS);
  const d = state.ok ? state.data : undefined;
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => dialog.current?.showModal()}>
        Generate Download Token
      </Button>
      <dialog
        ref={dialog}
        aria-label={`Generate a download token for ${version}`}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-2xl p-0 backdrop:bg-slate-900/40"
      >
        <form ref={formRef} action={formAction} className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">Download token for version {version}</h2>
          {message && !state.ok && <Notice>{message}</Notice>}
          {d?.url && (
            <div className="space-y-2 rounded-lg bg-emerald-50 p-3 ring-1 ring-emerald-200" data-testid="minted-result">
              <label className="block text-sm font-medium text-emerald-900" htmlFor="minted-url">
                Download URL
              </label>
              <input
                id="minted-url"
                readOnly
                value={d.url}
                onFocus={(e) => e.currentTarget.select()}
                className="w-full rounded-md px-2 py-1 font-mono text-xs ring-1 ring-emerald-300"
                data-testid="minted-url"
              />
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-xs text-emerald-900" aria-label="Minted with">
                <dt className="font-medium">Expires</dt>
                <dd>{d.expiresAt.replace("T", " ").slice(0, 16)} UTC</dd>
                <dt className="font-medium">Download limit</dt>
                <dd>{d.maxDownloads ? `${d.maxDownloads} per file` : "Unlimited"}</dd>
                {d.email && (
                  <>
                    <dt className="font-medium">Customer</dt>
                    <dd>
                      {d.name ? `${d.name} · ` : ""}
                      {d.email}
                    </dd>
                  </>
                )}
                {!d.email && d.name && (
                  <>
                    <dt className="font-medium">Customer</dt>
                    <dd>{d.name}</dd>
                  </>
                )}
                {d.note && (
                  <>
                    <dt className="font-medium">Note</dt>
                    <dd className="break-words">{d.note}</dd>
                  </>
                )}
              </dl>
              <Button type="button" variant="secondary" onClick={() => copy(d.url, "Download URL copied")}>
                Copy URL
              </Button>
              {d.emailed && (
                <p className="text-sm text-emerald-900" role="status">
                  {d.emailed}
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
  const toast = useToast();
  const { state, formAction } = useFormAction(
    async (prev: ActionState) => {
      const next = await action(prev);
      if (next.ok && next.data?.url) {
        window.open(next.data.url, "_blank", "noopener");
        toast("Test download opened in a new tab");
      }
      return next;
    },
    { success: false },
  );
  return (
    <form action={formAction} className="inline">
      <SubmitButton variant="secondary" pendingText="Opening…">
        Test Download
      </SubmitButton>
      {state.message && !state.ok && <span className="ml-2 text-xs text-red-600">{state.message}</span>}
    </form>
  );
}
