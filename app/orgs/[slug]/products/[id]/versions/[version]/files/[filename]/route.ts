import { currentUser } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { db } from "@/lib/db/client";
import { problemFromError, newRequestId } from "@/lib/api/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { serializeFile, uploadFile } from "@/lib/products/files";
import { AppError } from "@/lib/errors";
import { closeAfterTimeout } from "@/lib/storage/idle";

type Params = { slug: string; id: string; version: string; filename: string };

/**
 * The dashboard's upload: the same streaming `uploadFile` as the API, authenticated
 * by the session cookie. Same-origin only (the Origin header must be ours).
 */
export async function PUT(req: Request, { params }: { params: Promise<Params> }) {
  const ctx = { requestId: newRequestId(), instance: new URL(req.url).pathname };
  try {
    assertSameOrigin(req);
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHORIZED", "Sign in again to upload.");
    const p = await params;
    const org = await db.organization.findUnique({ where: { slug: p.slug } });
    if (!org) throw new AppError("NOT_FOUND", "Organisation not found.");
    const file = await uploadFile(
      await dashboardActor(user.id),
      org.id,
      p.id,
      p.version,
      p.filename,
      req.body,
      req.headers.get("content-type"),
    );
    return Response.json(serializeFile(file), { status: 201 });
  } catch (err) {
    return closeAfterTimeout(problemFromError(err, ctx));
  }
}
