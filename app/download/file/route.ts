import { serveFile } from "@/lib/downloads/serve-file";

export const dynamic = "force-dynamic";

/** One file of a download link: lib/downloads/serve-file.ts says what counts. */
export const GET = (req: Request) => serveFile(req, false);

/** Headers only, never counted (Next would otherwise answer HEAD by running GET). */
export const HEAD = (req: Request) => serveFile(req, true);
