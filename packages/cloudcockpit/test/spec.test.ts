// Vendor facts a future edit could get wrong: the seed page's corrections (x-source.corrections, shared api-facts.md §3)
// and what the client relies on. Source: https://developer.cloudcockpit.com (the cancel operation and the
// authentication guide, https://developer.cloudcockpit.com/topic/topic-authentication-guide).
import { specFacts } from "@subscription-apis/test-kit/spec";
import { expect } from "vitest";

specFacts(new URL("../dist/openapi.json", import.meta.url), {
  "/servers/0/url": "https://app-cloudcockpitapi-prod-01.azurewebsites.net",
  // The page documents Authorization as a header parameter: an Azure AD client-credentials token (or a JWT you have).
  "/components/securitySchemes/azureAdClientCredentials/flows/clientCredentials/tokenUrl":
    "https://login.microsoftonline.com/4e806121-ff28-4286-ab4e-3be0a08f9ce0/oauth2/v2.0/token",
  "/components/securitySchemes/bearerJwt": expect.objectContaining({ type: "http", scheme: "bearer", bearerFormat: "JWT" }),
  // X-Tenant is mandatory on every call: the factory's `tenant` option. The curl sample's X-Correlation-Id is a uuid.
  "cancelCustomerSubscription/parameters/X-Tenant/required": true,
  "cancelCustomerSubscription/parameters/X-Tenant/x-client-parameter": expect.objectContaining({ option: "tenant", required: true }),
  "cancelCustomerSubscription/parameters/X-Correlation-Id/schema/format": "uuid",
  // The seed omits the success: 202 Accepted with no body (the cancel runs asynchronously); 401/403 have no body.
  "cancelCustomerSubscription/responses/202/content": undefined,
  "cancelCustomerSubscription/responses/401/content": undefined,
  // 409 is the portal-vs-provider comparison, not the ErrorResponse envelope.
  "cancelCustomerSubscription/responses/409/content/application~1json/schema/$ref": "#/components/schemas/SubscriptionConflict",
  // Enumerations are closed { name } wrappers ("Additional properties are NOT allowed").
  "/components/schemas/Term/additionalProperties": false,
  "/components/schemas/Term/properties/name/enum": ["NoTerm", "OneMonth", "OneYear", "ThreeYears", "FiveYears", null],
});
