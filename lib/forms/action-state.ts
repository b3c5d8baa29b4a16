import { AppError } from "@/lib/errors";

/** What a server action hands back to its form (useActionState). */
export interface ActionState {
  ok?: boolean;
  message?: string;
  fields?: Record<string, string[]>;
  /** Extra data for the form on success (e.g. a value to show once). */
  data?: Record<string, string>;
}

export const initialActionState: ActionState = {};

/** Expected failures become a message for the form; anything else is a bug and is rethrown. */
export async function runAction(fn: () => Promise<ActionState | void>): Promise<ActionState> {
  try {
    return (await fn()) ?? { ok: true };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message, fields: err.fields };
    throw err;
  }
}
