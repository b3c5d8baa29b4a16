import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/api/openapi";

/**
 * Checks an answer the test suite received against the generated document: the status
 * must be documented for the operation, the body must match that status's schema, and
 * every header the API adds must be declared (and required ones present). Called from
 * tests/api/client.ts for every request the suite sends, so drift fails CI.
 */

type Json = Record<string, unknown>;
const doc = openApiDocument() as unknown as Json & { paths: Record<string, Record<string, Json>>; components: Json };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ ...doc, $id: "openapi.json" } as Json);
const compiled = new Map<string, ValidateFunction>();

/** Headers the API adds itself: present on an answer ⇒ declared for that answer. */
const TRACKED = [
  "x-request-id",
  "ratelimit-limit",
  "ratelimit-remaining",
  "ratelimit-reset",
  "retry-after",
  "link",
  "idempotent-replayed",
  "www-authenticate",
];

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

function validator(ref: string): ValidateFunction {
  let v = compiled.get(ref);
  if (!v) {
    v = ajv.getSchema(ref);
    if (!v) throw new Error(`No schema at ${ref}`);
    compiled.set(ref, v);
  }
  return v;
}

/** The documented path template Next would route `pathname` to (static segments beat parameters). */
export function templateFor(pathname: string): string | null {
  const segments = pathname.split("/").filter(Boolean);
  let best: { path: string; literals: number } | null = null;
  for (const path of Object.keys(doc.paths)) {
    const parts = path.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    let literals = 0;
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      if (parts[i].startsWith("{")) continue;
      if (parts[i] === segments[i]) literals++;
      else ok = false;
    }
    if (ok && (!best || literals > best.literals)) best = { path, literals };
  }
  return best?.path ?? null;
}

const deref = (obj: Json): Json => {
  const ref = obj.$ref as string | undefined;
  if (!ref) return obj;
  return ref
    .slice(2)
    .split("/")
    .reduce<Json>((o, k) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")] as Json, doc);
};

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

/** Throws, naming the operation, when the answer departs from the document. Undocumented methods (405s) are skipped. */
export function assertMatchesContract(method: string, url: string, res: Answer): void {
  const pathname = new URL(url, "http://localhost").pathname;
  const template = templateFor(pathname);
  if (!template) return;
  const verb = method.toLowerCase();
  const op = doc.paths[template][verb] as Json | undefined;
  if (!op) return;
  const where = `${method} ${template} → ${res.status}`;
  const responses = op.responses as Record<string, Json>;
  const documented = responses[String(res.status)];
  if (!documented)
    throw new Error(`${where}: status not documented (documented: ${Object.keys(responses).join(", ")}). Body: ${res.text.slice(0, 300)}`);
  const response = deref(documented);

  const headers = (response.headers ?? {}) as Record<string, Json>;
  const declared = new Map(Object.entries(headers).map(([name, h]) => [name.toLowerCase(), deref(h)]));
  for (const name of TRACKED) {
    if (res.headers.has(name) && !declared.has(name)) throw new Error(`${where}: sends ${name} but the document does not declare it.`);
  }
  for (const [name, h] of declared) {
    const value = res.headers.get(name);
    if (value === null) {
      if (h.required) throw new Error(`${where}: the document requires header ${name}, the answer has none.`);
      continue;
    }
    const raw = headers[headerKey(headers, name)];
    const at = raw.$ref
      ? `${raw.$ref as string}`
      : `#/${pointer("paths", template, verb, "responses", String(res.status), "headers", headerKey(headers, name))}`;
    const check = validator(`openapi.json${at}/schema`);
    if (!check(value)) throw new Error(`${where}: header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(check.errors)}`);
  }

  const content = response.content as Record<string, Json> | undefined;
  if (verb === "head" || res.status === 204) return;
  if (!content) {
    if (res.text) throw new Error(`${where}: the document declares no body, the answer has one: ${res.text.slice(0, 300)}`);
    return;
  }
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!(type in content))
    throw new Error(`${where}: Content-Type ${type || "(none)"} not documented (documented: ${Object.keys(content).join(", ")}).`);
  if (type !== "application/json" && !type.endsWith("+json")) return;
  const check = validator(`openapi.json#/${pointer("paths", template, verb, "responses", String(res.status), "content", type, "schema")}`);
  if (!check(res.body)) {
    throw new Error(`${where}: body does not match the document: ${ajv.errorsText(check.errors)}. Body: ${res.text.slice(0, 500)}`);
  }
}

const headerKey = (headers: Record<string, Json>, lower: string) => Object.keys(headers).find((k) => k.toLowerCase() === lower) ?? lower;
