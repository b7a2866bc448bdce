import { beforeEach, describe, expect, it } from "vitest";
import { bearerAuth, ValidationError } from "../dist/index.js";
import { checkConstraint, createApiClient, resolveBaseUrl } from "../dist/internal.js";
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

describe("input validation (nothing is sent)", () => {
  const c = () => fixtureClient(server.url);

  it("required", async () => {
    const e = await invalid(c().createThing({}), "name", "required");
    expect(e.operationId).toBe("createThing");
    await invalid(c().getThing({}), "thingId", "required");
    await invalid(c().getThing({ thingId: null }), "thingId", "required");
  });

  it("minLength / maxLength (counted in code points)", async () => {
    await invalid(c().createThing({ name: "a" }), "name", "minLength");
    await invalid(c().createThing({ name: "😀" }), "name", "minLength"); // 1 code point, 2 UTF-16 units
    await invalid(c().createThing({ name: "abcdefghi" }), "name", "maxLength");
    await invalid(c().getThing({ thingId: "" }), "thingId", "minLength");
  });

  it("pattern", async () => {
    await invalid(c().createThing({ name: "box", code: "abc" }), "code", "pattern");
    await invalid(c().deleteThing({ thingId: "x-1" }), "thingId", "pattern");
  });

  it("enum (body and query)", async () => {
    const e = await invalid(c().createThing({ name: "box", kind: "free" }), "kind", "enum");
    expect(e.message).toContain('must be one of "basic", "pro"');
    await invalid(c().getThing({ thingId: "t-1", expand: "everything" }), "expand", "enum");
  });

  it("type / integer / minimum / maximum", async () => {
    await invalid(c().createThing({ name: "box", count: "3" }), "count", "type");
    await invalid(c().createThing({ name: "box", count: 2.5 }), "count", "type");
    await invalid(c().createThing({ name: "box", count: Number.NaN }), "count", "type");
    await invalid(c().createThing({ name: "box", count: 9 }), "count", "maximum");
    await invalid(c().createThing({ name: "box", count: -1 }), "count", "minimum");
    await invalid(c().getThing({ thingId: 42 }), "thingId", "type");
  });

  it("uuid format", async () => {
    await invalid(c().createThing({ name: "box", ownerId: "not-a-uuid" }), "ownerId", "format");
  });

  it("unknown input key", async () => {
    const e = await invalid(c().createThing({ name: "box", colour: "red" }), "colour", "unknown");
    expect(e.message).toContain("is not a parameter of createThing");
  });

  it("valid input is sent as documented (body, header, 201)", async () => {
    server.handle((_q, res) => json(res, 201, { id: "t-1" }));
    const owner = "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    const { data } = await c().createThing({ name: "ééé", code: "ABC-12", kind: "pro", count: 5, ownerId: owner, requestTag: "tag-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests).toHaveLength(1);
    const [r] = server.requests;
    expect(JSON.parse(r!.body)).toEqual({ name: "ééé", code: "ABC-12", kind: "pro", count: 5, ownerId: owner });
    expect(r!.headers["x-request-tag"]).toBe("tag-1");
    expect(r!.headers["content-type"]).toBe("application/json");
  });

  it("null is sent for a body member whose schema allows it, and is 'absent' for one whose schema does not", async () => {
    server.handle((_q, res) => json(res, 201, { id: "t-1" }));
    await c().createThing({ name: "box", note: null, kind: null as never });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({ name: "box", note: null });
    server.handle((_q, res) => json(res, 201, { id: "t-1" }));
    await invalid(c().createThing({ name: null as never }), "name", "required");
  });
});

describe("path and query values cannot change the request target", () => {
  it.each([
    ["a/b", "a%2Fb"],
    ["../x", "..%2Fx"],
    ["../../admin", "..%2F..%2Fadmin"],
    ["?x=1#y", "%3Fx%3D1%23y"],
    ["café/ü", "caf%C3%A9%2F%C3%BC"],
    ["%2e%2e", "%252e%252e"],
    ["a b+c", "a%20b%2Bc"],
    ["{thingId}", "%7BthingId%7D"],
    ["$&$'", "%24%26%24'"],
    ["..", undefined],
    [".", undefined],
  ])("thingId %j", async (value, encoded) => {
    const client = fixtureClient(`${server.url}/v1`);
    if (encoded === undefined) {
      await invalid(client.getThing({ thingId: value }), "thingId", "path-traversal");
      return;
    }
    const { data } = await client.getThing({ thingId: value });
    expect(data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
    const url = server.requests[0]!.url;
    expect(url).toBe(`/v1/things/${encoded}`);
    const segments = url.split("/");
    expect(segments).toHaveLength(4);
    expect(decodeURIComponent(segments[3]!)).toBe(value);
  });

  it("query values are encoded; they cannot add parameters or a fragment", async () => {
    await fixtureClient(server.url).getThing({ thingId: "t-1", q: "a&admin=true#frag" });
    const url = new URL(server.requests[0]!.url, "http://x");
    expect(url.pathname).toBe("/things/t-1");
    expect([...url.searchParams]).toEqual([["q", "a&admin=true#frag"]]);
  });
});

describe("headers", () => {
  it("CR/LF in a header parameter is rejected", async () => {
    await invalid(
      fixtureClient(server.url).getThing({ thingId: "t-1", trace: "a\r\nX-Injected: 1" }),
      "trace (X-Trace)",
      "header-injection",
    );
  });

  it("CR/LF/NUL in per-call headers is rejected", async () => {
    await invalid(
      fixtureClient(server.url).getThing({ thingId: "t-1" }, { headers: { "x-extra": "a\nb" } }),
      "x-extra",
      "header-injection",
    );
    await invalid(
      fixtureClient(server.url).getThing({ thingId: "t-1" }, { headers: { "x-extra": "a\0b" } }),
      "x-extra",
      "header-injection",
    );
  });

  it("non-Latin-1 header values are a ValidationError, not a TypeError from fetch", async () => {
    await invalid(fixtureClient(server.url).getThing({ thingId: "t-1", trace: "snow☃" }), "trace (X-Trace)", "header-value");
    await invalid(fixtureClient(server.url).getThing({ thingId: "t-1" }, { headers: { "x-extra": "€" } }), "x-extra", "header-value");
  });

  it("CR/LF in client headers or credentials fails at construction", () => {
    expect(() => fixtureClient(server.url, { headers: { "x-tenant": "t\r\nx: y" } })).toThrow(ValidationError);
    expect(() => bearerAuth("tok\r\nen-value")).toThrow(ValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("a token provider returning CR/LF -> ValidationError, nothing sent", async () => {
    const client = fixtureClient(server.url, { auth: bearerAuth(() => "abc\ndef") });
    await invalid(client.getThing({ thingId: "t-1" }), "token", "header-injection");
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

describe("checkConstraint (unit)", () => {
  it("accepts valid values and reports the first failed rule", () => {
    expect(checkConstraint("abc", { type: "string", minLength: 3, maxLength: 3, pattern: "^[a-c]+$" })).toBeUndefined();
    expect(checkConstraint(3, { type: "number", minimum: 3, maximum: 3 })).toBeUndefined();
    expect(checkConstraint(null, { type: ["string", "null"] })).toBeUndefined();
    expect(checkConstraint("x", { type: ["integer", "null"] })?.[0]).toBe("type");
    expect(checkConstraint("3F1C2D4E-5A6B-4C7D-8E9F-0A1B2C3D4E5F", { format: "uuid" })).toBeUndefined();
    expect(checkConstraint(Number.POSITIVE_INFINITY, { type: "number" })?.[0]).toBe("type");
    expect(checkConstraint("x", undefined)).toBeUndefined();
  });
});
