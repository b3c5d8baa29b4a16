"use client";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { formMessage, useFormAction } from "@/components/ui/use-form-action";
import type { ActionState } from "@/lib/forms/action-state";

type FormAction = (prev: ActionState, form: FormData) => Promise<ActionState>;

export interface ProductChoice {
  slug: string;
  name: string;
  status: string;
  activeVersion: { version: string } | null;
}

/** Add a purchase: a buyer's email and one of the organisation's products, picked, not typed. */
export function AddPurchaseForm({ action, products }: { action: FormAction; products: ProductChoice[] }) {
  const { state, formAction, formRef } = useFormAction(action);
  const message = formMessage(state, ["email", "productId"]);
  return (
    <form ref={formRef} action={formAction} className="space-y-3">
      {message && !state.ok && <Notice>{message}</Notice>}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <TextField label="Buyer email" name="email" type="email" placeholder="buyer@example.com" errors={state.fields?.email} required />
        </div>
        <div className="min-w-48 flex-1">
          <SelectField label="Product" name="productId" errors={state.fields?.productId} required defaultValue="">
            <option value="" disabled>
              Choose a product…
            </option>
            {products.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name} — {p.activeVersion ? `v${p.activeVersion.version}` : "no active version yet"}
                {p.status === "archived" ? " (archived)" : ""}
              </option>
            ))}
          </SelectField>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
          <input type="checkbox" name="sendEmail" defaultChecked className="size-4 rounded border-slate-300" />
          Email the buyer
        </label>
        <SubmitButton pendingText="…">Add</SubmitButton>
      </div>
      <p className="text-xs text-slate-500">The buyer gets the product&apos;s active version at /my, and every later one you activate.</p>
    </form>
  );
}
