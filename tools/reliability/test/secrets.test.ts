/**
 * Area 3 — secrets: for every auth kind (bearer key, Basic key sent verbatim, OAuth client credentials, AWS SigV4 with
 * a session token) × idempotency (support/cells.ts) and every error path, no credential appears in `message`, `stack`,
 * `String(e)`, `JSON.stringify(e)`, `util.inspect(e)` or the logger lines. A hostile local server echoes everything it
 * can (the Authorization header, the bare SigV4 signature, the security token, and the secrets it is told) in JSON
 * bodies, HTML bodies, headers and request ids. Figure: checks passed / checks. What the runtime does to an echo
 * (REDACTED, the 4 KiB cut) is tested in packages/runtime/test/secrets.test.ts.
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as E from "@subscription-apis/runtime";
import { AWS_CREDENTIALS, cellOf, IDEMPOTENCY, make, settle, type AuthSpec, type Protocol } from "./support/cells.js";
import { FigureLog } from "./support/figures.js";
import { listen, type LocalServer, type Received } from "./support/server.js";

const log = new FigureLog(3, "secrets", "Secrets never leak (every auth kind × idempotency × every error path × every rendering)");
let server: LocalServer;
let checks = 0;
const failedChecks: string[] = [];

const fresh = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;
/** Every secret, by what it is (fresh per run). */
const SECRET = {
  "bearer API key": fresh("live-api-key"),
  "Basic API key": fresh("MDpiYXNpYy1rZXk"),
  "client secret": fresh("cc-client-secret"),
  "issued access token": fresh("eyJ0eXAiOiJKV1QifQ.issued-access-token"),
  "AWS secret access key": fresh("aws-secret-access-key"),
  "AWS session token": fresh("aws-session-token"),
};
const kindOf = (s: string) => Object.entries(SECRET).find(([, v]) => v === s)?.[0] ?? "SigV4 signature (bare hex)";
/** Every signature (hex) the server saw, per auth kind. */
const signatures = new Map<string, Set<string>>();

/** An auth kind: the secrets it handles, its credentials, credentials whose source fails, and (string credentials) with a trailing newline. */
interface Variant {
  label: string;
  protocol: Protocol;
  secrets: string[];
  credentials: () => AuthSpec;
  failingCredentials: () => AuthSpec;
  newlineCredentials?: () => AuthSpec;
}
let variants: Variant[];

/** The echo server's answers, by the first path segment of the client's base URL. */
const ECHO: Record<string, (text: string, r: Received, res: ServerResponse) => void> = {
  "api-json": (text, r, res) => {
    const latin1 = text.replace(/[^\x20-\x7e]/g, "?").slice(0, 900);
    res.writeHead(400, {
      "content-type": "application/json",
      "x-request-id": latin1,
      "x-echo": latin1,
      "x-amzn-errortype": "ValidationException",
    });
    const echo = { authorization: r.headers.authorization, token: r.headers["x-amz-security-token"] };
    res.end(JSON.stringify({ message: `Invalid credentials: ${text}`, __type: "ValidationException", errors: [{ message: text }], echo }));
  },
  "api-html": (text, _r, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end(`<html><body><h1>502</h1><pre>${"padding ".repeat(50)}${text}</pre></body></html>`);
  },
  "api-429": (text, _r, res) => {
    res.writeHead(429, { "content-type": "application/json", "retry-after": "0", "x-amzn-errortype": "ThrottlingException" });
    res.end(JSON.stringify({ message: `slow down ${text}` }));
  },
  "invalid-response": (text, _r, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end(`not json: ${text}`);
  },
  reset: (_text, _r, res) => res.socket?.destroy(),
  timeout: () => {},
  token: (_text, _r, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ access_token: SECRET["issued access token"], token_type: "Bearer", expires_in: 3600 }));
  },
  "token-refuse": (_text, _r, res) => {
    const secret = SECRET["client secret"];
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: `invalid_client: ${secret} is wrong`, error_description: `secret ${secret}` }));
  },
};

beforeAll(async () => {
  server = await listen((_req, res, r) => {
    const [, route = "", label = ""] = r.url.split("/");
    const v = variants.find((x) => x.label === decodeURIComponent(label));
    const auth = String(r.headers.authorization ?? "");
    const sig = /Signature=([0-9a-f]{64})/.exec(auth)?.[1];
    if (sig && v) (signatures.get(v.label) ?? signatures.set(v.label, new Set()).get(v.label)!).add(sig);
    const text = [
      `authorization=${auth}`,
      `signature ${sig ?? ""}`,
      `token=${String(r.headers["x-amz-security-token"] ?? "")}`,
      ...(v?.secrets ?? []).map((s) => `secret ${s}`),
    ].join("; ");
    (ECHO[route] ?? ((_t, _r, res) => res.writeHead(404).end()))(text, r, res);
  });
  const oauth = (clientSecret: string, route: string): AuthSpec => ({
    kind: "oauth client credentials",
    ...{ clientId: "reliability-client", clientSecret, tokenUrl: `${server.origin}/${route}` },
  });
  /** A key sent as `Authorization: <prefix><key>` (bearer or Basic): fixed, failing provider, trailing CR/LF. */
  const keyVariant = (kind: "bearer key" | "basic key", key: string, newline: string): Variant => ({
    ...{ label: kind, protocol: "http", secrets: [key], credentials: () => ({ kind, key }) },
    failingCredentials: () => ({ kind, key: () => Promise.reject(new Error(`vault refused ${key}`)) }),
    newlineCredentials: () => ({ kind, key: `${key}${newline}` }),
  });
  const { "client secret": clientSecret, "AWS secret access key": awsSecret, "AWS session token": awsSession } = SECRET;
  const aws = { accessKeyId: AWS_CREDENTIALS.accessKeyId, secretAccessKey: awsSecret, sessionToken: awsSession };
  variants = [
    keyVariant("bearer key", SECRET["bearer API key"], "\n"),
    keyVariant("basic key", SECRET["Basic API key"], "\r\n"),
    {
      ...{ label: "oauth client credentials", protocol: "http", secrets: [clientSecret, SECRET["issued access token"]] },
      credentials: () => oauth(clientSecret, "token"),
      failingCredentials: () => oauth(clientSecret, "token-refuse"),
      newlineCredentials: () => oauth(`${clientSecret}\n`, "token"),
    },
    {
      ...{ label: "aws sigv4", protocol: "aws-rest-json", secrets: [awsSecret, awsSession] },
      credentials: () => ({ kind: "aws sigv4", credentials: aws }),
      failingCredentials: () => ({
        kind: "aws sigv4",
        credentials: async () => Promise.reject(new Error(`cannot load ${awsSecret} / ${awsSession}`)),
      }),
    },
  ];
});

afterAll(async () => {
  await server?.close();
  log.add({
    figure: "Secret checks passed",
    value: `${checks - failedChecks.length} / ${checks}`,
    bound: `${checks} / ${checks}`,
    how: "4 auth kinds (bearer key, Basic key, OAuth client credentials, AWS SigV4 + session token) × 3 idempotency kinds × error paths (ApiError JSON/HTML/429 echoing the credentials, InvalidResponseError, ConnectionError, TimeoutError, AuthError, ValidationError) × renderings (message, stack, String, JSON.stringify, util.inspect depth ∞, logger lines) × every secret (API key, bearer token, client secret, issued access token, AWS secret key, session token, each SigV4 signature seen)",
    met: failedChecks.length === 0 && checks > 0,
  });
  log.detail = failedChecks.length
    ? [
        "Leaks found in the last run (auth kind / idempotency / error path / rendering: secret):",
        "",
        ...[...new Set(failedChecks)].sort().map((l) => `- ${l}`),
      ].join("\n")
    : "No leak found in the last run.";
  log.save();
});

/** Each error path: the error class it must give, the echo server's route, and which credentials or call headers produce it. */
const PATHS: Record<string, { cls: string; route?: string; credentials?: "failing" | "newline"; crlfHeader?: true }> = {
  "ApiError (JSON body + headers echo)": { cls: "ApiError", route: "api-json" },
  "ApiError (HTML 502 echo, retried when idempotent)": { cls: "ApiError", route: "api-html" },
  "ApiError (429 echo, retried)": { cls: "RateLimitError", route: "api-429" },
  "InvalidResponseError (2xx text echo)": { cls: "InvalidResponseError", route: "invalid-response" },
  "ConnectionError (socket destroyed)": { cls: "ConnectionError", route: "reset" },
  "TimeoutError (no answer)": { cls: "TimeoutError", route: "timeout" },
  "AuthError (credential source fails, quoting the secret)": { cls: "AuthError", credentials: "failing" },
  "ValidationError (secret in a header value with CR/LF)": { cls: "ValidationError", crlfHeader: true },
  "ValidationError (credential with a trailing newline)": { cls: "ValidationError", credentials: "newline" },
};

const LABELS = ["bearer key", "basic key", "oauth client credentials", "aws sigv4"];
describe.each(LABELS.flatMap((label) => IDEMPOTENCY.map((idem) => [`${label} / ${idem}`, label, idem] as const)))(
  "%s",
  (_name, label, idempotency) => {
    // SigV4 takes no string credential: its CR/LF credential case is a property in area 2.
    const paths = Object.keys(PATHS).filter((p) => !(label === "aws sigv4" && PATHS[p]!.credentials === "newline"));
    it.each(paths)("%s", async (path) => {
      const v = variants.find((x) => x.label === label)!;
      const p = PATHS[path]!;
      signatures.delete(label);
      const lines: string[] = [];
      const credentials =
        p.credentials === "failing" ? v.failingCredentials() : p.credentials === "newline" ? v.newlineCredentials!() : v.credentials();
      const { result, thrown } = await settle(
        Promise.resolve().then(() =>
          make(cellOf(v.protocol, idempotency), {
            baseUrl: `${server.origin}/${p.route ?? "api-json"}/${encodeURIComponent(v.label)}`,
            retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1 },
            // Only the timeout path may time out: a loaded machine must not turn another path's error into a TimeoutError.
            timeoutMs: p.route === "timeout" ? 150 : 10_000,
            logger: { warn: (l) => lines.push(l), debug: (l) => lines.push(l) },
            auth: credentials,
          }).call(undefined, p.crlfHeader ? { headers: { "x-debug": `${v.secrets[0]}\r\nx-injected: 1` } } : undefined),
        ),
      );
      const error = thrown ?? result?.error;
      expect(error).toBeInstanceOf(E.ApiClientError);
      expect(error).toBeInstanceOf((E as unknown as Record<string, new () => unknown>)[p.cls]!);
      // The echo is real: what the server sent back does carry the credentials the client sent.
      if (path.startsWith("ApiError") && label === "aws sigv4") expect(signatures.get(label)?.size ?? 0).toBeGreaterThan(0);
      const e = error as Error;
      const renderings: Record<string, string> = {
        message: e.message,
        stack: String(e.stack),
        "String(e)": String(e),
        "JSON.stringify(e)": JSON.stringify(e),
        "util.inspect(e)": inspect(e, { depth: Infinity }),
        "logger lines": lines.join("\n"),
      };
      const leaks: string[] = [];
      for (const [where, text] of Object.entries(renderings)) {
        for (const s of [...v.secrets, ...(signatures.get(label) ?? [])]) {
          checks++;
          if (text.includes(s)) leaks.push(`${label} / ${idempotency} / ${path} / ${where}: ${kindOf(s)}`);
        }
      }
      failedChecks.push(...leaks);
      expect(leaks).toEqual([]);
    });
  },
);

describe("the echo server really echoes (so the checks above can fail)", () => {
  it("an ApiError's raw server text holds the key, the bare signature and the session token", async () => {
    const v = variants.find((x) => x.label === "aws sigv4")!;
    const { fetch } = globalThis;
    let raw = "";
    const client = make(cellOf("aws-rest-json", "idempotent"), {
      baseUrl: `${server.origin}/api-json/${encodeURIComponent(v.label)}`,
      retry: { maxAttempts: 1 },
      auth: v.credentials(),
      fetch: async (req) => {
        const res = await fetch(req);
        raw = await res.clone().text();
        return res;
      },
    });
    signatures.delete(v.label);
    expect((await client.call()).error).toBeInstanceOf(E.ApiError);
    const sig = [...(signatures.get(v.label) ?? [])][0]!;
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    for (const s of [`signature ${sig}`, SECRET["AWS session token"], SECRET["AWS secret access key"]]) expect(raw).toContain(s);
  });
});
