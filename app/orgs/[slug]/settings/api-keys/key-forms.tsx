"use client";
import { useActionState, useId, useRef } from "react";
import { Button } from "@/components/ui/button";
import { formMessage, useFormAction } from "@/components/ui/use-form-action";
import { ConfirmForm } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { RevealKey, useShownOnce } from "@/components/keys/reveal-key";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { GraceSelect } from "@/components/keys/grace-select";
import { ExpiryDayField, ScopeCheckboxes } from "@/components/keys/key-access-fields";
import type { Scope } from "@/lib/keys/scopes";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

const pickKey = (d: Record<string, string>) => d.key;

export function CreateKeyForm({ action }: { action: FormAction }) {
  // The reveal panel says it was created; no toast on top of it.
  const { state, formAction, formRef } = useFormAction(action, { success: false });
  const [revealed, done] = useShownOnce(state, pickKey);
  const message = formMessage(state, ["name", "expiresAt", "scopes"]);
  return (
    <div className="space-y-4">
      {revealed && <RevealKey secret={revealed} onDone={done} label={state.message ?? "Your new API key"} />}
      {message && !state.ok && <Notice>{message}</Notice>}
      <form ref={formRef} action={formAction} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Name"
            name="name"
            required
            maxLength={100}
            placeholder="Shopify storefront"
            errors={state.fields?.name}
            hint="Shown in whoami and the request history."
          />
          <SelectField label="Expires" name="expiresInDays" defaultValue="0" errors={state.fields?.expiresAt}>
            <option value="0">Never</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
          </SelectField>
        </div>
        {/* Least privilege by default: only read is ticked; more is a deliberate choice. */}
        <ScopeCheckboxes
          checked={["read"]}
          errors={state.fields?.scopes}
          note="Admin implies write implies read. A key never has more rights than your role."
        />
        <SubmitButton pendingText="Creating…">Create key</SubmitButton>
      </form>
    </div>
  );
}

export function RollKeyForm({ action, name }: { action: FormAction; name: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [revealed, done] = useShownOnce(state, pickKey);
  return (
    <div className="space-y-2">
      <ConfirmForm
        action={formAction}
        confirm={{
          title: `Roll "${name}"?`,
          body: "It gets a new secret with the same settings. The old secret stops working when the period you chose ends.",
          confirmLabel: "Roll key",
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <GraceSelect id={`grace-${name}`} label={`Old secret of ${name} stops working`} />
        <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="Rolling…">
          Roll
        </SubmitButton>
      </ConfirmForm>
      {state.message && !state.ok && (
        <p className="text-xs text-red-600" role="alert">
          {state.message}
        </p>
      )}
      {revealed && <RevealKey secret={revealed} onDone={done} label={`New secret for ${name}`} />}
    </div>
  );
}

export interface KeyDetails {
  id: string;
  name: string;
  kind: "personal" | "integration";
  hint: string;
  scopes: string[];
  owner: string | null;
  createdBy: string | null;
  created: string;
  lastUsed: string;
  expires: string | null;
  /** The expiry's day (UTC) for the date field; empty: never. */
  expiresOn: string;
  /** The scopes the key's user's role can hold. */
  grantable: readonly Scope[];
  /** Why some scopes cannot be ticked, when some cannot. */
  grantableNote?: string;
  rateLimitPerMinute: number | null;
  live: boolean;
}

/** Name, scopes, expiry and rate limit of a key, in one form; a rejected value stays in the field. */
function KeySettingsForm({ action, details }: { action: FormAction; details: KeyDetails }) {
  const { state, formAction, formRef } = useFormAction(action, { success: "Key settings saved" });
  const message = formMessage(state, ["name", "rateLimitPerMinute", "scopes", "expiresAt"]);
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      {message && !state.ok && <Notice>{message}</Notice>}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          id={`key-name-${details.id}`}
          label="Name"
          name="name"
          required
          maxLength={100}
          defaultValue={details.name}
          readOnly={details.kind === "personal"}
          hint={details.kind === "personal" ? "Personal keys keep their name." : undefined}
          errors={state.fields?.name}
        />
        <TextField
          id={`key-limit-${details.id}`}
          label="Requests per minute"
          name="rateLimitPerMinute"
          type="number"
          min={1}
          defaultValue={details.rateLimitPerMinute ?? ""}
          placeholder="Organisation default"
          hint="Empty: the organisation's limit."
          errors={state.fields?.rateLimitPerMinute}
        />
      </div>
      <ScopeCheckboxes checked={details.scopes} grantable={details.grantable} errors={state.fields?.scopes} note={details.grantableNote} />
      <ExpiryDayField day={details.expiresOn} errors={state.fields?.expiresAt} />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}

/** A key's details and settings, in a dialog instead of forms on every row. */
export function KeyDetailsDialog({
  details,
  settingsAction,
  rollAction,
}: {
  details: KeyDetails;
  settingsAction: FormAction;
  rollAction?: FormAction;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const rows: [string, string][] = [
    ["Key", details.hint],
    ["Kind", details.kind === "personal" ? `Personal key of ${details.owner ?? "a member"}` : "Integration"],
    // A live key's scopes are in its settings form below.
    ...(details.live ? [] : [["Scopes", details.scopes.join(", ")] as [string, string]]),
    ["Created", `${details.created}${details.createdBy ? ` by ${details.createdBy}` : ""}`],
    ["Last used", details.lastUsed],
    ["Expires", details.expires ?? "Never"],
  ];
  return (
    <>
      <Button
        type="button"
        variant="secondary"
        className="!px-2.5 !py-1"
        onClick={() => dialog.current?.showModal()}
        aria-label={`Manage ${details.name}`}
      >
        Manage
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-2xl p-0 text-left backdrop:bg-slate-900/40"
        data-testid="key-details"
      >
        <div className="space-y-5 p-6">
          <div className="flex items-start justify-between gap-3">
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {details.name}
            </h2>
            <Button type="button" variant="ghost" className="!px-2 !py-1" onClick={() => dialog.current?.close()}>
              Close
            </Button>
          </div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {rows.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-500">{k}</dt>
                <dd className={k === "Key" ? "font-mono" : ""}>{v}</dd>
              </div>
            ))}
          </dl>
          {details.live ? (
            <>
              <section aria-label="Settings" className="space-y-2 border-t border-slate-100 pt-4">
                <h3 className="text-sm font-semibold text-slate-900">Settings</h3>
                <KeySettingsForm action={settingsAction} details={details} />
              </section>
              {rollAction && (
                <section aria-label="Roll" className="space-y-2 border-t border-slate-100 pt-4">
                  <h3 className="text-sm font-semibold text-slate-900">Roll the secret</h3>
                  <p className="text-xs text-slate-500">
                    A new secret with the same settings; the old one stops now or after a grace period.
                  </p>
                  <RollKeyForm action={rollAction} name={details.name} />
                </section>
              )}
            </>
          ) : (
            <p className="text-sm text-slate-500">This key no longer works; its settings cannot change.</p>
          )}
        </div>
      </dialog>
    </>
  );
}
