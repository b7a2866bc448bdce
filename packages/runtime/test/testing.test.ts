/**
 * The mock engine (`./testing`) against the fixture APIs: every scenario, request checking, the record, msw.
 * The client under test is the runtime's own (its retries, typed errors and SigV4), talking to `mock.fetch`.
 */
import { setupServer } from "msw/node";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bearerAuth, clientCredentialsProvider, ConnectionError, InvalidResponseError, TimeoutError } from "../dist/index.js";
import { createApiClient } from "../dist/internal.js";
import { rawClient } from "../dist/raw.js";
import { awsClientConfig } from "../dist/sigv4.js";
import { createMock, type MockOptions } from "../dist/testing.js";
import { awsApi, bindAll, httpApi, type AwsOps, type FixtureOps } from "./fixture.js";
import { rejection } from "./helpers.js";

const examples = {
  "getThing.responses.200.example": { id: "t-1", name: "first" },
  "getThing.responses.200.other": { id: "t-2", name: "second" },
  "getThing.responses.404.example": { message: "no such thing" },
  "getThing.responses.429.example": { message: "slow down" },
  "getThing.responses.503.example": { message: "busy" },
  "createThing.responses.201.example": { id: "t-9" },
  "createThing.responses.400.invalidBody": { message: "Invalid request body" },
  "createThing.responses.400.alreadyExists": { message: "exists" },
  "createThing.responses.401.example": { message: "Unauthorized" },
  "getWidget.responses.200.example": { widgetId: "w-1" },
  "getWidget.responses.404.ResourceNotFoundException": { message: "not found" },
  "createWidget.responses.200.example": { widgetId: "w-2" },
  "createWidget.responses.400.ValidationException": { message: "x", reason: "FIELD_VALIDATION_FAILED" },
};

const fast = { baseDelayMs: 1, maxDelayMs: 2 };
/** A raw GET of thing t-1 with the mock's bearer key. */
const getThing = () => new Request("https://api.example.test/v1/things/t-1", { headers: { authorization: "Bearer k" } });

function httpSetup(token = "k", options?: MockOptions) {
  const mock = createMock(httpApi, examples, options);
  const client = createApiClient<FixtureOps, Record<string, never>>(httpApi, bindAll(httpApi), {
    auth: bearerAuth(token),
    fetch: mock.fetch,
    retry: fast,
    timeoutMs: Number.POSITIVE_INFINITY,
  });
  return { mock, client };
}

function awsSetup(credentials?: { accessKeyId: string; secretAccessKey: string }, options?: MockOptions, maxAttempts?: number) {
  const mock = createMock(awsApi, examples, options);
  const config = awsClientConfig(awsApi, {
    region: mock.region,
    credentials: credentials ?? mock.credentials,
    fetch: mock.fetch,
    retry: { ...fast, maxAttempts },
  });
  const client = createApiClient<AwsOps, Record<string, never>>(awsApi, bindAll(awsApi), {
    ...config,
    timeoutMs: Number.POSITIVE_INFINITY,
  });
  return { mock, client };
}

describe("answers with the spec's examples and records the requests", () => {
  it("the first success example; a named one by scenario; the record names the operation", async () => {
    const { mock, client } = httpSetup();
    expect((await client.getThing({ thingId: "t-1", expand: "owner" })).data).toEqual({ id: "t-1", name: "first" });
    mock.scenario("getThing", { example: "other" });
    expect((await client.getThing({ thingId: "t-2" })).data).toEqual({ id: "t-2", name: "second" });
    const created = await client.createThing({ name: "abc" });
    expect(created.response.status).toBe(201);
    expect(mock.requests.map((r) => [r.operationId, r.method, r.url.pathname, r.status])).toEqual([
      ["getThing", "GET", "/v1/things/t-1", 200],
      ["getThing", "GET", "/v1/things/t-2", 200],
      ["createThing", "POST", "/v1/things", 201],
    ]);
    expect(mock.requests[2]?.body).toEqual({ name: "abc" });
    expect(mock.requests[0]?.headers.get("authorization")).toBe("Bearer k");
    mock.reset();
    expect(mock.requests).toHaveLength(0);
    expect((await client.getThing({ thingId: "t-1" })).data).toEqual({ id: "t-1", name: "first" });
  });

  it("an unknown path or server is a 404 naming it, recorded without an operation", async () => {
    const { mock } = httpSetup();
    const res = await mock.fetch(new Request("https://api.example.test/v1/nothing", { headers: { authorization: "Bearer k" } }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: "mock: no operation of fixture is GET /nothing" });
    const other = await mock.fetch(new Request("https://elsewhere.test/v1/things/a"));
    expect(await other.json()).toEqual({ message: "mock: https://elsewhere.test is not a server of fixture" });
    expect(mock.requests.map((r) => r.operationId)).toEqual([undefined, undefined]);
  });

  it("accepts an extra baseUrl given to the client", async () => {
    const mock = createMock(httpApi, examples, { baseUrl: "http://127.0.0.1:1/api" });
    const res = await mock.fetch(new Request("http://127.0.0.1:1/api/things/t-1", { headers: { authorization: "Bearer k" } }));
    expect(await res.json()).toEqual({ id: "t-1", name: "first" });
  });
});

describe("scenarios", () => {
  it("a documented error by status, with a named example; typed error on the client", async () => {
    const { mock, client } = httpSetup();
    mock.scenario("getThing", { status: 404 });
    const { error } = await client.getThing({ thingId: "t-1" });
    expect(error).toMatchObject({ status: 404, code: "NotFound", body: { message: "no such thing" } });
    mock.scenario("createThing", { status: 400, example: "alreadyExists" });
    expect((await client.createThing({ name: "abc" })).error).toMatchObject({ code: "BadRequest", body: { message: "exists" } });
  });

  it("AWS: a documented error by code sets X-Amzn-Errortype and the code's status", async () => {
    const { mock, client } = awsSetup();
    mock.scenario("getWidget", { error: "ResourceNotFoundException" });
    const { error, response } = await client.getWidget({ widgetId: "w-1" });
    expect(error).toMatchObject({ status: 404, code: "ResourceNotFoundException", body: { message: "not found" } });
    expect(response.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
  });

  it("throttle: 429 + Retry-After `times` times, then the example (the client retries)", async () => {
    const { mock, client } = httpSetup();
    mock.scenario("getThing", { throttle: { retryAfter: 0, times: 2 } });
    expect((await client.getThing({ thingId: "t-1" })).data).toEqual({ id: "t-1", name: "first" });
    expect(mock.requests.map((r) => r.status)).toEqual([429, 429, 200]);
    const raw = await mock.fetch(getThing());
    expect(raw.status).toBe(200);
    mock.scenario("getThing", { throttle: { retryAfter: 7 } });
    const once = await mock.fetch(getThing());
    expect([once.status, once.headers.get("retry-after"), await once.json()]).toEqual([429, "7", { message: "slow down" }]);
  });

  it("AWS throttle carries ThrottlingException", async () => {
    const { mock, client } = awsSetup();
    mock.scenario("getWidget", { throttle: { retryAfter: 0 } });
    expect((await client.getWidget({ widgetId: "w-1" })).data).toEqual({ widgetId: "w-1" });
    expect(mock.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it("failTimes: a documented 5xx n times, then success", async () => {
    const { mock, client } = httpSetup();
    mock.scenario("getThing", { failTimes: 2 });
    expect((await client.getThing({ thingId: "t-1" })).data).toEqual({ id: "t-1", name: "first" });
    expect(mock.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    mock.scenario("getThing", { failTimes: 3, status: 500 });
    expect((await client.getThing({ thingId: "t-1" })).error).toMatchObject({ status: 500, code: "InternalServerError" });
  });

  it("timeout: no answer until the client's attempt times out (fake clock)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { mock, client } = httpSetup();
      mock.scenario("getThing", "timeout");
      const pending = rejection(client.getThing({ thingId: "t-1" }, { timeoutMs: 1000, retry: { maxAttempts: 1 } }));
      await vi.advanceTimersByTimeAsync(1000);
      expect(await pending).toBeInstanceOf(TimeoutError);
      expect(mock.requests.map((r) => [r.operationId, r.status])).toEqual([["getThing", undefined]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("reset: fetch rejects like undici (TypeError, cause ECONNRESET) -> ConnectionError", async () => {
    const { mock, client } = httpSetup();
    mock.scenario("createThing", "reset");
    const raw = await rejection(mock.fetch(new Request("https://api.example.test/v1/things", { method: "POST", body: '{"name":"abc"}' })));
    expect(raw).toBeInstanceOf(TypeError);
    expect((raw as TypeError & { cause: { code: string } }).cause.code).toBe("ECONNRESET");
    const e = await rejection(client.createThing({ name: "abc" }));
    expect(e).toBeInstanceOf(ConnectionError);
  });

  it("empty and truncated 2xx bodies", async () => {
    const { mock, client } = httpSetup();
    mock.scenario("getThing", "empty");
    const empty = await mock.fetch(getThing());
    expect([empty.status, await empty.text()]).toEqual([200, ""]);
    mock.scenario("getThing", "truncated");
    const cut = await mock.fetch(getThing());
    const text = await cut.text();
    expect(JSON.stringify(examples["getThing.responses.200.example"]).startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    const e = await rejection(client.getThing({ thingId: "t-1" }, { throwOnError: true } as never));
    expect(e).toBeInstanceOf(InvalidResponseError);
    // A success without a body (204) cannot be cut: an empty one.
    mock.scenario("deleteThing", "truncated");
    const none = await mock.fetch(
      new Request("https://api.example.test/v1/things/t-1", { method: "DELETE", headers: { authorization: "Bearer k" } }),
    );
    expect([none.status, await none.text()]).toEqual([204, ""]);
  });

  it("AWS clockSkew: the local signature is rejected with the service's Date; the client corrects and succeeds", async () => {
    const { mock, client } = awsSetup();
    mock.scenario("getWidget", "clockSkew");
    expect((await client.getWidget({ widgetId: "w-1" })).data).toEqual({ widgetId: "w-1" });
    expect(mock.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(mock.requests[0]?.rejected).toMatch(/^Signature expired/);
  });

  it("bad scenarios are refused naming what is documented", () => {
    const { mock } = httpSetup();
    expect(() => mock.scenario("getThing", { status: 418 })).toThrow(/getThing documents no 418 response \(it has: 400, 401, 404/);
    expect(() => mock.scenario("nope" as never, "empty")).toThrow(/no operation "nope" \(operations: getThing, createThing/);
    expect(() => mock.scenario("getThing", "clockSkew")).toThrow(/AWS SigV4 scenario/);
    const aws = awsSetup().mock;
    expect(() => aws.scenario("getWidget", { error: "Nope" as never })).toThrow(/no error code "Nope" \(it has: ValidationException/);
    mock.scenario("getThing", { example: "missing" });
    return expect(
      mock.fetch(new Request("https://api.example.test/v1/things/t", { headers: { authorization: "Bearer k" } })),
    ).rejects.toThrow(/no success example "missing" \(it has: example, other\)/);
  });
});

describe("request checking: what the real API rejects gets the vendor's documented error", () => {
  const post = (body: string, headers: Record<string, string> = { authorization: "Bearer k" }) =>
    new Request("https://api.example.test/v1/things", { method: "POST", body, headers });

  it("constraints and required inputs (the runtime's own check), answered with the matching 400 example", async () => {
    const { mock } = httpSetup();
    for (const [body, reason] of [
      ['{"name":"a"}', "name (body) failed minLength: must be at least 2 characters, got 1"],
      ['{"code":"ABC-12"}', "name (body) is required"],
      ['{"name":"abc","count":9}', "count (body) failed maximum: must be <= 5"],
      ["{", "the body is not valid JSON"],
    ] as const) {
      const res = await mock.fetch(post(body));
      expect([res.status, await res.json()]).toEqual([400, { message: reason }]);
    }
    expect(mock.requests.map((r) => r.rejected)).toHaveLength(4);
    const q = await mock.fetch(new Request("https://api.example.test/v1/things/t?expand=all", { headers: { authorization: "Bearer k" } }));
    expect([q.status, await q.json()]).toEqual([400, { message: 'expand (query) failed enum: must be one of "owner", "parts"' }]);
  });

  it("raw calls the client does not check reach the mock and get the vendor error", async () => {
    const { client } = httpSetup();
    const { error, response } = await rawClient(client as never).POST("/things" as never, { body: { name: "x" } } as never);
    expect(response.status).toBe(400);
    expect(error).toEqual({ message: "name (body) failed minLength: must be at least 2 characters, got 1" });
  });

  it("missing or wrong auth scheme -> the documented 401", async () => {
    const { mock } = httpSetup();
    for (const headers of [{}, { authorization: "Basic abc" }] as Record<string, string>[]) {
      const res = await mock.fetch(post('{"name":"abc"}', headers));
      expect([res.status, await res.json()]).toEqual([401, { message: "missing or wrong credentials: expected bearer (Authorization)" }]);
    }
  });

  it("OAuth2 client credentials: the mock answers the spec's token URL, then checks the bearer token", async () => {
    const tokenUrl = "https://login.example.test/oauth2/token";
    const oauthApi = { ...httpApi, securitySchemes: { oauth: { type: "oauth2", tokenUrl, scopes: ["api"] } } } as const;
    const mock = createMock(oauthApi, examples);
    const token = clientCredentialsProvider({ tokenUrl, clientId: "id", clientSecret: "s3cret-value", scope: "api", fetch: mock.fetch });
    const client = createApiClient<FixtureOps, Record<string, never>>(oauthApi, bindAll(oauthApi), {
      auth: bearerAuth(token),
      fetch: mock.fetch,
    });
    expect((await client.getThing({ thingId: "t-1" })).data).toEqual({ id: "t-1", name: "first" });
    expect(mock.requests.map((r) => [r.url.href, r.status])).toEqual([
      [tokenUrl, 200],
      ["https://api.example.test/v1/things/t-1", 200],
    ]);
    expect(mock.requests[1]?.headers.get("authorization")).toBe("Bearer mock-access-token");
  });

  it("checkRequests: false answers anything", async () => {
    const mock = createMock(httpApi, examples, { checkRequests: false });
    expect((await mock.fetch(post("{"))).status).toBe(201);
  });

  it("AWS: an invalid input -> 400 ValidationException with the documented body shape", async () => {
    const { client } = awsSetup();
    const res = await rawClient(client as never).POST("/widgets" as never, { body: { tags: [] } } as never);
    expect(res.response.status).toBe(400);
    expect(res.response.headers.get("x-amzn-errortype")).toBe("ValidationException");
    expect(res.error).toEqual({ message: "1 validation error detected: name (body) is required", reason: "FIELD_VALIDATION_FAILED" });
  });

  it("AWS: wrong secret -> InvalidSignatureException; unknown key -> UnrecognizedClientException; unsigned -> 403", async () => {
    const wrongSecret = awsSetup({ accessKeyId: "AKIDMOCKEXAMPLE", secretAccessKey: "not-the-secret" });
    const e1 = await wrongSecret.client.getWidget({ widgetId: "w-1" });
    expect(e1.response.headers.get("x-amzn-errortype")).toBe("InvalidSignatureException");
    expect(e1.error).toMatchObject({ status: 403, body: { message: expect.stringMatching(/^The request signature we calculated/) } });
    expect(wrongSecret.mock.requests).toHaveLength(1);
    const unknown = awsSetup({ accessKeyId: "AKIDOTHER", secretAccessKey: "x" });
    expect((await unknown.client.getWidget({ widgetId: "w-1" })).response.headers.get("x-amzn-errortype")).toBe(
      "UnrecognizedClientException",
    );
    const unsigned = await unknown.mock.fetch(new Request("https://widgets.us-east-1.api.aws/widgets/w-1"));
    expect([unsigned.status, unsigned.headers.get("x-amzn-errortype")]).toEqual([403, "MissingAuthenticationTokenException"]);
  });

  it("AWS: a request signed 10 minutes off the service's clock -> skew error with the service's Date", async () => {
    const t = Date.UTC(2026, 0, 1);
    const { client } = awsSetup(undefined, { now: () => t }, 1);
    const { response } = await client.getWidget({ widgetId: "w-1" });
    expect([response.status, response.headers.get("x-amzn-errortype"), response.headers.get("date")]).toEqual([
      403,
      "InvalidSignatureException",
      new Date(t).toUTCString(),
    ]);
  });
});

describe("msw handlers (optional peer)", () => {
  const server = setupServer();
  afterEach(() => server.close());

  it("the same answers through msw: example, 429 then retry, reset as a network error", async () => {
    const mock = createMock(httpApi, examples);
    server.use(...mock.handlers);
    server.listen({ onUnhandledRequest: "error" });
    const client = createApiClient<FixtureOps, Record<string, never>>(httpApi, bindAll(httpApi), { auth: bearerAuth("k"), retry: fast });
    mock.scenario("getThing", { throttle: { retryAfter: 0 } });
    expect((await client.getThing({ thingId: "t-1" })).data).toEqual({ id: "t-1", name: "first" });
    expect(mock.requests.map((r) => r.status)).toEqual([429, 200]);
    mock.scenario("createThing", "reset");
    expect(await rejection(client.createThing({ name: "abc" }))).toBeInstanceOf(ConnectionError);
  });
});

describe("without msw installed", () => {
  afterEach(() => {
    vi.doUnmock("msw");
    vi.resetModules();
  });

  it("mock.fetch works; mock.handlers says what to install", async () => {
    vi.resetModules();
    vi.doMock("msw", () => {
      throw new Error("Cannot find package 'msw'");
    });
    const { createMock: fresh } = await import("../dist/testing.js");
    const mock = fresh(httpApi, examples);
    const res = await mock.fetch(getThing());
    expect(await res.json()).toEqual({ id: "t-1", name: "first" });
    expect(() => mock.handlers).toThrow("fixture mock: mock.handlers needs msw 2.x (npm i -D msw); mock.fetch works without it.");
  });
});
