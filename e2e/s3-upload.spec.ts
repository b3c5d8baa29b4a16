import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page, Request, Route } from "@playwright/test";
import { spawnS3rver, s3rverEnv } from "../tests/support/s3rver";
import { expect, test as base } from "./fixtures";
import { signUpWithOrg, uniqueEmail } from "./helpers";

/*
 * The dashboard's direct uploads to S3 storage, in a real browser: an s3rver
 * whose bucket's CORS allows only this app's origin, and a second production
 * server (`next start`, the build the suite runs against) configured for it,
 * with its own embedded database. Parts go from the page to the bucket; the
 * app only signs and completes.
 */

const MiB = 1024 * 1024;
const PART = 8 * MiB;
const ROOT = path.resolve(import.meta.dirname, "..");

let s3: Awaited<ReturnType<typeof spawnS3rver>>;
let app: { url: string; child: ChildProcess; output: string[] };
let scratch: string;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, output: string[]): ChildProcess {
  // Its own process group, so stopping it stops whatever it started.
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((r) => child.once("exit", r));

function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const done = exited(child);
  process.kill(-child.pid, "SIGTERM");
  return Promise.race([done, new Promise((r) => setTimeout(r, 5000))]).then(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  });
}

/** s3rver and the S3-configured `next start`, once per worker, stopped when the worker ends. */
async function startServers() {
  scratch = mkdtempSync(path.join(tmpdir(), "s3-e2e-"));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  s3 = await spawnS3rver({ allowOrigin: url });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...s3rverEnv(s3.endpoint),
    NEXTAUTH_URL: url,
    CONTINUATA_DATA_DIR: path.join(scratch, "data"),
    MAIL_OUTBOX: "1",
    AUTH_SECRET: "e2e-only-secret-not-for-production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: "",
    EMBEDDED_DB_PORT: "off",
  };
  const output: string[] = [];
  const migrate = run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/migrate.ts"], env, output);
  if ((await exited(migrate)) !== 0) throw new Error(`Migration failed:\n${output.join("")}`);
  const child = run(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], env, output);
  app = { url, child, output };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output.join("")}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return app;
    if (Date.now() > deadline) throw new Error(`next start did not answer in time:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopServers() {
  if (app) await stopGroup(app.child);
  await s3?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}

// Every page of these tests is on the S3-configured server (the CSP guard judges that origin too).
const test = base.extend<object, { s3app: { url: string } }>({
  s3app: [
    async ({}, provide) => {
      try {
        await provide(await startServers());
      } finally {
        await stopServers();
      }
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ s3app }, provide) => provide(s3app.url),
});

/** A file of random bytes in the scratch directory (a path, so the browser's File keeps its date across choices). */
function makeFile(name: string, size: number) {
  const bytes = randomBytes(size);
  const file = path.join(scratch, name);
  writeFileSync(file, bytes);
  return { path: file, name, size, sha: createHash("sha256").update(bytes).digest("hex") };
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** PUTs of parts from the page straight to the bucket. */
const isPartPut = (r: Request) =>
  r.method() === "PUT" && r.url().startsWith(`${s3.endpoint}/`) && new URL(r.url()).searchParams.has("partNumber");
const partOf = (r: Request) => Number(new URL(r.url()).searchParams.get("partNumber"));

async function productWithVersion(page: Page, shop: string, id: string) {
  const orgPath = await signUpWithOrg(page, shop);
  await page.getByRole("link", { name: "Products" }).first().click();
  await page.getByLabel("Name").fill(`${shop} kit`);
  await page.getByLabel("Product id").fill(id);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(`${orgPath}/products/${id}`);
  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("button", { name: "Add version" }).click();
  await expect(page.getByRole("heading", { name: "Version 1.0.0" })).toBeVisible();
  return orgPath;
}

test("the dashboard uploads files straight to the bucket in parts, and a download link redirects to the bucket", async ({
  page,
  browser,
}) => {
  await productWithVersion(page, "Bucket Shop", "bucket-kit");
  // The page may connect to its own origin and to the bucket's, nothing else.
  const csp = (await page.reload())!.headers()["content-security-policy"];
  expect(csp.split("; ")).toContain(`connect-src 'self' ${s3.endpoint}`);

  const small = makeFile("readme.txt", 12_345);
  const big = makeFile("Big Kit.zip", PART + 1536 * 1024);
  const parts: { part: number; url: string }[] = [];
  const throughApp: string[] = [];
  page.on("request", (r) => {
    if (isPartPut(r)) parts.push({ part: partOf(r), url: r.url() });
    else if (r.method() === "PUT") throughApp.push(r.url());
  });
  await page.getByTestId("file-input").setInputFiles([small.path, big.path]);
  for (const f of [small, big]) {
    const item = page.getByTestId("upload-item").filter({ hasText: f.name });
    await expect(item.getByRole("progressbar", { name: `Upload progress of ${f.name}` })).toBeVisible();
    await expect(item.getByText("Uploaded")).toBeVisible({ timeout: 30_000 });
    expect(await item.getByRole("progressbar").evaluate((el) => (el as HTMLProgressElement).value)).toBe(f.size);
  }
  // The big file went as two parts (8 MiB and the rest), the small one as one; no byte through the app.
  expect(parts.map((p) => p.part).sort((a, b) => a - b)).toEqual([1, 1, 2]);
  expect(throughApp).toEqual([]);
  await expect(page.getByTestId("file-row").filter({ hasText: small.name })).toContainText(`12.1 KB · ${small.sha.slice(0, 12)}`);
  await expect(page.getByTestId("file-row").filter({ hasText: big.name })).toContainText(`9.5 MB · ${big.sha.slice(0, 12)}`);
  await page.screenshot({ path: "/tmp/s3-upload-done.png", fullPage: true });

  await page.getByRole("button", { name: "Set active" }).click();
  await expect(page.getByTestId("version-1.0.0").getByText("active", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Generate Download Token" }).click();
  await page.getByLabel("Customer email").fill(uniqueEmail("buyer"));
  await page.getByLabel("Download limit").fill("3");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const link = new URL(await page.getByTestId("minted-url").inputValue(), app.url).toString();

  // The buyer's browser follows the 302 to the bucket, which serves the file as an attachment under its name.
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(link);
  const row = customer.getByTestId("download-file").filter({ hasText: big.name });
  const [download] = await Promise.all([customer.waitForEvent("download"), row.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe(big.name);
  expect(sha256(readFileSync((await download.path())!))).toBe(big.sha);

  // Each /download/file answers 302 to a presigned GET at the bucket's origin, and those bytes are the file's.
  for (const f of [small, big]) {
    const href = await customer.getByTestId("download-file").filter({ hasText: f.name }).getByRole("link").getAttribute("href");
    const res = await customer.request.get(new URL(href!, link).toString(), { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    const location = new URL(res.headers()["location"]);
    expect(location.origin).toBe(s3.endpoint);
    const body = await fetch(location);
    expect(body.status).toBe(200);
    expect(sha256(Buffer.from(await body.arrayBuffer()))).toBe(f.sha);
  }
});

test("an upload cut off by a reload resumes: choosing the same file again sends only the parts the bucket lacks", async ({ page }) => {
  await productWithVersion(page, "Resume Shop", "resume-kit");
  const file = makeFile("Resumed.bin", 2 * PART + MiB);
  const sent: number[] = [];
  const actions: string[] = [];
  page.on("request", (r) => {
    if (isPartPut(r)) sent.push(partOf(r));
    else if (r.method() === "POST" && r.url().endsWith("/versions/1.0.0/uploads")) actions.push(JSON.parse(r.postData() ?? "{}").action);
  });

  // The connection "drops" after part 1: parts 2 and 3 are held until the page goes away.
  const held: Route[] = [];
  await page.route(
    (url) => url.origin === s3.endpoint && url.searchParams.has("partNumber") && url.searchParams.get("partNumber") !== "1",
    (route) => void held.push(route),
  );
  const partOne = page.waitForResponse((r) => isPartPut(r.request()) && partOf(r.request()) === 1);
  await page.getByTestId("file-input").setInputFiles(file.path);
  expect((await partOne).status()).toBe(200);
  const item = page.getByTestId("upload-item").filter({ hasText: file.name });
  const bar = item.getByRole("progressbar");
  await expect.poll(() => bar.evaluate((el) => (el as HTMLProgressElement).value)).toBeGreaterThanOrEqual(PART);
  await expect(item).toContainText(/\d+%/);
  await page.screenshot({ path: "/tmp/s3-upload-progress.png", fullPage: true });
  await expect.poll(() => held.length).toBe(2);
  expect(actions).toEqual(["create", "sign", "sign", "sign"]);

  await page.reload();
  await page.unrouteAll({ behavior: "ignoreErrors" });
  sent.length = 0;
  actions.length = 0;
  await expect(page.getByTestId("file-row").filter({ hasText: file.name })).toHaveCount(0);

  await page.getByTestId("file-input").setInputFiles(file.path);
  const again = page.getByTestId("upload-item").filter({ hasText: file.name });
  await expect(again.getByText("Uploaded")).toBeVisible({ timeout: 30_000 });
  // The page asked the bucket what it holds (ListParts) instead of starting over, and sent only parts 2 and 3.
  expect(actions).toEqual(["parts", "sign", "sign", "complete"]);
  expect(sent.sort((a, b) => a - b)).toEqual([2, 3]);
  await expect(page.getByTestId("file-row").filter({ hasText: file.name })).toContainText(`17.0 MB · ${file.sha.slice(0, 12)}`);
});
