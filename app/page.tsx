import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { landingPath } from "@/lib/portal/landing";
import { buttonClass } from "@/components/ui/button-class";

export default async function Home() {
  const user = await currentUser();
  if (user) redirect(await landingPath(user));
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6 py-16">
      <p className="text-sm font-semibold text-indigo-600">Continuata</p>
      <h1 className="mt-2 text-4xl font-semibold tracking-tight text-slate-900">Deliver your digital products.</h1>
      <p className="mt-4 max-w-xl text-lg text-slate-600">
        Versioned products, short-lived download links, API keys for your storefront, and a portal where buyers fetch what they bought.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link href="/signin" className={buttonClass("primary")}>
          Sign in to your dashboard
        </Link>
        <Link href="/my" className={buttonClass("secondary")}>
          I bought something
        </Link>
      </div>
    </main>
  );
}
