import { notFound } from "@/lib/api/fallback";

/** Any /api path no other route file serves: 404 problem+json, whatever the method. */
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE, notFound as OPTIONS };
