import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export interface NavItem {
  label: string;
  /** Relative to /orgs/[slug]. */
  href: string;
  /** Shown only to roles with this permission. */
  permission?: Permission;
}

export interface NavSection {
  title?: string;
  items: NavItem[];
}

/**
 * Every dashboard page and the permission it needs, declared once: the sidebar shows a page to
 * the roles that hold its permission, and the page itself refuses the others with the same entry.
 */
export const PAGES = {
  overview: { label: "Overview", href: "" },
  products: { label: "Products", href: "/products", permission: "catalog.read" },
  downloads: { label: "Download tokens", href: "/downloads", permission: "catalog.read" },
  purchases: { label: "Purchases", href: "/purchases", permission: "catalog.read" },
  requests: { label: "Request history", href: "/requests", permission: "requests.own" },
  apiKey: { label: "API Key", href: "/settings/api-key", permission: "key.personal" },
  apiKeys: { label: "API Keys", href: "/settings/api-keys", permission: "keys.manage" },
  oauthApps: { label: "OAuth apps", href: "/settings/oauth-apps", permission: "keys.manage" },
  organization: { label: "Organisation", href: "/settings/organization", permission: "org.settings" },
  members: { label: "Members", href: "/settings/members", permission: "members.read" },
  integrations: { label: "Integrations", href: "/settings/integrations/stripe", permission: "keys.manage" },
  webhooks: { label: "Webhooks", href: "/settings/webhooks", permission: "keys.manage" },
  audit: { label: "Audit log", href: "/settings/audit", permission: "audit.read" },
} as const satisfies Record<string, NavItem>;

/** The dashboard's navigation, as data: a page appears here once it exists. */
export const NAV: NavSection[] = [
  { items: [PAGES.overview, PAGES.products, PAGES.downloads, PAGES.purchases, PAGES.requests] },
  {
    title: "Settings",
    items: [
      PAGES.apiKey,
      PAGES.apiKeys,
      PAGES.oauthApps,
      PAGES.integrations,
      PAGES.webhooks,
      PAGES.organization,
      PAGES.members,
      PAGES.audit,
    ],
  },
];

/** Whether this role may open this page (and see it in the sidebar). */
export const canOpen = (role: Role | null | undefined, page: NavItem) => !page.permission || can(role, page.permission);
