import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ApiClientError,
  ApiError,
  AuthError,
  BadRequestError,
  ConnectionError,
  createAwsQBusinessClient,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type AwsQBusinessClientOptions,
  rawClient,
} from "../dist/index.js";
import { examples } from "../dist/generated/examples.js";
import {
  AwsTestServer,
  errorStrings,
  expectedAuthorizationManual,
  expectedAuthorizationSmithy,
  parseAuthorization,
  signatureIsValid,
  type Received,
  type Reply,
} from "@subscription-apis/test-kit/aws";

const AKID = "AKIDEXAMPLE";
const SECRET = "qbusinessFakeSecret/K7MDENG+bPxRfiCYzzSECRETzz";
const REGION = "us-west-2";
const SERVICE = "qbusiness";
const KEY = { accessKeyId: AKID, secretAccessKey: SECRET, service: SERVICE, region: REGION };
const APP = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
const SUB = "EXAMPLE-subscription-1";

const server = new AwsTestServer();

/** 200 whose body is built from the labels the server received (so the data comes from the request). */
const echo: Reply = (req, res) => {
  const [, , app, , sub] = req.url.split("/").map((s) => decodeURIComponent(s));
  res.writeHead(200, { "Content-Type": "application/json", "x-amzn-RequestId": "req-ok" });
  res.end(
    JSON.stringify({
      subscriptionArn: `arn:aws:qbusiness:${REGION}:123456789012:application/${app}/subscription/${sub}`,
      currentSubscription: { type: "Q_BUSINESS" },
      nextSubscription: { type: "Q_LITE" },
    }),
  );
};
const arn = (app: string, sub: string) => `arn:aws:qbusiness:${REGION}:123456789012:application/${app}/subscription/${sub}`;

const awsError = (status: number, code: string | undefined, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...(code ? { "X-Amzn-Errortype": code } : {}), "x-amzn-RequestId": `req-${status}`, ...headers },
  body,
});

const baseOptions = (): AwsQBusinessClientOptions => ({
  baseUrl: server.url,
  region: REGION,
  credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
  retry: { baseDelayMs: 1, maxRetryAfterMs: 7 },
});

const client = (extra: Partial<AwsQBusinessClientOptions> = {}) => createAwsQBusinessClient({ ...baseOptions(), ...extra });

async function expectValidSignatures(requests: Received[], key = KEY): Promise<void> {
  for (const req of requests) expect(await signatureIsValid(req, key)).toBe(true);
}

function expectNoSecret(e: unknown, ...secrets: string[]): void {
  for (const text of errorStrings(e)) for (const s of [SECRET, ...secrets]) expect(text).not.toContain(s);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.reset(echo);
  for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"])
    vi.stubEnv(name, "");
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("cancelSubscription: request and SigV4", () => {
  it("sends DELETE /applications/{app}/subscriptions/{sub} without body or Content-Type, signed with SigV4, and returns the typed data", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-04T05:06:07Z") });
    const result = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });

    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({
      subscriptionArn: arn(APP, SUB),
      currentSubscription: { type: "Q_BUSINESS" },
      nextSubscription: { type: "Q_LITE" },
    });
    expect(result.response.status).toBe(200);

    expect(server.received).toHaveLength(1);
    const req = server.received[0]!;
    expect(req.method).toBe("DELETE");
    expect(req.url).toBe(`/applications/${APP}/subscriptions/${SUB}`);
    expect(req.body).toBe("");
    expect(req.headers["content-type"]).toBeUndefined();

    expect(req.headers["x-amz-date"]).toBe("20250304T050607Z");
    const auth = parseAuthorization(req.headers.authorization);
    expect(auth).toMatchObject({ accessKeyId: AKID, date: "20250304", region: REGION, service: "qbusiness" });
    expect(req.headers.authorization).toContain(`Credential=${AKID}/20250304/${REGION}/qbusiness/aws4_request`);
    expect(auth!.signedHeaders).toEqual(expect.arrayContaining(["host", "x-amz-date"]));

    // The server verifies the signature independently: @smithy/signature-v4 and a hand-written SigV4.
    expect(await expectedAuthorizationSmithy(req, KEY)).toBe(req.headers.authorization);
    expect(expectedAuthorizationManual(req, KEY)).toBe(req.headers.authorization);
    expect(await signatureIsValid(req, { ...KEY, secretAccessKey: `${SECRET}x` })).toBe(false);
    expect(await signatureIsValid(req, { ...KEY, service: "security-ir" })).toBe(false);
    expect(await signatureIsValid(req, { ...KEY, region: "us-east-1" })).toBe(false);
    expect(JSON.stringify(req)).not.toContain(SECRET);
  });

  it.each([
    ["a/b", "a%2Fb"],
    ["user@example.com group", "user%40example.com%20group"],
    ["équipe?x=1#y", "%C3%A9quipe%3Fx%3D1%23y"],
    ["tier(1)*~", "tier(1)*~"],
  ])("percent-encodes the subscriptionId label %j as %s, and the signature still verifies", async (subscriptionId, wire) => {
    const { data } = await client().cancelSubscription({ applicationId: APP, subscriptionId });
    const req = server.received[0]!;
    expect(req.url).toBe(`/applications/${APP}/subscriptions/${wire}`);
    expect(data?.subscriptionArn).toBe(arn(APP, subscriptionId));
    await expectValidSignatures([req]);
  });

  it("a tampered request no longer verifies (the verifier really checks method, path and headers)", async () => {
    await client().cancelSubscription({ applicationId: APP, subscriptionId: "a/b" });
    const req = server.received[0]!;
    expect(await signatureIsValid(req, KEY)).toBe(true);
    expect(await signatureIsValid({ ...req, method: "PUT" }, KEY)).toBe(false);
    expect(await signatureIsValid({ ...req, url: req.url.replace("a%2Fb", "a/b") }, KEY)).toBe(false);
    expect(await signatureIsValid({ ...req, headers: { ...req.headers, host: "qbusiness.us-west-2.api.aws" } }, KEY)).toBe(false);
  });

  it("signs temporary credentials from a provider with X-Amz-Security-Token", async () => {
    const provider = vi.fn(async () => ({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: SECRET, sessionToken: "qb-session-token-1234" }));
    const c = client({ credentials: provider });
    await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    for (const req of server.received) {
      expect(req.headers["x-amz-security-token"]).toBe("qb-session-token-1234");
      expect(parseAuthorization(req.headers.authorization)?.signedHeaders).toContain("x-amz-security-token");
    }
    await expectValidSignatures(server.received, { ...KEY, accessKeyId: "ASIAEXAMPLE" });
    // Keys without an expiration are cached: the provider is asked once.
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it("the raw openapi-fetch client is signed too", async () => {
    const { data, response } = await rawClient(client()).DELETE("/applications/{applicationId}/subscriptions/{subscriptionId}", {
      params: { path: { applicationId: APP, subscriptionId: "raw-1" } },
    });
    expect(response.status).toBe(200);
    expect(data?.subscriptionArn).toBe(arn(APP, "raw-1"));
    expect(server.received[0]).toMatchObject({ method: "DELETE", url: `/applications/${APP}/subscriptions/raw-1` });
    await expectValidSignatures(server.received);
  });
});

describe("cancelSubscription: documented errors", () => {
  const ex = examples;
  // [X-Amzn-Errortype as sent, code, status, body, class, retried by the default policy?]
  const cases: [string, string, number, Record<string, unknown>, new (...a: never[]) => ApiError, boolean][] = [
    [
      "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      "ValidationException",
      400,
      ex["cancelSubscription.responses.400.example"],
      BadRequestError,
      false,
    ],
    ["AccessDeniedException", "AccessDeniedException", 403, ex["cancelSubscription.responses.403.example"], PermissionDeniedError, false],
    [
      "com.amazonaws.qbusiness#ResourceNotFoundException",
      "ResourceNotFoundException",
      404,
      ex["cancelSubscription.responses.404.example"],
      NotFoundError,
      false,
    ],
    // Not @retryable in the model, but retried as the AWS SDKs' standard retry strategy does: a throttling code, and a 5xx on an idempotent call.
    ["ThrottlingException", "ThrottlingException", 429, ex["cancelSubscription.responses.429.example"], RateLimitError, true],
    ["InternalServerException", "InternalServerException", 500, ex["cancelSubscription.responses.500.example"], InternalServerError, true],
  ];

  it.each(cases)("X-Amzn-Errortype %s -> %s (HTTP %i)", async (header, code, status, body, Class, retried) => {
    server.fallback = awsError(status, header, body);
    const { data, error, response } = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(data).toBeUndefined();
    expect(response.status).toBe(status);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code, status, body, requestId: `req-${status}`, operationId: "cancelSubscription", rawCode: undefined });
    expect(error!.message).toContain(code);
    const attempts = retried ? 3 : 1;
    expect(error!.attempts).toBe(attempts);
    expect(server.received).toHaveLength(attempts);
    await expectValidSignatures(server.received);
    expectNoSecret(error);
  });

  it("narrowing on code gives the typed body", async () => {
    const c = client();
    server.replies.push(awsError(400, "ValidationException", ex["cancelSubscription.responses.400.example"]));
    server.replies.push(awsError(404, "ResourceNotFoundException", ex["cancelSubscription.responses.404.example"]));
    const out: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { error } = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
      if (error?.code === "ValidationException")
        out.push(error.body!.reason, ...(error.body?.fields ?? []).map((f) => `${f.name}: ${f.message}`));
      else if (error?.code === "ResourceNotFoundException") out.push(`${error.body?.resourceType} ${error.body?.resourceId}`);
    }
    expect(out).toEqual([
      "FIELD_VALIDATION_FAILED",
      "applicationId: Member must have length greater than or equal to 36",
      "Subscription EXAMPLE-subscription-1",
    ]);
  });

  it("falls back to the body's __type (then `code`) when X-Amzn-Errortype is absent; the header wins over the body", async () => {
    const c = client();
    server.replies.push(awsError(403, undefined, { __type: "com.amazonaws.qbusiness#AccessDeniedException", message: "nope" }));
    server.replies.push(
      awsError(404, undefined, { code: "ResourceNotFoundException", message: "gone", resourceId: SUB, resourceType: "Subscription" }),
    );
    server.replies.push(awsError(400, "ValidationException", { __type: "AccessDeniedException", message: "m", reason: "CANNOT_PARSE" }));
    const a = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    const b = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    const h = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(a.error).toMatchObject({ code: "AccessDeniedException", status: 403, body: { message: "nope" }, requestId: "req-403" });
    expect(a.error).toBeInstanceOf(PermissionDeniedError);
    expect(b.error).toMatchObject({ code: "ResourceNotFoundException", status: 404, body: { resourceId: SUB } });
    expect(h.error).toMatchObject({ code: "ValidationException", status: 400, body: { reason: "CANNOT_PARSE" } });
  });

  it("an undocumented code (e.g. ConflictException, which this operation cannot return) is UnknownError with rawCode", async () => {
    server.replies.push(awsError(409, "ConflictException", { message: "conflict" }));
    const { error } = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(error).toMatchObject({ code: "UnknownError", rawCode: "ConflictException", status: 409, body: { message: "conflict" } });
    expect(error?.message).toContain("UnknownError (ConflictException)");
    expect(server.received).toHaveLength(1);
  });

  it("reads the request id from x-amzn-request-id too, and the message from a capitalised `Message`", async () => {
    server.replies.push({
      status: 403,
      headers: { "X-Amzn-Errortype": "AccessDeniedException", "x-amzn-request-id": "req-alt" },
      body: { Message: "Capital M" },
    });
    const { error } = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(error).toMatchObject({ code: "AccessDeniedException", requestId: "req-alt" });
    expect(error?.message).toBe("cancelSubscription: AccessDeniedException (HTTP 403): Capital M");
  });

  it("per-call headers are sent and signed; CR/LF in a header value is rejected before sending", async () => {
    await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB }, { headers: { "x-request-tag": "tag-1" } });
    const req = server.received[0]!;
    expect(req.headers["x-request-tag"]).toBe("tag-1");
    expect(parseAuthorization(req.headers.authorization)?.signedHeaders).toContain("x-request-tag");
    await expectValidSignatures([req]);
    const e = await rejection(
      client().cancelSubscription({ applicationId: APP, subscriptionId: SUB }, { headers: { "x-request-tag": "a\r\nx-evil: 1" } }),
    );
    expect(e).toMatchObject({ name: "ValidationError", rule: "header-injection" });
    expect(server.received).toHaveLength(1);
  });

  it("throwOnError: true throws the same typed errors", async () => {
    const c = createAwsQBusinessClient({ ...baseOptions(), throwOnError: true });
    server.replies.push(awsError(404, "ResourceNotFoundException", ex["cancelSubscription.responses.404.example"]));
    const e = await rejection(c.cancelSubscription({ applicationId: APP, subscriptionId: SUB }));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: "ResourceNotFoundException", status: 404, requestId: "req-404", name: "NotFoundError" });
    expectNoSecret(e);
    const ok = await c.cancelSubscription({ applicationId: APP, subscriptionId: "thrown-ok" });
    expect(ok.data.subscriptionArn).toBe(arn(APP, "thrown-ok"));
  });

  it("never leaks the secret key, the session token or the signature, even when the server echoes them", async () => {
    const token = "qb-session-token-5678";
    const c = client({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: token } });
    server.replies.push((req, res) => {
      // Echoed in the body and in response headers (a debugging proxy would do this).
      res.writeHead(403, {
        "X-Amzn-Errortype": "AccessDeniedException",
        "Content-Type": "application/json",
        "x-echo-token": token,
        "x-echo-auth": String(req.headers.authorization),
      });
      res.end(JSON.stringify({ message: `denied ${req.headers.authorization} key=${SECRET} token=${token}` }));
    });
    server.replies.push((req, res) => {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end(`not found ${req.headers.authorization} ${SECRET}`);
    });
    const a = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    const b = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    const signature = parseAuthorization(server.received[0]!.headers.authorization)!.signature;
    for (const error of [a.error, b.error]) {
      expect(error).toBeInstanceOf(ApiError);
      expectNoSecret(error, token, signature);
      expect(String(error)).toContain("[REDACTED]");
    }
  });
});

describe("cancelSubscription: retries", () => {
  it("429 ThrottlingException is retried (AWS standard retry), and every attempt is re-signed", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-03-04T05:06:07Z") });
    const warnings: string[] = [];
    const c = client({ logger: { warn: (m) => warnings.push(m) } });
    server.replies.push((_req, res) => {
      vi.setSystemTime(new Date("2025-03-04T05:06:09Z"));
      res.writeHead(429, { "X-Amzn-Errortype": "ThrottlingException", "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: "Rate exceeded" }));
    });
    const result = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(result.data?.subscriptionArn).toBe(arn(APP, SUB));
    expect(server.received.map((r) => r.headers["x-amz-date"])).toEqual(["20250304T050607Z", "20250304T050609Z"]);
    expect(server.received[0]!.headers.authorization).not.toBe(server.received[1]!.headers.authorization);
    await expectValidSignatures(server.received);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("got HTTP 429 ThrottlingException; retrying in");
  });

  it("ThrottlingException is retried by its code even on a non-429 status", async () => {
    server.replies.push(awsError(400, "ThrottlingException", { message: "Rate exceeded" }));
    const result = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(result.data?.subscriptionArn).toBe(arn(APP, SUB));
    expect(server.received).toHaveLength(2);
  });

  it("Retry-After is honoured (capped by maxRetryAfterMs) when a server sends it", async () => {
    const warnings: string[] = [];
    server.replies.push(awsError(429, "ThrottlingException", { message: "Rate exceeded" }, { "Retry-After": "3" }));
    const result = await client({ logger: { warn: (m) => warnings.push(m) } }).cancelSubscription({
      applicationId: APP,
      subscriptionId: SUB,
    });
    expect(result.data).toBeDefined();
    expect(warnings[0]).toContain("retrying in 7 ms");
  });

  it("500 InternalServerException is retried up to 3 attempts, then returned", async () => {
    server.fallback = awsError(500, "InternalServerException", { message: "boom" });
    const { error } = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(error).toMatchObject({ code: "InternalServerException", attempts: 3 });
    expect(server.received).toHaveLength(3);
    await expectValidSignatures(server.received);
  });

  it("a connection reset is retried (the operation is idempotent)", async () => {
    server.replies.push("reset");
    const result = await client().cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(result.data?.subscriptionArn).toBe(arn(APP, SUB));
    expect(server.received).toHaveLength(2);
    await expectValidSignatures(server.received);
  });

  it("maxAttempts: 1 disables retries", async () => {
    server.fallback = "reset";
    const e = await rejection(client({ retry: { maxAttempts: 1 } }).cancelSubscription({ applicationId: APP, subscriptionId: SUB }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).toMatchObject({ attempts: 1 });
    expect(server.received).toHaveLength(1);
    expectNoSecret(e);
  });
});

describe("cancelSubscription: timeouts and abort", () => {
  it("a server that never answers gives TimeoutError (per-attempt timeout, each attempt retried)", async () => {
    server.fallback = "hang";
    const e = await rejection(client().cancelSubscription({ applicationId: APP, subscriptionId: SUB }, { timeoutMs: 300 }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ name: "TimeoutError", attempts: 3, timeoutMs: 300 });
    expect(server.received.length).toBeLessThanOrEqual(3);
    expectNoSecret(e);
  });

  it("aborting the signal while the request is in flight gives AbortError", async () => {
    const controller = new AbortController();
    server.fallback = () => controller.abort();
    const e = await rejection(client().cancelSubscription({ applicationId: APP, subscriptionId: SUB }, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const e = await rejection(client().cancelSubscription({ applicationId: APP, subscriptionId: SUB }, { signal: AbortSignal.abort() }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(0);
  });
});

describe("cancelSubscription: malformed success", () => {
  it("a 200 whose body is not JSON throws InvalidResponseError (an ApiClientError)", async () => {
    server.replies.push({ status: 200, headers: { "Content-Type": "application/json" }, body: "Service Unavailable" });
    const e = await rejection(client().cancelSubscription({ applicationId: APP, subscriptionId: SUB }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e).toMatchObject({ status: 200, rawBody: "Service Unavailable" });
    expect(server.received).toHaveLength(1);
  });
});

describe("cancelSubscription: input validation (nothing is sent)", () => {
  const bad: [string, Record<string, unknown>, string, string][] = [
    ["applicationId of 35 characters", { applicationId: APP.slice(1), subscriptionId: SUB }, "applicationId", "minLength"],
    ["applicationId of 37 characters", { applicationId: `${APP}1`, subscriptionId: SUB }, "applicationId", "maxLength"],
    ["applicationId starting with '-'", { applicationId: `-${APP.slice(1)}`, subscriptionId: SUB }, "applicationId", "pattern"],
    ["applicationId with a '/'", { applicationId: `${APP.slice(0, 35)}/`, subscriptionId: SUB }, "applicationId", "pattern"],
    ["an empty subscriptionId", { applicationId: APP, subscriptionId: "" }, "subscriptionId", "minLength"],
    ["a subscriptionId of 1225 characters", { applicationId: APP, subscriptionId: "s".repeat(1225) }, "subscriptionId", "maxLength"],
    ["a subscriptionId '..'", { applicationId: APP, subscriptionId: ".." }, "subscriptionId", "path-traversal"],
    ["a missing subscriptionId", { applicationId: APP }, "subscriptionId", "required"],
    ["a numeric applicationId", { applicationId: 1, subscriptionId: SUB }, "applicationId", "type"],
    ["an unknown key", { applicationId: APP, subscriptionId: SUB, userId: "u" }, "userId", "unknown"],
  ];
  it.each(bad)("rejects %s", async (_, input, parameter, rule) => {
    const e = await rejection(client().cancelSubscription(input as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ operationId: "cancelSubscription", parameter, rule });
    expect((e as Error).message).toContain("No request was sent");
    expect(server.received).toHaveLength(0);
    expectNoSecret(e);
  });

  it("accepts the bounds: 1 and 1224 characters", async () => {
    await client().cancelSubscription({ applicationId: APP, subscriptionId: "s" });
    await client().cancelSubscription({ applicationId: APP, subscriptionId: "s".repeat(1224) });
    expect(server.received.map((r) => r.url.length)).toEqual([
      `/applications/${APP}/subscriptions/s`.length,
      `/applications/${APP}/subscriptions/`.length + 1224,
    ]);
  });
});

describe("client configuration", () => {
  it("takes the region from AWS_REGION and the keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", async () => {
    const envSecret = "qbEnvSecretKeyValue/abcdefghijklmnop";
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDENVEXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", envSecret);
    const c = createAwsQBusinessClient({ baseUrl: server.url });
    const result = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expect(result.error).toBeUndefined();
    const req = server.received[0]!;
    expect(parseAuthorization(req.headers.authorization)).toMatchObject({
      accessKeyId: "AKIDENVEXAMPLE",
      region: "eu-west-1",
      service: "qbusiness",
    });
    expect(
      await signatureIsValid(req, { accessKeyId: "AKIDENVEXAMPLE", secretAccessKey: envSecret, service: SERVICE, region: "eu-west-1" }),
    ).toBe(true);

    server.replies.push(awsError(403, "AccessDeniedException", { message: `leak ${envSecret}` }));
    const { error } = await c.cancelSubscription({ applicationId: APP, subscriptionId: SUB });
    expectNoSecret(error, envSecret);
    expect(createAwsQBusinessClient().baseUrl).toBe("https://qbusiness.eu-west-1.api.aws");
  });

  it("without a region the factory throws ValidationError; without credentials the call throws AuthError and sends nothing", async () => {
    expect(() => createAwsQBusinessClient({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET } })).toThrow(ValidationError);
    const e = await rejection(
      createAwsQBusinessClient({ baseUrl: server.url, region: REGION }).cancelSubscription({ applicationId: APP, subscriptionId: SUB }),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect(server.received).toHaveLength(0);
  });

  it("a credential provider that returns no keys gives AuthError", async () => {
    const e = await rejection(
      client({ credentials: async () => ({ accessKeyId: "", secretAccessKey: "" }) }).cancelSubscription({
        applicationId: APP,
        subscriptionId: SUB,
      }),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect(server.received).toHaveLength(0);
  });

  it.each([
    [undefined, "us-east-1", "https://qbusiness.us-east-1.api.aws"],
    ["production", "eu-central-1", "https://qbusiness.eu-central-1.api.aws"],
    ["fips", "us-east-1", "https://qbusiness-fips.us-east-1.api.aws"],
    ["fips", "us-gov-west-1", "https://qbusiness-fips.us-gov-west-1.api.aws"],
    ["china", "cn-north-1", "https://qbusiness.cn-north-1.api.amazonwebservices.com.cn"],
  ] as const)("environment %s in %s picks %s", (environment, region, url) => {
    const c = createAwsQBusinessClient({
      region,
      credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
      ...(environment ? { environment } : {}),
    });
    expect(c.baseUrl).toBe(url);
  });
});
