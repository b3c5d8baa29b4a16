import Link from "next/link";
import type { AuditFilter } from "@/lib/audit/list";
import { buttonClass } from "@/components/ui/button-class";

const control = "block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset";

/** A GET form: the filters live in the URL, so a filtered view can be shared and paged. */
export function AuditFilters({
  filter,
  actions,
  actors,
}: {
  filter: AuditFilter;
  actions: string[];
  actors: { id: string; email: string | null }[];
}) {
  const families = [...new Set(actions.map((a) => a.split(".")[0]))];
  return (
    <form className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end" aria-label="Filter the audit log">
      <div>
        <label htmlFor="audit-actor" className="mb-1 block text-xs font-medium text-slate-600">
          Who
        </label>
        <select id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} className={control}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.email ?? a.id}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-action" className="mb-1 block text-xs font-medium text-slate-600">
          Event
        </label>
        <select id="audit-action" name="action" defaultValue={filter.action ?? ""} className={control}>
          <option value="">Any event</option>
          {families.map((f) => (
            <optgroup key={f} label={f}>
              <option value={`${f}.`}>All {f} events</option>
              {actions
                .filter((a) => a.startsWith(`${f}.`))
                .map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="mb-1 block text-xs font-medium text-slate-600">
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="audit-to" className="mb-1 block text-xs font-medium text-slate-600">
          To (UTC)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={control} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
        <Link href="?" className={buttonClass("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
