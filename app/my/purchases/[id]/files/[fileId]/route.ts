import { serveTokenFile } from "@/lib/downloads/serve-file";
import { libraryDownload } from "@/lib/portal/library-download";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string; fileId: string }> };

/** One file of a purchase, straight from the buyer's library: one click, counted as on /download. */
export async function GET(req: Request, { params }: Params) {
  const { id, fileId } = await params;
  return libraryDownload(req, id, (live, ip) => serveTokenFile(req, live, fileId, ip, false));
}

export async function HEAD(req: Request, { params }: Params) {
  const { id, fileId } = await params;
  return libraryDownload(req, id, (live, ip) => serveTokenFile(req, live, fileId, ip, true));
}
