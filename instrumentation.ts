// Runs once when the server starts: a production deploy with missing settings
// exits with a clear message instead of serving 500s; then background jobs start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First: every request from here on carries the address of the peer that connected (lib/http/client-ip.ts).
  (await import("./lib/http/peer-stamp")).installPeerStamp();
  // File downloads keep their Content-Length (Next strips it from route handlers).
  (await import("./lib/http/declared-length")).installDeclaredLength();
  const { checkStartupConfigOrExit, startBackgroundJobs } = await import("./lib/config/startup");
  checkStartupConfigOrExit();
  await startBackgroundJobs();
  // The embedded database, for the admin CLI, `npm run demo` and psql while the app runs.
  await (await import("./lib/db/serve-embedded")).serveEmbeddedDatabase();
}
