// npm run admin -- <command> [options]: bootstrapping and automation on the configured database.
import { runAdmin } from "@/lib/cli/admin";

const code = await runAdmin(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
// PGlite and the pg pool keep handles open; the command is finished.
process.exit(code);
