import { describe, expect, it } from "vitest";
import { AbortError, ApiError, InternalServerError, RateLimitError, TimeoutError, ValidationError } from "../dist/index.js";
import { isRetryableStatus, parseRetryAfter, resolveRetry, retryDelay } from "../dist/internal.js";
import { fixtureClient } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";

const server = useServer();

const ok = (res: Parameters<typeof json>[0]) => json(res, 200, { id: "t-1" });

describe("retry policy (unit)", () => {
  const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT");

  it.each([
    ["0", 0],
    ["3", 3000],
    ["1.5", 1500],
    [" 7 ", 7000],
    ["Wed, 21 Oct 2015 07:28:10 GMT", 10_000],
    ["Wed, 21 Oct 2015 07:27:00 GMT", 0], // in the past: retry at once
    ["Wednesday, 21-Oct-15 07:29:00 GMT", 60_000], // RFC 850 date
  ])("parseRetryAfter(%j) = %d ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, "", "soon", "-5", "1e3", "12abc"])("parseRetryAfter(%j) is undefined", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it("retryDelay honours Retry-After, capped by maxRetryAfterMs", () => {
    const policy = resolveRetry({ maxRetryAfterMs: 2000, baseDelayMs: 100, maxDelayMs: 400 });
    expect(retryDelay(1, policy, 500)).toBe(500);
    expect(retryDelay(1, policy, 0)).toBe(0);
    expect(retryDelay(1, policy, 30_000)).toBe(2000);
    expect(retryDelay(3, policy, parseRetryAfter("3600", now))).toBe(2000);
    expect(retryDelay(1, policy, parseRetryAfter("Wed, 21 Oct 2015 08:28:00 GMT", now))).toBe(2000);
    // Retry-After wins over backoff even when it is larger than maxDelayMs.
    expect(retryDelay(1, policy, 1500)).toBe(1500);
  });

  it("retryDelay without Retry-After: exponential backoff, capped, with at most 25 % jitter", () => {
    const policy = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1000 });
    const noJitter = () => 0;
    const fullJitter = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelay(a, policy, undefined, noJitter))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelay(1, policy, undefined, fullJitter)).toBe(75);
    expect(retryDelay(4, policy, undefined, fullJitter)).toBe(600);
    expect(retryDelay(1000, policy, undefined, noJitter)).toBe(1000);
  });

  it("resolveRetry: defaults, layering and clamping", () => {
    expect(resolveRetry()).toEqual({
      maxAttempts: 3,
      baseDelayMs: 200,
      maxDelayMs: 8000,
      maxRetryAfterMs: 20000,
      retryNonIdempotent: false,
    });
    expect(resolveRetry({ maxAttempts: 5, baseDelayMs: 1 }, { maxAttempts: 2 })).toMatchObject({ maxAttempts: 2, baseDelayMs: 1 });
    expect(resolveRetry({ maxAttempts: 0 }).maxAttempts).toBe(1);
    expect(resolveRetry({ maxAttempts: 2.7 }).maxAttempts).toBe(2);
    expect(resolveRetry({ maxRetryAfterMs: -5 }).maxRetryAfterMs).toBe(0);
  });

  it("resolveRetry rejects NaN / non-numbers instead of looping forever", () => {
    for (const bad of [{ maxAttempts: Number.NaN }, { baseDelayMs: Number.NaN }, { maxAttempts: "3" as unknown as number }]) {
      const e = (() => {
        try {
          resolveRetry(bad);
        } catch (err) {
          return err;
        }
        return undefined;
      })();
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).parameter).toMatch(/^retry\./);
    }
  });

  it("isRetryableStatus: 429 always; 408/5xx only when idempotent or retryNonIdempotent", () => {
    const p = resolveRetry();
    const pn = resolveRetry({ retryNonIdempotent: true });
    for (const s of [408, 500, 502, 503, 504]) {
      expect([isRetryableStatus(s, true, p), isRetryableStatus(s, false, p), isRetryableStatus(s, false, pn)]).toEqual([true, false, true]);
    }
    expect([isRetryableStatus(429, true, p), isRetryableStatus(429, false, p)]).toEqual([true, true]);
    for (const s of [400, 401, 403, 404, 409, 501, 505]) expect(isRetryableStatus(s, true, pn)).toBe(false);
  });
});

/**
 * The retry rules per protocol × idempotency under faults (429 with Retry-After, 5xx by idempotency, resets, connection
 * refused, silent servers) are tested once, per cell, by the fault matrix of tools/reliability. Here: what it does not vary.
 */
describe("retries over HTTP", () => {
  it("a long Retry-After is capped by maxRetryAfterMs (computed delay, from the retry log)", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 503, {}, { "retry-after": "3600" }) : ok(res)));
    const lines: string[] = [];
    const client = fixtureClient(server.url, { retry: { maxRetryAfterMs: 3 }, logger: { warn: (m) => lines.push(m) } });
    const { data } = await client.getThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(lines).toEqual([expect.stringMatching(/got HTTP 503; retrying in 3 ms$/)]);
  });

  // 500, 502 and 503 are fault-matrix cells.
  it.each([408, 504])("GET: HTTP %d is retried", async (status) => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, status, { message: "transient" }) : ok(res)));
    const { data, error } = await fixtureClient(server.url).getThing({ thingId: "t-1" });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests).toHaveLength(2);
  });

  it.each([400, 401, 404, 501])("GET: HTTP %d is not retried", async (status) => {
    server.handle((_q, res) => json(res, status, { message: "no" }));
    const { error } = await fixtureClient(server.url).getThing({ thingId: "t-1" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error?.status).toBe(status);
    expect(error?.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("POST: retryNonIdempotent opts in to 5xx retries", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 500, {}) : json(res, 201, { id: "t-2" })));
    const { data } = await fixtureClient(server.url, { retry: { retryNonIdempotent: true } }).createThing({ name: "box" });
    expect(data).toEqual({ id: "t-2" });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [undefined, 3],
    [1, 1],
    [4, 4],
  ])("attempts are bounded by maxAttempts=%s (%d requests)", async (maxAttempts, expected) => {
    server.handle((_q, res) => json(res, 503, { message: "down" }));
    const client = fixtureClient(server.url, maxAttempts === undefined ? {} : { retry: { maxAttempts } });
    const { error } = await client.getThing({ thingId: "t-1" });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, code: "ServiceUnavailable", attempts: expected });
    expect(server.requests).toHaveLength(expected);
  });

  it("per-call retry options override the client's", async () => {
    server.handle((_q, res) => json(res, 429, {}, { "retry-after": "0" }));
    const client = fixtureClient(server.url, { retry: { maxAttempts: 5 } });
    const { error } = await client.getThing({ thingId: "t-1" }, { retry: { maxAttempts: 2 } });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error?.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe("timeouts (the fault matrix of tools/reliability covers a silent server and a slow drip per cell)", () => {
  it("per-call timeoutMs overrides the client's", async () => {
    server.handle(() => {});
    const client = fixtureClient(server.url, { timeoutMs: 60_000, retry: { maxAttempts: 1 } });
    const e = await rejection(client.getThing({ thingId: "t-1" }, { timeoutMs: 50 }));
    expect(e).toMatchObject({ name: "TimeoutError", timeoutMs: 50 });
  });

  it("timeoutMs: Infinity means no timeout (not an immediate one)", async () => {
    server.handle((_q, res) => setTimeout(() => ok(res), 20));
    const { data } = await fixtureClient(server.url, { timeoutMs: Number.POSITIVE_INFINITY }).getThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests).toHaveLength(1);
  });
});

describe("caller AbortSignal", () => {
  it("an already-aborted signal sends nothing", async () => {
    server.handle((_q, res) => ok(res));
    const e = await rejection(fixtureClient(server.url).getThing({ thingId: "t-1" }, { signal: AbortSignal.abort() }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("aborting while the server is silent -> AbortError, no retry", async () => {
    const controller = new AbortController();
    server.handle(() => setTimeout(() => controller.abort(), 10));
    const e = await rejection(fixtureClient(server.url).getThing({ thingId: "t-1" }, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["the backoff sleep", 503, {}, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }],
    ["a Retry-After wait (POST 429)", 429, { "retry-after": "60" }, { retry: { maxRetryAfterMs: 60_000 } }],
  ] as const)("aborting during %s -> AbortError, no further attempt", async (_what, status, headers, config) => {
    const controller = new AbortController();
    server.handle((_q, res) => {
      json(res, status, {}, headers);
      setTimeout(() => controller.abort(), 30);
    });
    const client = fixtureClient(server.url, config);
    const call =
      status === 429
        ? client.createThing({ name: "box" }, { signal: controller.signal })
        : client.getThing({ thingId: "t-1" }, { signal: controller.signal });
    expect(await rejection(call)).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("aborting while the body drips -> AbortError", async () => {
    const controller = new AbortController();
    server.handle((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const t = setInterval(() => res.write("1,"), 10);
      res.on("close", () => clearInterval(t));
      setTimeout(() => controller.abort(), 40);
    });
    const e = await rejection(fixtureClient(server.url).getThing({ thingId: "t-1" }, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });
});
