import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { db } from "@/lib/db/client";
import { outboxEnabled } from "@/lib/mail/mode";
import { outboxReadable } from "@/lib/mail/outbox-access";

export const metadata: Metadata = { title: "Local outbox" };
export const dynamic = "force-dynamic";

const linkIn = (text: string) => text.match(/https?:\/\/\S+/)?.[0];

/** Mail that would have been sent. Exists only while no SMTP server is configured. */
export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  // A stranger learns nothing, not even that the outbox exists.
  if (!outboxEnabled() || !outboxReadable(await headers(), await searchParams)) notFound();
  const messages = await db.outboxMessage.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <h1 className="text-2xl font-semibold">Local outbox</h1>
      <p className="mt-1 text-sm text-slate-500">Development only: set SMTP_URL to send real email. Newest first.</p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No mail yet. Ask for a sign-in link and it shows up here.
        </p>
      ) : (
        <ul className="mt-6 space-y-3">
          {messages.map((m) => {
            const link = linkIn(m.text);
            return (
              <li key={m.id} className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200" data-testid="outbox-message">
                <p className="text-xs text-slate-500">
                  {m.createdAt.toISOString()} · to <span data-testid="outbox-to">{m.to}</span>
                </p>
                <p className="mt-1 font-medium">{m.subject}</p>
                {link && (
                  <a href={link} className="mt-2 inline-block break-all text-sm text-indigo-700 underline">
                    {link}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}
