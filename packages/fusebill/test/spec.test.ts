// Vendor facts a future edit could get wrong: the seed page's corrections (x-source.corrections, shared api-facts.md §4)
// and what the client relies on. Source: the Stax Bill (Fusebill) v1 reference, https://developer.staxbill.com/reference.
import { specFacts } from "@subscription-apis/test-kit/spec";

specFacts(new URL("../dist/openapi.json", import.meta.url), {
  // The seed strips the URL; the vendor's samples and SDK post to /v1/subscriptionCancellation on secure.fusebill.com.
  "/servers/0/url": "https://secure.fusebill.com/v1",
  "/paths/~1subscriptionCancellation/post/operationId": "cancelSubscription",
  // The key already is the Basic token: sent verbatim after "Basic ", never base64-encoded again (so not http/basic).
  "/components/securitySchemes/fusebillApiKey/type": "apiKey",
  "/components/securitySchemes/fusebillApiKey/name": "Authorization",
  "/components/securitySchemes/fusebillApiKey/x-auth-prefix": "Basic ",
  // Case-sensitive ("Allowable Cancel Options are: None, Unearned, Full").
  "/components/schemas/CancellationOption/enum": ["None", "Unearned", "Full"],
  // Error bodies are PascalCase, unlike request and success bodies.
  "/components/schemas/ErrorResponse/required": ["ErrorId", "HttpStatusCode", "Errors"],
  // Timestamps have no zone: not format date-time (a strict validator would reject the vendor's values).
  "/components/schemas/Subscription/properties/createdTimestamp/format": undefined,
  "/components/schemas/Subscription/properties/createdTimestamp/pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?$",
  // The field set grows over time: the Subscription object stays open.
  "/components/schemas/Subscription/additionalProperties": undefined,
});
