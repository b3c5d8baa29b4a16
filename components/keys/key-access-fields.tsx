"use client";
import { useId, useRef } from "react";
import { SCOPES, type Scope } from "@/lib/keys/scopes";
import { Button } from "@/components/ui/button";

const SCOPE_LABELS: Record<Scope, string> = {
  read: "Read — GET requests",
  write: "Write — create and change",
  admin: "Admin — keys and settings",
};

/**
 * A key's scope checkboxes. `grantable`: what the key's user's role can hold; the rest are shown
 * but cannot be ticked, so the form never offers what the server would refuse.
 */
export function ScopeCheckboxes({
  checked,
  grantable = SCOPES,
  errors,
  note = "Admin implies write implies read. A key never has more rights than its user's role.",
}: {
  checked: readonly string[];
  grantable?: readonly Scope[];
  errors?: string[];
  note?: string;
}) {
  const errorId = useId();
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-700">Scopes</legend>
      <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
        {SCOPES.map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm text-slate-700 has-disabled:text-slate-500">
            <input
              type="checkbox"
              name="scopes"
              value={value}
              defaultChecked={checked.includes(value)}
              disabled={!grantable.includes(value)}
              aria-describedby={errors?.length ? errorId : undefined}
              className="size-4 rounded border-slate-300"
            />
            {SCOPE_LABELS[value]}
          </label>
        ))}
      </div>
      {errors?.length ? (
        <p id={errorId} className="mt-1 text-xs text-red-600">
          {errors[0]}
        </p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">{note}</p>
    </fieldset>
  );
}

/**
 * The day a key stops working (UTC), or empty for never. `expiresOnBefore` carries the day the
 * form opened with, so saving without touching it changes nothing (lib/keys/settings-form.ts).
 */
export function ExpiryDayField({ day, errors }: { day: string; errors?: string[] }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Expires on (UTC)
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={input}
          id={id}
          name="expiresOn"
          type="date"
          defaultValue={day}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={`${id}-note`}
          className="block rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-invalid:ring-red-400"
        />
        <Button
          type="button"
          variant="ghost"
          className="!px-2 !py-1"
          onClick={() => {
            if (input.current) input.current.value = "";
          }}
        >
          Never expires
        </Button>
      </div>
      <input type="hidden" name="expiresOnBefore" value={day} />
      <p id={`${id}-note`} className={errors?.length ? "text-xs text-red-600" : "text-xs text-slate-500"}>
        {errors?.length ? errors[0] : "The key works through the end of this day. Empty: it never expires."}
      </p>
    </div>
  );
}
