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

interface Plan {
  declared: Map<string, { required: boolean; check: ValidateFunction }>;
  content: Record<string, ValidateFunction | null> | null;
}
const plans = new Map<string, Plan | null>();

/** What one documented answer requires, compiled once (10,000-request tests go through here). */
function planFor(template: string, verb: string, status: string): Plan | null {
  const id = `${verb} ${template} ${status}`;
  if (plans.has(id)) return plans.get(id)!;
  const documented = (doc.paths[template][verb].responses as Record<string, Json>)[status];
  let plan: Plan | null = null;
  if (documented) {
    const response = deref(documented);
    const at = `openapi.json#/${pointer("paths", template, verb, "responses", status)}`;
    const headers = (response.headers ?? {}) as Record<string, Json>;
    const declared = new Map<string, { required: boolean; check: ValidateFunction }>();
    for (const [name, raw] of Object.entries(headers)) {
      const schemaAt = raw.$ref ? `openapi.json${raw.$ref as string}/schema` : `${at}/${pointer("headers", name)}/schema`;
      declared.set(name.toLowerCase(), { required: deref(raw).required === true, check: validator(schemaAt) });
    }
    const content = response.content as Record<string, Json> | undefined;
    plan = {
      declared,
      content: content
        ? Object.fromEntries(
            Object.keys(content).map((type) => [
              type,
              type === "application/json" || type.endsWith("+json") ? validator(`${at}/${pointer("content", type, "schema")}`) : null,
            ]),
          )
        : null,
    };
  }
  plans.set(id, plan);
  return plan;
}

const templates = new Map<string, string | null>();

/**
 * Throws, naming the operation, when the answer departs from the document. Undocumented methods (405s) are skipped.
 * `route`: the template of the handler that answered, when the caller knows it (else it is found from the URL).
 */
export function assertMatchesContract(method: string, url: string, res: Answer, route?: string): void {
  const pathname = new URL(url, "http://localhost").pathname;
  if (!route && !templates.has(pathname)) templates.set(pathname, templateFor(pathname));
  const template = route && doc.paths[route] ? route : templates.get(pathname);
  if (!template) return;
  const verb = method.toLowerCase();
  const op = doc.paths[template][verb] as Json | undefined;
  if (!op) return;
  const where = `${method} ${template} → ${res.status}`;
  const plan = planFor(template, verb, String(res.status));
  if (!plan) {
    const documented = Object.keys(op.responses as Json).join(", ");
    throw new Error(`${where}: status not documented (documented: ${documented}). Body: ${res.text.slice(0, 300)}`);
  }
  for (const name of TRACKED) {
    if (!plan.declared.has(name) && res.headers.has(name)) throw new Error(`${where}: sends ${name} but the document does not declare it.`);
  }
  for (const [name, h] of plan.declared) {
    const value = res.headers.get(name);
    if (value === null) {
      if (h.required) throw new Error(`${where}: the document requires header ${name}, the answer has none.`);
    } else if (!h.check(value)) throw new Error(`${where}: header ${name}: ${JSON.stringify(value)} ${ajv.errorsText(h.check.errors)}`);
  }
  if (verb === "head" || res.status === 204) return;
  if (!plan.content) {
    if (res.text) throw new Error(`${where}: the document declares no body, the answer has one: ${res.text.slice(0, 300)}`);
    return;
  }
  const type = (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!(type in plan.content))
    throw new Error(`${where}: Content-Type ${type || "(none)"} not documented (documented: ${Object.keys(plan.content).join(", ")}).`);
  const check = plan.content[type];
  if (check && !check(res.body)) {
    throw new Error(`${where}: body does not match the document: ${ajv.errorsText(check.errors)}. Body: ${res.text.slice(0, 500)}`);
  }
}

/** Throws when an outbound webhook message departs from the document's `webhooks` entry for its type. */
export function assertMatchesWebhookMessage(body: string, headers: Record<string, string | string[] | undefined>): void {
  const msg: unknown = JSON.parse(body);
  const type = String((msg as { type?: unknown }).type);
  const webhooks = (doc.webhooks ?? {}) as Record<string, { post: { parameters: { name: string; required?: boolean }[] } }>;
  const documented = webhooks[type];
  if (!documented) throw new Error(`webhook ${type}: not in the document's webhooks`);
  for (const p of documented.post.parameters)
    if (p.required && !headers[p.name.toLowerCase()]) throw new Error(`webhook ${type}: header ${p.name} missing`);
  const check = validator(`openapi.json#/${pointer("webhooks", type, "post", "requestBody", "content", "application/json", "schema")}`);
  if (!check(msg)) throw new Error(`webhook ${type}: body does not match the document: ${ajv.errorsText(check.errors)}. Body: ${body}`);
}
