import { z } from "zod";
import { dashboardRequest } from "@/lib/auth/dashboard-request";
import { problemFromError, newRequestId } from "@/lib/api/errors";
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
    const p = await params;
    const { actor, orgId } = await dashboardRequest(req, p.slug);
    const body: unknown = await req.json().catch(() => {
      throw new AppError("VALIDATION_FAILED", "Send a JSON body.", { body: ["Not JSON."] });
    });
    const parsed = action.safeParse(body);
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", "Unknown action.", { action: ["Unknown."] });
    switch (parsed.data.action) {
      case "create":
        return Response.json(await startDirectUpload(actor, orgId, p.id, p.version, body), { status: 201 });
      case "sign":
        return Response.json(await signParts(actor, orgId, body));
      case "parts":
        return Response.json(await uploadedParts(actor, orgId, body));
      case "complete":
        return Response.json(serializeFile(await completeDirectUpload(actor, orgId, body)), { status: 201 });
      case "abort":
        await abortDirectUpload(actor, orgId, body);
        return new Response(null, { status: 204 });
    }
  } catch (err) {
    return problemFromError(err, ctx);
  }
}
