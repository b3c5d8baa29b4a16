import { z } from "zod";
import { defineRoute, type OperationContract } from "@/lib/api/contract/define";

const html = z.string().meta({ description: "An HTML page." });
const token = z
  .string()
  .meta({ description: "The `token` of a generated download URL.", example: "ct_9sKq2mZ4Lr0PxYt7VwQe3NbHc5JdFg8KsAo1Um" });
const deadLink = { schema: html, contentType: "text/html", example: "<!doctype html>…This link has expired…" };
const fileQuery = z.object({
  token,
  file: z.string().meta({ description: "A file id from the download page.", example: "cm3file000000000000000000" }),
});
const fileHeaders = z.object({
  "Content-Disposition": z.string().meta({ example: 'attachment; filename="drums.zip"' }),
  "Content-Length": z.string(),
  "Accept-Ranges": z.literal("bytes"),
  ETag: z.string(),
  "Content-Range": z.string().optional().meta({ description: "206 only." }),
});

const file = (operationId: string, summary: string, description: string): OperationContract => ({
  operationId,
  tag: "Downloads",
  summary,
  description,
  auth: "link",
  query: fileQuery,
  responses: {
    200: {
      description: "The whole file.",
      contentType: "application/octet-stream",
      schema: z.string().meta({ format: "binary" }),
      headers: fileHeaders,
    },
    206: {
      description: "The requested byte range.",
      contentType: "application/octet-stream",
      schema: z.string().meta({ format: "binary" }),
      headers: fileHeaders,
    },
    416: {
      description: "The range is outside the file.",
      headers: z.object({ "Content-Range": z.string().meta({ example: "bytes */1048576" }) }),
    },
  },
  errors: [404, 410, 429],
  errorBody: deadLink,
});

export const downloadContracts = [
  defineRoute("/download", {
    GET: {
      operationId: "downloadPage",
      tag: "Downloads",
      summary: "The page a download URL opens",
      description:
        "The product, version and files, or a page that says why not: unknown (404), expired, revoked or used up (410), too many tries (429).",
      auth: "link",
      query: z.object({ token }),
      responses: { 200: { description: "The download page.", contentType: "text/html", schema: html, example: "<!doctype html>…" } },
      errors: [404, 410, 429],
      errorBody: deadLink,
    },
  }),
  defineRoute("/download/file", {
    GET: file(
      "downloadFile",
      "One file of a download URL",
      "Supports HTTP Range (resume). A full download counts against the link's limit; a resume within the resume window does not.",
    ),
    HEAD: file("downloadFileHead", "One file's headers", "The same status and headers as GET; never counts as a download."),
  }),
];
