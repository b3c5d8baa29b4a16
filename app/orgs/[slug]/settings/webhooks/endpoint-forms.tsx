"use client";
import { useActionState } from "react";
import { ConfirmForm } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { RevealKey, useShownOnce } from "@/components/keys/reveal-key";
import { GraceSelect } from "@/components/keys/grace-select";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;
const pickSecret = (d: Record<string, string>) => (d.key ? { secret: d.key } : undefined);

export function CreateEndpointForm({ action }: { action: FormAction }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [revealed, done] = useShownOnce(state, pickSecret);
  return (
    <div className="space-y-4">
      {revealed && <RevealKey secret={revealed.secret} onDone={done} label="Signing secret" />}
      {state.message && !state.ok && !state.fields && <Notice>{state.message}</Notice>}
      <form action={formAction} className="space-y-4">
        <TextField
          label="Endpoint URL"
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://example.com/webhooks/continuata"
          errors={state.fields?.url}
        />
        <TextField
          label="Description (optional)"
          name="description"
          maxLength={200}
          placeholder="Fulfilment server"
          errors={state.fields?.description}
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Events</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {WEBHOOK_EVENT_TYPES.map((e) => (
              <label key={e} className="flex items-center gap-2 font-mono text-sm text-slate-700">
                <input type="checkbox" name="events" value={e} defaultChecked className="size-4 rounded border-slate-300" />
                {e}
              </label>
            ))}
          </div>
          {state.fields && Object.entries(state.fields).find(([k]) => k.startsWith("events")) && (
            <p className="mt-1 text-xs text-red-600">{Object.entries(state.fields).find(([k]) => k.startsWith("events"))![1][0]}</p>
          )}
        </fieldset>
        <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
      </form>
    </div>
  );
}

export function RotateSecretForm({ action, url }: { action: FormAction; url: string }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [revealed, done] = useShownOnce(state, pickSecret);
  return (
    <div className="space-y-2">
      <ConfirmForm
        action={formAction}
        confirm={{
          title: "Rotate the signing secret?",
          body: `${url} gets a new secret. Until the period you chose ends, every message is signed with both, so your receiver can switch over.`,
          confirmLabel: "Rotate secret",
        }}
        className="flex flex-wrap items-center gap-2"
      >
        <GraceSelect id={`rotate-${url}`} label="Old secret stops signing" />
        <SubmitButton variant="secondary" className="!px-2.5 !py-1" pendingText="Rotating…">
          Rotate secret
        </SubmitButton>
      </ConfirmForm>
      {state.message && !state.ok && <p className="text-xs text-red-600">{state.message}</p>}
      {revealed && <RevealKey secret={revealed.secret} onDone={done} label="New signing secret" />}
    </div>
  );
}
