import { bundledSpec, type Json } from "@subscription-apis/test-kit/spec";
import { describe, expect, it } from "vitest";

// Facts from the vendor's API reference (https://docs.aws.amazon.com/security-ir/latest/APIReference/) and the Smithy
// model (aws/api-models-aws @56c8953e, security-ir/service/2018-05-10/security-ir-2018-05-10.json), checked against the
// bundled spec.

const { spec, deref } = bundledSpec(new URL("../dist/openapi.json", import.meta.url));

const PATH = "/v1/membership/{membershipId}";
const operation: Json = spec.paths?.[PATH]?.put;
const responses: Json = operation?.responses ?? {};
const schemas: Json = spec.components?.schemas ?? {};

describe("aws-security-ir > servers", () => {
  it.each([
    ["production", "https://security-ir.{region}.api.aws", "us-east-1"],
    ["fips", "https://security-ir-fips.{region}.api.aws", "us-east-1"],
    ["china", "https://security-ir.{region}.api.amazonwebservices.com.cn", "cn-northwest-1"],
    ["china-fips", "https://security-ir-fips.{region}.api.amazonwebservices.com.cn", "cn-northwest-1"],
  ])("%s -> %s (region default %s)", (environment, url, region) => {
    const server = spec.servers.find((s: Json) => s["x-environment"] === environment);
    expect(server?.url).toBe(url);
    expect(server?.variables?.region?.default).toBe(region);
    expect(server?.description).toBeTruthy();
  });

  it("production is the first (default) server", () => {
    expect(spec.servers[0].url).toBe("https://security-ir.{region}.api.aws");
  });

  it("has no amazonaws.com host", () => {
    for (const server of spec.servers) {
      expect(server.url).not.toMatch(/amazonaws\.com(\/|$)/);
    }
  });
});

describe("aws-security-ir > security", () => {
  it("declares awsSigV4 (SigV4, signing name security-ir) and uses it globally", () => {
    const scheme = spec.components.securitySchemes.awsSigV4;
    expect(scheme).toMatchObject({ type: "apiKey", in: "header", name: "Authorization" });
    expect(scheme["x-amazon-apigateway-authtype"]).toBe("awsSigv4");
    expect(scheme["x-aws-sigv4"]?.signingName).toBe("security-ir");
    expect(spec.security).toEqual([{ awsSigV4: [] }]);
  });
});

describe("aws-security-ir > cancelMembership", () => {
  it("is PUT /v1/membership/{membershipId}, idempotent, with no request body", () => {
    expect(Object.keys(spec.paths)).toContain(PATH);
    expect(Object.keys(spec.paths[PATH]).sort()).toEqual(["get", "put"]);
    expect(operation.operationId).toBe("cancelMembership");
    expect(operation["x-idempotent"]).toBe(true);
    expect(operation.requestBody).toBeUndefined();
  });

  it.each([["membershipId", "path", true, 12, 34, "^m-[a-z0-9]{10,32}$", "m-abcd1234efgh"]])(
    "parameter %s in %s: required=%s, length %i-%i, pattern %s",
    (name, location, required, min, max, pattern, example) => {
      const params = (operation.parameters ?? []).map(deref);
      const param = params.find((p: Json) => p.name === name && p.in === location);
      expect(param?.required).toBe(required);
      const schema = deref(param.schema);
      expect(schema).toMatchObject({ type: "string", minLength: min, maxLength: max, pattern });
      expect(param.example).toBe(example);
      expect(new RegExp(pattern).test(example)).toBe(true);
    },
  );

  it("has exactly the documented statuses", () => {
    // the nine modeled service errors, plus the AWS Common Errors' own statuses (401, 408, 503)
    expect(Object.keys(responses).sort()).toEqual(["200", "400", "401", "402", "403", "404", "408", "409", "423", "429", "500", "503"]);
  });

  it("200 returns application/json { membershipId } with membershipId required", () => {
    const ok = deref(responses["200"]);
    const schema = deref(ok.content?.["application/json"]?.schema);
    expect(schema.required).toEqual(["membershipId"]);
    expect(schema.properties.membershipId).toMatchObject({
      type: "string",
      minLength: 12,
      maxLength: 34,
      pattern: "^m-[a-z0-9]{10,32}$",
    });
    expect(ok.content["application/json"].example).toEqual({ membershipId: "m-abcd1234efgh" });
  });
});

describe("aws-security-ir > errors", () => {
  // [code, status, required body members, optional body members, retryable, throttling, Retry-After header]
  it.each([
    ["ValidationException", "400", ["message", "reason"], ["fieldList"], false, false, false],
    ["SecurityIncidentResponseNotActiveException", "400", ["message"], [], false, false, false],
    [
      "ServiceQuotaExceededException",
      "402",
      ["message", "resourceId", "resourceType", "serviceCode", "quotaCode"],
      [],
      false,
      false,
      false,
    ],
    ["AccessDeniedException", "403", ["message"], [], false, false, false],
    ["ResourceNotFoundException", "404", ["message"], [], false, false, false],
    ["ConflictException", "409", ["message", "resourceId", "resourceType"], [], false, false, false],
    ["InvalidTokenException", "423", ["message"], [], true, false, false],
    ["ThrottlingException", "429", ["message"], ["serviceCode", "quotaCode"], true, true, true],
    ["InternalServerException", "500", ["message"], [], true, false, true],
  ])("%s -> HTTP %s", (code, status, required, optional, retryable, throttling, retryAfter) => {
    const response = deref(responses[status]);
    const entry = response["x-error-codes"]?.[code];
    expect(entry?.schema).toBe(code);
    expect(entry.retryable === true).toBe(retryable);
    expect(entry.throttling === true).toBe(throttling);

    const schema = schemas[code];
    expect([...(schema.required ?? [])].sort()).toEqual([...required].sort());
    expect(Object.keys(schema.properties).sort()).toEqual([...required, ...optional].sort());
    // header-bound members never appear in the body
    expect(schema.properties).not.toHaveProperty("retryAfterSeconds");
    expect(schema.properties).not.toHaveProperty("__type");
    expect(schema.properties).not.toHaveProperty("code");

    const headers = Object.keys(response.headers ?? {});
    expect(headers).toContain("X-Amzn-Errortype");
    expect(headers).toContain("x-amzn-RequestId");
    expect(headers.includes("Retry-After")).toBe(retryAfter);
    if (retryAfter) {
      expect(deref(response.headers["Retry-After"]).schema).toMatchObject({ type: "integer", format: "int32" });
    }
  });

  it("the body schema of every error status lists exactly the schemas of its x-error-codes", () => {
    for (const status of ["400", "401", "402", "403", "404", "408", "409", "423", "429", "500", "503"]) {
      const response = deref(responses[status]);
      const schema = response.content["application/json"].schema;
      const refs: string[] = (schema.anyOf ?? [schema]).map((s: Json) => s.$ref.split("/").at(-1));
      const mapped = new Set(Object.values<Json>(response["x-error-codes"]).map((e) => e.schema));
      expect(refs.sort()).toEqual([...mapped].sort());
    }
  });

  it("400 is anyOf ValidationException | SecurityIncidentResponseNotActiveException | CommonError without discriminator", () => {
    const schema = deref(responses["400"]).content["application/json"].schema;
    expect(schema.anyOf.map((s: Json) => s.$ref)).toEqual([
      "#/components/schemas/ValidationException",
      "#/components/schemas/SecurityIncidentResponseNotActiveException",
      "#/components/schemas/CommonError",
    ]);
    expect(schema.discriminator).toBeUndefined();
  });

  it("ValidationExceptionReason is exactly UNKNOWN_OPERATION, CANNOT_PARSE, FIELD_VALIDATION_FAILED, OTHER", () => {
    expect(deref(schemas.ValidationException.properties.reason).enum).toEqual([
      "UNKNOWN_OPERATION",
      "CANNOT_PARSE",
      "FIELD_VALIDATION_FAILED",
      "OTHER",
    ]);
  });

  it("fieldList (not fields) is an array of { name, message }, both required", () => {
    const validation = schemas.ValidationException;
    expect(validation.properties).not.toHaveProperty("fields");
    expect(validation.properties.fieldList.type).toBe("array");
    const field = deref(validation.properties.fieldList.items);
    expect(field.required).toEqual(["name", "message"]);
    expect(Object.keys(field.properties).sort()).toEqual(["message", "name"]);
  });
});
