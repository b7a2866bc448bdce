/**
 * Area 3 — secrets: for every auth kind (bearer key, Basic key sent verbatim, OAuth client credentials, AWS SigV4 with
 * a session token) × idempotency (support/cells.ts) and every error path, no credential appears in `message`, `stack`, `String(e)`, `JSON.stringify(e)`, `util.inspect(e)` or the
 * logger lines. A hostile local server echoes everything it can (the Authorization header, the bare SigV4
 * signature, the security token, and the secrets it is told) in JSON bodies, HTML bodies, headers and
 * request ids. Figure: checks passed / checks.
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as E from "@subscription-apis/runtime";
import { AWS_CREDENTIALS, cellOf, IDEMPOTENCY, make, type AuthSpec, type Cell, type MakeOptions, type Protocol } from "./support/cells.js";
import { FigureLog } from "./support/figures.js";
import { listen, type LocalServer, type Received } from "./support/server.js";

const log = new FigureLog(3, "secrets", "Secrets never leak (every auth kind × idempotency × every error path × every rendering)");
let server: LocalServer;
let checks = 0;
const failedChecks: string[] = [];

interface Variant {
  /** The auth kind: the secrets it handles. */
  label: string;
  protocol: Protocol;
  /** Credentials for this variant (fresh per test run). */
  credentials: () => AuthSpec;
  /** Secrets known before any call. */
  secrets: string[];
  /** Credentials whose source fails (AuthError path). */
  failingCredentials: () => AuthSpec;
  /** Credentials with a trailing newline (ValidationError path), when the auth takes string credentials. */
  newlineCredentials?: () => AuthSpec;
}

const fresh = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;
const SECRET = {
  bearer: fresh("live-api-key"),
  basic: fresh("MDpiYXNpYy1rZXk"),
  clientSecret: fresh("cc-client-secret"),
  accessToken: fresh("eyJ0eXAiOiJKV1QifQ.issued-access-token"),
  awsSecret: fresh("aws-secret-access-key"),
  awsSession: fresh("aws-session-token"),
};
const KIND_OF = new Map<string, string>([
  [SECRET.bearer, "bearer API key"],
  [SECRET.basic, "Basic API key"],
  [SECRET.clientSecret, "client secret"],
  [SECRET.accessToken, "issued access token"],
  [SECRET.awsSecret, "AWS secret access key"],
  [SECRET.awsSession, "AWS session token"],
]);
const kindOf = (s: string) => KIND_OF.get(s) ?? "SigV4 signature (bare hex)";
/** Every signature (hex) the server saw, per variant. */
const signatures = new Map<string, Set<string>>();
/** What the server echoes, per variant label: its secrets. */
const echoSecrets = new Map<string, string[]>();
let variants: Variant[];

function echoText(label: string, r: Received): string {
  const auth = String(r.headers.authorization ?? "");
  const sig = /Signature=([0-9a-f]{64})/.exec(auth)?.[1];
  if (sig) (signatures.get(label) ?? signatures.set(label, new Set()).get(label)!).add(sig);
  return [
    `authorization=${auth}`,
    `signature ${sig ?? ""}`,
    `token=${String(r.headers["x-amz-security-token"] ?? "")}`,
    ...(echoSecrets.get(label) ?? []).map((s) => `secret ${s}`),
  ].join("; ");
}

function respondEcho(kind: string, label: string, r: Received, res: ServerResponse): void {
  const text = echoText(label, r);
  const latin1 = text.replace(/[^\x20-\x7e]/g, "?");
  switch (kind) {
    case "api-json": {
      const body = JSON.stringify({
        message: `Invalid credentials: ${text}`,
        __type: `ValidationException`,
        errors: [{ message: text }],
        echo: { authorization: r.headers.authorization, token: r.headers["x-amz-security-token"] },
      });
      res.writeHead(400, {
        "content-type": "application/json",
        "x-request-id": latin1.slice(0, 900),
        "x-echo": latin1.slice(0, 900),
        "x-amzn-errortype": "ValidationException",
      });
      return void res.end(body);
    }
    case "api-html":
      res.writeHead(502, { "content-type": "text/html" });
      return void res.end(`<html><body><h1>502</h1><pre>${"padding ".repeat(50)}${text}</pre></body></html>`);
    case "api-429":
      res.writeHead(429, { "content-type": "application/json", "retry-after": "0", "x-amzn-errortype": "ThrottlingException" });
      return void res.end(JSON.stringify({ message: `slow down ${text}` }));
    case "invalid-response":
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`not json: ${text}`);
    case "reset":
      return void res.socket?.destroy();
    case "timeout":
      return;
    default:
      res.writeHead(404);
      res.end();
  }
}

beforeAll(async () => {
  server = await listen((_req, res, r) => {
    const [, kind = "", label = ""] = r.url.split("/");
    if (kind === "token") {
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ access_token: SECRET.accessToken, token_type: "Bearer", expires_in: 3600 }));
    }
    if (kind === "token-refuse") {
      res.writeHead(400, { "content-type": "application/json" });
      return void res.end(
        JSON.stringify({ error: `invalid_client: ${SECRET.clientSecret} is wrong`, error_description: `secret ${SECRET.clientSecret}` }),
      );
    }
    respondEcho(kind, decodeURIComponent(label), r, res);
  });
  const aws = { accessKeyId: AWS_CREDENTIALS.accessKeyId, secretAccessKey: SECRET.awsSecret, sessionToken: SECRET.awsSession };
  const oauth = (clientSecret: string, path: string): AuthSpec => ({
    kind: "oauth client credentials",
    clientId: "reliability-client",
    clientSecret,
    tokenUrl: `${server.origin}/${path}`,
  });
  /** A key sent as `Authorization: <prefix><key>` (bearer or Basic): fixed, failing provider, trailing CR/LF. */
  const keyVariant = (kind: "bearer key" | "basic key", key: string, newline: string): Variant => ({
    label: kind,
    protocol: "http",
    credentials: () => ({ kind, key }),
    secrets: [key],
    failingCredentials: () => ({ kind, key: () => Promise.reject(new Error(`vault refused ${key}`)) }),
    newlineCredentials: () => ({ kind, key: `${key}${newline}` }),
  });
  variants = [
    keyVariant("bearer key", SECRET.bearer, "\n"),
    keyVariant("basic key", SECRET.basic, "\r\n"),
    {
      label: "oauth client credentials",
      protocol: "http",
      credentials: () => oauth(SECRET.clientSecret, "token"),
      secrets: [SECRET.clientSecret, SECRET.accessToken],
      failingCredentials: () => oauth(SECRET.clientSecret, "token-refuse"),
      newlineCredentials: () => oauth(`${SECRET.clientSecret}\n`, "token"),
    },
    {
      label: "aws sigv4",
      protocol: "aws-rest-json",
      credentials: () => ({ kind: "aws sigv4", credentials: aws }),
      secrets: [SECRET.awsSecret, SECRET.awsSession],
      failingCredentials: () => ({
        kind: "aws sigv4",
        credentials: async () => Promise.reject(new Error(`cannot load ${SECRET.awsSecret} / ${SECRET.awsSession}`)),
      }),
    },
  ];
  for (const v of variants) echoSecrets.set(v.label, v.secrets);
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

const PATHS = [
  "ApiError (JSON body + headers echo)",
  "ApiError (HTML 502 echo, retried when idempotent)",
  "ApiError (429 echo, retried)",
  "InvalidResponseError (2xx text echo)",
  "ConnectionError (socket destroyed)",
  "TimeoutError (no answer)",
  "AuthError (credential source fails, quoting the secret)",
  "ValidationError (secret in a header value with CR/LF)",
  "ValidationError (credential with a trailing newline)",
] as const;
type PathName = (typeof PATHS)[number];
const KIND: Partial<Record<PathName, string>> = {
  "ApiError (JSON body + headers echo)": "api-json",
  "ApiError (HTML 502 echo, retried when idempotent)": "api-html",
  "ApiError (429 echo, retried)": "api-429",
  "InvalidResponseError (2xx text echo)": "invalid-response",
  "ConnectionError (socket destroyed)": "reset",
  "TimeoutError (no answer)": "timeout",
};

/** Run one error path; returns the error and the logger lines. */
async function produce(v: Variant, c: Cell, path: PathName): Promise<{ error: unknown; lines: string[] }> {
  const lines: string[] = [];
  const opts = (kind: string, auth: AuthSpec): MakeOptions => ({
    baseUrl: `${server.origin}/${kind}/${encodeURIComponent(v.label)}`,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1 },
    // Only the timeout path may time out: a loaded machine must not turn another path's error into a TimeoutError.
    timeoutMs: path === "TimeoutError (no answer)" ? 150 : 10_000,
    logger: { warn: (l) => lines.push(l), debug: (l) => lines.push(l) },
    auth,
  });
  const run = async (o: MakeOptions, callOptions?: { headers: Record<string, string> }) => {
    try {
      const client = make(c, o);
      const r = await client.call(undefined, callOptions);
      return r.error;
    } catch (e) {
      return e;
    }
  };
  const kind = KIND[path];
  let error: unknown;
  if (kind) error = await run(opts(kind, v.credentials()));
  else if (path.startsWith("AuthError")) error = await run(opts("api-json", v.failingCredentials()));
  else if (path.startsWith("ValidationError (secret"))
    error = await run(opts("api-json", v.credentials()), { headers: { "x-debug": `${v.secrets[0]}\r\nx-injected: 1` } });
  else error = await run(opts("api-json", v.newlineCredentials!()));
  return { error, lines };
}

const EXPECTED_CLASS: Record<PathName, string> = {
  "ApiError (JSON body + headers echo)": "ApiError",
  "ApiError (HTML 502 echo, retried when idempotent)": "ApiError",
  "ApiError (429 echo, retried)": "RateLimitError",
  "InvalidResponseError (2xx text echo)": "InvalidResponseError",
  "ConnectionError (socket destroyed)": "ConnectionError",
  "TimeoutError (no answer)": "TimeoutError",
  "AuthError (credential source fails, quoting the secret)": "AuthError",
  "ValidationError (secret in a header value with CR/LF)": "ValidationError",
  "ValidationError (credential with a trailing newline)": "ValidationError",
};

const LABELS = ["bearer key", "basic key", "oauth client credentials", "aws sigv4"];
describe.each(LABELS.flatMap((label) => IDEMPOTENCY.map((idem) => [`${label} / ${idem}`, label, idem] as const)))(
  "%s",
  (_name, label, idempotency) => {
    // SigV4 takes no string credential: its CR/LF credential case is a property in area 2.
    const paths = PATHS.filter((p) => !(label === "aws sigv4" && p === "ValidationError (credential with a trailing newline)"));
    it.each(paths.map((p) => [p]))("%s", async (path) => {
      const v = variants.find((x) => x.label === label)!;
      signatures.delete(label);
      const { error, lines } = await produce(v, cellOf(v.protocol, idempotency), path);
      expect(error).toBeInstanceOf(E.ApiClientError);
      expect(error).toBeInstanceOf((E as unknown as Record<string, new () => unknown>)[EXPECTED_CLASS[path]]!);
      const e = error as Error;
      if (path.startsWith("ApiError")) {
        // The echo is real: what the server sent back does carry the credentials the client sent.
        if (label === "aws sigv4") expect(signatures.get(label)?.size ?? 0).toBeGreaterThan(0);
      }
      const secrets = [...v.secrets, ...(signatures.get(label) ?? [])];
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
        for (const s of secrets) {
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
    const { error } = await client.call();
    expect(error).toBeInstanceOf(E.ApiError);
    const sig = [...(signatures.get(v.label) ?? [])][0]!;
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(raw).toContain(`signature ${sig}`);
    expect(raw).toContain(SECRET.awsSession);
    expect(raw).toContain(SECRET.awsSecret);
  });
});
