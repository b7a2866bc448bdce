// Vendor facts a future edit could get wrong: the seed page's corrections (x-source.corrections, shared api-facts.md §5)
// and what the client relies on. Source: https://docs.mayar.id/api-reference-v2/membership/cancel and /rate-limit.
import { specFacts } from "@subscription-apis/test-kit/spec";
import { expect } from "vitest";

specFacts(new URL("../dist/openapi.json", import.meta.url), {
  "/servers/0/url": "https://api.mayar.id/hl/v2",
  "/servers/1/url": "https://api.mayar.club/hl/v2",
  "/components/securitySchemes/bearerApiKey": expect.objectContaining({ type: "http", scheme: "bearer" }),
  // productId travels in the body OR the query (at least one; the official CLI sends the body); the page's
  // `path=` on the query parameter is a typo.
  "cancelMembershipMember/x-one-of-locations": [{ name: "productId", locations: ["body", "query"], default: "body" }],
  "cancelMembershipMember/requestBody/required": false,
  "cancelMembershipMember/parameters/productId/in": "query",
  // Write endpoints answer with a singular `message` (read endpoints: `messages`); errors are { statusCode, message }.
  "/components/schemas/CancelMembershipMemberResponse/required": ["statusCode", "message", "data"],
  "/components/schemas/ErrorResponse/required": ["statusCode", "message"],
  // 20 requests per minute per IP, then 429 with Retry-After.
  "cancelMembershipMember/responses/429/headers/Retry-After/schema/type": "integer",
  // No exhaustive status list is published: an open string.
  "/components/schemas/MembershipCustomer/properties/status/enum": undefined,
});
