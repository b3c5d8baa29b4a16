import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { refuseSignInIfLimited } from "@/lib/auth/sign-in-limit";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are read per request so configuration errors surface as
// responses, not as import-time crashes of every route.
async function handler(req: Request, ctx: Ctx) {
  return (await refuseSignInIfLimited(req)) ?? NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };

export * from "@/lib/api/other-methods";
