import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "@/lib/db/client";
import { sendMail } from "@/lib/mail/send";
import { signInMail } from "@/lib/mail/templates";
import { normalizeEmail } from "@/lib/validation/email";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { authSecret } from "./secret";

function oauthProviders() {
  const providers = [];
  if (process.env.GITHUB_ID && process.env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: process.env.GITHUB_ID, clientSecret: process.env.GITHUB_SECRET }));
  }
  if (process.env.GOOGLE_CLIENT_ID && process.env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export const oauthProviderIds = () => oauthProviders().map((p) => ({ id: p.id, name: p.name }));

let built: NextAuthOptions | undefined;

/** Built once per process: pages and the auth route ask for it on every request. */
export function authOptions(): NextAuthOptions {
  return (built ??= buildAuthOptions());
}

function buildAuthOptions(): NextAuthOptions {
  return {
    // The generated client is the same shape the adapter was written for.
    adapter: PrismaAdapter(db as never),
    secret: authSecret(),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/signin", verifyRequest: "/signin/verify", error: "/signin/error" },
    providers: [
      EmailProvider({
        server: "smtp://unused", // we send through lib/mail, never through this
        maxAge: 24 * 60 * 60,
        normalizeIdentifier: (identifier) => {
          const email = normalizeEmail(identifier);
          if (!email) throw new Error("Invalid email address");
          return email;
        },
        async sendVerificationRequest({ identifier, url }) {
          await sendMail(signInMail(identifier, url, new URL(url).host));
        },
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      // Every post-sign-in target (callbackUrl parameter or cookie) passes the one
      // redirect gate; an unparseable one sends the user home instead of a 500.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeRedirectPath(url, "/", baseUrl)}`;
      },
      session({ session, user }) {
        if (session.user) (session.user as { id?: string }).id = user.id;
        return session;
      },
    },
  };
}
