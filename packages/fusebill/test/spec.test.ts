// Facts test for the Fusebill (Stax Bill) v1 spec (specs/fusebill), read from the bundled spec.
// Source of the facts: the Stax Bill (Fusebill) v1 reference, https://developer.staxbill.com/reference (cancel-subscription, subscriptions-object, errors, rate-limits, authentication).
import { bundledSpec, type Json } from "@subscription-apis/test-kit/spec";
import { describe, expect, it } from "vitest";

const { spec, deref } = bundledSpec(new URL("../dist/openapi.json", import.meta.url));

const PATH = "/subscriptionCancellation";
const op: Json = spec.paths?.[PATH]?.post;

const schemas: Json = spec.components?.schemas ?? {};
const TIMESTAMP_FIELDS = [
  "createdTimestamp",
  "activatedTimestamp",
  "provisionedTimestamp",
  "cancellationTimestamp",
  "modifiedTimestamp",
  "scheduledActivationTimestamp",
  "nextPeriodStartDate",
  "lastPeriodStartDate",
  "openSubscriptionPeriodEndDate",
  "contractStartTimestamp",
  "contractEndTimestamp",
  "expiredTimestamp",
  "migrationDate",
  "scheduledMigrationDate",
  "nextRechargeDate",
] as const;
const RATE_LIMIT_HEADERS = [
  "X-Rate-Limit-Limit-Minute",
  "X-Rate-Limit-Remaining-Minute",
  "X-Rate-Limit-Reset-Minute",
  "X-Rate-Limit-Limit-Day",
  "X-Rate-Limit-Remaining-Day",
  "X-Rate-Limit-Reset-Day",
] as const;

describe("fusebill > servers", () => {
  it.each([
    { index: 0, url: "https://secure.fusebill.com/v1", environment: "production" },
    { index: 1, url: "https://stg-secure.fusebill.com/v1", environment: "legacy-staging" },
  ])("server $index is $url ($environment)", ({ index, url, environment }) => {
    const server = spec.servers[index];
    expect(server.url).toBe(url);
    expect(server["x-environment"]).toBe(environment);
    expect(typeof server.description).toBe("string");
  });

  it("has exactly the two documented hosts, production first", () => {
    expect(spec.openapi).toBe("3.1.0");
    expect(spec.servers).toHaveLength(2);
  });
});

describe("fusebill > security", () => {
  it("fusebillApiKey is an apiKey in the Authorization header (key sent verbatim after 'Basic ')", () => {
    const scheme = deref(spec.components.securitySchemes.fusebillApiKey);
    expect(scheme).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(scheme.description).toContain("Basic <APIKey>");
  });

  it("is required globally", () => {
    expect(spec.security).toEqual([{ fusebillApiKey: [] }]);
  });
});

describe("fusebill > cancelSubscription operation", () => {
  it.each([{ method: "post", path: PATH, operationId: "cancelSubscription" }])(
    "$operationId is $method $path",
    ({ method, path, operationId }) => {
      expect(spec.paths[path][method].operationId).toBe(operationId);
      expect(Object.keys(spec.paths[path])).toEqual([method]);
    },
  );

  it("is not marked idempotent", () => {
    expect(op["x-idempotent"]).toBeUndefined();
  });

  it("records provenance", () => {
    expect(op.externalDocs.url).toBe("https://developer.staxbill.com/reference/cancel-subscription");
    expect(op["x-source"]).toMatchObject({
      url: "https://developer.staxbill.com/reference/cancel-subscription",
      retrieved: "2026-12-02",
    });
    expect(Array.isArray(op["x-source"].corrections)).toBe(true);
  });
});

describe("fusebill > request body", () => {
  const body = op.requestBody;
  const schema = deref(body.content["application/json"].schema);

  it("is required JSON", () => {
    expect(body.required).toBe(true);
    expect(Object.keys(body.content)).toEqual(["application/json"]);
  });

  it.each([
    { name: "subscriptionId", required: true, type: "integer", format: "int64", enum: undefined },
    { name: "cancellationOption", required: true, type: "string", format: undefined, enum: ["None", "Unearned", "Full"] },
  ])("$name: required=$required type=$type", ({ name, required, type, format, enum: values }) => {
    const prop = deref(schema.properties[name]);
    expect(schema.required.includes(name)).toBe(required);
    expect(prop.type).toBe(type);
    expect(prop.format).toBe(format);
    expect(prop.enum).toEqual(values);
  });

  it("example is the vendor's payload as strict JSON", () => {
    expect(body.content["application/json"].example).toEqual({ subscriptionId: 12345, cancellationOption: "None" });
  });
});

describe("fusebill > responses", () => {
  it("documents exactly 200, 400, 401, 404, 409, 429, 500", () => {
    expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "404", "409", "429", "500"]);
  });

  it.each(["200", "400", "401", "404", "409", "429", "500"])("%s has a JSON body and every rate-limit header", (status) => {
    const response = deref(op.responses[status]);
    expect(Object.keys(response.content)).toEqual(["application/json"]);
    for (const header of RATE_LIMIT_HEADERS) {
      expect(response.headers?.[header], header).toBeDefined();
    }
  });

  it("200 returns the Subscription object", () => {
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Subscription" });
    expect(op.responses["200"].content["application/json"].example.status).toBe("Cancelled");
  });

  const ERRORS = {
    400: "BadRequest",
    401: "Unauthorized",
    404: "NotFound",
    409: "Conflict",
    429: "TooManyRequests",
    500: "InternalServerError",
  };
  it.each(Object.entries(ERRORS).map(([status, name]) => ({ status, name })))(
    "$status is components.responses.$name with the PascalCase ErrorResponse envelope",
    ({ status, name }) => {
      expect(op.responses[status]).toEqual({ $ref: `#/components/responses/${name}` });
      const media = deref(op.responses[status]).content["application/json"];
      expect(media.schema).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
      const examples = media.examples ? Object.values<Json>(media.examples).map((e) => e.value) : [media.example];
      for (const example of examples) {
        expect(example.HttpStatusCode).toBe(Number(status));
        expect(Object.keys(example)).toEqual(["ErrorId", "HttpStatusCode", "Errors"]);
      }
    },
  );

  it("400 carries the vendor's two examples", () => {
    const values = Object.values<Json>(deref(op.responses["400"]).content["application/json"].examples).map((e) => e.value);
    expect(values).toContainEqual({
      ErrorId: 0,
      HttpStatusCode: 400,
      Errors: [{ Key: "subscriptionCancel.CancellationOption", Value: "Allowable Cancel Options are: None, Unearned, Full" }],
    });
    expect(values).toContainEqual({
      ErrorId: 0,
      HttpStatusCode: 400,
      Errors: [{ Key: "Api Error", Value: "Authorization key is not in the correct format." }],
    });
  });

  const limits = ["Limit", "Remaining", "Reset"].flatMap((what) => ["Minute", "Day"].map((per) => `X-Rate-Limit-${what}-${per}`));
  it.each(limits.map((header) => ({ header, type: header.includes("Reset") ? "string" : "integer" })))(
    "header $header is $type",
    ({ header, type }) => {
      const name = header.replace(/-/g, "");
      expect(spec.components.headers[name].schema.type).toBe(type);
    },
  );
});

describe("fusebill > schemas", () => {
  it("ErrorResponse is PascalCase {ErrorId, HttpStatusCode, Errors[{Key, Value}]}", () => {
    const error = schemas.ErrorResponse;
    expect(Object.keys(error.properties)).toEqual(["ErrorId", "HttpStatusCode", "Errors"]);
    expect(error.properties.ErrorId.type).toBe("integer");
    expect(error.properties.HttpStatusCode.type).toBe("integer");
    expect(error.properties.Errors.type).toBe("array");
    expect(Object.keys(deref(error.properties.Errors.items).properties)).toEqual(["Key", "Value"]);
  });

  it.each([
    {
      schema: "SubscriptionStatus",
      values: ["Active", "Draft", "Cancelled", "Provisioning", "Expired", "Migrated", "Suspended", "StandingOrder"],
    },
    { schema: "CancellationOption", values: ["None", "Unearned", "Full"] },
    { schema: "PlanFrequencyInterval", values: ["Yearly", "Monthly"] },
    { schema: "PlanFrequencyStatus", values: ["Draft", "Active", "Retired"] },
  ])("$schema enum", ({ schema, values }) => {
    expect(schemas[schema].enum).toEqual(values);
  });

  it("Subscription is open (no additionalProperties: false) and refs its nested schemas", () => {
    const sub = schemas.Subscription;
    expect(sub.additionalProperties).toBeUndefined();
    expect(sub.properties.status).toEqual({ $ref: "#/components/schemas/SubscriptionStatus" });
    expect(sub.properties.planFrequency).toEqual({ $ref: "#/components/schemas/PlanFrequency" });
  });

  it.each(TIMESTAMP_FIELDS)("Subscription.%s is a nullable zone-less string, not format date-time", (field) => {
    const prop = schemas.Subscription.properties[field];
    expect(prop.type).toEqual(["string", "null"]);
    expect(prop.format).toBeUndefined();
    const pattern = new RegExp(prop.pattern, "u");
    expect(pattern.test("2020-04-27T19:10:14.023")).toBe(true);
    expect(pattern.test("2019-01-17T11:31:56")).toBe(true);
    expect(pattern.test("2020-04-27T19:10:14.023Z")).toBe(false);
  });

  // Property types per the vendor's object reference, as "<schema> <type[|null]>": [properties].
  const TYPES: Record<string, string[]> = {
    "Subscription string|null": ["planDescription", "planReference", "reference"],
    "Subscription object|null": ["subscriptionOverride", "chargeDiscount", "setupFeeDiscount"],
    "Subscription array|null": ["chargeDiscounts", "setupFeeDiscounts", "customFields", "migrations"],
    "Subscription integer|null": ["remainingInterval", "remainingIntervalPushOut", "invoiceDay", "invoiceMonth"],
    "Subscription boolean|null": ["canMigrate"],
    "Subscription array": ["subscriptionProducts", "coupons"],
    "Subscription string": ["planCode", "planName", "uri"],
    "Subscription boolean": [
      "hasPostedInvoice",
      "planAutoApplyChanges",
      "autoApplyCatalogChanges",
      "subscriptionHasRecurringEndOfPeriodCharge",
    ],
    "Subscription number": ["monthlyRecurringRevenue", "netMonthlyRecurringRevenue", "amount"],
    "Subscription integer": ["customerId", "invoiceInAdvance", "billingPeriodDefinitionId", "id"],
    "PlanFrequency string|null": ["prorationGranularity", "salesforceId", "uri"],
    "PlanFrequency integer|null": ["remainingInterval"],
    "PlanFrequency array": ["setupFees", "charges"],
    "PlanFrequency boolean": ["isProrated"],
    "PlanFrequency integer": [
      "planRevisionId",
      "numberOfIntervals",
      "numberOfSubscriptions",
      "planFrequencyUniqueId",
      "invoiceInAdvance",
      "id",
    ],
  };
  it.each(Object.entries(TYPES))("%s: %j", (key, fields) => {
    const [schema, type] = key.split(" ") as [string, string];
    const want = type.includes("|") ? type.split("|") : type;
    for (const field of fields) expect(schemas[schema].properties[field].type, `${schema}.${field}`).toEqual(want);
  });
});
