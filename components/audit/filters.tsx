import Link from "next/link";
import type { AuditFilter } from "@/lib/audit/list";
import { buttonClass } from "@/components/ui/button-class";
import { FilterLabel, FilterSelect, filterControl } from "@/components/ui/filter-select";

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
      <FilterSelect id="audit-actor" name="actor" label="Who" value={filter.actor} anyLabel="Anyone">
        {actors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.email ?? a.id}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect id="audit-action" name="action" label="Event" value={filter.action} anyLabel="Any event">
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
      </FilterSelect>
      <div>
        <FilterLabel htmlFor="audit-from">From (UTC)</FilterLabel>
        <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} className={filterControl} />
      </div>
      <div>
        <FilterLabel htmlFor="audit-to">To (UTC)</FilterLabel>
        <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} className={filterControl} />
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
