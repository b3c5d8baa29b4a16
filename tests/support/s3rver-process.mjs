// A real S3-protocol server (s3rver) in its own process, for tests and e2e:
//   node tests/support/s3rver-process.mjs <port or 0> <directory> <bucket> [<CORS allowed origin, default *>]
// Prints {"port": n} on its first line once listening.
// s3rver 3.7 implements create, upload-part and complete but not ListParts
// (GET ?uploadId) or AbortMultipartUpload (DELETE ?uploadId): answered here from
// its own upload directory, the way S3 answers them (without a signature check).
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import S3rver from "s3rver";

const [port = "0", directory, bucket = "continuata-test", allowOrigin = "*"] = process.argv.slice(2);
const CORS =
  `<CORSConfiguration><CORSRule><AllowedOrigin>${allowOrigin}</AllowedOrigin>` +
  "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>" +
  "<AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>";

const s3 = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket, configs: [CORS] }] });
await s3.configureBuckets();
const koa = s3.callback();

function shim(req, res) {
  const url = new URL(req.url ?? "/", "http://x");
  const uploadId = url.searchParams.get("uploadId");
  if (!uploadId || url.searchParams.has("partNumber") || !/^[0-9a-f]+$/.test(uploadId)) return false;
  if (req.method !== "GET" && req.method !== "DELETE") return false;
  const dir = path.join(s3.store.getResourcePath(url.pathname.split("/")[1], undefined, "uploads"), uploadId);
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    res
      .writeHead(404, { "content-type": "application/xml" })
      .end("<Error><Code>NoSuchUpload</Code><Message>No such upload.</Message></Error>");
    return true;
  }
  if (req.method === "DELETE") {
    rmSync(dir, { recursive: true, force: true });
    res.writeHead(204).end();
    return true;
  }
  // A part is listed once s3rver has written its checksum: a part whose PUT was cut off
  // midway (a reload, a dropped connection) leaves a partial file without one, and S3
  // does not list such a part either.
  const parts = names
    .filter((n) => /^\d+$/.test(n) && names.includes(`${n}.md5`))
    .map(Number)
    .sort((a, b) => a - b)
    .map((n) => {
      const md5 = readFileSync(path.join(dir, `${n}.md5`), "utf8");
      return `<Part><PartNumber>${n}</PartNumber><ETag>"${md5}"</ETag><Size>${statSync(path.join(dir, String(n))).size}</Size></Part>`;
    });
  res
    .writeHead(200, { "content-type": "application/xml" })
    .end(
      `<?xml version="1.0" encoding="UTF-8"?><ListPartsResult><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts.join("")}</ListPartsResult>`,
    );
  return true;
}

const server = http.createServer((req, res) => {
  if (!shim(req, res)) koa(req, res);
});
server.listen(Number(port), "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  // A browser's keep-alive connections would hold close() open.
  server.closeAllConnections();
});
