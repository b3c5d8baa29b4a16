import { handleTokenRequest } from "@/lib/oauth/token-endpoint";

export const POST = handleTokenRequest;

export * from "@/lib/api/other-methods";
