/**
 * api.d.ts from the served OpenAPI document, with openapi-typescript:
 *   npx tsx scripts/storefront-example/generate.ts [http://localhost:3000]
 * Without a URL it uses the document this checkout serves. tests/storefront.test.ts regenerates it
 * from GET /api/openapi.json and fails when the committed file has drifted.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { format, resolveConfig } from "prettier";
import openapiTS, { astToString, COMMENT_HEADER, type OpenAPI3 } from "openapi-typescript";

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));

/** TypeScript source for `paths`, `components` and `operations`; a binary body is a Blob (what fetch sends as-is). */
export async function generateTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as OpenAPI3, {
    silent: true,
    transform: (schema) => (schema.format === "binary" ? BLOB : undefined),
  });
  const source = `/* eslint-disable */\n${COMMENT_HEADER}${astToString(ast)}`;
  return format(source, { ...(await resolveConfig(TYPES_FILE)), filepath: TYPES_FILE });
}

export const TYPES_FILE = path.join(import.meta.dirname, "api.d.ts");

/** The document a deployment serves, or (no base URL) the one this checkout would serve. */
async function servedDocument(base: string | undefined): Promise<unknown> {
  if (!base) return (await import("@/lib/api/openapi")).openApiDocument();
  const res = await fetch(new URL("/api/openapi.json", base));
  if (!res.ok) throw new Error(`GET /api/openapi.json answered ${res.status}`);
  return res.json();
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(TYPES_FILE, await generateTypes(await servedDocument(process.argv[2])));
  console.log(`wrote ${path.relative(process.cwd(), TYPES_FILE)}`);
}
