import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { db } from "@/lib/db/client";
import { problemFromError, newRequestId } from "@/lib/api/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { AppError } from "@/lib/errors";
import { serializeFile } from "@/lib/products/files";
import { abortDirectUpload, completeDirectUpload, signParts, startDirectUpload, uploadedParts } from "@/lib/products/direct-upload";

type Params = { slug: string; id: string; version: string };

const action = z.object({ action: z.enum(["create", "sign", "parts", "complete", "abort"]) });

/**
 * The dashboard's direct uploads to S3 storage (lib/products/direct-upload.ts):
 * `{"action": "create" | "sign" | "parts" | "complete" | "abort", …}`, by the
 * session cookie, same-origin only. The bytes never pass through here.
 */
export async function POST(req: Request, { params }: { params: Promise<Params> }) {
  const ctx = { requestId: newRequestId(), instance: new URL(req.url).pathname };
  try {
    assertSameOrigin(req);
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in again to upload.");
    const p = await params;
    const org = await db.organization.findUnique({ where: { slug: p.slug } });
    if (!org) throw new AppError("NOT_FOUND", "Organisation not found.");
    const body: unknown = await req.json().catch(() => {
      throw new AppError("VALIDATION_FAILED", "Send a JSON body.", { body: ["Not JSON."] });
    });
    const parsed = action.safeParse(body);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", "Unknown action.", { action: ["Unknown."] });
    const actor = await dashboardActor(user.id);
    switch (parsed.data.action) {
      case "create":
        return Response.json(await startDirectUpload(actor, org.id, p.id, p.version, body), { status: 201 });
      case "sign":
        return Response.json(await signParts(actor, org.id, body));
      case "parts":
        return Response.json(await uploadedParts(actor, org.id, body));
      case "complete":
        return Response.json(serializeFile(await completeDirectUpload(actor, org.id, body)), { status: 201 });
      case "abort":
        await abortDirectUpload(actor, org.id, body);
        return new Response(null, { status: 204 });
    }
  } catch (err) {
    return problemFromError(err, ctx);
  }
}
