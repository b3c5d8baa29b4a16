import { z } from "zod";
import { parseOrThrow } from "@/lib/validation/parse";
import { intParam } from "@/lib/validation/numbers";

export const pageSchema = z.object({
  limit: intParam("limit must be a whole number.")
    .pipe(z.number().min(1, "limit is at least 1.").max(100, "limit is at most 100."))
    .default(50),
  cursor: z.string().max(100).optional(),
});

export type Page = z.infer<typeof pageSchema>;

export function pageParams(url: URL): Page {
  return parseOrThrow(pageSchema, {
    limit: url.searchParams.get("limit") ?? undefined,
    cursor: url.searchParams.get("cursor") ?? undefined,
  });
}

/** Bodies stay plain arrays; the next page is in a `Link: <…>; rel="next"` header, as GitHub does. */
export function nextPageHeaders(url: URL, nextCursor: string | null): HeadersInit {
  if (!nextCursor) return {};
  const next = new URL(url);
  next.searchParams.set("cursor", nextCursor);
  return { Link: `<${next.pathname}${next.search}>; rel="next"` };
}
