// Vendor facts a future edit could get wrong: the seed page's corrections (x-source.corrections, shared api-facts.md §2)
// and what the client relies on. Source: the Smithy model (aws/api-models-aws @56c8953e, qbusiness 2023-11-27).
import { specFacts } from "@subscription-apis/test-kit/spec";

specFacts(new URL("../dist/openapi.json", import.meta.url), {
  // The page gives no host or signing name: the model's endpoint ruleset (dual-stack *.api.aws) and SigV4 trait.
  "/servers/0/url": "https://qbusiness.{region}.api.aws",
  "/components/securitySchemes/awsSigV4/x-aws-sigv4/signingName": "qbusiness",
  "cancelSubscription/x-idempotent": true,
  // The page prints the pattern unanchored; subscriptionId's minimum length 0 cannot be an @httpLabel.
  "cancelSubscription/parameters/applicationId/schema/pattern": "^[a-zA-Z0-9][a-zA-Z0-9-]{35}$",
  "cancelSubscription/parameters/subscriptionId/schema/minLength": 1,
  // Every response member is optional; the tier changes next month.
  "/components/schemas/CancelSubscriptionResponse/required": undefined,
  "/components/schemas/SubscriptionDetails/properties/type/enum": ["Q_LITE", "Q_BUSINESS"],
  // Unlike Security IR: ThrottlingException is not modelled retryable and no error has a Retry-After binding.
  "cancelSubscription/responses/429/x-error-codes": { ThrottlingException: { schema: "ThrottlingException" } },
  "cancelSubscription/responses/429/headers/Retry-After": undefined,
  // Errors listed by name only on the page: the model's bodies (`fields`, reasons without OTHER, 404's resource).
  "/components/schemas/ValidationException/properties/fields/items/required": ["name", "message"],
  "/components/schemas/ValidationException/properties/reason/enum": ["CANNOT_PARSE", "FIELD_VALIDATION_FAILED", "UNKNOWN_OPERATION"],
  "/components/schemas/ResourceNotFoundException/required": ["message", "resourceId", "resourceType"],
});
