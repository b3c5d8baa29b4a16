import { zipResponse } from "@/lib/downloads/zip";
import { libraryDownload } from "@/lib/portal/library-download";

export const dynamic = "force-dynamic";

/** "Download all": every file of the purchase as one streamed zip (lib/downloads/zip.ts says how it counts). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return libraryDownload(req, id, (live, ip) => zipResponse(req, live, ip));
}

/** Never a zip for a HEAD: Next would answer it by running GET, which counts every file. */
export const HEAD = () => new Response(null, { status: 405, headers: { Allow: "GET" } });
