import { EmptyState } from "@/components/ui/card";

export function NoAccess({ what }: { what: string }) {
  return (
    <EmptyState title="You do not have access">
      Only owners and admins can see {what}. Ask an owner of this organisation if you need it.
    </EmptyState>
  );
}
