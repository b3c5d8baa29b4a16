"use client";
import { useActionState, useState } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { initialActionState, type ActionState } from "@/lib/forms/action-state";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The webhook URL to paste into Stripe, with a copy button. */
export function WebhookUrl({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code
        className="min-w-0 flex-1 break-all rounded-lg bg-slate-100 px-3 py-2 font-mono text-xs text-slate-800"
        data-testid="webhook-url"
      >
        {url}
      </code>
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          await navigator.clipboard.writeText(url);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}

export function SecretForm({ action, connected }: { action: FormAction; connected: boolean }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <TextField
        label={connected ? "New signing secret" : "Signing secret"}
        name="webhookSecret"
        type="password"
        autoComplete="off"
        placeholder="whsec_…"
        hint="Stripe → Developers → Webhooks → your endpoint → Signing secret. Stored encrypted; never shown again."
        errors={state.fields?.webhookSecret}
        required
      />
      <div className="flex justify-end">
        <SubmitButton pendingText="Saving…">{connected ? "Replace secret" : "Connect Stripe"}</SubmitButton>
      </div>
    </form>
  );
}

export function MappingForm({ action, products }: { action: FormAction; products: { slug: string; name: string }[] }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message && <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Stripe price or Payment Link id"
          name="stripeId"
          placeholder="plink_… or price_…"
          errors={state.fields?._}
          required
        />
        <SelectField label="Product" name="productId" errors={state.fields?.productId} required defaultValue="">
          <option value="" disabled>
            Choose a product
          </option>
          {products.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name} ({p.slug})
            </option>
          ))}
        </SelectField>
        <TextField label="Version (optional)" name="version" placeholder="active version" errors={state.fields?.version} />
      </div>
      <div className="flex justify-end">
        <SubmitButton pendingText="Saving…">Save mapping</SubmitButton>
      </div>
    </form>
  );
}
