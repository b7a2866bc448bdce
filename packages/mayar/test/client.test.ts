import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AbortError,
  ApiClientError,
  ApiError,
  AuthError,
  AuthenticationError,
  BadRequestError,
  ConnectionError,
  createMayarClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type MayarClientOptions,
  rawClient,
} from "../dist/index.js";
import { examples } from "../dist/generated/examples.js";
import { expectNoSecrets, hang, rejection, send, sendHtml, startServer, type TestServer } from "@subscription-apis/test-kit";

const API_KEY = "mayar-test-key-6f0e2b9c41d8a7e3";
const MEMBER_ID = examples["cancelMembershipMember.parameters.path.memberId"];
const PRODUCT_ID = examples["cancelMembershipMember.parameters.query.productId"];
const OK = examples["cancelMembershipMember.responses.200.example"];
const PATH = `/hl/v2/memberships/members/${MEMBER_ID}/cancel`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** A client against the local server (baseUrl keeps the /hl/v2 prefix of the real servers). Tiny retry delays. */
function client<T extends boolean = false>(options: Partial<MayarClientOptions<T>> = {}) {
  return createMayarClient<T>({
    apiKey: API_KEY,
    baseUrl: `${server.origin}/hl/v2`,
    retry: { baseDelayMs: 1, maxRetryAfterMs: 5 },
    ...options,
  });
}

describe("cancelMembershipMember: request and success", () => {
  it("POSTs productId in the JSON body with the bearer API key, and returns the typed data", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const { data, error, response } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });

    expect(server.received).toHaveLength(1);
    const req = server.received[0]!;
    expect(req.method).toBe("POST");
    expect(req.pathname).toBe(PATH);
    expect(req.query).toEqual({});
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({ productId: PRODUCT_ID });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toEqual(OK);
    expect(data?.data.membershipCustomer.status).toBe("stopped");
    expect(data?.data.membershipCustomer.memberId).toBe(MEMBER_ID);
  });

  it('sends productId in the query with { locations: { productId: "query" } }: no body, no Content-Type', async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const { data } = await client().cancelMembershipMember(
      { memberId: MEMBER_ID, productId: PRODUCT_ID },
      { locations: { productId: "query" } },
    );

    const req = server.received[0]!;
    expect(req.method).toBe("POST");
    expect(req.pathname).toBe(PATH);
    expect(req.query).toEqual({ productId: PRODUCT_ID });
    expect(req.body).toBe("");
    expect(req.headers["content-type"]).toBeUndefined();
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(data).toEqual(OK);
  });

  it("percent-encodes memberId into one path segment (a/b -> a%2Fb)", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    await client().cancelMembershipMember({ memberId: "a/b", productId: PRODUCT_ID });
    expect(server.received[0]!.url).toBe("/hl/v2/memberships/members/a%2Fb/cancel");
  });

  it("asks the key provider once per attempt when apiKey is a function", async () => {
    let calls = 0;
    server.handle((_req, res, i) =>
      i === 0 ? send(res, 429, { statusCode: 429, message: "Too Many Requests" }, { "retry-after": "0" }) : send(res, 200, OK),
    );
    const { data } = await client({ apiKey: () => `rotated-key-${++calls}` }).cancelMembershipMember({
      memberId: MEMBER_ID,
      productId: PRODUCT_ID,
    });
    expect(data).toEqual(OK);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(["Bearer rotated-key-1", "Bearer rotated-key-2"]);
  });

  it("resolves the documented servers: production by default, sandbox on request", () => {
    expect(createMayarClient({ apiKey: API_KEY }).baseUrl).toBe("https://api.mayar.id/hl/v2");
    expect(createMayarClient({ apiKey: API_KEY, environment: "sandbox" }).baseUrl).toBe("https://api.mayar.club/hl/v2");
    expect(() => createMayarClient({ apiKey: API_KEY, environment: "staging" as never })).toThrow(ValidationError);
  });
});

describe("cancelMembershipMember: validation (nothing is sent)", () => {
  it.each([
    { name: "productId missing", input: { memberId: MEMBER_ID }, options: undefined, parameter: "productId", rule: "required" },
    {
      name: "productId missing (query)",
      input: { memberId: MEMBER_ID },
      options: { locations: { productId: "query" as const } },
      parameter: "productId",
      rule: "required",
    },
    {
      name: "productId not a string",
      input: { memberId: MEMBER_ID, productId: 42 },
      options: undefined,
      parameter: "productId",
      rule: "type",
    },
    {
      name: "productId in an undocumented location",
      input: { memberId: MEMBER_ID, productId: PRODUCT_ID },
      options: { locations: { productId: "header" as const } },
      parameter: "productId",
      rule: "location",
    },
    {
      name: "memberId empty",
      input: { memberId: "", productId: PRODUCT_ID },
      options: undefined,
      parameter: "memberId",
      rule: "minLength",
    },
    {
      name: "memberId '..'",
      input: { memberId: "..", productId: PRODUCT_ID },
      options: undefined,
      parameter: "memberId",
      rule: "path-traversal",
    },
    {
      name: "unknown input key",
      input: { memberId: MEMBER_ID, productId: PRODUCT_ID, status: "stopped" },
      options: undefined,
      parameter: "status",
      rule: "unknown",
    },
  ])("$name -> ValidationError($parameter, $rule)", async ({ input, options, parameter, rule }) => {
    server.handle((_req, res) => send(res, 200, OK));
    const e = await rejection(client().cancelMembershipMember(input as never, options));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect((e as ValidationError).parameter).toContain(parameter);
    expect((e as ValidationError).rule).toBe(rule);
    expect(server.received).toHaveLength(0);
    expectNoSecrets(e, [API_KEY]);
  });

  it("rejects a key with CR/LF (header injection) and an empty key when the client is created", () => {
    expect(() => createMayarClient({ apiKey: "abc\r\nX-Evil: 1" })).toThrow(ValidationError);
    expect(() => createMayarClient({ apiKey: "" })).toThrow(AuthError);
  });
});

describe("cancelMembershipMember: documented errors", () => {
  const badRequests = [
    examples["cancelMembershipMember.responses.400.invalidPathParameter"],
    examples["cancelMembershipMember.responses.400.invalidRequestBody"],
    examples["cancelMembershipMember.responses.400.memberAlreadyInactive"],
  ];
  it.each(badRequests)("400 $message -> BadRequest with the envelope, not retried", async (body) => {
    server.handle((_req, res) => send(res, 400, body));
    const { data, error, response } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error?.code).toBe("BadRequest");
    expect(error?.status).toBe(400);
    expect(error?.body).toEqual(body);
    expect(error?.message).toContain(body.message);
    expect(error?.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
    expectNoSecrets(error, [API_KEY]);
  });

  it("401 -> Unauthorized; a body that echoes the key is redacted everywhere", async () => {
    server.handle((_req, res) =>
      send(res, 401, { statusCode: 401, message: `Unauthorized: key ${API_KEY} (Bearer ${API_KEY}) is invalid` }),
    );
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.code).toBe("Unauthorized");
    expect(error?.status).toBe(401);
    expect(error?.body?.statusCode).toBe(401);
    expect(error?.body?.message).toContain("[REDACTED]");
    expect(error?.message).toContain("Unauthorized: key [REDACTED]");
    expect(server.received).toHaveLength(1);
    expectNoSecrets(error, [API_KEY]);
  });

  it("404 -> NotFound with the vendor message", async () => {
    const body = examples["cancelMembershipMember.responses.404.example"];
    server.handle((_req, res) => send(res, 404, body));
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error?.code).toBe("NotFound");
    expect(error?.body).toEqual(body);
    expect(error?.message).toContain(body.message);
    expect(server.received).toHaveLength(1);
  });

  it("429 with Retry-After is retried (the POST is repeated unchanged) and then succeeds", async () => {
    const waits: string[] = [];
    server.handle((_req, res, i) =>
      i === 0 ? send(res, 429, { statusCode: 429, message: "Too Many Requests" }, { "retry-after": "1" }) : send(res, 200, OK),
    );
    const { data, error } = await client({ logger: { warn: (m) => waits.push(m) } }).cancelMembershipMember({
      memberId: MEMBER_ID,
      productId: PRODUCT_ID,
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(OK);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.body).toBe(server.received[0]!.body);
    expect(server.received[1]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    // Retry-After: 1 (1000 ms) is honoured, capped by maxRetryAfterMs (5 ms in these tests).
    expect(waits).toHaveLength(1);
    expect(waits[0]).toContain("got HTTP 429");
    expect(waits[0]).toContain("retrying in 5 ms");
    expect(waits.join("\n")).not.toContain(API_KEY);
  });

  it("429 on every attempt -> TooManyRequests after 3 attempts (the default)", async () => {
    server.handle((_req, res) => send(res, 429, { statusCode: 429, message: "Too Many Requests" }, { "retry-after": "0" }));
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error?.code).toBe("TooManyRequests");
    expect(error?.status).toBe(429);
    expect(error?.attempts).toBe(3);
    expect(error?.headers.get("retry-after")).toBe("0");
    expect(server.received).toHaveLength(3);
  });

  it("an undocumented 500 -> UnknownError with the default envelope body, not retried (POST)", async () => {
    const body = examples["cancelMembershipMember.responses.default.example"];
    server.handle((_req, res) => send(res, 500, body));
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error?.code).toBe("UnknownError");
    expect(error?.status).toBe(500);
    expect(error?.body).toEqual(body);
    expect(error?.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  it.each([500, 502, 503])("POST is not retried on %i", async (status) => {
    server.handle((_req, res) => send(res, status, { statusCode: status, message: "unavailable" }));
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error?.status).toBe(status);
    expect(server.received).toHaveLength(1);
  });

  it("retries a POST on 503 only when retryNonIdempotent is set", async () => {
    server.handle((_req, res, i) => (i < 2 ? send(res, 503, { statusCode: 503, message: "unavailable" }) : send(res, 200, OK)));
    const { data } = await client({ retry: { baseDelayMs: 1, retryNonIdempotent: true } }).cancelMembershipMember({
      memberId: MEMBER_ID,
      productId: PRODUCT_ID,
    });
    expect(data).toEqual(OK);
    expect(server.received).toHaveLength(3);
  });

  it("an HTML 502 page -> typed error with rawBody, no crash", async () => {
    server.handle((_req, res) => sendHtml(res, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.code).toBe("UnknownError");
    expect(error?.status).toBe(502);
    expect(error?.body).toBeUndefined();
    expect(error?.rawBody).toContain("<h1>502 Bad Gateway</h1>");
    expect(error?.message).toContain("502 Bad Gateway");
    expect(server.received).toHaveLength(1);
  });
});

describe("cancelMembershipMember: timeouts, aborts, connection errors", () => {
  it("a server that never answers -> TimeoutError after the per-attempt timeout (POST: one attempt)", async () => {
    server.handle(hang);
    const e = await rejection(client({ timeoutMs: 50 }).cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as TimeoutError).timeoutMs).toBe(50);
    expect((e as TimeoutError).attempts).toBe(1);
    // Under load the 50 ms attempt may end before the request reaches the server: never more than one.
    expect(server.received.length).toBeLessThanOrEqual(1);
    expectNoSecrets(e, [API_KEY]);
  });

  it("the per-call timeoutMs overrides the client's", async () => {
    server.handle(hang);
    const e = await rejection(
      client({ timeoutMs: 60_000 }).cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID }, { timeoutMs: 30 }),
    );
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).timeoutMs).toBe(30);
  });

  it("aborting the signal while the request is in flight -> AbortError", async () => {
    const controller = new AbortController();
    server.handle(() => controller.abort());
    const e = await rejection(
      client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID }, { signal: controller.signal }),
    );
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
    expectNoSecrets(e, [API_KEY]);
  });

  it("an already-aborted signal -> AbortError, nothing sent", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const e = await rejection(
      client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID }, { signal: AbortSignal.abort() }),
    );
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(0);
  });

  it("connection refused -> ConnectionError (retried: the request provably never left)", async () => {
    const closed = await startServer();
    const origin = closed.origin;
    await closed.close();
    const e = await rejection(
      createMayarClient({ apiKey: API_KEY, baseUrl: origin, retry: { baseDelayMs: 1 } }).cancelMembershipMember({
        memberId: MEMBER_ID,
        productId: PRODUCT_ID,
      }),
    );
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect((e as ConnectionError).attempts).toBe(3);
    expectNoSecrets(e, [API_KEY]);
  });
});

describe("cancelMembershipMember: throwOnError", () => {
  it("returns data on success", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const { data } = await client({ throwOnError: true }).cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(data.data.membershipCustomer.status).toBe("stopped");
  });

  it.each([
    { status: 400, Class: BadRequestError, code: "BadRequest" },
    { status: 401, Class: AuthenticationError, code: "Unauthorized" },
    { status: 404, Class: NotFoundError, code: "NotFound" },
    { status: 500, Class: InternalServerError, code: "UnknownError" },
  ])("throws $Class.name for $status", async ({ status, Class, code }) => {
    server.handle((_req, res) => send(res, status, { statusCode: status, message: `failed for ${API_KEY}` }));
    const e = await rejection(client({ throwOnError: true }).cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID }));
    expect(e).toBeInstanceOf(Class);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect((e as ApiError).code).toBe(code);
    expect((e as ApiError).status).toBe(status);
    expectNoSecrets(e, [API_KEY]);
  });
});

describe("a 2xx that is not JSON", () => {
  it("throws InvalidResponseError (an ApiClientError; not exported by this package) with the text, redacted", async () => {
    server.handle((_req, res) => sendHtml(res, 200, `<html>maintenance page for ${API_KEY}</html>`));
    const e = await rejection(client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID }));
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e).not.toBeInstanceOf(ApiError);
    expect((e as Error).name).toBe("InvalidResponseError");
    expect((e as { rawBody?: string }).rawBody).toBe("<html>maintenance page for [REDACTED]</html>");
    expect(server.received).toHaveLength(1);
    expectNoSecrets(e, [API_KEY]);
  });
});

describe("raw client", () => {
  it("raw.POST goes through the same auth and returns the parsed body", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const { data, error } = await rawClient(client()).POST("/memberships/members/{memberId}/cancel", {
      params: { path: { memberId: MEMBER_ID } },
      body: { productId: PRODUCT_ID },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual(OK);
    const req = server.received[0]!;
    expect(req.method).toBe("POST");
    expect(req.pathname).toBe(PATH);
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(JSON.parse(req.body)).toEqual({ productId: PRODUCT_ID });
  });

  it("raw.POST is retried on 429 but not on 503 (method-based policy)", async () => {
    server.handle((_req, res, i) =>
      i === 0
        ? send(res, 429, { statusCode: 429, message: "slow down" }, { "retry-after": "0" })
        : send(res, 503, { statusCode: 503, message: "down" }),
    );
    const { error, response } = await rawClient(client()).POST("/memberships/members/{memberId}/cancel", {
      params: { path: { memberId: MEMBER_ID } },
      body: { productId: PRODUCT_ID },
    });
    expect(response.status).toBe(503);
    expect(error).toEqual({ statusCode: 503, message: "down" });
    expect(server.received).toHaveLength(2);
  });
});

describe("secrets in response headers", () => {
  // Regression (runtime client.ts toApiError kept `response.headers` unredacted; util.inspect(error) printed them).
  it("response headers that echo the key are redacted in ApiError.headers", async () => {
    server.handle((_req, res) =>
      send(res, 401, { statusCode: 401, message: "Unauthorized" }, { "www-authenticate": `Bearer realm="mayar", key="${API_KEY}"` }),
    );
    const { error } = await client().cancelMembershipMember({ memberId: MEMBER_ID, productId: PRODUCT_ID });
    expect(error?.code).toBe("Unauthorized");
    expect([...(error?.headers.values() ?? [])].join(" ")).toContain("[REDACTED]");
    expectNoSecrets(error, [API_KEY]);
  });
});
