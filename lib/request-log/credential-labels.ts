import { listKeys } from "@/lib/keys/manage";
import { listOAuthClients } from "@/lib/oauth/clients";

export interface CredentialChoice {
  id: string;
  label: string;
}

/**
 * Every credential the viewer may filter the history by (keys incl. revoked, OAuth clients), with
 * a label that tells them apart: personal keys carry their owner, since every one is "Personal key".
 * The log stores the credential's id on every row, also on a 401 of a revoked key; the label comes from here.
 */
export async function credentialChoices(orgId: string, onlyUserId?: string): Promise<CredentialChoice[]> {
  const [keys, clients] = await Promise.all([listKeys(orgId, { includeRevoked: true }), listOAuthClients(orgId)]);
  const mine = <T extends { user: { id: string } }>(rows: T[]) => (onlyUserId ? rows.filter((r) => r.user.id === onlyUserId) : rows);
  return [
    ...mine(keys).map((k) => ({
      id: k.id,
      label: `${k.kind === "personal" ? `Personal key · ${k.user.email ?? "member"}` : k.name} (${k.hint})${k.revokedAt ? " · revoked" : ""}`,
    })),
    ...mine(clients).map((c) => ({ id: c.id, label: `OAuth client · ${c.name}` })),
  ];
}

/** The label for a logged row: the credential as it is known now, else the name logged with it. */
export const credentialLabel = (labels: Map<string, string>, keyId: string | null, keyName: string | null) =>
  (keyId ? labels.get(keyId) : undefined) ?? keyName ?? (keyId ? `Deleted credential (${keyId.slice(0, 8)}…)` : "—");
