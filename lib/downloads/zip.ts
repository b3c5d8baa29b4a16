import { makeZip } from "client-zip";
import { storage } from "@/lib/storage";
import { countFileDownload, markDelivered, remainingByFile } from "./counts";
import { deadResponse, type LiveToken } from "./lookup";
import { whenDrained } from "./serve-file";
import { recordDownload } from "./tokens";

/** A zip's file name: the product and version, in characters every system accepts. */
export function zipName(product: string, version: string): string {
  const safe = `${product}-${version}`.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${safe || "download"}.zip`;
}

/**
 * Every file of a live token's version as one zip, streamed: entries are read from storage one at a
 * time while the zip is written (client-zip, stored without compression: product files are
 * usually compressed already), so memory stays flat whatever the sizes.
 *
 * How a zip counts (lib/downloads/counts.ts): each entry is one download of that file, counted
 * under the same per-file limit as a single download, at the moment its entry starts; a file with
 * no downloads left is left out of the zip, and so is one the token can no longer serve (revoked or
 * expired mid-way). A zip has no Range, so it is never a free resume; a file whose entry was
 * written completely is marked delivered, like a single download read to its last byte.
 */
export async function zipResponse(req: Request, live: LiveToken, ip: string | null): Promise<Response> {
  const files = live.version.files;
  const left = await remainingByFile(
    live,
    files.map((f) => f.id),
  );
  const available = files.filter((f) => left.get(f.id) !== 0);
  if (available.length === 0) return deadResponse(files.length ? "exhausted" : "unknown");
  const userAgent = req.headers.get("user-agent")?.slice(0, 512) ?? null;

  async function* entries() {
    for (const f of available) {
      if (!(await countFileDownload(live.id, f.id))) continue;
      const size = Number(f.size);
      void recordDownload({ tokenId: live.id, fileId: f.id, ip, userAgent, bytes: size }).catch((err) =>
        console.error("[downloads] could not record a download:", (err as Error).message),
      );
      const body = size > 0 ? await storage().read(f.storageKey, { start: 0, end: size - 1 }) : new Blob([]).stream();
      yield { name: f.name, input: whenDrained(body, () => markDelivered(live.id, f.id)), size, lastModified: f.createdAt };
    }
  }

  const name = zipName(live.version.product.name, live.version.version);
  return new Response(makeZip(entries()), {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "private, no-store, no-transform",
    },
  });
}
