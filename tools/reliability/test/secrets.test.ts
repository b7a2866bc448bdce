/**
 * Area 3 — secrets: for every client (CloudCockpit twice: static token and client credentials) and every error
 * path, no credential appears in `message`, `stack`, `String(e)`, `JSON.stringify(e)`, `util.inspect(e)` or the
 * logger lines. A hostile local server echoes everything it can (the Authorization header, the bare SigV4
 * signature, the security token, and the secrets it is told) in JSON bodies, HTML bodies, headers and
 * request ids. Figure: checks passed / checks.
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_CREDENTIALS, loadClients, type ClientCase, type MakeOptions } from "./support/clients.js";
import { FigureLog } from "./support/figures.js";
import { listen, type LocalServer, type Received } from "./support/server.js";

const log = new FigureLog(3, "secrets", "Secrets never leak (every client × every error path × every rendering)");
let clients: ClientCase[];
let server: LocalServer;
let checks = 0;
const failedChecks: string[] = [];

interface Variant {
  label: string;
  c: ClientCase;
  /** Credentials for this variant (fresh per test run). */
  credentials: () => Record<string, unknown>;
  /** Secrets known before any call. */
  secrets: string[];
  /** Credentials whose source fails (AuthError path). */
  failingCredentials: () => Record<string, unknown>;
  /** Credentials with a trailing newline (ValidationError path), when the client takes string credentials. */
  newlineCredentials?: () => Record<string, unknown>;
}

const fresh = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;
const SECRET = {
  mayar: fresh("mayar-live-key"),
  fusebill: fresh("MDpmdXNlYmlsbC1rZXk"),
  token: fresh("eyJhbGciOiJSUzI1NiJ9.cc-token"),
  clientSecret: fresh("cc-client-secret"),
  accessToken: fresh("eyJ0eXAiOiJKV1QifQ.issued-access-token"),
  awsSecret: fresh("aws-secret-access-key"),
  awsSession: fresh("aws-session-token"),
};
const KIND_OF = new Map<string, string>([
  [SECRET.mayar, "API key"],
  [SECRET.fusebill, "API key"],
  [SECRET.token, "bearer token"],
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
  clients = await loadClients();
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
  const c = (id: string) => clients.find((x) => x.id === id)!;
  const awsFailing = () => ({
    region: "us-east-1",
    credentials: async () => Promise.reject(new Error(`cannot load ${SECRET.awsSecret} / ${SECRET.awsSession}`)),
  });
  const aws = { accessKeyId: AWS_CREDENTIALS.accessKeyId, secretAccessKey: SECRET.awsSecret, sessionToken: SECRET.awsSession };
  variants = [
    {
      label: "mayar",
      c: c("mayar"),
      credentials: () => ({ apiKey: SECRET.mayar }),
      secrets: [SECRET.mayar],
      failingCredentials: () => ({ apiKey: () => Promise.reject(new Error(`vault refused ${SECRET.mayar}`)) }),
      newlineCredentials: () => ({ apiKey: `${SECRET.mayar}\n` }),
    },
    {
      label: "fusebill",
      c: c("fusebill"),
      credentials: () => ({ apiKey: SECRET.fusebill }),
      secrets: [SECRET.fusebill],
      failingCredentials: () => ({ apiKey: () => Promise.reject(new Error(`vault refused ${SECRET.fusebill}`)) }),
      newlineCredentials: () => ({ apiKey: `${SECRET.fusebill}\r\n` }),
    },
    {
      label: "cloudcockpit (token)",
      c: c("cloudcockpit"),
      credentials: () => ({ token: SECRET.token }),
      secrets: [SECRET.token],
      failingCredentials: () => ({ token: () => Promise.reject(new Error(`vault refused ${SECRET.token}`)) }),
      newlineCredentials: () => ({ token: `${SECRET.token}\n` }),
    },
    {
      label: "cloudcockpit (client credentials)",
      c: c("cloudcockpit"),
      credentials: () => ({
        clientCredentials: { clientId: "reliability-client", clientSecret: SECRET.clientSecret, tokenUrl: `${server.origin}/token` },
      }),
      secrets: [SECRET.clientSecret, SECRET.accessToken],
      failingCredentials: () => ({
        clientCredentials: { clientId: "reliability-client", clientSecret: SECRET.clientSecret, tokenUrl: `${server.origin}/token-refuse` },
      }),
      newlineCredentials: () => ({
        clientCredentials: { clientId: "reliability-client", clientSecret: `${SECRET.clientSecret}\n`, tokenUrl: `${server.origin}/token` },
      }),
    },
    {
      label: "aws-security-ir",
      c: c("aws-security-ir"),
      credentials: () => ({ region: "us-east-1", credentials: aws }),
      secrets: [SECRET.awsSecret, SECRET.awsSession],
      failingCredentials: awsFailing,
    },
    {
      label: "aws-qbusiness",
      c: c("aws-qbusiness"),
      credentials: () => ({ region: "us-east-1", credentials: aws }),
      secrets: [SECRET.awsSecret, SECRET.awsSession],
      failingCredentials: awsFailing,
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
    how: "6 client setups (CloudCockpit with a token and with client credentials) × error paths (ApiError JSON/HTML/429 echoing the credentials, InvalidResponseError, ConnectionError, TimeoutError, AuthError, ValidationError) × renderings (message, stack, String, JSON.stringify, util.inspect depth ∞, logger lines) × every secret (API key, bearer token, client secret, issued access token, AWS secret key, session token, each SigV4 signature seen)",
    met: failedChecks.length === 0 && checks > 0,
  });
  log.detail = failedChecks.length
    ? [
        "Leaks found in the last run (client / error path / rendering: secret):",
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
async function produce(v: Variant, path: PathName): Promise<{ error: unknown; lines: string[] }> {
  const lines: string[] = [];
  const opts = (kind: string, credentials: Record<string, unknown>): MakeOptions => ({
    baseUrl: `${server.origin}/${kind}/${encodeURIComponent(v.label)}`,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1 },
    // Only the timeout path may time out: a loaded machine must not turn another path's error into a TimeoutError.
    timeoutMs: path === "TimeoutError (no answer)" ? 150 : 10_000,
    logger: { warn: (l) => lines.push(l), debug: (l) => lines.push(l) },
    credentials,
  });
  const run = async (o: MakeOptions, callOptions?: { headers: Record<string, string> }) => {
    try {
      const client = v.c.make(o);
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

describe.each(["mayar", "fusebill", "cloudcockpit (token)", "cloudcockpit (client credentials)", "aws-security-ir", "aws-qbusiness"])(
  "%s",
  (label) => {
    // AWS clients take no string credential: their CR/LF credential case is a property in area 2.
    const paths = PATHS.filter((p) => !(label.startsWith("aws") && p === "ValidationError (credential with a trailing newline)"));
    it.each(paths.map((p) => [p]))("%s", async (path) => {
      const v = variants.find((x) => x.label === label)!;
      signatures.delete(label);
      const { error, lines } = await produce(v, path);
      const E = v.c.errors;
      expect(error).toBeInstanceOf(E.ApiClientError);
      expect(error).toBeInstanceOf((E as unknown as Record<string, new () => unknown>)[EXPECTED_CLASS[path]]!);
      const e = error as Error;
      if (path.startsWith("ApiError")) {
        // The echo is real: what the server sent back does carry the credentials the client sent.
        if (label.startsWith("aws")) expect(signatures.get(label)?.size ?? 0).toBeGreaterThan(0);
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
          if (text.includes(s)) leaks.push(`${label} / ${path} / ${where}: ${kindOf(s)}`);
        }
      }
      failedChecks.push(...leaks);
      expect(leaks).toEqual([]);
    });
  },
);

describe("the echo server really echoes (so the checks above can fail)", () => {
  it("an ApiError's raw server text holds the key, the bare signature and the session token", async () => {
    const v = variants.find((x) => x.label === "aws-qbusiness")!;
    const { fetch } = globalThis;
    let raw = "";
    const client = v.c.make({
      baseUrl: `${server.origin}/api-json/${encodeURIComponent(v.label)}`,
      retry: { maxAttempts: 1 },
      credentials: v.credentials(),
      fetch: async (req) => {
        const res = await fetch(req);
        raw = await res.clone().text();
        return res;
      },
    });
    signatures.delete(v.label);
    const { error } = await client.call();
    expect(error).toBeInstanceOf(v.c.errors.ApiError);
    const sig = [...(signatures.get(v.label) ?? [])][0]!;
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(raw).toContain(`signature ${sig}`);
    expect(raw).toContain(SECRET.awsSession);
    expect(raw).toContain(SECRET.awsSecret);
  });
});
