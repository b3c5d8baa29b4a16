import { apiRoute, json } from "@/lib/api/route";

/** The documented `data` wrapper (organization_id, api_key_name), plus who the key acts as. */
export const GET = apiRoute({ permission: "self.read" }, async ({ auth }) =>
  json({
    data: {
      type: "whoami",
      organization_id: auth.org.id,
      organization_slug: auth.org.slug,
      api_key_name: auth.credential.name,
      api_key_id: auth.credential.id,
      credential_type: auth.credential.type,
      key_kind: auth.credential.kind,
      user_id: auth.user.id,
      user_email: auth.user.email,
      role: auth.role,
      scopes: auth.credential.scopes,
    },
  }),
);

export * from "@/lib/api/other-methods";
