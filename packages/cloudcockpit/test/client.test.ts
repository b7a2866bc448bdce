import type { ServerResponse } from "node:http";
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
  createCloudCockpitClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ValidationError,
  type CancelCustomerSubscriptionError,
  type CancelCustomerSubscriptionInput,
  type CloudCockpitClientOptions,
  rawClient,
} from "../dist/index.js";
import { examples } from "../dist/generated/examples.js";
import { expectNoSecrets, hang, rejection, send, sendHtml, startServer, type Received, type TestServer } from "@subscription-apis/test-kit";

const TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJlLXRlc3Q";
const TENANT = examples["cancelCustomerSubscription.parameters.header.X-Tenant"];
const CUSTOMER_ID = examples["cancelCustomerSubscription.parameters.path.customerId"];
const SUBSCRIPTION_ID = examples["cancelCustomerSubscription.parameters.path.subscriptionId"];
const PATH = `/v1/customers/${CUSTOMER_ID}/subscriptions/${SUBSCRIPTION_ID}`;
const CLIENT_ID = "3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a090";
const CLIENT_SECRET = "cc~Secret.Value_7Q8r9S0t1U2v3W4x";
const SCOPE = "api://b92a36a4-feb8-4f47-a69c-29a180aa6d0a/.default";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The call input without `tenant`: the client fills X-Tenant from its `tenant` option. The cast is needed because the
 * generated CancelCustomerSubscriptionInput marks `tenant` required (known issue, see types.test-d.ts).
 */
const INPUT = { customerId: CUSTOMER_ID, subscriptionId: SUBSCRIPTION_ID } as CancelCustomerSubscriptionInput;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

/** A client with a fixed token against the local server. Tiny retry delays. */
function client<T extends boolean = false>(options: Partial<CloudCockpitClientOptions<T>> = {}) {
  return createCloudCockpitClient<T>({
    tenant: TENANT,
    token: TOKEN,
    baseUrl: server.origin,
    retry: { baseDelayMs: 1, maxRetryAfterMs: 5 },
    ...options,
  });
}

/** A client that gets its token from the local token endpoint. */
function ccClient(options: Partial<CloudCockpitClientOptions> = {}) {
  return createCloudCockpitClient({
    tenant: TENANT,
    clientCredentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: `${server.origin}/tenant-id/oauth2/v2.0/token` },
    baseUrl: server.origin,
    retry: { baseDelayMs: 1 },
    ...options,
  });
}

const apiCalls = () => server.received.filter((r) => r.pathname.startsWith("/v1/"));
const tokenCalls = () => server.received.filter((r) => r.pathname.endsWith("/token"));

function expectApiRequest(req: Received, bearer: string): void {
  expect(req.method).toBe("DELETE");
  expect(req.pathname).toBe(PATH);
  expect(req.query).toEqual({});
  expect(req.headers.authorization).toBe(`Bearer ${bearer}`);
  expect(req.headers["x-tenant"]).toBe(TENANT);
  expect(req.headers["x-correlation-id"]).toMatch(UUID);
  expect(req.body).toBe("");
  expect(req.headers["content-type"]).toBeUndefined();
}

describe("cancelCustomerSubscription: request and success", () => {
  it("DELETEs with Bearer, X-Tenant and a generated X-Correlation-Id; 202 without body -> data undefined, no error", async () => {
    server.handle((_req, res) => send(res, 202));
    const result = await client().cancelCustomerSubscription(INPUT);

    expect(server.received).toHaveLength(1);
    expectApiRequest(server.received[0]!, TOKEN);
    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
    expect(result.response.status).toBe(202);
  });

  it("generates a different correlation id per call, and keeps it across the retries of one call", async () => {
    server.handle((_req, res, i) => (i === 0 ? send(res, 503) : send(res, 202)));
    const c = client();
    await c.cancelCustomerSubscription(INPUT);
    await c.cancelCustomerSubscription(INPUT);
    const ids = server.received.map((r) => r.headers["x-correlation-id"]);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(ids[1]).toBe(ids[0]); // attempt 2 of call 1
    expect(ids[2]).not.toBe(ids[0]); // call 2
  });

  it("sends the caller's correlationId verbatim and reports it as requestId", async () => {
    const correlationId = examples["cancelCustomerSubscription.parameters.header.X-Correlation-Id"];
    server.handle((req, res) =>
      send(res, 404, examples["cancelCustomerSubscription.responses.404.example"], {
        "x-correlation-id": String(req.headers["x-correlation-id"]),
      }),
    );
    const { error } = await client().cancelCustomerSubscription({ ...INPUT, correlationId });
    expect(server.received[0]!.headers["x-correlation-id"]).toBe(correlationId);
    expect(error?.requestId).toBe(correlationId);
  });

  it("a per-call tenant overrides the client's", async () => {
    server.handle((_req, res) => send(res, 202));
    await client().cancelCustomerSubscription({ ...INPUT, tenant: "other.portal.example" });
    expect(server.received[0]!.headers["x-tenant"]).toBe("other.portal.example");
  });

  it("asks a token provider once per attempt", async () => {
    let n = 0;
    server.handle((_req, res, i) => (i === 0 ? send(res, 503) : send(res, 202)));
    await client({ token: async () => `provided-token-${++n}` }).cancelCustomerSubscription(INPUT);
    expect(server.received.map((r) => r.headers.authorization)).toEqual(["Bearer provided-token-1", "Bearer provided-token-2"]);
  });

  it("uses the documented production server by default", () => {
    expect(createCloudCockpitClient({ tenant: TENANT, token: TOKEN }).baseUrl).toBe(
      "https://app-cloudcockpitapi-prod-01.azurewebsites.net",
    );
    expect(() => createCloudCockpitClient({ tenant: TENANT, token: TOKEN, environment: "sandbox" as "production" })).toThrow(
      ValidationError,
    );
  });
});

describe("cancelCustomerSubscription: validation (nothing is sent)", () => {
  it.each([
    { name: "customerId not a uuid", input: { ...INPUT, customerId: "cust-42" }, parameter: "customerId", rule: "format" },
    { name: "subscriptionId not a uuid", input: { ...INPUT, subscriptionId: "../../admin" }, parameter: "subscriptionId", rule: "format" },
    { name: "customerId missing", input: { subscriptionId: SUBSCRIPTION_ID }, parameter: "customerId", rule: "required" },
    { name: "correlationId not a uuid", input: { ...INPUT, correlationId: "abc" }, parameter: "correlationId", rule: "format" },
    {
      name: "tenant with CR/LF",
      input: { ...INPUT, tenant: "portal.example\r\nX-Evil: 1" },
      parameter: "tenant",
      rule: "header-injection",
    },
  ])("$name -> ValidationError($parameter, $rule)", async ({ input, parameter, rule }) => {
    server.handle((_req, res) => send(res, 202));
    const e = await rejection(client().cancelCustomerSubscription(input as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).parameter).toContain(parameter);
    expect((e as ValidationError).rule).toBe(rule);
    expect(server.received).toHaveLength(0);
    expectNoSecrets(e, [TOKEN]);
  });

  it.each([
    {
      name: "both token and clientCredentials",
      options: { token: TOKEN, clientCredentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET } },
    },
    { name: "neither token nor clientCredentials", options: {} },
  ])("$name -> ValidationError when the client is created", ({ options }) => {
    let thrown: unknown;
    try {
      createCloudCockpitClient({ tenant: TENANT, ...options });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).parameter).toBe("token");
    expectNoSecrets(thrown, [TOKEN, CLIENT_SECRET]);
  });
});

describe("cancelCustomerSubscription: documented errors", () => {
  it.each([
    {
      status: 400,
      body: examples["cancelCustomerSubscription.responses.400.example"],
      code: "BadRequest",
      Class: BadRequestError,
      attempts: 1,
    },
    {
      status: 404,
      body: examples["cancelCustomerSubscription.responses.404.example"],
      code: "NotFound",
      Class: NotFoundError,
      attempts: 1,
    },
    // DELETE is idempotent: 500 is retried (3 attempts by default) before the error is returned.
    {
      status: 500,
      body: examples["cancelCustomerSubscription.responses.500.example"],
      code: "InternalServerError",
      Class: InternalServerError,
      attempts: 3,
    },
  ])("$status -> $code with the ErrorResponse body ($attempts attempt(s))", async ({ status, body, code, Class, attempts }) => {
    server.handle((_req, res) => send(res, status, body));
    const { data, error, response } = await client().cancelCustomerSubscription(INPUT);
    expect(data).toBeUndefined();
    expect(response.status).toBe(status);
    expect(error).toBeInstanceOf(Class);
    expect(error?.code).toBe(code);
    expect(error?.status).toBe(status);
    expect(error?.body).toEqual(body);
    expect(error?.message).toContain(body.description);
    expect(error?.attempts).toBe(attempts);
    expect(server.received).toHaveLength(attempts);
    expectNoSecrets(error, [TOKEN]);
  });

  it.each([
    { status: 401, code: "Unauthorized", Class: AuthenticationError },
    { status: 403, code: "Forbidden", Class: PermissionDeniedError },
  ])("$status without a body -> $code, body undefined, still a typed error, not retried", async ({ status, code, Class }) => {
    server.handle((_req, res) =>
      send(res, status, undefined, status === 401 ? { "www-authenticate": 'Bearer error="invalid_token"' } : {}),
    );
    const { error } = await client().cancelCustomerSubscription(INPUT);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.code).toBe(code);
    expect(error?.status).toBe(status);
    expect(error?.body).toBeUndefined();
    expect(error?.rawBody ?? "").toBe("");
    expect(error?.message).toContain(`HTTP ${status}`);
    expect(server.received).toHaveLength(1);
    expectNoSecrets(error, [TOKEN]);
  });

  it("409 -> Conflict with the SubscriptionConflict body (portal vs provider)", async () => {
    const body = examples["cancelCustomerSubscription.responses.409.example"];
    server.handle((_req, res) => send(res, 409, body));
    const { error } = await client().cancelCustomerSubscription(INPUT);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error?.code).toBe("Conflict");
    expect(error?.body).toEqual(body);
    if (error?.code !== "Conflict") throw new Error("expected Conflict");
    expect(error.body?.portalSubscription?.quantity).toBe(25);
    expect(error.body?.providerSubscription?.quantity).toBe(20);
    expect(server.received).toHaveLength(1);
  });

  it("an error body that echoes the token is redacted everywhere", async () => {
    server.handle((_req, res) =>
      send(res, 400, { statusCode: 400, type: "BadRequest", description: `Token ${TOKEN} is not valid for tenant`, errors: null }),
    );
    const { error } = await client().cancelCustomerSubscription(INPUT);
    expect(error?.code).toBe("BadRequest");
    expect(error?.message).toContain("Token [REDACTED]");
    expectNoSecrets(error, [TOKEN]);
  });

  it("503 is retried (DELETE is idempotent) and then succeeds", async () => {
    server.handle((_req, res, i) => (i === 0 ? send(res, 503, { message: "Service Unavailable" }) : send(res, 202)));
    const { data, error, response } = await client().cancelCustomerSubscription(INPUT);
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
    expect(response.status).toBe(202);
    expect(server.received).toHaveLength(2);
    for (const req of server.received) expectApiRequest(req, TOKEN);
  });

  it("an HTML 502 page -> retried, then a typed UnknownError with rawBody, no crash", async () => {
    server.handle((_req, res) =>
      sendHtml(res, 502, "<html><head><title>502 - Web server received an invalid response</title></head></html>"),
    );
    const { error } = await client().cancelCustomerSubscription(INPUT);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error?.code).toBe("UnknownError");
    expect(error?.status).toBe(502);
    expect(error?.body).toBeUndefined();
    expect(error?.rawBody).toContain("Web server received an invalid response");
    expect(error?.attempts).toBe(3);
    expect(server.received).toHaveLength(3);
  });

  it("an undocumented 4xx is not retried -> UnknownError", async () => {
    server.handle((_req, res) => send(res, 422, { statusCode: 422, description: "Unprocessable" }));
    const { error } = await client().cancelCustomerSubscription(INPUT);
    expect(error?.code).toBe("UnknownError");
    expect(server.received).toHaveLength(1);
  });
});

describe("cancelCustomerSubscription: timeouts, aborts, throwOnError", () => {
  it("a server that never answers -> TimeoutError; DELETE retries the timeout (3 attempts)", async () => {
    server.handle(hang);
    const e = await rejection(client({ timeoutMs: 300 }).cancelCustomerSubscription(INPUT));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as TimeoutError).attempts).toBe(3);
    expect((e as TimeoutError).timeoutMs).toBe(300);
    // The client counted 3 attempts; under heavy load an attempt can time out before its request arrives.
    expect(server.received.length).toBeLessThanOrEqual(3);
    expectNoSecrets(e, [TOKEN]);
  });

  it("aborting the signal while the request is in flight -> AbortError, no retry", async () => {
    const controller = new AbortController();
    server.handle(() => controller.abort());
    const e = await rejection(client().cancelCustomerSubscription(INPUT, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
    expectNoSecrets(e, [TOKEN]);
  });

  it("throwOnError resolves a 202 with data undefined", async () => {
    server.handle((_req, res) => send(res, 202));
    const { data, response } = await client({ throwOnError: true }).cancelCustomerSubscription(INPUT);
    expect(data).toBeUndefined();
    expect(response.status).toBe(202);
  });

  it.each([
    { status: 400, Class: BadRequestError, code: "BadRequest" },
    { status: 401, Class: AuthenticationError, code: "Unauthorized" },
    { status: 403, Class: PermissionDeniedError, code: "Forbidden" },
    { status: 404, Class: NotFoundError, code: "NotFound" },
    { status: 409, Class: ConflictError, code: "Conflict" },
    { status: 500, Class: InternalServerError, code: "InternalServerError" },
  ])("throwOnError throws $Class.name for $status", async ({ status, Class, code }) => {
    server.handle((_req, res) => send(res, status, { statusCode: status, description: `bearer was ${TOKEN}` }));
    const e = await rejection(client({ throwOnError: true }).cancelCustomerSubscription(INPUT));
    expect(e).toBeInstanceOf(Class);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect((e as CancelCustomerSubscriptionError).code).toBe(code);
    expect((e as ApiError).status).toBe(status);
    expectNoSecrets(e, [TOKEN]);
  });
});

describe("clientCredentials (Azure AD client-credentials flow)", () => {
  function tokenEndpoint(token = "issued-access-token-5c0d2b7e91", expiresIn = 3599) {
    return (req: Received, res: ServerResponse) => {
      if (req.pathname.endsWith("/token"))
        return send(res, 200, { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token });
      return send(res, 202);
    };
  }

  it("posts grant_type, client_id, client_secret and the documented scope, then calls the API with the token", async () => {
    server.handle(tokenEndpoint());
    const { data, error } = await ccClient().cancelCustomerSubscription(INPUT);
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();

    expect(tokenCalls()).toHaveLength(1);
    const tokenReq = tokenCalls()[0]!;
    expect(tokenReq.method).toBe("POST");
    expect(tokenReq.pathname).toBe("/tenant-id/oauth2/v2.0/token");
    expect(tokenReq.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(tokenReq.body))).toEqual({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      scope: SCOPE,
    });
    expect(tokenReq.headers.authorization).toBeUndefined();

    expect(apiCalls()).toHaveLength(1);
    expectApiRequest(apiCalls()[0]!, "issued-access-token-5c0d2b7e91");
  });

  it("caches the token: two calls hit the token endpoint once", async () => {
    server.handle(tokenEndpoint());
    const c = ccClient();
    await c.cancelCustomerSubscription(INPUT);
    await c.cancelCustomerSubscription(INPUT);
    expect(tokenCalls()).toHaveLength(1);
    expect(apiCalls()).toHaveLength(2);
    for (const req of apiCalls()) expect(req.headers.authorization).toBe("Bearer issued-access-token-5c0d2b7e91");
  });

  it("concurrent calls share one token request", async () => {
    server.handle(tokenEndpoint());
    const c = ccClient();
    const results = await Promise.all([
      c.cancelCustomerSubscription(INPUT),
      c.cancelCustomerSubscription(INPUT),
      c.cancelCustomerSubscription(INPUT),
    ]);
    for (const r of results) expect(r.error).toBeUndefined();
    expect(tokenCalls()).toHaveLength(1);
    expect(apiCalls()).toHaveLength(3);
  });

  it("refreshes a token that is about to expire (expires_in below the 5-minute margin)", async () => {
    let n = 0;
    server.handle((req, res) =>
      req.pathname.endsWith("/token")
        ? send(res, 200, { token_type: "Bearer", expires_in: 60, access_token: `short-lived-token-${++n}` })
        : send(res, 202),
    );
    const c = ccClient();
    await c.cancelCustomerSubscription(INPUT);
    await c.cancelCustomerSubscription(INPUT);
    expect(tokenCalls()).toHaveLength(2);
    expect(apiCalls().map((r) => r.headers.authorization)).toEqual(["Bearer short-lived-token-1", "Bearer short-lived-token-2"]);
  });

  it("uses the custom fetch given in clientCredentials for the token request", async () => {
    server.handle(tokenEndpoint());
    const seen: string[] = [];
    const c = createCloudCockpitClient({
      tenant: TENANT,
      baseUrl: server.origin,
      clientCredentials: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        tokenUrl: `${server.origin}/tenant-id/oauth2/v2.0/token`,
        fetch: (request) => {
          seen.push(`${request.method} ${new URL(request.url).pathname}`);
          return globalThis.fetch(request);
        },
      },
    });
    await c.cancelCustomerSubscription(INPUT);
    expect(seen).toEqual(["POST /tenant-id/oauth2/v2.0/token"]);
    expect(tokenCalls()).toHaveLength(1);
  });

  it("token endpoint refusal -> AuthError, API not called, no secret in the error", async () => {
    server.handle((req, res) =>
      req.pathname.endsWith("/token")
        ? send(res, 401, {
            error: "invalid_client",
            error_description: `AADSTS7000215: Invalid client secret provided: '${CLIENT_SECRET}'.`,
          })
        : send(res, 202),
    );
    const e = await rejection(ccClient().cancelCustomerSubscription(INPUT));
    expect(e).toBeInstanceOf(AuthError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect((e as AuthError).message).toContain("invalid_client");
    expect(tokenCalls()).toHaveLength(1);
    expect(apiCalls()).toHaveLength(0);
    expectNoSecrets(e, [CLIENT_SECRET]);
  });

  it("token endpoint answering HTML 502 -> AuthError, no crash", async () => {
    server.handle((req, res) => (req.pathname.endsWith("/token") ? sendHtml(res, 502, "<html>Bad Gateway</html>") : send(res, 202)));
    const e = await rejection(ccClient().cancelCustomerSubscription(INPUT));
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).message).toContain("HTTP 502");
    expect(apiCalls()).toHaveLength(0);
    expectNoSecrets(e, [CLIENT_SECRET]);
  });

  it("unreachable token endpoint -> AuthError naming only the origin", async () => {
    const closed = await startServer();
    const origin = closed.origin;
    await closed.close();
    server.handle((_req, res) => send(res, 202));
    const e = await rejection(
      createCloudCockpitClient({
        tenant: TENANT,
        baseUrl: server.origin,
        clientCredentials: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: `${origin}/t/oauth2/v2.0/token` },
      }).cancelCustomerSubscription(INPUT),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).message).toContain(origin);
    expect(server.received).toHaveLength(0);
    expectNoSecrets(e, [CLIENT_SECRET]);
  });

  it("an API error body that echoes the issued token or the secret is redacted", async () => {
    const issued = "issued-access-token-5c0d2b7e91";
    server.handle((req, res) =>
      req.pathname.endsWith("/token")
        ? tokenEndpoint(issued)(req, res)
        : send(res, 404, {
            statusCode: 404,
            type: "NotFound",
            description: `no subscription for ${issued} / ${CLIENT_SECRET}`,
            errors: null,
          }),
    );
    const { error } = await ccClient().cancelCustomerSubscription(INPUT);
    expect(error?.code).toBe("NotFound");
    expect(error?.message).toContain("[REDACTED]");
    expectNoSecrets(error, [issued, CLIENT_SECRET]);
  });
});

describe("raw client", () => {
  it("raw.DELETE sends the same auth but no automatic X-Tenant / X-Correlation-Id", async () => {
    server.handle((_req, res) => send(res, 202));
    const { response } = await rawClient(client()).DELETE("/v1/customers/{customerId}/subscriptions/{subscriptionId}", {
      params: { path: { customerId: CUSTOMER_ID, subscriptionId: SUBSCRIPTION_ID }, header: { "X-Tenant": "raw.portal.example" } },
    });
    expect(response.status).toBe(202);
    const req = server.received[0]!;
    expect(req.method).toBe("DELETE");
    expect(req.pathname).toBe(PATH);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers["x-tenant"]).toBe("raw.portal.example");
    expect(req.headers["x-correlation-id"]).toBeUndefined();
  });

  it("raw.DELETE is retried on 503 (method-based policy)", async () => {
    server.handle((_req, res, i) => (i === 0 ? send(res, 503) : send(res, 202)));
    const { response } = await rawClient(client()).DELETE("/v1/customers/{customerId}/subscriptions/{subscriptionId}", {
      params: { path: { customerId: CUSTOMER_ID, subscriptionId: SUBSCRIPTION_ID }, header: { "X-Tenant": TENANT } },
    });
    expect(response.status).toBe(202);
    expect(server.received).toHaveLength(2);
  });
});

describe("regressions found while writing these tests (fixed in packages/runtime)", () => {
  // auth.ts fetchToken copied the token endpoint's `error` field into the AuthError message unredacted.
  it("an `error` field that echoes the client secret is redacted from the AuthError", async () => {
    server.handle((req, res) =>
      req.pathname.endsWith("/token") ? send(res, 400, { error: `invalid_client: ${CLIENT_SECRET}` }) : send(res, 202),
    );
    const e = await rejection(ccClient().cancelCustomerSubscription(INPUT));
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).message).toContain("invalid_client: [REDACTED]");
    expect(apiCalls()).toHaveLength(0);
    expectNoSecrets(e, [CLIENT_SECRET]);
  });

  // transport.ts awaited auth.authorize() outside the per-attempt timeout/abort, and the token request had no signal:
  // a token endpoint that never answered hung the call forever. (A hang fails this test through vitest's test timeout.)
  it("a hanging token endpoint is bounded by the per-attempt timeout -> TimeoutError", async () => {
    server.handle((req, res) => (req.pathname.endsWith("/token") ? undefined : send(res, 202)));
    const e = await rejection(ccClient({ timeoutMs: 50, retry: { maxAttempts: 1 } }).cancelCustomerSubscription(INPUT));
    expect(e).toBeInstanceOf(TimeoutError);
    // Under load the 50 ms attempt can end before the token request even reaches the server: at most one.
    expect(tokenCalls().length).toBeLessThanOrEqual(1);
    expect(apiCalls()).toHaveLength(0);
    expectNoSecrets(e, [CLIENT_SECRET]);
  });

  it("a hanging token endpoint does not ignore the caller's signal -> AbortError", async () => {
    const controller = new AbortController();
    server.handle((req, res) => (req.pathname.endsWith("/token") ? controller.abort() : send(res, 202)));
    const e = await rejection(ccClient().cancelCustomerSubscription(INPUT, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(apiCalls()).toHaveLength(0);
  });

  // client.ts toApiError kept `response.headers` unredacted; util.inspect(error) printed them.
  it("response headers that echo the token are redacted in ApiError.headers", async () => {
    server.handle((_req, res) => send(res, 401, undefined, { "x-rejected-token": TOKEN }));
    const { error } = await client().cancelCustomerSubscription(INPUT);
    expect(error?.code).toBe("Unauthorized");
    expect(error?.headers.get("x-rejected-token")).toBe("[REDACTED]");
    expectNoSecrets(error, [TOKEN]);
  });
});
