"use client";
import { signOut } from "next-auth/react";
import { buttonClass } from "@/components/ui/button-class";

/** next-auth's client sign-out (a POST with its CSRF token), from a handler: no inline script. */
export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className={buttonClass("secondary", "!px-2.5 !py-1 text-sm")}>
      Sign out
    </button>
  );
}
