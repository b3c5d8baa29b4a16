import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { cursorDoc, limitDoc, RequestDetail, RequestSummary } from "@/lib/api/contract/schemas";
import { requestExample } from "@/lib/api/contract/examples";
import { filterSchema } from "@/lib/request-log/query";

const query = filterSchema.extend({
  status: filterSchema.shape.status.meta({ description: "Only answers of this status class." }),
  path: filterSchema.shape.path.meta({ description: "Paths containing this text." }),
  key: filterSchema.shape.key.meta({ description: "Only requests made with this key or client id." }),
  requestId: filterSchema.shape.requestId.meta({ description: "The request with this X-Request-Id (`request_id` works too)." }),
  from: filterSchema.shape.from.meta({ description: "At or after this ISO 8601 date." }),
  to: filterSchema.shape.to.meta({ description: "Before this ISO 8601 date." }),
  limit: filterSchema.shape.limit.meta(limitDoc),
  cursor: filterSchema.shape.cursor.meta(cursorDoc),
});

export const requestContracts = [
  defineRoute("/api/requests", {
    GET: {
      operationId: "listRequests",
      tag: "Requests",
      summary: "List API requests",
      description: "Newest first. Owners and admins see the organisation's; members the requests of their own keys.",
      auth: "bearer",
      permission: "requests.own",
      paged: true,
      query,
      responses: { 200: { description: "A page of requests.", schema: z.array(RequestSummary), example: [requestExample] } },
      errors: [422],
    },
  }),
  defineRoute("/api/requests/{id}", {
    GET: {
      operationId: "getRequest",
      tag: "Requests",
      summary: "Get one request with its headers and bodies",
      auth: "bearer",
      permission: "requests.own",
      path: z.object({ id: z.string().meta({ description: "The log entry's id.", example: "cm3request00000000000000a" }) }),
      responses: {
        200: {
          description: "The request.",
          schema: RequestDetail,
          example: {
            ...requestExample,
            userId: "cm3user0000000000000000a",
            userAgent: "storefront/1.0",
            requestHeaders: { authorization: "Bearer ct_…Xhl6", "content-type": "application/json" },
            requestBody: '{"email":"buyer@example.com","productId":"epic-drums-v1"}',
            requestBodyTruncated: false,
            responseBody: "{…}",
            responseBodyTruncated: false,
          },
        },
      },
      errors: [404],
    },
  }),
];
