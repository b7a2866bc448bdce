import { beforeAll, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthError,
  bearerAuth,
  clientCredentialsProvider,
  ConnectionError,
  headerAuth,
  InvalidResponseError,
  TimeoutError,
  ValidationError,
  type Auth,
} from "../dist/index.js";
import { REDACTED, SecretRegistry } from "../dist/internal.js";
import { sigv4Auth } from "../dist/sigv4.js";
import { fixtureClient } from "./fixture.js";
import { expectNoSecret, json, rejection, renderings, useServer, text } from "./helpers.js";

const server = useServer();
const idp = useServer();

const BEARER = "mayar-live-6Jd9sQx2Lw0PzR4tVb8";
const BASIC = "MDpmdXNlYmlsbC1zZWNyZXQta2V5LTEyMzQ1Njc4OTA=";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY";
const AWS_SESSION = "IQoJb3JpZ2luX2VjEXAMPLESESSIONtoken0123456789";
const CC_SECRET = "cc-Secret~8Q.zR2_vY7pL4wX9";
const CC_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJlLXBhcnQ";

interface Case {
  name: string;
  /** Every value that must never appear in errors or logs. */
  secrets: string[];
  auth(): Auth;
  /** An auth whose credentials cannot be obtained (-> AuthError). */
  failingAuth(): Auth;
}

const cases: Case[] = [
  {
    name: "bearer",
    secrets: [BEARER],
    auth: () => bearerAuth(BEARER, "apiKey"),
    failingAuth: () =>
      bearerAuth(() => {
        throw new Error(`vault refused ${BEARER}`);
      }, "apiKey"),
  },
  {
    name: "basic",
    secrets: [BASIC],
    auth: () => headerAuth({ prefix: "Basic ", value: BASIC, what: "apiKey" }),
    failingAuth: () => headerAuth({ prefix: "Basic ", value: async () => "", what: "apiKey" }),
  },
  {
    name: "sigv4",
    secrets: [AWS_SECRET, AWS_SESSION],
    auth: () =>
      sigv4Auth({
        service: "things",
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: AWS_SECRET, sessionToken: AWS_SESSION },
      }),
    failingAuth: () =>
      sigv4Auth({
        service: "things",
        region: "us-east-1",
        credentials: async () => {
          throw new Error(`sts: ${AWS_SECRET} expired`);
        },
      }),
  },
  {
    name: "client-credentials",
    secrets: [CC_SECRET, CC_TOKEN],
    auth: () => {
      const p = clientCredentialsProvider({
        tokenUrl: `${idp.url}/token`,
        clientId: "client-1",
        clientSecret: CC_SECRET,
        scope: "api/.default",
      });
      return bearerAuth(p, "token", p.secrets);
    },
    failingAuth: () => {
      const p = clientCredentialsProvider({
        tokenUrl: `${idp.url}/token?fail=1`,
        clientId: "client-1",
        clientSecret: CC_SECRET,
        scope: "api/.default",
      });
      return bearerAuth(p, "token", p.secrets);
    },
  },
];

beforeAll(() => {
  idp.handle((req, res, rec) => {
    if (req.url?.includes("fail=1")) {
      json(res, 401, { error: `invalid_client ${CC_SECRET}`, error_description: `secret ${CC_SECRET} is wrong`, echo: rec.body });
      return;
    }
    json(res, 200, { access_token: CC_TOKEN, token_type: "Bearer", expires_in: 3600 });
  });
});

/** Headers and body that echo every secret and every credential header the client sent. */
function echoes(c: Case, rec: { headers: Record<string, unknown> }): { headers: Record<string, string>; body: string } {
  const sent = [String(rec.headers.authorization ?? ""), String(rec.headers["x-amz-security-token"] ?? "")].filter(Boolean);
  const all = [...c.secrets, ...sent];
  return {
    headers: { "x-echo": all.join(" | "), "x-request-id": all[0]!, "www-authenticate": `Bearer error="invalid_token", token="${all[0]}"` },
    body: all.join(" ; "),
  };
}

describe.each(cases)("secrets never leak: $name", (c) => {
  const lines: string[] = [];
  const logger = { warn: (m: string) => lines.push(m), debug: (m: string) => lines.push(m) };
  const client = (extra: Parameters<typeof fixtureClient>[1] = {}) =>
    fixtureClient(server.url, { auth: c.auth(), logger, retry: { maxAttempts: 2 }, ...extra });
  const check = (e: unknown) => {
    for (const s of c.secrets) expectNoSecret(e, s, lines);
    // Credentials as sent on the wire (Authorization, security token) must not leak either.
    for (const rec of server.requests) {
      for (const h of ["authorization", "x-amz-security-token"]) {
        const v = rec.headers[h];
        if (typeof v === "string") expectNoSecret(e, v, lines);
      }
    }
  };

  it("the credentials really are sent (so the echo tests below are meaningful)", async () => {
    server.handle((_q, res) => json(res, 200, { id: "t-1" }));
    await client().getThing({ thingId: `check-${c.name}` });
    const sent = server.requests.find((r) => r.url.endsWith(`/things/check-${c.name}`));
    const auth = String(sent?.headers.authorization);
    if (c.name === "bearer") expect(auth).toBe(`Bearer ${BEARER}`);
    if (c.name === "basic") expect(auth).toBe(`Basic ${BASIC}`);
    if (c.name === "client-credentials") expect(auth).toBe(`Bearer ${CC_TOKEN}`);
    if (c.name === "sigv4") expect(sent?.headers["x-amz-security-token"]).toBe(AWS_SESSION);
  });

  it("ApiError whose JSON body, message and headers echo the credentials", async () => {
    lines.length = 0;
    server.handle((_q, res, rec) => {
      const echo = echoes(c, rec);
      json(res, 503, { message: `denied: ${echo.body}`, detail: { nested: [echo.body] } }, echo.headers);
    });
    const { error } = await client().getThing({ thingId: "t-1" });
    expect(error).toBeInstanceOf(ApiError);
    expect(error!.attempts).toBe(2);
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(error!.body)).toContain(REDACTED);
    check(error);
    for (const s of c.secrets) {
      expect(JSON.stringify([...error!.headers])).not.toContain(s);
      expect(String(error!.requestId)).not.toContain(s);
    }
  });

  it("ApiError whose HTML body echoes the credentials across the 4 KiB truncation boundary", async () => {
    server.handle((_q, res, rec) => {
      const echo = echoes(c, rec);
      // Put the secret so that a naive slice(0, 4096) would cut it in half.
      const pad = "x".repeat(4096 - 6);
      text(res, 500, `${pad}${echo.body}`, { "content-type": "text/html" });
    });
    const { error } = await client({ retry: { maxAttempts: 1 } }).getThing({ thingId: "t-1" });
    expect(error?.rawBody).toBeDefined();
    check(error);
    for (const s of c.secrets) expect(error!.rawBody).not.toContain(s.slice(0, 6));
  });

  it("InvalidResponseError (2xx, not JSON) echoing the credentials", async () => {
    server.handle((_q, res, rec) => text(res, 200, `<html>${echoes(c, rec).body}</html>`, { "content-type": "text/html" }));
    const e = await rejection(client().getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(InvalidResponseError);
    check(e);
  });

  it("ConnectionError (socket destroyed)", async () => {
    lines.length = 0;
    server.handle((req) => req.socket.destroy());
    const e = await rejection(client().getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(ConnectionError);
    expect(lines).toHaveLength(1);
    check(e);
  });

  it("TimeoutError (silent server)", async () => {
    lines.length = 0;
    server.handle(() => {});
    const e = await rejection(client({ timeoutMs: 50 }).getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(TimeoutError);
    check(e);
  });

  it("AuthError (credentials cannot be obtained)", async () => {
    server.handle((_q, res) => json(res, 200, {}));
    const e = await rejection(fixtureClient(server.url, { auth: c.failingAuth(), logger }).getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(AuthError);
    expect(server.requests).toHaveLength(0);
    check(e);
  });

  it("ValidationError (the secret given as a bad header / parameter value)", async () => {
    server.handle((_q, res) => json(res, 200, {}));
    for (const s of c.secrets) {
      const errors = [
        await rejection(client().getThing({ thingId: "t-1", trace: `${s}\r\nx: y` })),
        await rejection(client().getThing({ thingId: "t-1" }, { headers: { "x-api-key": `${s}\n` } })),
        await rejection(client().deleteThing({ thingId: s })),
        await rejection(client().createThing({ name: s })),
      ];
      for (const e of errors) {
        expect(e).toBeInstanceOf(ValidationError);
        check(e);
      }
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe("SecretRegistry (unit)", () => {
  it("redacts registered values, SigV4 signatures and bearer/basic credentials", () => {
    const r = new SecretRegistry();
    r.add("abc"); // too short: ignored
    r.add("my-secret-value");
    expect(r.size).toBe(1);
    expect(r.redact("x my-secret-value y my-secret-value")).toBe(`x ${REDACTED} y ${REDACTED}`);
    expect(r.redact("Signature=0123456789abcdef0123456789abcdef")).toBe(`Signature=${REDACTED}`);
    expect(r.redact("Authorization: Bearer abcdefgh.ijk")).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(r.redact("Basic dXNlcjpwYXNzd29yZA==")).toBe(`Basic ${REDACTED}`);
    expect(r.redactValue({ a: ["my-secret-value", 1, null], b: { c: "ok" } })).toEqual({ a: [REDACTED, 1, null], b: { c: "ok" } });
  });

  it("an unregistered bearer token in a body is still redacted", () => {
    const r = new SecretRegistry();
    expect(r.redactValue({ m: "got Bearer zzzzzzzzzzzz" })).toEqual({ m: `got Bearer ${REDACTED}` });
  });

  it("renderings helper covers message, stack, String, JSON and inspect", () => {
    const e = new AuthError("plain");
    expect(Object.keys(renderings(e))).toEqual(["message", "stack", "string", "json", "inspect"]);
    expect(() => expectNoSecret(new Error("has plain-secret"), "plain-secret")).toThrow(/secret found in message/);
  });
});
