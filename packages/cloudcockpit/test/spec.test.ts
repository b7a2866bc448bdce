// Facts test for the CloudCockpit CSP API v1 spec (specs/cloudcockpit), read from the bundled spec.
// Facts: the CloudCockpit developer portal pages cited in each operation's x-source, e.g.
// https://developer.cloudcockpit.com/customer/operation/operation-delete-v1-customers-parameter-subscriptions-parameter
// and https://developer.cloudcockpit.com/topic/topic-authentication-guide.
import { bundledSpec, type Json } from "@subscription-apis/test-kit/spec";
import { describe, expect, it } from "vitest";

const { spec, deref } = bundledSpec(new URL("../dist/openapi.json", import.meta.url));

const PATH = "/v1/customers/{customerId}/subscriptions/{subscriptionId}";
const SCOPE = "api://b92a36a4-feb8-4f47-a69c-29a180aa6d0a/.default";

const pathItem: Json = spec.paths[PATH];
const operation: Json = pathItem?.delete;
const parameters: Json[] = [...(pathItem?.parameters ?? []), ...(operation?.parameters ?? [])].map(deref);
const param = (name: string, where: string): Json => parameters.find((p) => p.name === name && p.in === where);
const response = (status: string): Json => deref(operation.responses[status]);
const schema = (name: string): Json => spec.components.schemas[name];

describe("cloudcockpit > document", () => {
  it("is OpenAPI 3.1", () => {
    expect(spec.openapi).toBe("3.1.0");
  });

  it.each([{ url: "https://app-cloudcockpitapi-prod-01.azurewebsites.net", environment: "production" }])(
    "server $environment is $url",
    ({ url, environment }) => {
      const server = spec.servers.find((s: Json) => s.url === url);
      expect(server).toBeDefined();
      expect(server["x-environment"]).toBe(environment);
      expect(server.description).toEqual(expect.any(String));
    },
  );

  it("the production server is the first (default) and only server", () => {
    expect(spec.servers).toHaveLength(1);
    expect(spec.servers[0]["x-environment"]).toBe("production");
  });
});

describe("cloudcockpit > security", () => {
  it("azureAdClientCredentials is an Azure AD oauth2 client-credentials flow", () => {
    const scheme = spec.components.securitySchemes.azureAdClientCredentials;
    expect(scheme.type).toBe("oauth2");
    expect(scheme.flows.clientCredentials.tokenUrl).toBe(
      "https://login.microsoftonline.com/4e806121-ff28-4286-ab4e-3be0a08f9ce0/oauth2/v2.0/token",
    );
    expect(Object.keys(scheme.flows.clientCredentials.scopes)).toEqual([SCOPE]);
  });

  it("bearerJwt is http bearer with a JWT", () => {
    expect(spec.components.securitySchemes.bearerJwt).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
  });

  it("either scheme satisfies the global requirement", () => {
    expect(spec.security).toEqual([{ azureAdClientCredentials: [SCOPE] }, { bearerJwt: [] }]);
  });
});

describe("cloudcockpit > cancelCustomerSubscription", () => {
  it("is DELETE /v1/customers/{customerId}/subscriptions/{subscriptionId}", () => {
    expect(operation?.operationId).toBe("cancelCustomerSubscription");
    const found = Object.entries(spec.paths).flatMap(([path, item]: [string, Json]) =>
      Object.entries(item)
        .filter(([, op]: [string, Json]) => op?.operationId === "cancelCustomerSubscription")
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(found).toEqual([`DELETE ${PATH}`]);
  });

  it("sends no request body", () => {
    expect(operation.requestBody).toBeUndefined();
  });

  it("documents exactly the vendor's statuses", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(["202", "400", "401", "403", "404", "409", "500"]);
  });

  it.each([
    { status: "202", body: null },
    { status: "400", body: "ErrorResponse" },
    { status: "401", body: null },
    { status: "403", body: null },
    { status: "404", body: "ErrorResponse" },
    { status: "409", body: "SubscriptionConflict" },
    { status: "500", body: "ErrorResponse" },
  ])("$status -> body $body", ({ status, body }) => {
    const res = response(status);
    if (body === null) {
      expect(res.content).toBeUndefined();
    } else {
      expect(Object.keys(res.content)).toEqual(["application/json"]);
      expect(res.content["application/json"].schema.$ref).toBe(`#/components/schemas/${body}`);
      expect(res.content["application/json"].example).toBeDefined();
    }
  });

  it.each([
    { name: "customerId", in: "path", required: true, type: "string", format: "uuid" },
    { name: "subscriptionId", in: "path", required: true, type: "string", format: "uuid" },
    { name: "X-Tenant", in: "header", required: true, type: "string", format: undefined },
    { name: "X-Correlation-Id", in: "header", required: false, type: "string", format: "uuid" },
  ])("parameter $in $name: required=$required, $type($format)", (expected) => {
    const p = param(expected.name, expected.in);
    expect(p).toBeDefined();
    expect(p.required ?? false).toBe(expected.required);
    expect(p.schema.type).toBe(expected.type);
    expect(p.schema.format).toBe(expected.format);
    expect(p.example).toBeDefined();
  });

  it("X-Tenant example is a portal domain", () => {
    expect(param("X-Tenant", "header").example).toBe("portal.cloudcockpit.com");
  });

  it("has no Authorization header parameter (carried by the security schemes)", () => {
    expect(parameters.filter((p) => p.in === "header" && p.name.toLowerCase() === "authorization")).toEqual([]);
  });
});

describe("cloudcockpit > schemas", () => {
  it.each([
    { property: "statusCode", type: "integer", format: "int32" },
    { property: "type", type: ["string", "null"], format: undefined },
    { property: "description", type: ["string", "null"], format: undefined },
    { property: "correlationId", type: ["string", "null"], format: undefined },
    { property: "errors", type: ["array", "null"], format: undefined },
  ])("ErrorResponse.$property is $type", ({ property, type, format }) => {
    const prop = schema("ErrorResponse").properties[property];
    expect(prop.type).toEqual(type);
    expect(prop.format).toBe(format);
  });

  it("ErrorResponse.errors items are { propertyName: string|null, description: string[]|null }", () => {
    expect(schema("ErrorResponse").properties.errors.items.$ref).toBe("#/components/schemas/ErrorDetail");
    const detail = schema("ErrorDetail");
    expect(detail.properties.propertyName.type).toEqual(["string", "null"]);
    expect(detail.properties.description.type).toEqual(["array", "null"]);
    expect(detail.properties.description.items.type).toBe("string");
  });

  it.each(["portalSubscription", "providerSubscription"])("SubscriptionConflict.%s is a SubscriptionSnapshot", (key) => {
    expect(schema("SubscriptionConflict").properties[key].$ref).toBe("#/components/schemas/SubscriptionSnapshot");
  });

  it.each([
    { property: "name", type: ["string", "null"], format: undefined, ref: undefined },
    { property: "quantity", type: "integer", format: "int32", ref: undefined },
    { property: "nextBillingFrequency", type: undefined, format: undefined, ref: "BillingFrequency" },
    { property: "autoRenewEnabled", type: "boolean", format: undefined, ref: undefined },
    { property: "autoRenewSettings", type: undefined, format: undefined, ref: "AutoRenewSettings" },
    { property: "endDate", type: "string", format: "date-time", ref: undefined },
    { property: "status", type: undefined, format: undefined, ref: "SubscriptionStatus" },
  ])("SubscriptionSnapshot.$property", ({ property, type, format, ref }) => {
    const prop = schema("SubscriptionSnapshot").properties[property];
    expect(prop.type).toEqual(type);
    expect(prop.format).toBe(format);
    expect(prop.$ref).toBe(ref && `#/components/schemas/${ref}`);
  });

  it.each([
    { property: "term", type: undefined, format: undefined, ref: "Term" },
    { property: "billingFrequency", type: undefined, format: undefined, ref: "BillingFrequency" },
    { property: "quantity", type: "integer", format: "int32", ref: undefined },
    { property: "customTermEndDate", type: ["string", "null"], format: "date-time", ref: undefined },
  ])("AutoRenewSettings.$property", ({ property, type, format, ref }) => {
    const prop = schema("AutoRenewSettings").properties[property];
    expect(prop.type).toEqual(type);
    expect(prop.format).toBe(format);
    expect(prop.$ref).toBe(ref && `#/components/schemas/${ref}`);
  });

  it.each([
    { wrapper: "Term", values: ["NoTerm", "OneMonth", "OneYear", "ThreeYears", "FiveYears", null] },
    { wrapper: "BillingFrequency", values: ["OneTime", "Monthly", "Annual", "Triennial", "None", null] },
    { wrapper: "SubscriptionStatus", values: undefined },
  ])("enumeration wrapper $wrapper is a closed { name: string|null }", ({ wrapper, values }) => {
    const s = schema(wrapper);
    expect(s.type).toBe("object");
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual(["name"]);
    expect(s.properties.name.type).toEqual(["string", "null"]);
    expect(s.properties.name.enum).toEqual(values);
  });
});
