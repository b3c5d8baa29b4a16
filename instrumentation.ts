// Runs once when the server starts: a production deploy with missing settings
// exits here with a clear message instead of serving 500s.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkStartupConfig } = await import("./lib/config/startup");
  try {
    checkStartupConfig();
  } catch (err) {
    console.error(`\nContinuata cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
