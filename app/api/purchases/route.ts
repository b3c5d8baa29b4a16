import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { nextPageHeaders, pageParams } from "@/lib/api/pagination";
import { listPurchasesPage, recordPurchase, serializePurchase } from "@/lib/purchases/purchases";

/** Newest first, paged by `Link: rel="next"`; `?email=` narrows to one buyer. */
export const GET = apiRoute({ permission: "catalog.read" }, async ({ auth, url }) => {
  const { purchases, nextCursor } = await listPurchasesPage(auth.org.id, {
    ...pageParams(url),
    email: url.searchParams.get("email") ?? undefined,
  });
  return json(purchases.map(serializePurchase), { headers: nextPageHeaders(url, nextCursor) });
});

/**
 * `{"email","productId","externalId"?,"sendEmail"?}`: 201 when new, 200 with the same purchase when externalId was
 * seen before. `emailSent` says whether the buyer was emailed; `emailReason` why not, when asked to.
 */
export const POST = apiRoute({ permission: "catalog.write" }, async ({ auth, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  const { purchase, created, email } = await recordPurchase(auth.actor, auth.org.id, body);
  return json(
    { ...serializePurchase(purchase), emailSent: email?.emailSent ?? false, emailReason: email?.emailReason ?? null },
    { status: created ? 201 : 200 },
  );
});

export * from "@/lib/api/other-methods";
