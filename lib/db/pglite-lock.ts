import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DatabaseInUseError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The process id in the directory's lock file, if any. */
export function lockOwner(dir: string): number | null {
  try {
    return Number(readFileSync(path.join(dir, "continuata.lock"), "utf8").trim()) || null;
  } catch {
    return null;
  }
}

/** Takes the data directory for this process; returns the release function. */
export function acquireDataDirLock(dir: string): () => void {
  const file = path.join(dir, "continuata.lock");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const owner = Number(readFileSync(file, "utf8").trim());
    if (owner !== process.pid && owner > 0 && isAlive(owner)) {
      throw new DatabaseInUseError(
        `The embedded database at ${dir} is in use by process ${owner} (probably the running app). ` +
          "Stop it first, or set DATABASE_URL to use a PostgreSQL server that many processes can share.",
      );
    }
    writeFileSync(file, String(process.pid));
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(file, { force: true });
  };
  process.once("exit", release);
  return release;
}
