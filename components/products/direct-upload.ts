/**
 * The browser's half of a direct upload to S3 storage (lib/products/direct-upload.ts):
 * parts of the file go in parallel straight to the bucket through presigned
 * URLs; the app only creates, signs and completes. The upload's ticket is kept
 * in localStorage under the file's name, size and date, so choosing the same
 * file again after a dropped connection or a reload sends only the parts the
 * bucket does not hold yet.
 */

const PARALLEL_PARTS = 4;
const TRIES = 4;

interface Started {
  ticket: string;
  partSize: number;
  partCount: number;
}

class UploadError extends Error {}

async function call<T>(url: string, body: Record<string, unknown>): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new UploadError(json.detail ?? `Upload failed (${res.status}).`);
  return json as T;
}

function putPart(url: string, blob: Blob, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      const etag = xhr.getResponseHeader("ETag");
      if (xhr.status >= 200 && xhr.status < 300 && etag) resolve(etag);
      else
        reject(
          new Error(
            xhr.status >= 300 ? `The storage answered ${xhr.status}.` : "The storage did not expose the ETag header (bucket CORS).",
          ),
        );
    };
    // A bucket whose CORS rule leaves this site out fails exactly like a lost connection (status 0): say both.
    xhr.onerror = () =>
      reject(new Error("The storage could not be reached (network, or the bucket's CORS rule does not allow this site)."));
    xhr.send(blob);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function uploadDirect(endpoint: string, file: File, onProgress: (loaded: number) => void): Promise<void> {
  const memo = `continuata-upload:${endpoint}:${file.name}:${file.size}:${file.lastModified}`;
  const done = new Map<number, number>();
  const etags = new Map<number, string>();
  let started: Started | null = null;
  try {
    started = JSON.parse(localStorage.getItem(memo) ?? "null") as Started | null;
  } catch {
    started = null;
  }
  if (started) {
    try {
      const { parts } = await call<{ parts: { partNumber: number; etag: string; size: number }[] }>(endpoint, {
        action: "parts",
        ticket: started.ticket,
      });
      for (const p of parts) {
        etags.set(p.partNumber, p.etag);
        done.set(p.partNumber, p.size);
      }
    } catch {
      started = null;
    }
  }
  if (!started) {
    started = await call<Started>(endpoint, { action: "create", name: file.name, size: file.size, contentType: file.type || undefined });
    localStorage.setItem(memo, JSON.stringify(started));
  }
  const { ticket, partSize, partCount } = started;
  const inFlight = new Map<number, number>();
  const report = () => onProgress([...done.values(), ...inFlight.values()].reduce((a, b) => a + b, 0));
  report();

  const todo = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !etags.has(n));
  async function worker() {
    for (let n = todo.shift(); n !== undefined; n = todo.shift()) {
      const blob = file.slice((n - 1) * partSize, Math.min(n * partSize, file.size));
      for (let attempt = 1; ; attempt++) {
        try {
          const { urls } = await call<{ urls: { partNumber: number; url: string }[] }>(endpoint, { action: "sign", ticket, parts: [n] });
          const part = n;
          etags.set(n, await putPart(urls[0].url, blob, (loaded) => (inFlight.set(part, loaded), report())));
          inFlight.delete(n);
          done.set(n, blob.size);
          report();
          break;
        } catch (err) {
          inFlight.delete(n);
          if (err instanceof UploadError || attempt >= TRIES) throw err;
          await sleep(1000 * 2 ** (attempt - 1));
        }
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, todo.length) }, worker));
  } catch (err) {
    throw new Error(`${(err as Error).message} Choose the same file again to resume where it stopped.`);
  }
  const parts = [...etags].map(([partNumber, etag]) => ({ partNumber, etag }));
  try {
    await call(endpoint, { action: "complete", ticket, parts });
  } finally {
    localStorage.removeItem(memo);
  }
}
