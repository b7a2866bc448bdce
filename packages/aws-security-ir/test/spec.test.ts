// Vendor facts a future edit could get wrong: the seed page's corrections (x-source.corrections, shared api-facts.md §1)
// and what the client relies on. Source: the Smithy model (aws/api-models-aws @56c8953e, security-ir 2018-05-10).
import { specFacts } from "@subscription-apis/test-kit/spec";

specFacts(new URL("../dist/openapi.json", import.meta.url), {
  // Dual-stack hosts only: the endpoint ruleset has no security-ir.{region}.amazonaws.com.
  "/servers/0/url": "https://security-ir.{region}.api.aws",
  "/servers/1/url": "https://security-ir-fips.{region}.api.aws",
  "/components/securitySchemes/awsSigV4/x-aws-sigv4/signingName": "security-ir",
  "cancelMembership/x-idempotent": true,
  // The page prints the pattern unanchored.
  "cancelMembership/parameters/membershipId/schema/pattern": "^m-[a-z0-9]{10,32}$",
  // The page lists retryAfterSeconds as an error member: it is the Retry-After header (@httpHeader), never in the body.
  "cancelMembership/responses/429/headers/Retry-After/schema": { type: "integer", format: "int32" },
  "cancelMembership/responses/500/headers/Retry-After/schema": { type: "integer", format: "int32" },
  "/components/schemas/ThrottlingException/properties/retryAfterSeconds": undefined,
  "cancelMembership/responses/429/x-error-codes/ThrottlingException": { schema: "ThrottlingException", retryable: true, throttling: true },
  "cancelMembership/responses/423/x-error-codes/InvalidTokenException": { schema: "InvalidTokenException", retryable: true },
  // Two unrelated errors share 400, told apart by X-Amzn-Errortype.
  "cancelMembership/responses/400/x-error-codes/SecurityIncidentResponseNotActiveException/schema":
    "SecurityIncidentResponseNotActiveException",
  "cancelMembership/responses/400/x-error-codes/ValidationException/schema": "ValidationException",
  // The page shows reason and fieldList without types; Security IR's list is `fieldList` and its reasons include OTHER.
  "/components/schemas/ValidationException/required": ["message", "reason"],
  "/components/schemas/ValidationException/properties/reason/enum": [
    "UNKNOWN_OPERATION",
    "CANNOT_PARSE",
    "FIELD_VALIDATION_FAILED",
    "OTHER",
  ],
  "/components/schemas/ValidationException/properties/fieldList/items/required": ["name", "message"],
});
