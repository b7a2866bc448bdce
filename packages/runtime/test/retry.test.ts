import { describe, expect, it, vi } from "vitest";
import {
  AbortError,
  ApiError,
  ConnectionError,
  InternalServerError,
  RateLimitError,
  TimeoutError,
  ValidationError,
} from "../dist/index.js";
import { isRetryableStatus, parseRetryAfter, resolveRetry, retryDelay } from "../dist/internal.js";
import { fixtureClient } from "./fixture.js";
import { closedPort, json, rejection, useServer } from "./helpers.js";

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

describe("retries over HTTP", () => {
  it("429 with Retry-After: 0 is retried (GET) and succeeds", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 429, { message: "slow down" }, { "retry-after": "0" }) : ok(res)));
    const { data, error } = await fixtureClient(server.url).getThing({ thingId: "t-1" });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests.map((r) => r.url)).toEqual(["/things/t-1", "/things/t-1"]);
  });

  it("429 with an HTTP-date Retry-After is retried", async () => {
    server.handle((_q, res, _r, n) =>
      n === 1 ? json(res, 429, {}, { "retry-after": new Date(Date.now() - 1000).toUTCString() }) : ok(res),
    );
    const lines: string[] = [];
    const { data } = await fixtureClient(server.url, { logger: { warn: (m) => lines.push(m) } }).getThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests).toHaveLength(2);
    expect(lines).toEqual([expect.stringMatching(/getThing: attempt 1\/3 got HTTP 429; retrying in 0 ms/)]);
  });

  it("a long Retry-After is capped by maxRetryAfterMs (computed delay, from the retry log)", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 503, {}, { "retry-after": "3600" }) : ok(res)));
    const lines: string[] = [];
    const client = fixtureClient(server.url, { retry: { maxRetryAfterMs: 3 }, logger: { warn: (m) => lines.push(m) } });
    const { data } = await client.getThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(lines).toEqual([expect.stringMatching(/got HTTP 503; retrying in 3 ms$/)]);
  });

  it.each([408, 500, 502, 503, 504])("GET: HTTP %d is retried", async (status) => {
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

  it.each([500, 502, 503, 504])("POST: HTTP %d is not retried", async (status) => {
    server.handle((_q, res) => json(res, status, { message: "boom" }));
    const { error } = await fixtureClient(server.url).createThing({ name: "box" });
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status, attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "POST", url: "/things", body: '{"name":"box"}' });
  });

  it("POST: 429 is retried", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 429, {}, { "retry-after": "0" }) : json(res, 201, { id: "t-9" })));
    const { data } = await fixtureClient(server.url).createThing({ name: "box" });
    expect(data).toEqual({ id: "t-9" });
    expect(server.requests.map((r) => r.body)).toEqual(['{"name":"box"}', '{"name":"box"}']);
  });

  it("POST marked idempotent (x-idempotent) is retried on 503", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 503, {}) : ok(res)));
    const { data } = await fixtureClient(server.url).syncThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests).toHaveLength(2);
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

describe("connection failures", () => {
  it("GET: a reset connection (server destroys the socket) is retried", async () => {
    server.handle((req, res, _r, n) => (n === 1 ? req.socket.destroy() : ok(res)));
    const { data } = await fixtureClient(server.url).getThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "t-1" });
    expect(server.requests).toHaveLength(2);
  });

  it("GET: resets on every attempt -> ConnectionError after maxAttempts", async () => {
    server.handle((req) => req.socket.destroy());
    const e = await rejection(fixtureClient(server.url).getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).not.toBeInstanceOf(TimeoutError);
    expect(e).toMatchObject({ name: "ConnectionError", attempts: 3 });
    expect(server.requests).toHaveLength(3);
  });

  it("POST: a reset connection is not retried (the server may have acted)", async () => {
    server.handle((req) => req.socket.destroy());
    const e = await rejection(fixtureClient(server.url).createThing({ name: "box" }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect((e as ConnectionError).attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("POST: connection refused is retried (the request provably never left)", async () => {
    const port = await closedPort();
    let calls = 0;
    const client = fixtureClient(`http://127.0.0.1:${port}`, {
      fetch: (r) => {
        calls++;
        return globalThis.fetch(r);
      },
    });
    const e = await rejection(client.createThing({ name: "box" }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(e).toMatchObject({ attempts: 3 });
    expect((e as Error).message).toContain("ECONNREFUSED");
    expect(calls).toBe(3);
  });
});

describe("timeouts", () => {
  it("a server that never answers -> TimeoutError after maxAttempts, each attempt with its own timer", async () => {
    server.handle(() => {
      /* never answer */
    });
    // The attempts' timers run on a fake clock, moved only once the server holds that attempt's request: the outcome
    // cannot depend on how fast the machine is.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const pending = rejection(fixtureClient(server.url, { timeoutMs: 400 }).getThing({ thingId: "t-1" }));
      for (let n = 1; n <= 3; n++) {
        while (server.requests.length < n) await new Promise((r) => setImmediate(r));
        await vi.advanceTimersByTimeAsync(400); // this attempt's timeout
        await vi.advanceTimersByTimeAsync(5); // the backoff before the next one (maxDelayMs 5)
      }
      const e = await pending;
      expect(e).toBeInstanceOf(TimeoutError);
      expect(e).toBeInstanceOf(ConnectionError);
      expect(e).toMatchObject({ name: "TimeoutError", attempts: 3, timeoutMs: 400 });
      // Had the timer been shared, attempts 2 and 3 would have been aborted before reaching the server.
      expect(server.requests).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("POST that times out is not retried", async () => {
    server.handle(() => {});
    const e = await rejection(fixtureClient(server.url, { timeoutMs: 400 }).createThing({ name: "box" }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).attempts).toBe(1);
    // On a loaded machine the attempt may end before the request reaches the server: never more than one.
    expect(server.requests.length).toBeLessThanOrEqual(1);
  });

  it("per-call timeoutMs overrides the client's", async () => {
    server.handle(() => {});
    const client = fixtureClient(server.url, { timeoutMs: 60_000, retry: { maxAttempts: 1 } });
    const e = await rejection(client.getThing({ thingId: "t-1" }, { timeoutMs: 50 }));
    expect(e).toMatchObject({ name: "TimeoutError", timeoutMs: 50 });
  });

  it("a body that drips beyond the timeout -> TimeoutError (the body is read under the timer)", async () => {
    server.handle((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":"');
      const t = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(t));
    });
    const e = await rejection(fixtureClient(server.url, { timeoutMs: 400, retry: { maxAttempts: 2 } }).getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).attempts).toBe(2);
    expect(server.requests.length).toBeLessThanOrEqual(2);
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

  it("aborting during the backoff sleep -> AbortError, no further attempt", async () => {
    const controller = new AbortController();
    server.handle((_q, res) => {
      json(res, 503, {});
      setTimeout(() => controller.abort(), 30);
    });
    const client = fixtureClient(server.url, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const e = await rejection(client.getThing({ thingId: "t-1" }, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("aborting during a Retry-After wait -> AbortError", async () => {
    const controller = new AbortController();
    server.handle((_q, res) => {
      json(res, 429, {}, { "retry-after": "60" });
      setTimeout(() => controller.abort(), 30);
    });
    const client = fixtureClient(server.url, { retry: { maxRetryAfterMs: 60_000 } });
    const e = await rejection(client.createThing({ name: "box" }, { signal: controller.signal }));
    expect(e).toBeInstanceOf(AbortError);
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
