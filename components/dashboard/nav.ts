import type { Permission } from "@/lib/auth/permissions";

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

/** The dashboard's navigation, as data: a page appears here once it exists. */
export const NAV: NavSection[] = [
  {
    items: [
      { label: "Overview", href: "" },
      { label: "Products", href: "/products", permission: "catalog.read" },
      { label: "Download tokens", href: "/downloads", permission: "catalog.read" },
      { label: "Purchases", href: "/purchases", permission: "catalog.read" },
      { label: "Request history", href: "/requests", permission: "requests.own" },
    ],
  },
  {
    title: "Settings",
    items: [
      { label: "API Key", href: "/settings/api-key", permission: "key.personal" },
      { label: "API Keys", href: "/settings/api-keys", permission: "keys.manage" },
      { label: "OAuth apps", href: "/settings/oauth-apps", permission: "keys.manage" },
      { label: "Webhooks", href: "/settings/webhooks", permission: "keys.manage" },
      { label: "Organisation", href: "/settings/organization", permission: "org.settings" },
      { label: "Members", href: "/settings/members", permission: "members.read" },
      { label: "Audit log", href: "/settings/audit", permission: "audit.read" },
    ],
  },
];
