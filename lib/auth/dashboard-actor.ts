import { headers } from "next/headers";
import type { Actor } from "./actor";
import { clientIp } from "@/lib/http/client-ip";

/** The actor for a change made from a page or server action. */
export async function dashboardActor(userId: string): Promise<Actor> {
  return { userId, via: "dashboard", ip: clientIp(await headers()) };
}
