import { bundledSpec, type Json } from "@subscription-apis/test-kit/spec";
import { describe, expect, it } from "vitest";

// Facts from the Smithy model (aws/api-models-aws qbusiness/service/2023-11-27/qbusiness-2023-11-27.json @56c8953e)
// and https://docs.aws.amazon.com/amazonq/latest/api-reference/API_CancelSubscription.html, checked against the bundle.

const { spec, deref } = bundledSpec(new URL("../dist/openapi.json", import.meta.url));

const PATH = "/applications/{applicationId}/subscriptions/{subscriptionId}";
const ERROR_MESSAGE = { type: "string", minLength: 1, maxLength: 2048, pattern: "^[\\s\\S]*$" };
const QB_STRING = { type: "string", minLength: 1, maxLength: 2048 };

const operation = spec.paths[PATH]?.delete;
const params: Json[] = [...(spec.paths[PATH]?.parameters ?? []), ...(operation?.parameters ?? [])].map(deref);
const param = (name: string) => params.find((p) => p.name === name);
const response = (status: string) => deref(operation.responses[status]);

describe("aws-qbusiness > servers and security", () => {
  it.each([
    ["production", "https://qbusiness.{region}.api.aws", "us-east-1"],
    ["fips", "https://qbusiness-fips.{region}.api.aws", "us-east-1"],
    ["china", "https://qbusiness.{region}.api.amazonwebservices.com.cn", "cn-north-1"],
  ])("server %s is %s (default region %s)", (environment, url, region) => {
    const server = spec.servers.find((s: Json) => s["x-environment"] === environment);
    expect(server?.url).toBe(url);
    expect(server.variables.region.default).toBe(region);
    expect(server.description).toBeTruthy();
  });

  it("the first server is production", () => {
    expect(spec.servers[0]["x-environment"]).toBe("production");
  });

  it("uses SigV4 with signing name qbusiness", () => {
    expect(spec.security).toEqual([{ awsSigV4: [] }]);
    expect(spec.components.securitySchemes.awsSigV4).toMatchObject({
      type: "apiKey",
      in: "header",
      name: "Authorization",
      "x-amazon-apigateway-authtype": "awsSigv4",
      "x-aws-sigv4": { signingName: "qbusiness" },
    });
  });
});

describe("aws-qbusiness > cancelSubscription", () => {
  it("is DELETE /applications/{applicationId}/subscriptions/{subscriptionId}, idempotent", () => {
    expect(Object.keys(spec.paths)).toContain(PATH);
    expect(Object.keys(spec.paths[PATH]).filter((k) => k !== "parameters")).toEqual(["put", "delete"]);
    expect(operation.operationId).toBe("cancelSubscription");
    expect(operation["x-idempotent"]).toBe(true);
  });

  it("sends no request body", () => {
    expect(operation.requestBody).toBeUndefined();
  });

  it.each([
    ["applicationId", { type: "string", minLength: 36, maxLength: 36, pattern: "^[a-zA-Z0-9][a-zA-Z0-9-]{35}$" }],
    ["subscriptionId", { type: "string", minLength: 1, maxLength: 1224 }],
  ])("path param %s is required with %o", (name, schema) => {
    const p = param(name);
    expect(p).toMatchObject({ in: "path", required: true });
    expect(p.schema).toEqual(schema);
    expect(p.example).toBeTypeOf("string");
    if (p.schema.pattern) {
      expect(p.example).toMatch(new RegExp(p.schema.pattern, "u"));
    }
  });

  it("records the subscriptionId minLength correction", () => {
    expect(operation["x-source"].corrections.some((c: string) => c.includes("subscriptionId"))).toBe(true);
  });

  it("returns 200 with an all-optional CancelSubscriptionResponse body", () => {
    const ok = response("200");
    expect(ok.content["application/json"].schema.$ref).toBe("#/components/schemas/CancelSubscriptionResponse");
    const body = spec.components.schemas.CancelSubscriptionResponse;
    expect(body.required).toBeUndefined();
    expect(Object.keys(body.properties).sort()).toEqual(["currentSubscription", "nextSubscription", "subscriptionArn"]);
    expect(body.properties.subscriptionArn).toMatchObject({
      type: "string",
      minLength: 10,
      maxLength: 1224,
      pattern: "^arn:[a-z0-9-\\.]{1,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[a-z0-9-\\.]{0,63}:[^/].{0,1023}$",
    });
  });

  it.each(["currentSubscription", "nextSubscription"])("%s is SubscriptionDetails { type?: Q_LITE | Q_BUSINESS }", (name) => {
    const prop = spec.components.schemas.CancelSubscriptionResponse.properties[name];
    expect(prop.$ref).toBe("#/components/schemas/SubscriptionDetails");
    const details = spec.components.schemas.SubscriptionDetails;
    expect(details.required).toBeUndefined();
    expect(deref(details.properties.type).enum).toEqual(["Q_LITE", "Q_BUSINESS"]);
  });
});

describe("aws-qbusiness > errors", () => {
  const errors: [string, string, string[], Record<string, Json>][] = [
    ["400", "ValidationException", ["message", "reason"], { message: ERROR_MESSAGE }],
    ["403", "AccessDeniedException", ["message"], { message: ERROR_MESSAGE }],
    [
      "404",
      "ResourceNotFoundException",
      ["message", "resourceId", "resourceType"],
      { message: ERROR_MESSAGE, resourceId: QB_STRING, resourceType: QB_STRING },
    ],
    ["429", "ThrottlingException", ["message"], { message: ERROR_MESSAGE }],
    ["500", "InternalServerException", ["message"], { message: ERROR_MESSAGE }],
  ];

  it("documents exactly 200 and the five modeled error statuses", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "400", "403", "404", "429", "500"]);
  });

  it.each(errors)("%s -> %s", (status, code, required, props) => {
    const res = response(status);
    expect(res.content["application/json"].schema.$ref).toBe(`#/components/schemas/${code}`);
    expect(res["x-error-codes"]).toEqual({ [code]: { schema: code } });
    expect(Object.keys(res.headers).sort()).toEqual(["X-Amzn-Errortype", "x-amzn-RequestId"]);
    expect(res.headers["Retry-After"]).toBeUndefined();
    const schema = spec.components.schemas[code];
    expect(schema.required).toEqual(required);
    for (const [name, constraints] of Object.entries(props)) {
      expect(schema.properties[name]).toMatchObject(constraints);
    }
    expect(schema.properties).not.toHaveProperty("__type");
    expect(schema.properties).not.toHaveProperty("code");
  });

  it("no error is marked retryable or throttling", () => {
    for (const [status] of errors) {
      for (const entry of Object.values(response(status)["x-error-codes"]) as Json[]) {
        expect(entry.retryable).toBeUndefined();
        expect(entry.throttling).toBeUndefined();
      }
    }
  });

  it("ValidationException uses `fields` of {name, message} and a reason enum without OTHER", () => {
    const v = spec.components.schemas.ValidationException;
    expect(v.properties.fieldList).toBeUndefined();
    expect(v.properties.fields.type).toBe("array");
    const field = deref(v.properties.fields.items);
    expect(field.required).toEqual(["name", "message"]);
    expect(field.properties.name).toMatchObject(QB_STRING);
    expect(field.properties.message).toMatchObject(QB_STRING);
    expect(deref(v.properties.reason).enum).toEqual(["CANNOT_PARSE", "FIELD_VALIDATION_FAILED", "UNKNOWN_OPERATION"]);
  });
});
