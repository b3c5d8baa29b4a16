import { createHash } from "node:crypto";
import { expect } from "vitest";
import { POST as createProductRoute } from "@/app/api/products/route";
import { POST as createVersionRoute } from "@/app/api/products/[id]/versions/route";
import { DELETE as deleteFileRoute, PUT as uploadRoute } from "@/app/api/products/[id]/versions/[version]/files/[filename]/route";
import { POST as activateRoute } from "@/app/api/products/[id]/versions/[version]/activate/route";
import { POST as generateRoute } from "@/app/api/generate-download-url/route";
import { createOrgWith, personalKey } from "../fixtures";
import { call } from "../api/client";

export const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/**
 * PUT …/files/{name}. `param` is what Next hands the route: the path segment
 * percent-decoded once (by default the name itself).
 */
export async function upload(
  token: string,
  id: string,
  version: string,
  name: string,
  bytes: Buffer | ReadableStream<Uint8Array>,
  opts: { param?: string; type?: string } = {},
) {
  const stream = bytes instanceof ReadableStream;
  const req = new Request(`http://localhost/api/products/${id}/versions/${version}/files/${encodeURIComponent(name)}`, {
    method: "PUT",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": opts.type ?? "application/zip",
      ...(stream ? {} : { "content-length": String(bytes.length) }),
      "x-forwarded-for": "198.51.100.9",
    },
    body: stream ? bytes : new Uint8Array(bytes),
    ...(stream ? { duplex: "half" } : {}),
  } as RequestInit);
  const res = await uploadRoute(req, { params: Promise.resolve({ id, version, filename: opts.param ?? name }) as never });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}

export const removeFile = (token: string, id: string, version: string, filename: string) =>
  call(deleteFileRoute, `/api/products/${id}/versions/${version}/files/${encodeURIComponent(filename)}`, {
    method: "DELETE",
    token,
    params: { id, version, filename },
  });

export const newProduct = async (token: string, id: string, name = id) =>
  call(createProductRoute, "/api/products", { method: "POST", token, body: { id, name } });
export const newVersion = async (token: string, id: string, version: string) =>
  call(createVersionRoute, "/x", { method: "POST", token, params: { id }, body: { version } });
export const activate = (token: string, id: string, version: string) =>
  call(activateRoute, "/x", { method: "POST", token, params: { id, version } });
export const mint = (token: string, body: Record<string, unknown>) =>
  call(generateRoute, "/api/generate-download-url", { method: "POST", token, body });

/** An organisation with a key and a draft product "kit" with version 1.0.0 holding the given files. */
export async function draftWith(files: Record<string, Buffer>) {
  const { org, owner } = await createOrgWith();
  const { token } = await personalKey(org.id, owner);
  expect((await newProduct(token, "kit")).status).toBe(201);
  expect((await newVersion(token, "kit", "1.0.0")).status).toBe(201);
  for (const [name, bytes] of Object.entries(files)) expect((await upload(token, "kit", "1.0.0", name, bytes)).status).toBe(201);
  return { org, owner, token };
}

export const get = (handler: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}, method = "GET") =>
  handler(new Request(`http://localhost${path}`, { method, headers: { "x-forwarded-for": "198.51.100.77", ...headers } }));
