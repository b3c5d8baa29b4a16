import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Continuata", template: "%s · Continuata" },
  description: "Deliver digital products: API keys, download links and a buyer portal.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: proxy.ts gives each response a fresh CSP nonce, which
  // Next.js puts on its scripts while rendering. A page prerendered at build time (the 404 page
  // was one) would carry scripts without it, and the browser would refuse to run them.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
