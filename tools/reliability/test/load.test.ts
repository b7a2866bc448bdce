/**
 * Area 4 — load:
 * (every cell of protocol × idempotency, support/cells.ts)
 *  - 1,000 concurrent calls per cell against a local keep-alive server: all succeed, each gets its own answer;
 *  - 100,000 sequential calls (spread over the cells, every 10th an API error) through the full client pipeline
 *    with an in-memory fetch, plus 10,000 sequential calls over one real keep-alive socket: heap growth measured
 *    after explicit collections (vitest runs this file with --expose-gc) stays under a stated bound;
 *  - a child process making every kind of call (success, retry, timeout, reset, abort) in every cell and every auth
 *    kind exits by itself promptly, with no timer or socket left holding its event loop, while the server keeps its
 *    keep-alive sockets open.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELLS, cellOf, make } from "./support/cells.js";
import { FigureLog } from "./support/figures.js";
import { listen, type LocalServer, type Received } from "./support/server.js";
import type { ServerResponse } from "node:http";
import { run } from "@subscription-apis/test-kit/proc";

const CONCURRENT = 1000;
const SEQUENTIAL = 100_000;
const SOCKET_SEQUENTIAL = 10_000;
const HEAP_BOUND_MB = 10;

const log = new FigureLog(4, "load", "Load, memory and clean exit");
let server: LocalServer;
const hangs = new Set<ServerResponse>();
const seenFaults = new Set<string>();

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function route(r: Received, res: ServerResponse): void {
  if (r.url === "/token") {
    answer(res, 200, { access_token: "exit-access-token-123", expires_in: 3600, token_type: "Bearer" });
    return;
  }
  const fault = String(r.headers["x-fault"] ?? "ok");
  const [kind] = fault.split(":");
  if (kind === "hang") {
    hangs.add(res);
    res.on("close", () => hangs.delete(res));
    return;
  }
  if (kind === "reset") {
    res.socket?.destroy();
    return;
  }
  if (kind === "503-once" && !seenFaults.has(fault)) {
    seenFaults.add(fault);
    answer(res, 503, { message: "busy" });
    return;
  }
  // Echo what identifies the call, so every concurrent caller can check it got its own answer.
  answer(res, 200, { echo: { url: r.url, body: r.body } });
}

beforeAll(async () => {
  server = await listen((_req, res, r) => route(r, res));
  server.server.keepAliveTimeout = 60_000;
});

afterAll(async () => {
  for (const res of hangs) res.destroy();
  await server?.close();
  log.save();
});

const gc = (globalThis as { gc?: () => void }).gc;
/** Heap after collections, once pending finalizers (undici's request/signal registries) have run. */
async function settledHeapMb(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed / 1_048_576;
}

describe(`${CONCURRENT} concurrent calls per cell`, () => {
  it.each(CELLS.map((c) => [c.id, c] as const))("%s", async (id, c) => {
    const client = make(c, { baseUrl: server.origin, retry: { maxAttempts: 1 }, timeoutMs: 30_000 });
    const before = server.connections();
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: CONCURRENT }, (_, i) => client.call(c.vary(i))));
    const ms = Math.round(performance.now() - started);
    let ok = 0;
    results.forEach((r, i) => {
      if (r.status !== "fulfilled" || r.value.error) return;
      // Each caller got the answer to its own request (no cross-talk under concurrency).
      if (JSON.stringify(r.value.data).includes(JSON.stringify(c.idOf(i)).slice(1, -1))) ok++;
    });
    log.add({
      figure: `${id}: concurrent calls that succeeded with their own answer`,
      value: `${ok} / ${CONCURRENT} (${ms} ms, ${server.connections() - before} new TCP connection(s))`,
      bound: `${CONCURRENT} / ${CONCURRENT}`,
      how: `${CONCURRENT} calls started together (Promise.allSettled) against one local keep-alive node:http server; each response echoes the request's id, checked against the caller's input`,
      met: ok === CONCURRENT,
    });
    expect(ok).toBe(CONCURRENT);
  });
});

/**
 * A hang guard, not a speed bound: these loops take ~20 s on an idle 2-core machine and three times that when CI
 * runs other suites beside them; a test that outlives vitest's timeout keeps running and disturbs the next one.
 */
const LOAD_TIMEOUT_MS = 600_000;

describe("heap growth over sequential calls", () => {
  it(
    `${SEQUENTIAL.toLocaleString("en-US")} sequential calls (spread over the ${CELLS.length} cells, in-memory fetch)`,
    async () => {
      expect(gc, "run with --expose-gc (vitest.config.ts execArgv)").toBeTypeOf("function");
      const calls = CELLS.map((c, k) => {
        let n = 0;
        const fetch = async () => {
          n++;
          if (n % 10 === 0) return Response.json({ message: "not found", statusCode: 404 }, { status: 404 });
          return c.successBody === undefined
            ? new Response(null, { status: c.successStatus })
            : Response.json(c.successBody, { status: c.successStatus });
        };
        // Cell k makes its share of the total (the shares add up to exactly SEQUENTIAL).
        const share = Math.floor(((k + 1) * SEQUENTIAL) / CELLS.length) - Math.floor((k * SEQUENTIAL) / CELLS.length);
        return { c, share, client: make(c, { baseUrl: "https://stub.invalid", fetch, retry: { maxAttempts: 1 } }) };
      });
      for (const { c, client } of calls) for (let i = 0; i < 500; i++) await client.call(c.vary(i)); // warm-up (JIT, caches)
      const start = await settledHeapMb();
      let ok = 0;
      let apiErrors = 0;
      let mid = 0;
      const started = performance.now();
      let expectedErrors = 0;
      for (const [k, { c, share, client }] of calls.entries()) {
        for (let i = 0; i < share; i++) {
          const r = await client.call(c.vary(i));
          if (r.error) apiErrors += r.error.status === 404 ? 1 : 0;
          else ok++;
        }
        expectedErrors += Math.floor(share / 10);
        if (k === 1) mid = await settledHeapMb();
      }
      const ms = Math.round(performance.now() - started);
      const end = await settledHeapMb();
      const total = calls.reduce((n, x) => n + x.share, 0);
      const growth = end - start;
      log.add({
        figure: `Heap growth over ${total.toLocaleString("en-US")} sequential calls`,
        value: `${growth.toFixed(2)} MB (after a third: ${(mid - start).toFixed(2)} MB; ${ms} ms)`,
        bound: `< ${HEAP_BOUND_MB} MB`,
        how: `${calls.map((x) => x.share.toLocaleString("en-US")).join(" / ")} calls in the ${CELLS.length} protocol × idempotency cells through the whole client pipeline (validation, auth/SigV4 signing, per-attempt timer, body read, JSON parse, error building) with an in-memory fetch, every 10th a 404 ApiError; heapUsed after gc() ×4 with finalizers drained, after a warm-up`,
        met: growth < HEAP_BOUND_MB && ok + apiErrors === total,
      });
      expect(total).toBe(SEQUENTIAL);
      expect(ok + apiErrors).toBe(total);
      expect(apiErrors).toBe(expectedErrors);
      expect(growth).toBeLessThan(HEAP_BOUND_MB);
    },
    LOAD_TIMEOUT_MS,
  );

  it(
    `${SOCKET_SEQUENTIAL.toLocaleString("en-US")} sequential calls over a real keep-alive socket (http POST, bearer key)`,
    async () => {
      const c = cellOf("http", "not idempotent");
      const client = make(c, { baseUrl: server.origin, retry: { maxAttempts: 1 } });
      for (let i = 0; i < 500; i++) await client.call(c.vary(i));
      const start = await settledHeapMb();
      const before = server.connections();
      let ok = 0;
      const started = performance.now();
      for (let i = 0; i < SOCKET_SEQUENTIAL; i++) if (!(await client.call(c.vary(i))).error) ok++;
      const ms = Math.round(performance.now() - started);
      const growth = (await settledHeapMb()) - start;
      const connections = server.connections() - before;
      log.add({
        figure: `Heap growth over ${SOCKET_SEQUENTIAL.toLocaleString("en-US")} sequential calls on a socket`,
        value: `${growth.toFixed(2)} MB (${ok} ok, ${connections} new TCP connection(s), ${ms} ms)`,
        bound: `< ${HEAP_BOUND_MB} MB, all ok, ≤ 2 connections`,
        how: "http POST cell (bearer key) against the local keep-alive server (client and server in this process); heapUsed after gc() ×4; connections counted by the server",
        met: growth < HEAP_BOUND_MB && ok === SOCKET_SEQUENTIAL && connections <= 2,
      });
      expect(ok).toBe(SOCKET_SEQUENTIAL);
      expect(connections).toBeLessThanOrEqual(2);
      expect(growth).toBeLessThan(HEAP_BOUND_MB);
    },
    LOAD_TIMEOUT_MS,
  );
});

describe("the process exits promptly afterwards", () => {
  it("a child making successes, retries, timeouts, resets and aborts in every cell and auth kind ends by itself", async () => {
    const script = fileURLToPath(new URL("./fixtures/exit-child.mjs", import.meta.url));
    // The child builds its clients from the same cells (their data travels as JSON): every auth kind per protocol.
    const auths = { http: ["bearer key", "basic key", "oauth client credentials"], "aws-rest-json": ["aws sigv4"] };
    const runs = CELLS.flatMap((c) =>
      auths[c.protocol].map((auth) => ({ auth, api: c.api, op: c.op, input: c.input, tokenKey: c.tokenKey, idempotent: c.op.idempotent })),
    );
    // A hang guard of 120 s, not a speed bound.
    const { code, stdout, stderr } = await run(process.execPath, [script, server.origin, JSON.stringify(runs)], { timeoutMs: 120_000 });
    const at = Date.now();
    expect(code, `exit code (SIGTERM after 120 s if it hung); stderr: ${stderr}`).toBe(0);
    const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { outcomes: Record<string, number>; resources: string[]; done: number };
    const lag = at - report.done;
    log.add({
      figure: "Child process: time from its last call to its exit",
      value: `${lag} ms (left holding the loop: ${report.resources.length ? report.resources.join(", ") : "nothing"})`,
      bound: "exits by itself, no Timeout/TCPSocketWrap left (the lag is reported, not asserted: it depends on the machine's load)",
      how: `node child runs 50 calls in each of ${runs.length} cell × auth kind setups (concurrent and sequential successes, 503-then-retry, timeout, reset, abort) with the default 30 s per-attempt timeout, then waits 100 ms, prints process.getActiveResourcesInfo() and must exit on its own; the server keeps its keep-alive sockets open`,
      met: report.resources.length === 0,
    });
    // Per run: 40 ok + 503-once ×3 (idempotent: retried -> ok; POST: one 503 InternalServerError) + timeout + reset + abort.
    const repeatable = runs.filter((r) => r.idempotent).length;
    const n = runs.length;
    expect(report.outcomes).toEqual({
      ok: 40 * n + 3 * repeatable,
      InternalServerError: 3 * (n - repeatable),
      TimeoutError: n,
      ConnectionError: n,
      AbortError: n,
    });
    expect(report.resources).toEqual([]);
  });
});
