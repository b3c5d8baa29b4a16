/**
 * `export * from "@/lib/api/other-methods"` in every route file: a module's own
 * exports shadow these, so each method the file does not define answers 405
 * problem+json with `Allow`, and OPTIONS lists what it does define.
 * Only method names may be exported here (Next checks route files' exports).
 */
import { methodNotAllowed, options } from "./fallback";

export {
  methodNotAllowed as GET,
  methodNotAllowed as POST,
  methodNotAllowed as PUT,
  methodNotAllowed as PATCH,
  methodNotAllowed as DELETE,
  options as OPTIONS,
};
