import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ApiClientError,
  ApiError,
  AuthError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  createAwsSecurityIrClient,
  InternalServerError,
  InvalidResponseError,
  LockedError,
  NotFoundError,
  PaymentRequiredError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  ValidationError,
  type AwsSecurityIrClientOptions,
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
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzzSECRETzz";
const REGION = "eu-west-1";
const SERVICE = "security-ir";
const KEY = { accessKeyId: AKID, secretAccessKey: SECRET, service: SERVICE, region: REGION };
const MEMBERSHIP = "m-abcd1234efgh";

const server = new AwsTestServer();

/** 200 whose body echoes the membership id from the request path (so the data comes from the request). */
const echo: Reply = (req, res) => {
  const id = decodeURIComponent(req.url.split("/").pop() ?? "");
  res.writeHead(200, { "Content-Type": "application/json", "x-amzn-RequestId": "req-ok" });
  res.end(JSON.stringify({ membershipId: id }));
};

const awsError = (status: number, code: string | undefined, body: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { ...(code ? { "X-Amzn-Errortype": code } : {}), "x-amzn-RequestId": `req-${status}`, ...headers },
  body,
});

const baseOptions = (): AwsSecurityIrClientOptions => ({
  baseUrl: server.url,
  region: REGION,
  credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
  retry: { baseDelayMs: 1, maxRetryAfterMs: 7 },
});

const client = (extra: Partial<AwsSecurityIrClientOptions> = {}) => createAwsSecurityIrClient({ ...baseOptions(), ...extra });

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

describe("cancelMembership: request and SigV4", () => {
  it("sends PUT /v1/membership/{id} without body or Content-Type, signed with SigV4, and returns the typed data", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-01-02T03:04:05Z") });
    const result = await client().cancelMembership({ membershipId: MEMBERSHIP });

    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ membershipId: MEMBERSHIP });
    expect(result.response.status).toBe(200);

    expect(server.received).toHaveLength(1);
    const req = server.received[0]!;
    expect(req.method).toBe("PUT");
    expect(req.url).toBe(`/v1/membership/${MEMBERSHIP}`);
    expect(req.body).toBe("");
    expect(req.headers["content-type"]).toBeUndefined();

    expect(req.headers["x-amz-date"]).toBe("20250102T030405Z");
    const auth = parseAuthorization(req.headers.authorization);
    expect(auth).toMatchObject({ accessKeyId: AKID, date: "20250102", region: REGION, service: "security-ir" });
    expect(req.headers.authorization).toContain(`Credential=${AKID}/20250102/${REGION}/security-ir/aws4_request`);
    expect(auth!.signedHeaders).toEqual(expect.arrayContaining(["host", "x-amz-date"]));
    expect(req.headers["x-amz-security-token"]).toBeUndefined();

    // The server verifies the signature independently: @smithy/signature-v4 and a hand-written SigV4.
    expect(await expectedAuthorizationSmithy(req, KEY)).toBe(req.headers.authorization);
    expect(expectedAuthorizationManual(req, KEY)).toBe(req.headers.authorization);
    // ... and a wrong key, region or service would not verify.
    expect(await signatureIsValid(req, { ...KEY, secretAccessKey: `${SECRET}x` })).toBe(false);
    expect(await signatureIsValid(req, { ...KEY, region: "us-east-1" })).toBe(false);
    expect(await signatureIsValid(req, { ...KEY, service: "qbusiness" })).toBe(false);
    // The secret never travels.
    expect(JSON.stringify(req)).not.toContain(SECRET);
  });

  it("a tampered request no longer verifies (the verifier really checks method, path and headers)", async () => {
    await client().cancelMembership({ membershipId: MEMBERSHIP });
    const req = server.received[0]!;
    expect(await signatureIsValid(req, KEY)).toBe(true);
    expect(await signatureIsValid({ ...req, method: "DELETE" }, KEY)).toBe(false);
    expect(await signatureIsValid({ ...req, url: "/v1/membership/m-zzzz1234efgh" }, KEY)).toBe(false);
    expect(await signatureIsValid({ ...req, headers: { ...req.headers, "x-amz-date": "20000101T000000Z" } }, KEY)).toBe(false);
  });

  it("signs temporary credentials with X-Amz-Security-Token, from a credential provider", async () => {
    const provider = vi.fn(async () => ({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: SECRET, sessionToken: "session-token-value-1234" }));
    const result = await client({ credentials: provider }).cancelMembership({ membershipId: MEMBERSHIP });
    expect(result.data).toEqual({ membershipId: MEMBERSHIP });
    const req = server.received[0]!;
    expect(req.headers["x-amz-security-token"]).toBe("session-token-value-1234");
    expect(parseAuthorization(req.headers.authorization)?.signedHeaders).toContain("x-amz-security-token");
    expect(await signatureIsValid(req, { ...KEY, accessKeyId: "ASIAEXAMPLE" })).toBe(true);
    expect(provider).toHaveBeenCalled();
  });

  it("the raw openapi-fetch client is signed too", async () => {
    const c = client();
    const { data, response } = await rawClient(c).PUT("/v1/membership/{membershipId}", {
      params: { path: { membershipId: "m-raw000000001" } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual({ membershipId: "m-raw000000001" });
    expect(server.received[0]).toMatchObject({ method: "PUT", url: "/v1/membership/m-raw000000001" });
    await expectValidSignatures(server.received);
  });
});

describe("cancelMembership: documented errors", () => {
  const ex = examples;
  // [X-Amzn-Errortype as sent, code, status, body, class, retried by the default policy?]
  const cases: [string, string, number, Record<string, unknown>, new (...a: never[]) => ApiError, boolean][] = [
    [
      "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
      "ValidationException",
      400,
      ex["cancelMembership.responses.400.ValidationException"],
      BadRequestError,
      false,
    ],
    [
      "SecurityIncidentResponseNotActiveException",
      "SecurityIncidentResponseNotActiveException",
      400,
      ex["cancelMembership.responses.400.SecurityIncidentResponseNotActiveException"],
      BadRequestError,
      false,
    ],
    [
      "ServiceQuotaExceededException",
      "ServiceQuotaExceededException",
      402,
      ex["cancelMembership.responses.402.example"],
      PaymentRequiredError,
      false,
    ],
    ["AccessDeniedException", "AccessDeniedException", 403, ex["cancelMembership.responses.403.example"], PermissionDeniedError, false],
    ["ResourceNotFoundException", "ResourceNotFoundException", 404, ex["cancelMembership.responses.404.example"], NotFoundError, false],
    [
      "com.amazonaws.securityir#ConflictException",
      "ConflictException",
      409,
      ex["cancelMembership.responses.409.example"],
      ConflictError,
      false,
    ],
    ["InvalidTokenException", "InvalidTokenException", 423, ex["cancelMembership.responses.423.example"], LockedError, true],
    ["ThrottlingException", "ThrottlingException", 429, ex["cancelMembership.responses.429.example"], RateLimitError, true],
    ["InternalServerException", "InternalServerException", 500, ex["cancelMembership.responses.500.example"], InternalServerError, true],
  ];

  it.each(cases)("X-Amzn-Errortype %s -> %s (HTTP %i)", async (header, code, status, body, Class, retried) => {
    server.fallback = awsError(status, header, body, status === 429 || status === 500 ? { "Retry-After": "0" } : {});
    const { data, error, response } = await client().cancelMembership({ membershipId: MEMBERSHIP });
    expect(data).toBeUndefined();
    expect(response.status).toBe(status);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ code, status, body, requestId: `req-${status}`, operationId: "cancelMembership", rawCode: undefined });
    expect(error!.message).toContain(code);
    // Retry classification: @retryable errors (423, 429, 500) are retried up to 3 attempts, the others are not.
    const attempts = retried ? 3 : 1;
    expect(error!.attempts).toBe(attempts);
    expect(server.received).toHaveLength(attempts);
    await expectValidSignatures(server.received);
    expectNoSecret(error);
  });

  it("the two 400s are told apart by X-Amzn-Errortype only, and narrowing gives the typed body", async () => {
    const c = client();
    server.replies.push(awsError(400, "ValidationException", ex["cancelMembership.responses.400.ValidationException"]));
    server.replies.push(awsError(400, "SecurityIncidentResponseNotActiveException", { message: "not active" }));
    const first = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const second = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const fields: string[] = [];
    for (const { error } of [first, second]) {
      if (error?.code === "ValidationException")
        fields.push(...(error.body?.fieldList ?? []).map((f) => `${f.name}: ${f.message}`), error.body!.reason);
      else if (error?.code === "SecurityIncidentResponseNotActiveException") fields.push(`not active: ${error.body?.message}`);
    }
    expect(fields).toEqual([
      "membershipId: Member must satisfy regular expression pattern: ^m-[a-z0-9]{10,32}$",
      "FIELD_VALIDATION_FAILED",
      "not active: not active",
    ]);
  });

  it("falls back to the body's __type (then `code`) when X-Amzn-Errortype is absent", async () => {
    const c = client();
    server.replies.push(awsError(404, undefined, { __type: "com.amazonaws.securityir#ResourceNotFoundException", message: "gone" }));
    server.replies.push(
      awsError(409, undefined, { code: "ConflictException", message: "busy", resourceId: MEMBERSHIP, resourceType: "membership" }),
    );
    server.replies.push(
      awsError(400, "SecurityIncidentResponseNotActiveException", { __type: "ValidationException", message: "header wins" }),
    );
    const a = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const b = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const h = await c.cancelMembership({ membershipId: MEMBERSHIP });
    expect(a.error).toMatchObject({ code: "ResourceNotFoundException", status: 404, body: { message: "gone" }, requestId: "req-404" });
    expect(a.error).toBeInstanceOf(NotFoundError);
    expect(b.error).toMatchObject({ code: "ConflictException", status: 409, body: { resourceId: MEMBERSHIP } });
    expect(h.error).toMatchObject({ code: "SecurityIncidentResponseNotActiveException", status: 400 });
  });

  it("an undocumented code or a non-JSON body is UnknownError, keeping what the server sent", async () => {
    const c = client({ retry: { maxAttempts: 1 } });
    server.replies.push(awsError(400, "BrandNewException", { message: "new" }));
    server.replies.push({
      status: 502,
      headers: { "Content-Type": "text/html", "x-amzn-RequestId": "req-html" },
      body: "<html><body>Bad gateway</body></html>",
    });
    const a = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const b = await c.cancelMembership({ membershipId: MEMBERSHIP });
    expect(a.error).toMatchObject({ code: "UnknownError", rawCode: "BrandNewException", status: 400, body: { message: "new" } });
    expect(a.error).toBeInstanceOf(BadRequestError);
    expect(b.error).toMatchObject({
      code: "UnknownError",
      status: 502,
      body: undefined,
      rawBody: "<html><body>Bad gateway</body></html>",
      requestId: "req-html",
    });
    expect(b.error).toBeInstanceOf(InternalServerError);
  });

  it("throwOnError: true throws the same typed errors", async () => {
    const c = createAwsSecurityIrClient({ ...baseOptions(), throwOnError: true, retry: { maxAttempts: 1 } });
    server.replies.push(awsError(404, "ResourceNotFoundException", { message: "no such membership" }));
    const e = await rejection(c.cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: "ResourceNotFoundException", status: 404, requestId: "req-404", name: "NotFoundError" });
    expectNoSecret(e);
    // Success still resolves with data.
    const ok = await c.cancelMembership({ membershipId: "m-thrown0000001" });
    expect(ok.data.membershipId).toBe("m-thrown0000001");
  });

  it("never leaks the secret key, the session token or the signature, even when the server echoes them", async () => {
    const token = "session-token-value-5678";
    const c = client({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: token }, retry: { maxAttempts: 1 } });
    const echoAuth: Reply = (req, res) => {
      res.writeHead(403, { "X-Amzn-Errortype": "AccessDeniedException", "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: `denied ${req.headers.authorization} key=${SECRET} token=${token}` }));
    };
    const echoText: Reply = (req, res) => {
      res.writeHead(400, { "Content-Type": "text/plain" });
      res.end(`bad ${req.headers.authorization} key=${SECRET}`);
    };
    server.replies.push(echoAuth, echoText);
    const a = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const b = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const signature = parseAuthorization(server.received[0]!.headers.authorization)!.signature;
    for (const error of [a.error, b.error]) {
      expect(error).toBeInstanceOf(ApiError);
      expectNoSecret(error, token, signature);
      expect(String(error)).toContain("[REDACTED]");
    }
    expect(a.error?.code).toBe("AccessDeniedException");
    expect(b.error).toMatchObject({ code: "UnknownError", status: 400 });
  });
});

describe("secrets echoed in response headers", () => {
  const token = "session-token-value-echoed";
  async function echoedError() {
    const c = client({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: token }, retry: { maxAttempts: 1 } });
    server.replies.push((req, res) => {
      res.writeHead(403, {
        "X-Amzn-Errortype": "AccessDeniedException",
        "x-echo-authorization": String(req.headers.authorization),
        "x-echo-token": token,
      });
      res.end(JSON.stringify({ message: "denied" }));
    });
    const { error } = await c.cancelMembership({ membershipId: MEMBERSHIP });
    const signature = parseAuthorization(server.received[0]!.headers.authorization)!.signature;
    return { error, signature };
  }

  it("are not in the message, String(), stack or JSON of the error", async () => {
    const { error, signature } = await echoedError();
    expect(error).toMatchObject({ code: "AccessDeniedException", status: 403 });
    for (const text of [String(error), error!.message, error!.stack ?? "", JSON.stringify(error)]) {
      for (const s of [SECRET, token, signature]) expect(text).not.toContain(s);
    }
  });

  it("are redacted from error.headers, so util.inspect(error) shows none of them", async () => {
    const { error, signature } = await echoedError();
    const text = inspect(error, { depth: 10 });
    expect(text).toContain("x-echo-token");
    expect(text).not.toContain(token);
    expect(text).not.toContain(signature);
    expect(error!.headers.get("x-echo-token")).toBe("[REDACTED]");
    expectNoSecret(error, token, signature);
  });
});

describe("cancelMembership: retries", () => {
  it("429 ThrottlingException with Retry-After is retried, and every attempt is re-signed", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-01-02T03:04:05Z") });
    const warnings: string[] = [];
    const c = client({ logger: { warn: (m) => warnings.push(m) } });
    server.replies.push((_req, res) => {
      vi.setSystemTime(new Date("2025-01-02T03:04:12Z")); // the retry happens "7 s later"
      res.writeHead(429, { "X-Amzn-Errortype": "ThrottlingException", "Retry-After": "1", "Content-Type": "application/json" });
      res.end(JSON.stringify({ message: "Rate exceeded" }));
    });
    const result = await c.cancelMembership({ membershipId: MEMBERSHIP });
    expect(result.data).toEqual({ membershipId: MEMBERSHIP });
    expect(server.received).toHaveLength(2);
    const [first, second] = server.received as [Received, Received];
    expect(first.headers["x-amz-date"]).toBe("20250102T030405Z");
    expect(second.headers["x-amz-date"]).toBe("20250102T030412Z");
    expect(first.headers.authorization).not.toBe(second.headers.authorization);
    await expectValidSignatures(server.received);
    // Retry-After (1 s) was honoured, capped to maxRetryAfterMs (7 ms): no jittered backoff.
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("got HTTP 429 ThrottlingException; retrying in 7 ms");
    expect(warnings.join("\n")).not.toContain(SECRET);
  });

  it("500 InternalServerException is retried up to 3 attempts, then returned", async () => {
    server.fallback = awsError(500, "InternalServerException", { message: "boom" });
    const { error } = await client().cancelMembership({ membershipId: MEMBERSHIP });
    expect(error).toMatchObject({ code: "InternalServerException", status: 500, attempts: 3 });
    expect(server.received).toHaveLength(3);
    await expectValidSignatures(server.received);
  });

  it("500 then 200 succeeds on the second attempt; maxAttempts per call limits attempts", async () => {
    server.replies.push(awsError(500, "InternalServerException", { message: "boom" }));
    const ok = await client().cancelMembership({ membershipId: MEMBERSHIP });
    expect(ok.data).toEqual({ membershipId: MEMBERSHIP });
    expect(server.received).toHaveLength(2);

    server.reset(awsError(500, "InternalServerException", { message: "boom" }));
    const { error } = await client().cancelMembership({ membershipId: MEMBERSHIP }, { retry: { maxAttempts: 1 } });
    expect(error?.attempts).toBe(1);
    expect(server.received).toHaveLength(1);
  });

  it("a connection reset is retried (the operation is idempotent)", async () => {
    server.replies.push("reset");
    const result = await client().cancelMembership({ membershipId: MEMBERSHIP });
    expect(result.data).toEqual({ membershipId: MEMBERSHIP });
    expect(server.received).toHaveLength(2);
    await expectValidSignatures(server.received);
  });

  it("connection resets on every attempt give a ConnectionError after 3 attempts", async () => {
    server.fallback = "reset";
    const e = await rejection(client().cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ attempts: 3 });
    expect(server.received).toHaveLength(3);
    expectNoSecret(e);
  });

  it("corrects the clock from the Date header after a clock-skew error and retries at once", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2025-01-02T03:04:05Z") });
    server.replies.push(
      awsError(403, "InvalidSignatureException", { message: "Signature expired" }, { Date: "Thu, 02 Jan 2025 04:04:05 GMT" }),
    );
    const result = await client().cancelMembership({ membershipId: MEMBERSHIP });
    expect(result.data).toEqual({ membershipId: MEMBERSHIP });
    expect(server.received.map((r) => r.headers["x-amz-date"])).toEqual(["20250102T030405Z", "20250102T040405Z"]);
    await expectValidSignatures(server.received);
  });
});

describe("cancelMembership: timeouts and abort", () => {
  it("a server that never answers gives TimeoutError after the per-attempt timeout of each attempt", async () => {
    server.fallback = "hang";
    const e = await rejection(client({ timeoutMs: 300 }).cancelMembership({ membershipId: MEMBERSHIP }, { retry: { maxAttempts: 2 } }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).toMatchObject({ name: "TimeoutError", attempts: 2, timeoutMs: 300 });
    expect(server.received.length).toBeLessThanOrEqual(2);
    expectNoSecret(e);
  });

  it("aborting the signal while the request is in flight gives AbortError, without retrying", async () => {
    const controller = new AbortController();
    server.fallback = () => controller.abort();
    const e = await rejection(client().cancelMembership({ membershipId: MEMBERSHIP }, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(1);
    expectNoSecret(e);
  });

  it("an already aborted signal sends nothing", async () => {
    const e = await rejection(client().cancelMembership({ membershipId: MEMBERSHIP }, { signal: AbortSignal.abort() }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.received).toHaveLength(0);
  });

  it("a response whose body stalls after the headers times out too (the body is read under the timeout)", async () => {
    server.fallback = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"membershipId":');
    };
    const e = await rejection(client({ timeoutMs: 150, retry: { maxAttempts: 1 } }).cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toBeInstanceOf(TimeoutError);
    // On a loaded machine the attempt may end before the request reaches the server: never more than one.
    expect(server.received.length).toBeLessThanOrEqual(1);
  });

  it("connection refused is retried, then a ConnectionError", async () => {
    const closed = new AwsTestServer();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const e = await rejection(client({ baseUrl: url }).cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).toMatchObject({ attempts: 3 });
    expect((e as Error).message).toContain("ECONNREFUSED");
    expectNoSecret(e);
  });
});

describe("cancelMembership: malformed success", () => {
  it("a 200 whose body is not JSON throws InvalidResponseError (an ApiClientError)", async () => {
    server.replies.push({ status: 200, headers: { "Content-Type": "application/json" }, body: "<html>oops</html>" });
    const e = await rejection(client().cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e).toBeInstanceOf(ApiClientError);
    expect(e).toMatchObject({ name: "InvalidResponseError", status: 200, rawBody: "<html>oops</html>" });
  });

  // An empty 2xx body where the spec documents a JSON body is an invalid response, never `data: undefined`.
  it("a 200 with an empty body is rejected instead of returning data: undefined", async () => {
    server.replies.push({ status: 200, body: "" });
    const e = await rejection(client().cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toMatchObject({ name: "InvalidResponseError", status: 200 });
  });
});

describe("cancelMembership: input validation (nothing is sent)", () => {
  const bad: [string, Record<string, unknown>, string, string][] = [
    ["too short", { membershipId: "bad" }, "membershipId", "minLength"],
    ["upper case", { membershipId: "m-ABCD1234EFGH" }, "membershipId", "pattern"],
    ["a slash", { membershipId: "m-abcd/1234efgh" }, "membershipId", "pattern"],
    ["too long", { membershipId: `m-${"a".repeat(33)}` }, "membershipId", "maxLength"],
    ["empty", { membershipId: "" }, "membershipId", "minLength"],
    ["missing", {}, "membershipId", "required"],
    ["not a string", { membershipId: 123456789012 }, "membershipId", "type"],
    ["an unknown key", { membershipId: MEMBERSHIP, force: true }, "force", "unknown"],
  ];
  it.each(bad)("rejects %s", async (_, input, parameter, rule) => {
    const e = await rejection(client().cancelMembership(input as never));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ operationId: "cancelMembership", parameter, rule });
    expect((e as Error).message).toContain("No request was sent");
    expect(server.received).toHaveLength(0);
    expectNoSecret(e);
  });
});

describe("client configuration", () => {
  it("takes the region from AWS_REGION and the keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", async () => {
    const envSecret = "envSecretKeyValue/abcdefghijklmnop";
    vi.stubEnv("AWS_REGION", "ap-southeast-2");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDENVEXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", envSecret);
    const c = createAwsSecurityIrClient({ baseUrl: server.url, retry: { maxAttempts: 1 } });
    const result = await c.cancelMembership({ membershipId: MEMBERSHIP });
    expect(result.data).toEqual({ membershipId: MEMBERSHIP });
    const req = server.received[0]!;
    expect(parseAuthorization(req.headers.authorization)).toMatchObject({
      accessKeyId: "AKIDENVEXAMPLE",
      region: "ap-southeast-2",
      service: "security-ir",
    });
    expect(
      await signatureIsValid(req, {
        accessKeyId: "AKIDENVEXAMPLE",
        secretAccessKey: envSecret,
        service: SERVICE,
        region: "ap-southeast-2",
      }),
    ).toBe(true);

    // The env secret is redacted from errors as well.
    server.replies.push(awsError(403, "AccessDeniedException", { message: `leak ${envSecret}` }));
    const { error } = await c.cancelMembership({ membershipId: MEMBERSHIP });
    expectNoSecret(error, envSecret);
  });

  it("falls back to AWS_DEFAULT_REGION, and the region fills the endpoint host", () => {
    vi.stubEnv("AWS_DEFAULT_REGION", "eu-central-1");
    expect(createAwsSecurityIrClient({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET } }).baseUrl).toBe(
      "https://security-ir.eu-central-1.api.aws",
    );
  });

  it("without a region the factory throws ValidationError", () => {
    expect(() => createAwsSecurityIrClient({ credentials: { accessKeyId: AKID, secretAccessKey: SECRET } })).toThrow(ValidationError);
    expect(() =>
      createAwsSecurityIrClient({ region: "not a region!", credentials: { accessKeyId: AKID, secretAccessKey: SECRET } }),
    ).toThrow(ValidationError);
  });

  it("without credentials the call throws AuthError and sends nothing", async () => {
    const e = await rejection(
      createAwsSecurityIrClient({ baseUrl: server.url, region: REGION }).cancelMembership({ membershipId: MEMBERSHIP }),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect(server.received).toHaveLength(0);
  });

  it("a failing credential provider gives AuthError without its message (which may hold secrets)", async () => {
    const provider = async () => {
      throw new Error(`profile broken: ${SECRET}`);
    };
    const e = await rejection(client({ credentials: provider }).cancelMembership({ membershipId: MEMBERSHIP }));
    expect(e).toBeInstanceOf(AuthError);
    expect(server.received).toHaveLength(0);
    expectNoSecret(e);
  });

  it.each([
    [undefined, "https://security-ir.us-west-2.api.aws"],
    ["production", "https://security-ir.us-west-2.api.aws"],
    ["fips", "https://security-ir-fips.us-west-2.api.aws"],
  ] as const)("environment %s picks %s", (environment, url) => {
    const c = createAwsSecurityIrClient({
      region: "us-west-2",
      credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
      ...(environment ? { environment } : {}),
    });
    expect(c.baseUrl).toBe(url);
  });

  it("environment fips works for GovCloud, china / china-fips for the aws-cn partition", () => {
    const creds = { accessKeyId: AKID, secretAccessKey: SECRET };
    expect(createAwsSecurityIrClient({ environment: "fips", region: "us-gov-west-1", credentials: creds }).baseUrl).toBe(
      "https://security-ir-fips.us-gov-west-1.api.aws",
    );
    expect(createAwsSecurityIrClient({ environment: "china", region: "cn-north-1", credentials: creds }).baseUrl).toBe(
      "https://security-ir.cn-north-1.api.amazonwebservices.com.cn",
    );
    expect(createAwsSecurityIrClient({ environment: "china-fips", region: "cn-northwest-1", credentials: creds }).baseUrl).toBe(
      "https://security-ir-fips.cn-northwest-1.api.amazonwebservices.com.cn",
    );
    expect(() => createAwsSecurityIrClient({ environment: "staging" as never, region: REGION, credentials: creds })).toThrow(
      ValidationError,
    );
  });
});
