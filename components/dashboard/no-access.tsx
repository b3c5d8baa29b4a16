/** What a member sees on a page their role cannot open: a page of its own, with its h1. */
export function NoAccess({ what }: { what: string }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 px-6 py-10 text-center">
      <h1 className="text-lg font-semibold text-slate-900">You do not have access</h1>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
        Only owners and admins can see {what}. Ask an owner of this organisation if you need it.
      </p>
    </div>
  );
}
