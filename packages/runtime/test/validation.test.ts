import { beforeEach, describe, expect, it } from "vitest";
import { bearerAuth, ValidationError } from "../dist/index.js";
import { createApiClient, resolveBaseUrl } from "../dist/internal.js";
import { bindAll, fixtureClient, httpApi } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";

const server = useServer();
beforeEach(() => server.handle((_q, res) => json(res, 200, { ok: true })));

/** Run a call that must fail validation; assert the error names parameter and rule, and nothing was sent. */
async function invalid(p: Promise<unknown>, parameter: string, rule: string): Promise<ValidationError> {
  const e = await rejection(p);
  expect(e).toBeInstanceOf(ValidationError);
  const v = e as ValidationError;
  expect({ parameter: v.parameter, rule: v.rule }).toEqual({ parameter, rule });
  expect(v.message).toContain(`invalid parameter "${parameter}" (${rule})`);
  expect(v.message).toContain("No request was sent.");
  expect(server.requests).toHaveLength(0);
  return v;
}

/**
 * Each rule once, through the client (the error names operation, parameter and rule). Every value against the spec's
 * constraints, every path/query value against the request target and every header value are the property tests of
 * tools/reliability.
 */
describe("input validation (nothing is sent)", () => {
  const c = () => fixtureClient(server.url);

  it.each([
    ["createThing", {}, "name", "required"],
    ["getThing", { thingId: null }, "thingId", "required"],
    ["createThing", { name: "😀" }, "name", "minLength"], // 1 code point, 2 UTF-16 units
    ["createThing", { name: "abcdefghi" }, "name", "maxLength"],
    ["deleteThing", { thingId: "x-1" }, "thingId", "pattern"],
    ["getThing", { thingId: "t-1", expand: "everything" }, "expand", "enum"],
    ["createThing", { name: "box", count: 2.5 }, "count", "type"],
    ["createThing", { name: "box", count: 9 }, "count", "maximum"],
    ["createThing", { name: "box", count: -1 }, "count", "minimum"],
    ["createThing", { name: "box", ownerId: "not-a-uuid" }, "ownerId", "format"],
    ["getThing", { thingId: ".." }, "thingId", "path-traversal"],
    ["getThing", { thingId: "t-1", trace: "a\r\nX-Injected: 1" }, "trace (X-Trace)", "header-injection"],
    ["getThing", { thingId: "t-1", trace: "snow☃" }, "trace (X-Trace)", "header-value"],
  ] as const)("%s(%j): %s %s", async (op, input, parameter, rule) => {
    expect((await invalid(c()[op](input), parameter, rule)).operationId).toBe(op);
  });

  it("the enum and unknown-key messages say what is allowed", async () => {
    expect((await invalid(c().createThing({ name: "box", kind: "free" }), "kind", "enum")).message).toContain(
      'must be one of "basic", "pro"',
    );
    const e = await invalid(c().createThing({ name: "box", colour: "red" }), "colour", "unknown");
    expect(e.message).toContain("is not a parameter of createThing");
  });

  it("null is sent for a body member whose schema allows it, and is 'absent' for one whose schema does not", async () => {
    server.handle((_q, res) => json(res, 201, { id: "t-1" }));
    await c().createThing({ name: "box", note: null, kind: null as never });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ name: "box", note: null });
    server.handle((_q, res) => json(res, 201, { id: "t-1" }));
    await invalid(c().createThing({ name: null as never }), "name", "required");
  });
});

describe("headers", () => {
  it("per-call headers and a token provider name what was wrong; client headers and credentials fail at construction", async () => {
    await invalid(
      fixtureClient(server.url).getThing({ thingId: "t-1" }, { headers: { "x-extra": "a\0b" } }),
      "x-extra",
      "header-injection",
    );
    await invalid(
      fixtureClient(server.url, { auth: bearerAuth(() => "abc\ndef") }).getThing({ thingId: "t-1" }),
      "token",
      "header-injection",
    );
    expect(() => fixtureClient(server.url, { headers: { "x-tenant": "t\r\nx: y" } })).toThrow(ValidationError);
    expect(() => bearerAuth("tok\r\nen-value")).toThrow(ValidationError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("base URL resolution", () => {
  it("server variables, defaults, enum and environments", () => {
    expect(resolveBaseUrl(httpApi, {})).toBe("https://api.example.test/v1");
    expect(resolveBaseUrl(httpApi, { serverVariables: { host: "eu" } })).toBe("https://eu.example.test/v1");
    expect(resolveBaseUrl(httpApi, { environment: "sandbox" })).toBe("https://sandbox.example.test/v1");
    expect(resolveBaseUrl(httpApi, { baseUrl: "http://127.0.0.1:1/x/" })).toBe("http://127.0.0.1:1/x");
  });

  it.each([
    [{ serverVariables: { host: "evil.com/x" } }, "host", "pattern"],
    [{ serverVariables: { host: "us" } }, "host", "enum"],
    [{ environment: "staging" }, "environment", "enum"],
    [{ baseUrl: "ftp://x" }, "baseUrl", "url"],
    [{ baseUrl: "/relative" }, "baseUrl", "url"],
  ])("%j is rejected", (cfg, parameter, rule) => {
    const e = (() => {
      try {
        createApiClient(httpApi, bindAll(httpApi), cfg);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ parameter, rule });
  });
});
