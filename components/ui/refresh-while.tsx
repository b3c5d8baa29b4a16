"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** While background work the page shows is still running, re-reads the page every two seconds so its outcome appears by itself. */
export function RefreshWhile({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => router.refresh(), 2_000);
    return () => clearInterval(t);
  }, [active, router]);
  return null;
}
