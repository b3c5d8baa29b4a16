import { z } from "zod";

/** 2000-01-31, 2000-01-31T10:00Z, 2000-01-31T10:00:00.000+02:00: four-digit years only. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

// JavaScript dates reach year 275760 and PostgreSQL's 294276, but a row with
// such a date cannot be read back as a date: every date we store stays in this range.
export const EARLIEST_DATE = new Date("1970-01-01T00:00:00Z");
export const LATEST_DATE = new Date("9999-12-31T23:59:59.999Z");

export const DATE_MESSAGE = "Use an ISO 8601 date, e.g. 2030-01-31 or 2030-01-31T12:00:00Z.";

/**
 * A date from outside: an ISO 8601 string (or a Date built by our own code),
 * within EARLIEST_DATE…LATEST_DATE. Numbers and free-form strings ("1", "May 5")
 * are refused, unlike z.coerce.date().
 */
export const dateInput = (message = DATE_MESSAGE) =>
  z
    .preprocess((v) => (typeof v === "string" && ISO_8601.test(v.trim()) ? new Date(v.trim()) : v), z.date(message))
    .refine((d) => d >= EARLIEST_DATE && d <= LATEST_DATE, "Use a date between 1970 and 9999.");
