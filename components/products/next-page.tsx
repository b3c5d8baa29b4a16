import Link from "next/link";

/** "Older →" under a paged list: the same cursor the API's Link header carries. */
export function NextPageLink({
  path,
  params,
  cursor,
}: {
  path: string;
  params?: Record<string, string | undefined>;
  cursor: string | null;
}) {
  if (!cursor) return null;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) query.set(k, v);
  query.set("cursor", cursor);
  return (
    <p className="mt-4 text-right text-sm">
      <Link href={`${path}?${query}`} className="font-medium text-indigo-700 underline" data-testid="next-page">
        Older →
      </Link>
    </p>
  );
}

/** A cursor from the page's query string: the API's limit on its length applies. */
export const pageCursor = (cursor: string | string[] | undefined) =>
  typeof cursor === "string" && cursor.length <= 100 ? cursor : undefined;
