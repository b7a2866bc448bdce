/**
 * Redaction, per auth kind: what the runtime does to a server's echo of the credentials (the body's secrets replaced by
 * REDACTED, headers and request id cleaned, the 4 KiB truncation never leaving half a secret) and to a secret given as
 * a parameter value. That no secret reaches any rendering of any error (ApiError, InvalidResponseError, ConnectionError,
 * TimeoutError, AuthError, ValidationError) for every auth kind × idempotency is the secrets area of tools/reliability.
 */
import { describe, expect, it } from "vitest";
import { ApiError, AuthError, bearerAuth, clientCredentialsProvider, headerAuth, ValidationError, type Auth } from "../dist/index.js";
import { REDACTED, SecretRegistry } from "../dist/internal.js";
import { sigv4Auth } from "../dist/sigv4.js";
import { fixtureClient } from "./fixture.js";
import { expectNoSecret, json, rejection, renderings, text, useServer, type Recorded } from "./helpers.js";

const server = useServer();
const idp = useServer();
idp.handle((_q, res) => json(res, 200, { access_token: CC_TOKEN, token_type: "Bearer", expires_in: 3600 }));

const BEARER = "mayar-live-6Jd9sQx2Lw0PzR4tVb8";
const BASIC = "MDpmdXNlYmlsbC1zZWNyZXQta2V5LTEyMzQ1Njc4OTA=";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYzEXAMPLEKEY";
const AWS_SESSION = "IQoJb3JpZ2luX2VjEXAMPLESESSIONtoken0123456789";
const CC_SECRET = "cc-Secret~8Q.zR2_vY7pL4wX9";
const CC_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGkifQ.c2lnbmF0dXJlLXBhcnQ";

const cases: { name: string; secrets: string[]; auth(): Auth }[] = [
  { name: "bearer", secrets: [BEARER], auth: () => bearerAuth(BEARER, "apiKey") },
  { name: "basic", secrets: [BASIC], auth: () => headerAuth({ prefix: "Basic ", value: BASIC, what: "apiKey" }) },
  {
    name: "sigv4",
    secrets: [AWS_SECRET, AWS_SESSION],
    auth: () =>
      sigv4Auth({
        service: "things",
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: AWS_SECRET, sessionToken: AWS_SESSION },
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
  },
];

describe.each(cases)("secrets are redacted: $name", (c) => {
  const lines: string[] = [];
  const client = (extra: Parameters<typeof fixtureClient>[1] = {}) =>
    fixtureClient(server.url, { auth: c.auth(), logger: { warn: (m) => lines.push(m) }, retry: { maxAttempts: 2 }, ...extra });
  /** Every secret and every credential header the client sent. */
  const echo = (rec: Recorded) => [
    ...c.secrets,
    String(rec.headers.authorization ?? ""),
    String(rec.headers["x-amz-security-token"] ?? ""),
  ];
  const check = (e: unknown) => {
    for (const s of c.secrets) expectNoSecret(e, s, lines);
    for (const rec of server.requests)
      for (const h of ["authorization", "x-amz-security-token"]) {
        const v = rec.headers[h];
        if (typeof v === "string") expectNoSecret(e, v, lines);
      }
  };

  it("an echo in the JSON body, message and headers: REDACTED in the body, nothing in headers or request id", async () => {
    lines.length = 0;
    server.handle((_q, res, rec) => {
      const all = echo(rec).filter(Boolean);
      const headers = {
        "x-echo": all.join(" | "),
        "x-request-id": all[0]!,
        "www-authenticate": `Bearer error="invalid_token", token="${all[0]}"`,
      };
      json(res, 503, { message: `denied: ${all.join(" ; ")}`, detail: { nested: [all.join(" ; ")] } }, headers);
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

  it("an echo in an HTML body across the 4 KiB truncation boundary leaves no part of a secret", async () => {
    // Put the secret so that a naive slice(0, 4096) would cut it in half.
    server.handle((_q, res, rec) => text(res, 500, `${"x".repeat(4096 - 6)}${echo(rec).join(" ; ")}`, { "content-type": "text/html" }));
    const { error } = await client({ retry: { maxAttempts: 1 } }).getThing({ thingId: "t-1" });
    expect(error?.rawBody).toBeDefined();
    check(error);
    for (const s of c.secrets) expect(error!.rawBody).not.toContain(s.slice(0, 6));
  });

  it("ValidationError when the secret is given as a bad header, path or body value; nothing sent", async () => {
    server.handle((_q, res) => json(res, 200, {}));
    for (const s of c.secrets) {
      for (const call of [
        client().getThing({ thingId: "t-1", trace: `${s}\r\nx: y` }),
        client().getThing({ thingId: "t-1" }, { headers: { "x-api-key": `${s}\n` } }),
        client().deleteThing({ thingId: s }),
        client().createThing({ name: s }),
      ]) {
        const e = await rejection(call);
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
    // An unregistered bearer token in a body is still redacted.
    expect(new SecretRegistry().redactValue({ m: "got Bearer zzzzzzzzzzzz" })).toEqual({ m: `got Bearer ${REDACTED}` });
  });

  it("renderings helper covers message, stack, String, JSON and inspect", () => {
    expect(Object.keys(renderings(new AuthError("plain")))).toEqual(["message", "stack", "string", "json", "inspect"]);
    expect(() => expectNoSecret(new Error("has plain-secret"), "plain-secret")).toThrow(/secret found in message/);
  });
});
