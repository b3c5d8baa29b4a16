"use client";
import { ActionButton } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/forms/action-state";

/** Delete a draft version's file, asked in the shared confirmation dialog. */
export function DeleteFileButton({ action, name }: { action: (prev: ActionState) => Promise<ActionState>; name: string }) {
  return (
    <ActionButton
      action={action}
      label="Delete"
      ariaLabel={`Delete ${name}`}
      confirm={{
        title: `Delete ${name}?`,
        body: "The file is removed from this draft version and from storage. This cannot be undone.",
        confirmLabel: "Delete file",
      }}
    />
  );
}
