/**
 * The one error type lib/ functions throw for expected failures. Pages and
 * server actions show `message`; the API turns `code` into the documented
 * status and problem-details body (lib/api/errors.ts).
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "INSUFFICIENT_SCOPE"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "REQUEST_TIMEOUT"
  | "PAYLOAD_TOO_LARGE"
  | "VALIDATION_FAILED"
  | "RATE_LIMITED"
  | "UNAVAILABLE";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per-field messages, for VALIDATION_FAILED. */
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what = "Resource") => new AppError("NOT_FOUND", `${what} not found.`);
export const forbidden = (message = "Your role does not allow this.") => new AppError("FORBIDDEN", message);
export const invalid = (field: string, message: string) => new AppError("VALIDATION_FAILED", message, { [field]: [message] });
