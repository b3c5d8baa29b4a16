import { handleTokenRequest } from "@/lib/oauth/token-endpoint";

export const POST = handleTokenRequest;
