import { graceLabel, type GracePeriod } from "@/lib/keys/state";

/** "When does the old secret stop working?" for refresh, roll and rotate. */
export function GraceSelect({ id, label }: { id: string; label: string }) {
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        name="gracePeriod"
        defaultValue="0"
        className="rounded-md border-0 py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300"
      >
        {(Object.keys(graceLabel) as GracePeriod[]).map((g) => (
          <option key={g} value={g}>
            Old secret: {graceLabel[g].toLowerCase()}
          </option>
        ))}
      </select>
    </>
  );
}
