import { bundledSpec, type Json } from "@subscription-apis/test-kit/spec";
import { describe, expect, it } from "vitest";

// Facts from the vendor pages (https://docs.mayar.id/api-reference-v2/membership/cancel and
// https://docs.mayar.id/api-reference-v2/rate-limit), checked against the bundled spec.

const { spec, deref } = bundledSpec(new URL("../dist/openapi.json", import.meta.url));

const PATH = "/memberships/members/{memberId}/cancel";
const pathItem: Json = spec.paths[PATH];
const operation: Json = pathItem?.post;
const parameters: Json[] = [...(pathItem?.parameters ?? []), ...(operation?.parameters ?? [])].map(deref);
const param = (name: string, location: string): Json => parameters.find((p) => p.name === name && p.in === location);
const response = (status: string): Json => deref(operation.responses[status]);
const schemaOf = (status: string): Json => deref(response(status).content["application/json"].schema);

describe("mayar > servers and auth", () => {
  it.each([
    { index: 0, url: "https://api.mayar.id/hl/v2", environment: "production" },
    { index: 1, url: "https://api.mayar.club/hl/v2", environment: "sandbox" },
  ])("server $index is $url ($environment)", ({ index, url, environment }) => {
    expect(spec.servers[index].url).toBe(url);
    expect(spec.servers[index]["x-environment"]).toBe(environment);
    expect(spec.servers[index].description).toBeTruthy();
  });

  it("declares exactly two servers, production first (the default)", () => {
    expect(spec.servers).toHaveLength(2);
  });

  it("uses http bearer auth named bearerApiKey", () => {
    expect(spec.security).toEqual([{ bearerApiKey: [] }]);
    expect(spec.components.securitySchemes.bearerApiKey).toMatchObject({ type: "http", scheme: "bearer" });
  });
});

describe("mayar > cancelMembershipMember", () => {
  it("is POST /memberships/members/{memberId}/cancel with operationId cancelMembershipMember", () => {
    expect(Object.keys(pathItem).filter((key) => key !== "parameters")).toEqual(["post"]);
    expect(operation.operationId).toBe("cancelMembershipMember");
  });

  it.each([
    { name: "memberId", location: "path", required: true, type: "string", minLength: 1, example: "MBR8X2QK" },
    {
      name: "productId",
      location: "query",
      required: false,
      type: "string",
      minLength: undefined,
      example: "7c9d2e1f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
    },
  ])("$location param $name: required=$required", ({ name, location, required, type, minLength, example }) => {
    const p = param(name, location);
    expect(p).toBeDefined();
    expect(p.required).toBe(required);
    expect(p.schema.type).toBe(type);
    expect(p.schema.minLength).toBe(minLength);
    expect(p.schema.pattern).toBeUndefined();
    expect(p.example).toBe(example);
  });

  it("productId travels in the body OR the query (default body); the body itself is optional", () => {
    expect(operation["x-one-of-locations"]).toEqual([{ name: "productId", locations: ["body", "query"], default: "body" }]);
    expect(operation.requestBody.required).toBe(false);
    const body = deref(operation.requestBody.content["application/json"].schema);
    expect(body.required).toEqual(["productId"]);
    expect(body.properties.productId.type).toBe("string");
  });
});

describe("mayar > responses", () => {
  it.each([
    { status: "200", schema: "CancelMembershipMemberResponse" },
    { status: "400", schema: "ErrorResponse" },
    { status: "401", schema: "ErrorResponse" },
    { status: "404", schema: "ErrorResponse" },
    { status: "429", schema: "ErrorResponse" },
    { status: "default", schema: "ErrorResponse" },
  ])("$status has a JSON body ($schema)", ({ status, schema }) => {
    const media = response(status).content["application/json"];
    expect(media.schema.$ref).toBe(`#/components/schemas/${schema}`);
    expect(media.example ?? media.examples).toBeDefined();
  });

  it("documents exactly 200, 400, 401, 404, 429 and default", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(["200", "400", "401", "404", "429", "default"]);
  });

  it("429 carries an integer Retry-After header", () => {
    const header = deref(response("429").headers["Retry-After"]);
    expect(header.schema.type).toBe("integer");
  });

  it.each([
    { name: "invalidPathParameter", message: "Invalid path parameter" },
    { name: "invalidRequestBody", message: "Invalid request body" },
    { name: "memberAlreadyInactive", message: "Membership member ini sudah tidak aktif (status: stopped)." },
  ])("400 example $name", ({ name, message }) => {
    const example = response("400").content["application/json"].examples[name].value;
    expect(example).toEqual({ statusCode: 400, message });
  });

  it("success envelope uses singular message and data.membershipCustomer", () => {
    const envelope = schemaOf("200");
    expect(envelope.required).toEqual(["statusCode", "message", "data"]);
    expect(envelope.properties.messages).toBeUndefined();
    const data = deref(envelope.properties.data);
    expect(data.properties.membershipCustomer.$ref).toBe("#/components/schemas/MembershipCustomer");
  });

  it("error envelope is {statusCode, message}", () => {
    const error = schemaOf("400");
    expect(Object.keys(error.properties)).toEqual(["statusCode", "message"]);
    expect(error.required).toEqual(["statusCode", "message"]);
  });
});

describe("mayar > MembershipCustomer", () => {
  const customer = deref({ $ref: "#/components/schemas/MembershipCustomer" });

  it.each([
    { field: "id", type: "string", format: "uuid" },
    { field: "memberId", type: "string", format: undefined },
    { field: "userId", type: "string", format: "uuid" },
    { field: "customerId", type: "string", format: "uuid" },
    { field: "membershipTierId", type: "string", format: "uuid" },
    { field: "paymentLinkId", type: "string", format: "uuid" },
    { field: "monthlyPaymentPeriod", type: ["integer", "null"], format: undefined },
    { field: "status", type: "string", format: undefined },
    { field: "nextPayment", type: ["string", "null"], format: "date-time" },
    { field: "expiredAt", type: ["string", "null"], format: "date-time" },
    { field: "createdAt", type: "string", format: "date-time" },
    { field: "updatedAt", type: "string", format: "date-time" },
  ])("$field is $type ($format)", ({ field, type, format }) => {
    expect(customer.properties[field].type).toEqual(type);
    expect(customer.properties[field].format).toBe(format);
    expect(customer.required).toContain(field);
  });

  it("status is an open string (no enum) naming the known values", () => {
    const status = customer.properties.status;
    expect(status.enum).toBeUndefined();
    for (const value of ["active", "inactive", "stopped", "finished"]) {
      expect(status.description).toContain(`\`${value}\``);
    }
  });
});
