import Link from "next/link";
import type { ChecklistStep } from "@/lib/overview/checklist";

/** Getting started: the steps the viewer can take, ticked from what the organisation has done. */
export function Checklist({ slug, steps }: { slug: string; steps: ChecklistStep[] }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200" aria-labelledby="getting-started">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="getting-started" className="text-base font-semibold text-slate-900">
          Getting started
        </h2>
        <p className="text-sm text-slate-600">
          {done} of {steps.length} done
        </p>
      </div>
      <ol className="mt-3 grid gap-2 sm:grid-cols-2">
        {steps.map((s) => (
          <li key={s.id} data-testid={`step-${s.id}`} data-done={s.done} className="flex items-center gap-2 text-sm">
            <span
              aria-hidden
              className={`inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs ${s.done ? "bg-emerald-600 text-white" : "ring-1 ring-slate-300"}`}
            >
              {s.done ? "✓" : ""}
            </span>
            {s.done ? (
              <span className="text-slate-600">
                <span className="line-through">{s.label}</span>
                <span className="sr-only"> (done)</span>
              </span>
            ) : (
              <Link href={`/orgs/${slug}${s.href}`} className="font-medium text-indigo-700 hover:underline">
                {s.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
