import http from "node:http";

/**
 * Next drops Content-Length from every route-handler response (FORBIDDEN_HEADERS
 * in next/dist/server/send-response.js: a body from fetch() may have been
 * decoded on the way). A file we stream knows its exact length, and download
 * managers, resumes and HEAD need it. Such responses also carry the length
 * under this private name; the hook below turns it back into Content-Length
 * as Next copies headers onto the Node response, so it never reaches the wire.
 */
export const DECLARED_LENGTH = "x-continuata-length";

/** Content-Length for direct callers (tests), the private copy for `next start`. */
export function declaredLength(length: number): Record<string, string> {
  return { "Content-Length": String(length), [DECLARED_LENGTH]: String(length) };
}

const INSTALLED = Symbol.for("continuata.declared-length");

type HeaderSetter = (this: http.ServerResponse, name: string, value: number | string | readonly string[]) => http.ServerResponse;

export function installDeclaredLength(): void {
  const proto = http.ServerResponse.prototype as unknown as Record<"setHeader" | "appendHeader", HeaderSetter> & { [INSTALLED]?: true };
  if (proto[INSTALLED]) return;
  for (const method of ["setHeader", "appendHeader"] as const) {
    const original = proto[method];
    proto[method] = function (name, value) {
      if (typeof name === "string" && name.toLowerCase() === DECLARED_LENGTH) {
        // A compressed (re-encoded) body has another length: leave framing to Node then.
        if (this.getHeader("content-encoding")) return this;
        return original.call(this, "content-length", value);
      }
      return original.call(this, name, value);
    };
  }
  proto[INSTALLED] = true;
}
