import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth reads options per request so configuration errors surface as
// responses, not as import-time crashes of every route.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, ctx as never, authOptions());
}

export { handler as GET, handler as POST };
