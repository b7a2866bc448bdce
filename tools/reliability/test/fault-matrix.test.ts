/**
 * Area 1 — fault matrix: ONE fault-injecting node:http server on 127.0.0.1 × protocol (http, aws-rest-json) ×
 * idempotency (idempotent, not idempotent, idempotency token), on the runtime's fixture APIs (support/cells.ts).
 *
 * The server routes on the first two path segments (`/<scenario>/<cell>/…`, set through each client's
 * `baseUrl`) and counts the attempts it sees per cell. For each cell we assert the typed outcome, the attempts
 * (exactly as the retry policy says, never beyond maxAttempts; a non-idempotent POST only retried on 429 /
 * connection refused; a retried request is repeated byte for byte, its idempotency token included),
 * and the backoff delays the client logged (Retry-After honoured and capped). No outcome depends on the machine's
 * speed: only the two timeout scenarios set a per-attempt timeout (their server never finishes, so the timeout always
 * fires); every other cell runs without one (a hang fails through vitest's test timeout). A short timeout on every
 * cell once made "2xx, truncated JSON" see a second attempt on a loaded machine: the first attempt timed out.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as E from "@subscription-apis/runtime";
import { CELLS, make, settle, type Cell } from "./support/cells.js";
import { FigureLog } from "./support/figures.js";
import { closedPort, listen, type LocalServer } from "./support/server.js";

const RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 20 } as const;
/** The per-attempt timeout of the scenarios that test it (the server never completes the response). */
const TIMEOUT_MS = 250;
const TIMEOUT_SCENARIOS = new Set(["never answers", "slow drip beyond the timeout"]);

const isAws = (c: Cell) => c.protocol === "aws-rest-json";

type Fault = (ctx: { c: Cell; attempt: number; req: IncomingMessage; res: ServerResponse }) => void;

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function success(c: Cell, res: ServerResponse): void {
  if (c.successBody === undefined) {
    res.writeHead(c.successStatus);
    res.end();
  } else sendJson(res, c.successStatus, c.successBody);
}

/** The body a success carries in the body-shape scenarios (an operation documenting none: a small object). */
const bodyOf = (c: Cell) => c.successBody ?? { status: "Accepted", requestId: "r-1" };

const HTML_502 =
  "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

const reset: Fault = ({ c, res }) => {
  const text = JSON.stringify(bodyOf(c));
  res.writeHead(c.successStatus, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.write(text.slice(0, 10), () => res.socket?.destroy());
};

const throttled = (retryAfter: () => string) => (c: Cell, res: ServerResponse) =>
  sendJson(
    res,
    429,
    { message: "Too Many Requests" },
    { "retry-after": retryAfter(), ...(isAws(c) ? { "x-amzn-errortype": "ThrottlingException" } : {}) },
  );

const FAULTS: Record<string, Fault> = {
  "429 + Retry-After: seconds": ({ c, res }) => throttled(() => "30")(c, res),
  "429 + Retry-After: HTTP-date, then 200": ({ c, attempt, res }) =>
    attempt === 1 ? throttled(() => new Date(Date.now() + 60_000).toUTCString())(c, res) : success(c, res),
  "500 (JSON body)": ({ c, res }) =>
    sendJson(res, 500, { message: "Internal error" }, isAws(c) ? { "x-amzn-errortype": "InternalServerException" } : {}),
  "502 with an HTML body": ({ res }) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end(HTML_502);
  },
  "503 (JSON body)": ({ res }) => sendJson(res, 503, { message: "Service Unavailable" }),
  "503, then 200": ({ c, attempt, res }) => (attempt === 1 ? sendJson(res, 503, { message: "Service Unavailable" }) : success(c, res)),
  "2xx, empty body, JSON content-type": ({ c, res }) => {
    res.writeHead(c.successStatus, { "content-type": "application/json", "content-length": "0" });
    res.end();
  },
  "2xx, truncated JSON": ({ c, res }) => {
    const text = JSON.stringify(bodyOf(c));
    const cut = text.slice(0, Math.floor(text.length / 2));
    res.writeHead(c.successStatus, { "content-type": "application/json", "content-length": Buffer.byteLength(cut) });
    res.end(cut);
  },
  "2xx, JSON with a wrong content-type": ({ c, res }) => {
    const text = JSON.stringify(bodyOf(c));
    res.writeHead(c.successStatus, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(text) });
    res.end(text);
  },
  "connection reset mid-body": reset,
  "reset, then 200": (ctx) => (ctx.attempt === 1 ? reset(ctx) : success(ctx.c, ctx.res)),
  "never answers": () => {
    /* hold the request open: the client's per-attempt timeout must end it */
  },
  "slow drip beyond the timeout": ({ c, res }) => {
    res.writeHead(c.successStatus, { "content-type": "application/json" });
    res.write(" ");
    const t = setInterval(() => res.write(" "), 25);
    res.on("close", () => clearInterval(t));
  },
  "connection refused": () => {
    throw new Error("never reaches the server");
  },
};
const SCENARIOS = Object.keys(FAULTS);

type Expected =
  | { kind: "data"; attempts: number; data: "body" | "undefined" }
  | { kind: "error"; cls: string; status: number; code: string; attempts: number; html?: boolean }
  | { kind: "thrown"; cls: "ConnectionError" | "TimeoutError" | "InvalidResponseError"; attempts: number };

/** The code the error model promises: the AWS error type when the operation documents it, else the documented status's code, else UnknownError. */
const codeOf = (c: Cell, status: number, awsType?: string) =>
  awsType !== undefined && isAws(c) && c.op.errorCodes?.[awsType] ? awsType : (c.op.errors[String(status)]?.code ?? "UnknownError");

/** The oracle: what the retry policy and error model promise for each cell. */
function expected(scenario: string, c: Cell): Expected {
  const retried = c.op.idempotent ? RETRY.maxAttempts : 1;
  switch (scenario) {
    case "429 + Retry-After: seconds":
      return {
        kind: "error",
        cls: "RateLimitError",
        status: 429,
        code: codeOf(c, 429, "ThrottlingException"),
        attempts: RETRY.maxAttempts,
      };
    case "429 + Retry-After: HTTP-date, then 200":
      return { kind: "data", attempts: 2, data: c.successBody === undefined ? "undefined" : "body" };
    case "500 (JSON body)":
      return { kind: "error", cls: "InternalServerError", status: 500, code: codeOf(c, 500, "InternalServerException"), attempts: retried };
    case "502 with an HTML body":
      return { kind: "error", cls: "InternalServerError", status: 502, code: codeOf(c, 502), attempts: retried, html: true };
    case "503 (JSON body)":
      return { kind: "error", cls: "InternalServerError", status: 503, code: codeOf(c, 503), attempts: retried };
    case "503, then 200":
      return c.op.idempotent
        ? { kind: "data", attempts: 2, data: c.successBody === undefined ? "undefined" : "body" }
        : { kind: "error", cls: "InternalServerError", status: 503, code: codeOf(c, 503), attempts: 1 };
    case "2xx, empty body, JSON content-type":
      return c.op.successBody
        ? { kind: "thrown", cls: "InvalidResponseError", attempts: 1 }
        : { kind: "data", attempts: 1, data: "undefined" };
    case "2xx, truncated JSON":
      return { kind: "thrown", cls: "InvalidResponseError", attempts: 1 };
    case "2xx, JSON with a wrong content-type":
      return { kind: "data", attempts: 1, data: "body" };
    case "connection reset mid-body":
      return { kind: "thrown", cls: "ConnectionError", attempts: retried };
    case "reset, then 200":
      return c.op.idempotent
        ? { kind: "data", attempts: 2, data: c.successBody === undefined ? "undefined" : "body" }
        : { kind: "thrown", cls: "ConnectionError", attempts: 1 };
    case "never answers":
    case "slow drip beyond the timeout":
      return { kind: "thrown", cls: "TimeoutError", attempts: retried };
    case "connection refused":
      // The request provably never left: every method is retried, POST included.
      return { kind: "thrown", cls: "ConnectionError", attempts: RETRY.maxAttempts };
    default:
      throw new Error(`no expectation for ${scenario}`);
  }
}

const log = new FigureLog(1, "fault-matrix", "Fault matrix (one fault-injecting server × protocol × idempotency)");
const COLUMNS = CELLS.map((c) => c.id);
const results = new Map<string, { ok: boolean; outcome: string; attempts: number }>();
let server: LocalServer;
let refusedPort: number;
const seen = new Map<string, { attempts: number; methods: Set<string>; bodies: Set<string> }>();

beforeAll(async () => {
  refusedPort = await closedPort();
  server = await listen((req, res, received) => {
    const [, scenarioKey = "", cellKey = ""] = (req.url ?? "").split("/");
    const scenario = SCENARIOS[Number(scenarioKey)];
    const c = CELLS[Number(cellKey)];
    if (scenario === undefined || !c) {
      res.writeHead(418);
      res.end();
      return;
    }
    const key = `${scenarioKey}/${cellKey}`;
    const s = seen.get(key) ?? { attempts: 0, methods: new Set<string>(), bodies: new Set<string>() };
    s.attempts++;
    s.methods.add(req.method ?? "");
    s.bodies.add(received.body);
    seen.set(key, s);
    FAULTS[scenario]!({ c, attempt: s.attempts, req, res });
  });
});

afterAll(async () => {
  await server?.close();
  const cells = SCENARIOS.length * COLUMNS.length;
  const passed = [...results.values()].filter((r) => r.ok).length;
  log.add({
    figure: "Fault-matrix cells passed",
    value: `${passed} / ${cells}`,
    bound: `${cells} / ${cells}`,
    how: `${SCENARIOS.length} scenarios × ${COLUMNS.length} protocol × idempotency cells; per cell: typed outcome, server-side attempts, retries repeated byte for byte, logged retry delays`,
    met: passed === cells,
  });
  const rows = [`| Scenario | ${COLUMNS.join(" | ")} |`, `| --- | ${COLUMNS.map(() => "---").join(" | ")} |`];
  for (const scenario of SCENARIOS) {
    const cellsOf = COLUMNS.map((id) => {
      const r = results.get(`${scenario}/${id}`);
      return r ? `${r.outcome} ×${r.attempts}${r.ok ? "" : " **FAIL**"}` : "not run";
    });
    rows.push(`| ${scenario} | ${cellsOf.join(" | ")} |`);
  }
  log.detail = [
    "Outcome per cell: `data` or the error class, × the attempts the server saw (connection refused: counted by the client). The operations are the runtime's fixture operations (packages/runtime/test/fixture.ts): http DELETE (202, no body), POST, POST with an idempotency token; AWS restJson1 GET, POST, POST with a `clientToken`.",
    "",
    ...rows,
  ].join("\n");
  log.save();
});

describe.each(SCENARIOS.map((s, i) => [s, i] as const))("%s", (scenario, index) => {
  it.each(CELLS.map((c, i) => [c.id, c, i] as const))("%s", async (id, c, cellIndex) => {
    const exp = expected(scenario, c);
    const lines: string[] = [];
    const refused = scenario === "connection refused";
    const client = make(c, {
      baseUrl: `${refused ? `http://127.0.0.1:${refusedPort}` : server.origin}/${index}/${cellIndex}`,
      retry: { ...RETRY },
      timeoutMs: TIMEOUT_SCENARIOS.has(scenario) ? TIMEOUT_MS : Number.POSITIVE_INFINITY,
      logger: { warn: (l) => lines.push(l), debug: (l) => lines.push(l) },
    });
    const { result, thrown } = await settle(client.call());
    const s = seen.get(`${index}/${cellIndex}`);
    const serverAttempts = s?.attempts ?? 0;
    const outcome = thrown ? (thrown as Error).constructor.name : result?.error ? result.error.constructor.name : "data";
    const clientAttempts = thrown ? ((thrown as { attempts?: number }).attempts ?? -1) : (result?.error?.attempts ?? serverAttempts);
    const record = (ok: boolean) => results.set(`${scenario}/${id}`, { ok, outcome, attempts: refused ? clientAttempts : serverAttempts });
    record(false);

    // Attempts: exactly as the policy says, and never beyond the configured bound.
    if (refused) {
      expect(serverAttempts).toBe(0);
      expect(clientAttempts).toBe(exp.attempts);
    } else {
      expect(serverAttempts).toBeLessThanOrEqual(RETRY.maxAttempts);
      expect(serverAttempts).toBe(exp.attempts);
      expect([...s!.methods]).toEqual([c.op.method.toUpperCase()]);
      // A retry repeats the request byte for byte: the idempotency token is filled in once per call.
      expect(s!.bodies.size).toBe(1);
      if (c.tokenKey) expect(JSON.parse([...s!.bodies][0]!)[c.tokenKey]).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Typed outcome.
    if (exp.kind === "data") {
      expect(thrown).toBeUndefined();
      expect(result?.error).toBeUndefined();
      if (exp.data === "body") expect(result!.data).toEqual(c.successBody ?? bodyOf(c));
      else expect(result!.data).toBeUndefined();
    } else if (exp.kind === "error") {
      expect(thrown).toBeUndefined();
      const err = result!.error!;
      expect(err).toBeInstanceOf(E.ApiError);
      expect(err.constructor.name).toBe(exp.cls);
      expect(err).toBeInstanceOf((E as unknown as Record<string, new () => unknown>)[exp.cls]!);
      expect(err.status).toBe(exp.status);
      expect(err.code).toBe(exp.code);
      expect(err.attempts).toBe(serverAttempts);
      expect(err.message).toContain(`HTTP ${exp.status}`);
      if (exp.html) {
        expect(err.body).toBeUndefined();
        expect(err.rawBody).toContain("502 Bad Gateway");
      }
    } else {
      expect(result).toBeUndefined();
      expect(thrown).toBeInstanceOf(E.ApiClientError);
      expect((thrown as Error).constructor.name).toBe(exp.cls);
      if (exp.cls === "ConnectionError") expect(thrown).not.toBeInstanceOf(E.TimeoutError);
      if (exp.cls === "TimeoutError") expect(thrown).toBeInstanceOf(E.TimeoutError);
      if (exp.cls !== "InvalidResponseError") expect(clientAttempts).toBe(exp.attempts);
      if (refused) expect((thrown as Error).message).toContain("ECONNREFUSED");
    }
    // Backoff: one logged wait per retry; 429 waits are the server's Retry-After capped by maxRetryAfterMs.
    const delays = lines
      .map((l) => /retrying in (\d+) ms/.exec(l)?.[1])
      .filter((d): d is string => d !== undefined)
      .map(Number);
    expect(delays).toHaveLength(exp.attempts - 1);
    for (const d of delays) expect(d).toBeLessThanOrEqual(Math.max(RETRY.maxDelayMs, RETRY.maxRetryAfterMs));
    if (scenario.startsWith("429")) for (const d of delays) expect(d).toBe(RETRY.maxRetryAfterMs);
    record(true);
  });
});
