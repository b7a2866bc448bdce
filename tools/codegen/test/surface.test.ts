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
