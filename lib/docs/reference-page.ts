import { readFile } from "node:fs/promises";
import path from "node:path";

/** Where the reference page's script is served from: the app itself, never a CDN (it must work offline and under the page CSP). */
export const RENDERER_PATH = "/docs/scalar.js";

const BUNDLE = path.join(process.cwd(), "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");

let bundle: Promise<{ body: Buffer; etag: string }> | null = null;

/** Scalar's standalone build (one file, no chunks to load, no fonts with `withDefaultFonts: false`), read once. */
export function rendererBundle() {
  bundle ??= readFile(BUNDLE).then(async (body) => {
    const { version } = JSON.parse(await readFile(path.join(BUNDLE, "../../../package.json"), "utf8")) as { version: string };
    return { body, etag: `"scalar-${version}-${body.length}"` };
  });
  bundle.catch(() => (bundle = null));
  return bundle;
}

/**
 * Runs before the bundle, under the same nonce. The renderer's components (Vue templates, the
 * toast library) create <style> elements without a nonce, which the page CSP refuses: style
 * elements created by scripts of this page get the page's nonce. That admits only what the
 * nonce'd scripts themselves create; a <style> in injected markup is still refused, unlike with
 * 'unsafe-inline'. zod, inside the bundle, probes for eval with Function(""): jitless skips the
 * probe (and the violation report it causes); script-src keeps refusing eval.
 */
const PRELUDE = `(() => {
  const nonce = document.currentScript.nonce;
  const create = Document.prototype.createElement;
  Document.prototype.createElement = function (tag, options) {
    const el = create.call(this, tag, options);
    if (String(tag).toLowerCase() === "style") el.nonce = nonce;
    return el;
  };
  globalThis.__zod_globalConfig = { ...globalThis.__zod_globalConfig, jitless: true };
})();`;

const escHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON inside a <script>: no `</script>`, no HTML comment openers, no line separators. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/**
 * The /docs page: Scalar rendering GET /api/openapi.json. It runs under the dashboard's CSP:
 * both scripts carry the response's nonce, and the `csp-nonce` meta hands the same nonce to the
 * style sheet the bundle injects; style attributes are already allowed by `style-src-attr`.
 * `servers` is the app's public URL, so the curl examples are the caller's real ones.
 * The mount point is not `#api-reference`: the bundle mounts a second reference with the default
 * configuration (Scalar's fonts, "Ask AI", "Generate SDKs") next to any element of that id.
 */
export function referencePage({ nonce, baseUrl }: { nonce: string; baseUrl: string }): string {
  const config = {
    url: "/api/openapi.json",
    servers: [{ url: baseUrl, description: "This Continuata instance" }],
    // Nothing from another host: no font CDN, no telemetry, no hosted AI agent or MCP helper.
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: "never",
    persistAuth: false,
    documentDownloadType: "json",
    hideClientButton: true,
    defaultOpenAllTags: true,
    // withDefaultFonts alone still leaves Inter (from Scalar's font host) in use: system fonts instead.
    customCss: `:root, .light-mode, .dark-mode { --scalar-font: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }`,
    metaData: { title: "API reference · Continuata" },
  };
  const n = escHtml(nonce);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Continuata</title>
<meta property="csp-nonce" content="${n}">
</head>
<body>
<noscript>The API reference needs JavaScript. The document itself is at <a href="/api/openapi.json">/api/openapi.json</a>.</noscript>
<div id="reference"></div>
<script nonce="${n}">${PRELUDE}</script>
<script src="${RENDERER_PATH}" nonce="${n}"></script>
<script nonce="${n}">Scalar.createApiReference("#reference", ${scriptJson(config)});</script>
</body>
</html>
`;
}
