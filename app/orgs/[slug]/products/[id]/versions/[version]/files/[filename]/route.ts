import { dashboardRequest } from "@/lib/auth/dashboard-request";
import { problemFromError, newRequestId } from "@/lib/api/errors";
import { serializeFile, uploadFile } from "@/lib/products/files";
import { closeAfterTimeout } from "@/lib/storage/idle";

type Params = { slug: string; id: string; version: string; filename: string };

/**
 * The dashboard's upload: the same streaming `uploadFile` as the API, authenticated
 * by the session cookie. Same-origin only (the Origin header must be ours).
 */
export async function PUT(req: Request, { params }: { params: Promise<Params> }) {
  const ctx = { requestId: newRequestId(), instance: new URL(req.url).pathname };
  try {
    const p = await params;
    const { actor, orgId } = await dashboardRequest(req, p.slug);
    const file = await uploadFile(actor, orgId, p.id, p.version, p.filename, req.body, req.headers.get("content-type"));
    return Response.json(serializeFile(file), { status: 201 });
  } catch (err) {
    return closeAfterTimeout(problemFromError(err, ctx));
  }
}
