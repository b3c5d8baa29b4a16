"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/card";
import { normalizeEmail } from "@/lib/validation/email";

const ERRORS: Record<string, string> = {
  EmailSignin: "We could not send the sign-in email. Check the address and try again.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one.",
  RateLimited: "Too many sign-in links were requested for this address. Wait a few minutes and try again.",
  OAuthAccountNotLinked: "That email already signs in another way. Use the email link.",
  default: "Sign-in failed. Please try again.",
};

export function SignInForm({
  callbackUrl,
  providers,
  initialError,
}: {
  callbackUrl: string;
  providers: { id: string; name: string }[];
  initialError?: string;
}) {
  const [error, setError] = useState<string | undefined>(initialError ? (ERRORS[initialError] ?? ERRORS.default) : undefined);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = normalizeEmail(new FormData(event.currentTarget).get("email"));
    if (!email) {
      setError("Enter a valid email address.");
      return;
    }
    setError(undefined);
    setPending(true);
    const result = await signIn("email", { email, callbackUrl, redirect: false });
    setPending(false);
    if (result?.error) setError(ERRORS[result.error] ?? ERRORS.default);
    else router.push(`/signin/verify?email=${encodeURIComponent(email)}`);
  }

  return (
    <div className="mt-6 space-y-4">
      {error && <Notice>{error}</Notice>}
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <TextField label="Email" name="email" type="email" autoComplete="email" required placeholder="you@example.com" />
        <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
          {pending ? "Sending link…" : "Email me a sign-in link"}
        </Button>
      </form>
      {providers.length > 0 && (
        <div className="space-y-2 border-t border-slate-100 pt-4">
          {providers.map((p) => (
            <Button key={p.id} variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl })}>
              Continue with {p.name}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
