import { createHash } from "node:crypto";
import { Transform } from "node:stream";
import { AppError } from "@/lib/errors";

/** Counts and hashes bytes as they stream through; fails past `maxBytes`. */
export function hashingMeter(maxBytes: number) {
  const hash = createHash("sha256");
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new AppError("PAYLOAD_TOO_LARGE", `Files are limited to ${maxBytes} bytes.`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ size, sha256: hash.digest("hex") }) };
}
