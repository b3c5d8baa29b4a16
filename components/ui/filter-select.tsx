import type { ReactNode } from "react";

/** The look of every control in a list's filter bar (a GET form: the filter lives in the URL). */
export const filterControl = "block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset";

export function FilterLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="mb-1 block text-xs font-medium text-slate-600">
      {children}
    </label>
  );
}

/** A labelled select of a filter bar whose first option, "any", leaves the filter off. */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  children,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  children: ReactNode;
}) {
  return (
    <div>
      <FilterLabel htmlFor={id}>{label}</FilterLabel>
      <select id={id} name={name} defaultValue={value ?? ""} className={filterControl}>
        <option value="">{anyLabel}</option>
        {children}
      </select>
    </div>
  );
}
