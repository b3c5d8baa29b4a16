import { z } from "zod";
import { notFound } from "@/lib/errors";

/**
 * PostgreSQL text cannot hold U+0000: a NUL that reaches a query fails it
 * (22021) and the request becomes a 500. Input is refused before that.
 */
export const NUL_MESSAGE = "Text may not contain NUL characters (\\u0000).";

export const hasNul = (s: string) => s.includes("\0");

/**
 * The paths of strings (values or keys) holding a NUL, in any input parseOrThrow
 * sees (JSON bodies, form fields, query parameters), in document order, at most
 * `max`. Walks breadth-first without recursion: a 10,000-deep body must not
 * overflow the stack.
 */
export function findNul(input: unknown, max = 20): string[] {
  const found: string[] = [];
  const queue: { value: unknown; path: string }[] = [{ value: input, path: "" }];
  for (let i = 0; i < queue.length && found.length < max; i++) {
    const { value, path } = queue[i];
    if (typeof value === "string") {
      if (hasNul(value)) found.push(path || "_");
      continue;
    }
    if (!value || typeof value !== "object") continue;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (hasNul(key)) found.push(childPath);
      else queue.push({ value: child, path: childPath });
    }
  }
  return found;
}

/** z.string() that refuses NUL, for schemas parsed outside parseOrThrow. */
export const text = (message?: string) => z.string(message).refine((s) => !hasNul(s), NUL_MESSAGE);

/**
 * An id that arrives from outside without a schema (path parameters, a server
 * action's bound arguments): anything that cannot be a row id is simply not found.
 */
export function assertRowId(id: unknown, what: string): asserts id is string {
  if (typeof id !== "string" || id.length > 200 || hasNul(id)) throw notFound(what);
}
