import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AbortError,
  ApiClientError,
  ApiError,
  AuthError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  createFusebillClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type CancelSubscriptionError,
  type FusebillClientOptions,
  rawClient,
} from "../dist/index.js";
import { examples } from "../dist/generated/examples.js";
import { expectNoSecrets, hang, rejection, send, sendHtml, startServer, type TestServer } from "@subscription-apis/test-kit";

/** Fusebill issues the key already base64-encoded (of `0:<secret>`); the client must send it unchanged. */
const API_KEY = Buffer.from("0:fusebill-test-secret-9d3a61c5e7").toString("base64");
const OK = examples["cancelSubscription.responses.200.example"];
const INPUT = { subscriptionId: 12345, cancellationOption: "None" } as const;
const RATE_LIMIT_HEADERS = {
  "x-rate-limit-limit-minute": "50",
  "x-rate-limit-remaining-minute": "0",
  "x-rate-limit-reset-minute": "2026-11-22T10:01:00",
  "x-rate-limit-limit-day": "5000",
  "x-rate-limit-remaining-day": "4211",
  "x-rate-limit-reset-day": "2026-11-23T00:00:00",
};

/** The documented errors: their `body` is the PascalCase ErrorResponse (UnknownError's body is `unknown`). */
type Documented = Exclude<CancelSubscriptionError, { code: "UnknownError" }>;
const documented = (e: CancelSubscriptionError | undefined) => e as Documented | undefined;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** A client against the local server (baseUrl keeps the /v1 prefix of the real servers). Tiny retry delays. */
function client<T extends boolean = false>(options: Partial<FusebillClientOptions<T>> = {}) {
  return createFusebillClient<T>({
    apiKey: API_KEY,
    baseUrl: `${server.origin}/v1`,
    retry: { baseDelayMs: 1, maxRetryAfterMs: 5 },
    ...options,
  });
}

describe("cancelSubscription: request and success", () => {
  it("POSTs the JSON body with `Authorization: Basic <apiKey>` and returns the typed Subscription", async () => {
    server.handle((_req, res) => send(res, 200, OK, { "x-rate-limit-remaining-minute": "49" }));
    const { data, error, response } = await client().cancelSubscription({ subscriptionId: 12345, cancellationOption: "Unearned" });

    expect(server.received).toHaveLength(1);
    const req = server.received[0]!;
    expect(req.method).toBe("POST");
    expect(req.pathname).toBe("/v1/subscriptionCancellation");
    expect(req.query).toEqual({});
    expect(req.headers.authorization).toBe(`Basic ${API_KEY}`);
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({ subscriptionId: 12345, cancellationOption: "Unearned" });

    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(response.headers.get("x-rate-limit-remaining-minute")).toBe("49");
    expect(data).toEqual(OK);
    expect(data?.status).toBe("Cancelled");
    expect(data?.id).toBe(12345);
  });

  it.each([
    { name: "base64 with padding", key: Buffer.from("0:abc").toString("base64") },
    { name: "not base64 at all", key: "plain-secret_with.symbols~1234" },
  ])("sends the key verbatim, never re-encoded ($name)", async ({ key }) => {
    server.handle((_req, res) => send(res, 200, OK));
    await client({ apiKey: key }).cancelSubscription(INPUT);
    expect(server.received[0]!.headers.authorization).toBe(`Basic ${key}`);
  });

  it("resolves the documented servers: production by default, legacy-staging on request", () => {
    expect(createFusebillClient({ apiKey: API_KEY }).baseUrl).toBe("https://secure.fusebill.com/v1");
    expect(createFusebillClient({ apiKey: API_KEY, environment: "legacy-staging" }).baseUrl).toBe("https://stg-secure.fusebill.com/v1");
  });
});

describe("cancelSubscription: validation (nothing is sent)", () => {
  it.each([
    {
      name: "cancellationOption outside the enum",
      input: { subscriptionId: 12345, cancellationOption: "Partial" },
      parameter: "cancellationOption",
      rule: "enum",
    },
    {
      name: "cancellationOption in the wrong case",
      input: { subscriptionId: 12345, cancellationOption: "none" },
      parameter: "cancellationOption",
      rule: "enum",
    },
    { name: "cancellationOption missing", input: { subscriptionId: 12345 }, parameter: "cancellationOption", rule: "required" },
    {
      name: "subscriptionId not an integer",
      input: { subscriptionId: 123.5, cancellationOption: "None" },
      parameter: "subscriptionId",
      rule: "type",
    },
    {
      name: "subscriptionId as a string",
      input: { subscriptionId: "12345", cancellationOption: "None" },
      parameter: "subscriptionId",
      rule: "type",
    },
    {
      name: "subscriptionId not finite",
      input: { subscriptionId: Number.NaN, cancellationOption: "None" },
      parameter: "subscriptionId",
      rule: "type",
    },
    { name: "subscriptionId missing", input: { cancellationOption: "None" }, parameter: "subscriptionId", rule: "required" },
  ])("$name -> ValidationError($parameter, $rule)", async ({ input, parameter, rule }) => {
    server.handle((_req, res) => send(res, 200, OK));
    const e = await rejection(client().cancelSubscription(input as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect((e as ValidationError).parameter).toBe(parameter);
    expect((e as ValidationError).rule).toBe(rule);
    expect((e as Error).message).toContain("No request was sent");
    expect(server.received).toHaveLength(0);
    expectNoSecrets(e, [API_KEY]);
  });

  it("rejects a key with CR/LF and an empty key when the client is created", () => {
    expect(() => createFusebillClient({ apiKey: "abc\nX-Evil: 1" })).toThrow(ValidationError);
    expect(() => createFusebillClient({ apiKey: "" })).toThrow(AuthError);
  });
});

describe("cancelSubscription: documented errors (PascalCase envelope)", () => {
  it.each([
    {
      status: 400,
      body: examples["cancelSubscription.responses.400.invalidCancellationOption"],
      code: "BadRequest",
      Class: BadRequestError,
    },
    {
      status: 400,
      body: examples["cancelSubscription.responses.400.malformedAuthorizationKey"],
      code: "BadRequest",
      Class: BadRequestError,
    },
    {
      status: 401,
      body: examples["cancelSubscription.responses.401.missingOrInvalidKey"],
      code: "Unauthorized",
      Class: AuthenticationError,
    },
    { status: 404, body: examples["cancelSubscription.responses.404.resourceNotFound"], code: "NotFound", Class: NotFoundError },
    { status: 409, body: examples["cancelSubscription.responses.409.businessRuleViolation"], code: "Conflict", Class: ConflictError },
    {
      status: 500,
      body: examples["cancelSubscription.responses.500.serverError"],
      code: "InternalServerError",
      Class: InternalServerError,
    },
  ])("$status $body.Errors.0.Key -> $code, body parsed, not retried", async ({ status, body, code, Class }) => {
    server.handle((_req, res) => send(res, status, body, RATE_LIMIT_HEADERS));
    const { data, error, response } = await client().cancelSubscription(INPUT);
    expect(data).toBeUndefined();
    expect(response.status).toBe(status);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.code).toBe(code);
    expect(error?.status).toBe(status);
    expect(error?.body).toEqual(body);
    expect(documented(error)?.body?.HttpStatusCode).toBe(status);
    expect(documented(error)?.body?.Errors[0]?.Key).toBe(body.Errors[0]!.Key);
    expect(documented(error)?.body?.Errors[0]?.Value).toBe(body.Errors[0]!.Value);
    expect(error?.message).toContain(body.Errors[0]!.Value);
    expect(error?.headers.get("x-rate-limit-remaining-day")).toBe("4211");
    expect(error?.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
    expectNoSecrets(error, [API_KEY]);
  });

  it("an error body that echoes the key is redacted everywhere", async () => {
    const echo = {
      ErrorId: 0,
      HttpStatusCode: 400,
      Errors: [{ Key: "Api Error", Value: `Authorization key ${API_KEY} is not in the correct format.` }],
    };
    server.handle((_req, res) => send(res, 400, echo));
    const { error } = await client().cancelSubscription(INPUT);
    expect(error?.code).toBe("BadRequest");
    expect(documented(error)?.body?.Errors[0]?.Value).toBe("Authorization key [REDACTED] is not in the correct format.");
    expect(error?.message).toContain("[REDACTED]");
    expectNoSecrets(error, [API_KEY]);
  });

  it("429 with the rate-limit headers is retried (the POST is repeated unchanged) and then succeeds", async () => {
    const body = examples["cancelSubscription.responses.429.rateLimitExceeded"];
    server.handle((_req, res, i) => (i === 0 ? send(res, 429, body, RATE_LIMIT_HEADERS) : send(res, 200, OK)));
    const { data, error } = await client().cancelSubscription(INPUT);
    expect(error).toBeUndefined();
    expect(data).toEqual(OK);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]!.body).toBe(server.received[0]!.body);
    expect(server.received[1]!.headers.authorization).toBe(`Basic ${API_KEY}`);
  });

  it("429 on every attempt -> TooManyRequests after 3 attempts, with the rate-limit headers", async () => {
    const body = examples["cancelSubscription.responses.429.rateLimitExceeded"];
    server.handle((_req, res) => send(res, 429, body, RATE_LIMIT_HEADERS));
    const { error } = await client().cancelSubscription(INPUT);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error?.code).toBe("TooManyRequests");
    expect(documented(error)?.body?.Errors[0]?.Value).toBe("API Rate limit has been exceeded.");
    expect(error?.headers.get("x-rate-limit-remaining-minute")).toBe("0");
    expect(error?.headers.get("x-rate-limit-reset-minute")).toBe("2026-11-22T10:01:00");
    expect(error?.attempts).toBe(3);
    expect(server.received).toHaveLength(3);
  });

  it.each([500, 502, 503, 504])("POST is not retried on %i", async (status) => {
    server.handle((_req, res) => send(res, status, { ErrorId: 0, HttpStatusCode: status, Errors: [{ Key: "Api Error", Value: "down" }] }));
    const { error } = await client().cancelSubscription(INPUT);
    expect(error?.status).toBe(status);
    expect(error?.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  it("retries a POST on 500 only with retryNonIdempotent", async () => {
    server.handle((_req, res, i) =>
      i === 0 ? send(res, 500, examples["cancelSubscription.responses.500.serverError"]) : send(res, 200, OK),
    );
    const { data } = await client({ retry: { baseDelayMs: 1, retryNonIdempotent: true } }).cancelSubscription(INPUT);
    expect(data).toEqual(OK);
    expect(server.received).toHaveLength(2);
  });

  it("an undocumented status -> UnknownError", async () => {
    server.handle((_req, res) => send(res, 422, { ErrorId: 0, HttpStatusCode: 422, Errors: [{ Key: "x", Value: "Unprocessable" }] }));
    const { error } = await client().cancelSubscription(INPUT);
    expect(error?.code).toBe("UnknownError");
    expect(error?.status).toBe(422);
    expect(error?.message).toContain("Unprocessable");
  });

  it("an HTML 502 page -> typed error with rawBody, no crash", async () => {
    server.handle((_req, res) =>
      sendHtml(res, 502, "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
    );
    const { error } = await client().cancelSubscription(INPUT);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error?.code).toBe("UnknownError");
    expect(error?.status).toBe(502);
    expect(error?.body).toBeUndefined();
    expect(error?.rawBody).toContain("<title>502 Bad Gateway</title>");
    expect(server.received).toHaveLength(1);
  });
});

describe("cancelSubscription: timeouts, aborts, throwOnError", () => {
  it("a server that never answers -> TimeoutError (POST: one attempt)", async () => {
    server.handle(hang);
    const e = await rejection(client({ timeoutMs: 50 }).cancelSubscription(INPUT));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as TimeoutError).attempts).toBe(1);
    expect((e as TimeoutError).timeoutMs).toBe(50);
    // Under load the 50 ms attempt may end before the request reaches the server: never more than one.
    expect(server.received.length).toBeLessThanOrEqual(1);
    expectNoSecrets(e, [API_KEY]);
  });

  it("aborting the signal while the request is in flight -> AbortError", async () => {
    const controller = new AbortController();
    server.handle(() => controller.abort());
    const e = await rejection(client().cancelSubscription(INPUT, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
    expectNoSecrets(e, [API_KEY]);
  });

  it("aborting during the wait before a retry -> AbortError, no further attempt", async () => {
    const controller = new AbortController();
    server.handle((_req, res) => {
      send(res, 429, examples["cancelSubscription.responses.429.rateLimitExceeded"], { "retry-after": "1" });
      res.on("finish", () => setTimeout(() => controller.abort(), 10));
    });
    const e = await rejection(client({ retry: { maxRetryAfterMs: 60_000 } }).cancelSubscription(INPUT, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
  });

  it("throwOnError returns data on success", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const { data } = await client({ throwOnError: true }).cancelSubscription(INPUT);
    expect(data.status).toBe("Cancelled");
  });

  it.each([
    { status: 400, Class: BadRequestError, code: "BadRequest" },
    { status: 401, Class: AuthenticationError, code: "Unauthorized" },
    { status: 404, Class: NotFoundError, code: "NotFound" },
    { status: 409, Class: ConflictError, code: "Conflict" },
    { status: 500, Class: InternalServerError, code: "InternalServerError" },
  ])("throwOnError throws $Class.name for $status", async ({ status, Class, code }) => {
    server.handle((_req, res) =>
      send(res, status, { ErrorId: 0, HttpStatusCode: status, Errors: [{ Key: "Api Error", Value: `rejected key ${API_KEY}` }] }),
    );
    const e = await rejection(client({ throwOnError: true }).cancelSubscription(INPUT));
    expect(e).toBeInstanceOf(Class);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(code);
    expect((e as ApiError).status).toBe(status);
    expectNoSecrets(e, [API_KEY]);
  });
});

describe("a 2xx that is not JSON", () => {
  it("throws InvalidResponseError (an ApiClientError; not exported by this package) with the text, redacted", async () => {
    server.handle((_req, res) => sendHtml(res, 200, `<html>maintenance page for ${API_KEY}</html>`));
    const e = await rejection(client().cancelSubscription(INPUT));
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e).not.toBeInstanceOf(ApiError);
    expect((e as Error).name).toBe("InvalidResponseError");
    expect((e as { rawBody?: string }).rawBody).toBe("<html>maintenance page for [REDACTED]</html>");
    expect(server.received).toHaveLength(1);
    expectNoSecrets(e, [API_KEY]);
  });
});

describe("raw client", () => {
  it("raw.POST sends the same Basic auth and returns the parsed body", async () => {
    server.handle((_req, res) => send(res, 200, OK));
    const { data } = await rawClient(client()).POST("/subscriptionCancellation", {
      body: { subscriptionId: 12345, cancellationOption: "Full" },
    });
    expect(data).toEqual(OK);
    const req = server.received[0]!;
    expect(req.pathname).toBe("/v1/subscriptionCancellation");
    expect(req.headers.authorization).toBe(`Basic ${API_KEY}`);
    expect(JSON.parse(req.body)).toEqual({ subscriptionId: 12345, cancellationOption: "Full" });
  });
});

describe("secrets in response headers", () => {
  // Regression (runtime client.ts toApiError kept `response.headers` unredacted; util.inspect(error) printed them).
  it("response headers that echo the key are redacted in ApiError.headers", async () => {
    server.handle((_req, res) =>
      send(res, 401, examples["cancelSubscription.responses.401.missingOrInvalidKey"], { "x-debug-authorization": `Basic ${API_KEY}` }),
    );
    const { error } = await client().cancelSubscription(INPUT);
    expect(error?.code).toBe("Unauthorized");
    expect([...(error?.headers.values() ?? [])].join(" ")).toContain("[REDACTED]");
    expectNoSecrets(error, [API_KEY]);
  });
});
