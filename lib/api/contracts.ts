import type { RouteContract } from "./contract/define";
import { keyContracts } from "@/app/api/keys/contract";
import { oauthClientContracts } from "@/app/api/oauth-clients/contract";
import { productContracts } from "@/app/api/products/contract";
import { purchaseContracts } from "@/app/api/purchases/contract";
import { requestContracts } from "@/app/api/requests/contract";
import { downloadUrlContracts } from "@/app/api/generate-download-url/contract";
import { whoamiContract } from "@/app/api/whoami/contract";
import { currentUserContract } from "@/app/api/v1/users/me/contract";
import { healthContract } from "@/app/api/health/contract";
import { metaContract } from "@/app/api/meta/contract";
import { openApiContract } from "@/app/api/openapi.json/contract";
import { tokenContracts } from "@/app/oauth/token/contract";
import { downloadContracts } from "@/app/download/contract";
import { webhookContracts } from "@/app/api/webhooks/contract";
import { stripeContracts } from "@/app/api/integrations/stripe/contract";

/**
 * Every documented route. A route's contract is written beside its route.ts (`contract.ts`)
 * and listed here; tests/api/openapi.test.ts fails, naming the route, when a route file
 * exports a method this list does not document.
 */
export const CONTRACTS: readonly RouteContract[] = [
  whoamiContract,
  currentUserContract,
  ...productContracts,
  ...downloadUrlContracts,
  ...purchaseContracts,
  ...requestContracts,
  ...keyContracts,
  ...oauthClientContracts,
  ...webhookContracts,
  ...stripeContracts,
  ...tokenContracts,
  ...downloadContracts,
  healthContract,
  metaContract,
  openApiContract,
];
