"use client";
import { useActionState } from "react";
import { ConfirmForm } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { RevealKey, useShownOnce } from "@/components/keys/reveal-key";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { GraceSelect } from "@/components/keys/grace-select";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

const pickKey = (d: Record<string, string>) => d.key;

export function CreateKeyForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [revealed, done] = useShownOnce(state, pickKey);
  return (
    <div className="space-y-4">
      {revealed && <RevealKey secret={revealed} onDone={done} label={state.message ?? "Your new API key"} />}
      {state.message && !state.ok && !state.fields && <Notice>{state.message}</Notice>}
      <form action={formAction} className="space-y-4">
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
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Scopes</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {[
              ["read", "Read — GET requests"],
              ["write", "Write — create and change"],
              ["admin", "Admin — keys and settings"],
            ].map(([value, label]) => (
              <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="scopes" value={value} defaultChecked className="size-4 rounded border-slate-300" />
                {label}
              </label>
            ))}
          </div>
          {state.fields?.scopes && <p className="mt-1 text-xs text-red-600">{state.fields.scopes[0]}</p>}
          <p className="mt-1 text-xs text-slate-500">Admin implies write implies read. A key never has more rights than your role.</p>
        </fieldset>
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

export function KeyLimitForm({ action, value, name }: { action: FormAction; value: number | null; name: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <label className="text-xs text-slate-600" htmlFor={`limit-${name}`}>
        Requests/min
      </label>
      <input
        id={`limit-${name}`}
        name="rateLimitPerMinute"
        type="number"
        min={1}
        defaultValue={value ?? ""}
        placeholder="org default"
        className="w-28 rounded-md border-0 py-1 px-2 text-sm ring-1 ring-inset ring-slate-300"
      />
      <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="…">
        Set
      </SubmitButton>
      {state.message && <span className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-600"}`}>{state.message}</span>}
    </form>
  );
}
