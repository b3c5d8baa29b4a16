// Runs once when the server starts: a production deploy with missing settings
// exits with a clear message instead of serving 500s; then background jobs start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartupConfigOrExit, startBackgroundJobs } = await import("./lib/config/startup");
  checkStartupConfigOrExit();
  await startBackgroundJobs();
}
