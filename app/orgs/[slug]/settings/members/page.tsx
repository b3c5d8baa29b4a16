import { canOpen, PAGES } from "@/components/dashboard/nav";
import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { can, roleLabel } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/orgs/members";
import { listPendingInvites } from "@/lib/orgs/invites";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";
import {
  changeRoleAction,
  inviteAction,
  inviteLinkAction,
  removeMemberAction,
  resendInviteAction,
  revokeInviteAction,
  transferOwnershipAction,
} from "./actions";
import { ConfirmButton, InviteForm, InviteLinkButton, RoleForm } from "./member-forms";
import { ActionButton } from "@/components/ui/action-form";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.members)) return <NoAccess what="the member list" />;
  const [members, invites] = await Promise.all([listMembers(ctx.org.id), listPendingInvites(ctx.org.id)]);
  const manage = can(ctx.role, "members.manage");
  const isOwner = can(ctx.role, "org.owner");
  // The last owner cannot leave (the server says so too): offer them a transfer instead of a dead button.
  const soleOwner = isOwner && members.filter((m) => m.role === "owner").length <= 1;

  return (
    <>
      <PageHeader title="Members" description="Everyone who can sign in to this organisation's dashboard." />
      <div className="space-y-6">
        {manage && (
          <Card
            title="Invite a teammate"
            description="They get an email with a link that adds them to this organisation. Invitations expire after 7 days."
          >
            <InviteForm action={inviteAction.bind(null, slug)} canInviteOwner={isOwner} />
          </Card>
        )}
        <Card title={`Members (${members.length})`}>
          <ul className="divide-y divide-slate-100" aria-label="Members">
            {members.map((m) => {
              const self = m.user.id === ctx.user.id;
              const label = m.user.email ?? m.user.id;
              const editable = manage && !self && (isOwner || m.role !== "owner");
              return (
                <li
                  key={m.id}
                  className="flex flex-wrap items-center justify-between gap-3 py-3"
                  data-testid="member-row"
                  data-email={m.user.email}
                >
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium text-slate-900">
                      {m.user.name || label} {self && <span className="text-slate-500">(you)</span>}
                    </p>
                    {m.user.name && <p className="truncate text-xs text-slate-500">{label}</p>}
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {editable ? (
                      <RoleForm action={changeRoleAction.bind(null, slug, m.user.id)} role={m.role} canGrantOwner={isOwner} label={label} />
                    ) : (
                      <Badge tone={m.role === "owner" ? "indigo" : "slate"}>{roleLabel[m.role]}</Badge>
                    )}
                    {isOwner && !self && (
                      <ConfirmButton
                        action={transferOwnershipAction.bind(null, slug, m.user.id)}
                        label="Make owner, step down"
                        variant="secondary"
                        confirm={`Transfer ownership to ${label}? You will become an admin.`}
                      />
                    )}
                    {self && soleOwner && (
                      <span className="text-xs text-slate-500">You are the only owner: make someone else owner before leaving.</span>
                    )}
                    {(editable || (self && !soleOwner)) && (
                      <ConfirmButton
                        action={removeMemberAction.bind(null, slug, m.user.id)}
                        label={self ? "Leave" : "Remove"}
                        confirm={self ? "Leave this organisation?" : `Remove ${label} from this organisation?`}
                      />
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </Card>
        {manage && invites.length > 0 && (
          <Card title="Pending invitations">
            <ul className="divide-y divide-slate-100">
              {invites.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="invite-row">
                  <div>
                    <p className="text-sm font-medium">{i.email}</p>
                    <p className="text-xs text-slate-500">
                      {roleLabel[i.role]} · expires {i.expiresAt.toISOString().slice(0, 10)}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {(isOwner || i.role !== "owner") && (
                      <>
                        <ActionButton
                          action={resendInviteAction.bind(null, slug, i.id)}
                          label="Resend"
                          ariaLabel={`Resend the invitation to ${i.email}`}
                        />
                        <InviteLinkButton action={inviteLinkAction.bind(null, slug, i.id)} email={i.email} />
                      </>
                    )}
                    <ConfirmButton
                      action={revokeInviteAction.bind(null, slug, i.id)}
                      label="Revoke"
                      confirm={`Revoke the invitation to ${i.email}?`}
                    />
                  </div>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
