/** buildSurface on small inline documents: what x-pagination and x-idempotency-token become, and what they refuse. */
import { describe, expect, it } from "vitest";
import { buildSurface } from "../src/surface.js";

const ok = { "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Page" } } } } };
function doc(op: Record<string, unknown>, body?: Record<string, unknown>) {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    servers: [{ url: "https://x.test" }],
    paths: { "/things": { post: { operationId: "listThings", responses: ok, ...(body ? { requestBody: body } : {}), ...op } } },
    components: {
      schemas: {
        Page: { type: "object", properties: { rows: { type: "array", items: { type: "string" } }, next: { type: ["string", "null"] } } },
      },
    },
  };
}
const query = (name: string) => ({ name, in: "query", schema: { type: "string" } });
const bodyWith = (token: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: {
    "application/json": { schema: { type: "object", required, properties: { item: { type: "string" }, clientToken: token } } },
  },
});

describe("x-pagination", () => {
  it("maps parameter names to input keys and keeps the output paths", () => {
    const api = buildSurface(
      doc({
        parameters: [query("after"), query("limit")],
        "x-pagination": { kind: "cursor", inputToken: "after", outputToken: "next", items: "rows", pageSize: "limit" },
      }),
      "t",
    );
    expect(api.operations.listThings?.pagination).toEqual({
      kind: "cursor",
      items: "rows",
      inputToken: "after",
      outputToken: "next",
      pageSize: "limit",
    });
  });
  it.each([
    [{ kind: "cursor", inputToken: "after", items: "rows" }, 'needs "outputToken"'],
    [{ kind: "page", page: "after", items: "rows", firstPage: -1 }, "firstPage must be an integer >= 0"],
    [{ kind: "offset", offset: "after", items: "rows", hasMore: "more" }, 'hasMore "more" is not a property path'],
    [{ kind: "token", inputToken: "after", outputToken: "next", items: "rows", page: "after" }, 'does not support "page"'],
    [{ kind: "link", inputToken: "after", items: "rows" }, 'kind "link" is not one of token, cursor, page, offset'],
    [
      { kind: "cursor", inputToken: "before", outputToken: "next", items: "rows" },
      'inputToken "before" is not a query, header or body parameter',
    ],
    [
      { kind: "cursor", inputToken: "after", outputToken: "next", items: "rows", firstPage: 1 },
      'of kind cursor does not support "firstPage"',
    ],
  ])("refuses %j", (ext, message) => {
    expect(() => buildSurface(doc({ parameters: [query("after")], "x-pagination": ext }), "t")).toThrow(message);
  });
});

describe("x-idempotency-token", () => {
  it("marks the input and makes a POST retryable like an idempotent operation", () => {
    const op = buildSurface(doc({}, bodyWith({ type: "string", maxLength: 64, "x-idempotency-token": true })), "t").operations.listThings!;
    expect(op.idempotent).toBe(true);
    expect(op.params.find((p) => p.name === "clientToken")?.idempotencyToken).toBe(true);
    expect(buildSurface(doc({}, bodyWith({ type: "string" })), "t").operations.listThings?.idempotent).toBe(false);
  });
  it.each([
    [bodyWith({ type: "string", "x-idempotency-token": true }, ["clientToken"]), "must be optional"],
    [bodyWith({ type: "integer", "x-idempotency-token": true }), "must be a plain string"],
    [bodyWith({ type: "string", maxLength: 10, "x-idempotency-token": true }), "a UUID does not fit"],
  ])("refuses %#", (body, message) => {
    expect(() => buildSurface(doc({}, body), "t")).toThrow(message);
  });
});

describe("JSON bodies of any schema", () => {
  it('an object body with properties keeps its fields; a string body is one `body` input (wire name "")', () => {
    const fields = buildSurface(doc({}, bodyWith({ type: "string" })), "t").operations.listThings!.params;
    expect(fields.map((p) => [p.key, p.name, p.in])).toEqual([
      ["item", "item", "body"],
      ["clientToken", "clientToken", "body"],
    ]);
    const whole = buildSurface(
      doc({}, { required: true, content: { "application/json": { schema: { type: "string", maxLength: 255 } } } }),
      "t",
    ).operations.listThings!.params;
    expect(whole).toEqual([{ name: "", in: "body", key: "body", required: true, schema: { type: "string", maxLength: 255 } }]);
  });
});

describe("request and response shapes beyond JSON, parameter styles", () => {
  const form = (schema: Record<string, unknown>, encoding?: Record<string, unknown>) => ({
    required: true,
    content: { "application/x-www-form-urlencoded": { schema, ...(encoding ? { encoding } : {}) } },
  });
  const obj = { type: "object", properties: { meta: { type: "object" }, file: { type: "string", format: "binary" } } };

  it("a form body keeps its fields and references formBody with its encoding; a styled parameter makes the call encoded", () => {
    const op = buildSurface(
      doc(
        {
          parameters: [
            { name: "ids", in: "query", style: "pipeDelimited", explode: false, schema: { type: "array", items: { type: "string" } } },
          ],
        },
        form({ type: "object", properties: { meta: { type: "object" } } }, { meta: { style: "deepObject", explode: true } }),
      ),
      "t",
    ).operations.listThings!;
    expect(op.body).toEqual({
      required: true,
      contentType: "application/x-www-form-urlencoded",
      encode: "formBody",
      encoding: { meta: { style: "deepObject", explode: true } },
    });
    expect(op.serialize).toBe(true);
    expect(op.params.map((p) => [p.key, p.in, p.style, p.explode])).toEqual([
      ["ids", "query", "pipeDelimited", false],
      ["meta", "body", undefined, undefined],
    ]);
  });

  it("a query array without a style stays unstyled (sent as repeated keys, as before)", () => {
    const op = buildSurface(doc({ parameters: [{ name: "ids", in: "query", schema: { type: "array", items: { type: "string" } } }] }), "t")
      .operations.listThings!;
    expect([op.serialize, op.params[0]?.style]).toEqual([undefined, undefined]);
  });

  it("a binary or text success response sets the response kind and Accept", () => {
    const pdf = { "200": { description: "PDF", content: { "application/pdf": { schema: { type: "string" } } } } };
    expect(buildSurface(doc({ responses: pdf }), "t").operations.listThings).toMatchObject({
      response: "blob",
      accept: "application/pdf",
    });
  });

  const param = (p: Record<string, unknown>) => doc({ parameters: [{ name: "p", in: "query", schema: { type: "string" }, ...p }] });
  it.each([
    [param({ in: "cookie" }), /cookie parameter "p" is not supported: browsers forbid setting the Cookie header/],
    [param({ content: { "application/json": {} }, schema: undefined }), /uses `content`/],
    [param({ allowReserved: true }), /allowReserved is not supported/],
    [param({ style: "matrix" }), /style "matrix" is not allowed in query/],
    [param({ style: "deepObject" }), /deepObject applies to object parameters only/],
    [param({ style: "pipeDelimited" }), /pipeDelimited applies to array parameters only/],
    [
      param({ style: "deepObject", schema: { type: "object", properties: { a: { type: "object" } } } }),
      /nested object "a": OpenAPI defines no serialization/,
    ],
    [doc({}, { content: { "application/xml": { schema: { type: "object" } } } }), /request content type application\/xml is not supported/],
    [
      doc({}, { content: { "text/plain": { schema: { type: "string" } }, "text/csv": { schema: { type: "string" } } } }),
      /offers text\/plain, text\/csv: give one content type/,
    ],
    [doc({}, form(obj)), /a form-encoded body cannot carry binary data: use multipart\/form-data/],
    [doc({}, form({ type: "string" })), /must be an object schema with properties/],
    [doc({}, form({ type: "object", properties: { a: {} } }, { b: { style: "form" } })), /encoding names "b", which is not a property/],
    [
      doc({}, form({ type: "object", properties: { a: {} } }, { a: { style: "pipeDelimited" } })),
      /encoding style "pipeDelimited" is not supported/,
    ],
    [
      doc({}, { content: { "multipart/form-data": { schema: obj, encoding: { file: { headers: { "X-A": {} } } } } } }),
      /encoding "headers" is not supported in a multipart body/,
    ],
    [doc({}, { content: { "text/plain": { schema: { type: "integer" } } } }), /a text\/plain body must be a string schema/],
    [
      doc({
        responses: {
          "200": { description: "x", content: { "application/json": { schema: {} }, "application/pdf": { schema: {} } } },
        },
      }),
      /both JSON and binary/,
    ],
    [
      doc({ responses: { "200": { description: "x", content: { "application/xml": { schema: {} } } } } }),
      /response content type application\/xml is not supported/,
    ],
  ])("refuses %#", (spec, message) => {
    expect(() => buildSurface(spec, "t")).toThrow(message);
  });
});
