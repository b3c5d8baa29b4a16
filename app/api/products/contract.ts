import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { ProductDetail, ProductEntry, ProductFile, pageQuery } from "@/lib/api/contract/schemas";
import { fileExample, productDetailExample, productEntryExample } from "@/lib/api/contract/examples";
import { activateVersionRequest, productInputSchema, productUpdateSchema, versionInputSchema } from "@/lib/products/products";

const id = z.string().meta({ description: "The product's slug.", example: "epic-drums-v1" });
const version = z.string().meta({ description: "A semantic version.", example: "1.0.0" });
const filename = z.string().meta({ description: "The file's name (URL-encoded).", example: "drums.zip" });

export const productContracts = [
  defineRoute("/api/products", {
    GET: {
      operationId: "listProducts",
      tag: "Products",
      summary: "List products",
      description: "Newest first, with each product's active version.",
      auth: "bearer",
      permission: "catalog.read",
      paged: true,
      query: pageQuery.extend({
        include_archived: z.enum(["true", "false"]).optional().meta({ description: "`true` lists archived products too." }),
      }),
      responses: { 200: { description: "A page of products.", schema: z.array(ProductEntry), example: [productEntryExample] } },
      errors: [422],
    },
    POST: {
      operationId: "createProduct",
      tag: "Products",
      summary: "Create a product",
      auth: "bearer",
      permission: "catalog.write",
      body: { schema: productInputSchema, example: { id: "epic-drums-v1", name: "Epic Drum Kit" } },
      responses: {
        201: {
          description: "The new product (a draft, no version yet).",
          schema: ProductEntry,
          example: { product: { id: "epic-drums-v1", name: "Epic Drum Kit", status: "draft" }, activeVersion: null },
        },
      },
      errors: [409],
    },
  }),
  defineRoute("/api/products/{id}", {
    GET: {
      operationId: "getProduct",
      tag: "Products",
      summary: "Get a product with its versions and files",
      auth: "bearer",
      permission: "catalog.read",
      path: z.object({ id }),
      responses: { 200: { description: "The product.", schema: ProductDetail, example: productDetailExample } },
      errors: [404],
    },
    PATCH: {
      operationId: "updateProduct",
      tag: "Products",
      summary: "Rename a product or change its status",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id }),
      body: { schema: productUpdateSchema, example: { name: "Epic Drum Kit Vol. 2" } },
      responses: { 200: { description: "The product.", schema: ProductEntry, example: productEntryExample } },
      errors: [404],
    },
    DELETE: {
      operationId: "archiveProduct",
      tag: "Products",
      summary: "Archive a product",
      description: "Products are never deleted: purchases and download links refer to them.",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id }),
      responses: { 200: { description: "The archived product.", schema: ProductEntry, example: productEntryExample } },
      errors: [404],
    },
  }),
  defineRoute("/api/products/{id}/versions", {
    POST: {
      operationId: "createVersion",
      tag: "Products",
      summary: "Create a version",
      description: "A draft version: upload its files, then activate it.",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id }),
      body: { schema: versionInputSchema, example: { version: "1.0.1" } },
      responses: {
        201: {
          description: "The new version.",
          schema: z.object({ id: z.string(), version: z.string(), status: z.enum(["processing", "ready", "failed"]) }),
          example: { id: "cm3version00000000000000b", version: "1.0.1", status: "ready" },
        },
      },
      errors: [404, 409],
    },
  }),
  defineRoute("/api/products/{id}/versions/{version}/activate", {
    POST: {
      operationId: "activateVersion",
      tag: "Products",
      summary: "Make a version the one buyers get",
      description: "Releases it: its files become immutable. `notifyBuyers: true` also emails every earlier buyer of the product once.",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id, version }),
      body: { schema: activateVersionRequest, example: { notifyBuyers: true } },
      responses: { 200: { description: "The product, with this version active.", schema: ProductEntry, example: productEntryExample } },
      errors: [404, 409],
    },
  }),
  defineRoute("/api/products/{id}/versions/{version}/files", {
    GET: {
      operationId: "listFiles",
      tag: "Products",
      summary: "List a version's files",
      auth: "bearer",
      permission: "catalog.read",
      path: z.object({ id, version }),
      responses: { 200: { description: "The files, by name.", schema: z.array(ProductFile), example: [fileExample] } },
      errors: [404],
    },
  }),
  defineRoute("/api/products/{id}/versions/{version}/files/{filename}", {
    PUT: {
      operationId: "uploadFile",
      tag: "Products",
      summary: "Upload a file",
      description: "The raw body is the file, streamed to storage (`curl -T drums.zip …/files/drums.zip`). Replaces a file of that name.",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id, version, filename }),
      body: {
        schema: z.string().meta({ format: "binary" }),
        contentType: "application/octet-stream",
        description: "The file's bytes; its Content-Type is stored with it.",
        required: true,
      },
      responses: { 201: { description: "The stored file.", schema: ProductFile, example: fileExample } },
      errors: [404, 408, 409],
    },
    DELETE: {
      operationId: "deleteFile",
      tag: "Products",
      summary: "Delete a file",
      description: "Draft versions only: a released version's files are immutable (409).",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id, version, filename }),
      responses: { 204: { description: "Deleted." } },
      errors: [404, 409],
    },
  }),
];
