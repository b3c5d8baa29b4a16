import { apiRoute, json } from "@/lib/api/route";

export const GET = apiRoute({ permission: "self.read" }, async ({ auth }) =>
  json({
    id: auth.user.id,
    email: auth.user.email,
    role: auth.role,
    organization: auth.org,
  }),
);

export * from "@/lib/api/other-methods";
