"use client";
import { useFormAction } from "@/components/ui/use-form-action";
import { ConfirmForm } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { RevealKey, useShownOnce } from "@/components/keys/reveal-key";
import type { ActionState } from "@/lib/forms/action-state";
import { GraceSelect } from "@/components/keys/grace-select";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

const pickSecret = (d: Record<string, string>) => (d.key ? { secret: d.key, clientId: d.clientId } : undefined);

function Revealed({ secret, clientId, onDone, label }: { secret: string; clientId: string; onDone: () => void; label: string }) {
  return (
    <div className="space-y-2">
      <p className="text-sm">
        Client ID:{" "}
        <code className="font-mono" data-testid="revealed-client-id">
          {clientId}
        </code>
      </p>
      <RevealKey secret={secret} onDone={onDone} label={label} />
    </div>
  );
}

export function CreateClientForm({ action }: { action: FormAction }) {
  const { state, formAction, formRef } = useFormAction(action);
  const [revealed, done] = useShownOnce(state, pickSecret);
  return (
    <div className="space-y-4">
      {revealed && <Revealed {...revealed} onDone={done} label="Client secret" />}
      {state.message && !state.ok && !state.fields && <Notice>{state.message}</Notice>}
      <form ref={formRef} action={formAction} className="space-y-4">
        <TextField label="App name" name="name" required maxLength={100} placeholder="Warehouse sync" errors={state.fields?.name} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Allowed scopes</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {["read", "write", "admin"].map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="scopes" value={s} defaultChecked className="size-4 rounded border-slate-300" />
                {s}
              </label>
            ))}
          </div>
          {state.fields?.scopes && <p className="mt-1 text-xs text-red-600">{state.fields.scopes[0]}</p>}
        </fieldset>
        <SubmitButton pendingText="Creating…">Create OAuth app</SubmitButton>
      </form>
    </div>
  );
}

export function RotateForm({ action, name }: { action: FormAction; name: string }) {
  const { state, formAction } = useFormAction(action);
  const [revealed, done] = useShownOnce(state, pickSecret);
  return (
    <div className="space-y-2">
      <ConfirmForm
        action={formAction}
        confirm={{
          title: `Rotate the secret of "${name}"?`,
          body: "The app gets a new client secret. The old one stops working when the period you chose ends.",
          confirmLabel: "Rotate secret",
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <GraceSelect id={`rotate-${name}`} label={`Old secret of ${name} stops working`} />
        <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="Rotating…">
          Rotate secret
        </SubmitButton>
      </ConfirmForm>
      {state.message && !state.ok && <p className="text-xs text-red-600">{state.message}</p>}
      {revealed && <Revealed {...revealed} onDone={done} label={`New secret for ${name}`} />}
    </div>
  );
}
