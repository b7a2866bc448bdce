import { SignatureV4 } from "@smithy/signature-v4";
import { AwsV4Signer } from "aws4fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthError, PermissionDeniedError, ValidationError, type OutgoingRequest } from "../dist/index.js";
import { awsClientConfig, sigv4Auth, type AwsCredentialIdentity } from "../dist/sigv4.js";
import { awsApi, awsFixtureClient } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";
import { parseAmzDate, sha256hex, TestSha256, verifySigV4 } from "./sigv4-helpers.js";

const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const T0 = Date.UTC(2015, 7, 30, 12, 36, 0); // 20150830T123600Z
const EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const server = useServer();
afterEach(() => {
  vi.unstubAllEnvs();
});

function outgoing(url: string, method = "GET", headers: Record<string, string> = {}, body?: string): OutgoingRequest {
  return { url: new URL(url), method, headers: new Headers(headers), body };
}
/** The AWS SigV4 test suite's get-vanilla request. */
const VANILLA = {
  method: "GET",
  protocol: "https:",
  hostname: "example.amazonaws.com",
  path: "/",
  query: {},
  headers: { host: "example.amazonaws.com" },
};
const ctx = { operationId: "test", attempt: 1, body: undefined, signal: new AbortController().signal };

/** sigv4Auth for the fixture's service (widgets, us-east-1) with CREDS, unless overridden. */
const widgets = (o: Partial<Parameters<typeof sigv4Auth>[0]> = {}) =>
  sigv4Auth({ service: "widgets", region: "us-east-1", credentials: CREDS, ...o });

/** Smithy driven directly (test-local sha256), with the configuration sigv4Auth documents. */
async function smithySign(
  o: { applyChecksum: boolean; creds?: AwsCredentialIdentity; service?: string; region?: string },
  req: Parameters<SignatureV4["sign"]>[0],
  date: number,
) {
  const signer = new SignatureV4({
    service: o.service ?? "service",
    region: o.region ?? "us-east-1",
    sha256: TestSha256,
    credentials: o.creds ?? CREDS,
    applyChecksum: o.applyChecksum,
    uriEscapePath: true,
  });
  return (await signer.sign(req, { signingDate: new Date(date) })) as { headers: Record<string, string> };
}

/** A server handler that answers 200 when the request verifies with `secret`, else 403 with the reason. */
function verifying(opts: { service?: string; region?: string; creds?: { accessKeyId: string; secretAccessKey: string } } = {}) {
  return async (_q: unknown, res: Parameters<typeof json>[0], rec: Parameters<typeof verifySigV4>[0]) => {
    const c = opts.creds ?? CREDS;
    const reason = await verifySigV4(rec, { ...c, region: opts.region ?? "us-east-1", service: opts.service ?? "widgets" });
    if (reason) json(res, 403, { message: reason }, { "x-amzn-errortype": "AccessDeniedException" });
    else json(res, 200, { verified: true });
  };
}

describe("SigV4 signer (unit)", () => {
  it("AWS test suite get-vanilla: the signer configuration minus checksum reproduces the official signature", async () => {
    const expected =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    const signed = await smithySign({ applyChecksum: false }, VANILLA, T0);
    expect(signed.headers.authorization).toBe(expected);
    expect(signed.headers["x-amz-date"]).toBe("20150830T123600Z");
    // The independent verifier agrees with the vector too.
    const a4f = new AwsV4Signer({
      url: "https://example.amazonaws.com/",
      method: "GET",
      ...CREDS,
      service: "service",
      region: "us-east-1",
      datetime: "20150830T123600Z",
    });
    expect(await a4f.authHeader()).toBe(expected);
  });

  it("get-vanilla through sigv4Auth.authorize: same request + x-amz-content-sha256 (AWS SDK default), verified independently", async () => {
    const auth = sigv4Auth({ service: "service", region: "us-east-1", credentials: CREDS, now: () => T0 });
    const req = outgoing("https://example.amazonaws.com/");
    await auth.authorize(req, ctx);
    // sigv4Auth signs like the AWS SDK (applyChecksum: true), so one more header is signed than in the vector.
    expect(req.headers.get("x-amz-content-sha256")).toBe(EMPTY_SHA);
    expect(req.headers.get("x-amz-date")).toBe("20150830T123600Z");
    const authorization = req.headers.get("authorization")!;
    expect(authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20150830\/us-east-1\/service\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(authorization).not.toContain("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    const smithy = await smithySign({ applyChecksum: true }, VANILLA, T0);
    expect(authorization).toBe(smithy.headers.authorization);
    const a4f = new AwsV4Signer({
      url: "https://example.amazonaws.com/",
      method: "GET",
      headers: { "x-amz-content-sha256": EMPTY_SHA },
      ...CREDS,
      service: "service",
      region: "us-east-1",
      datetime: "20150830T123600Z",
    });
    expect(await a4f.authHeader()).toBe(authorization);
    expect(req.headers.has("host")).toBe(false); // fetch sets Host itself
  });

  it("a request with encoded path, repeated query keys, headers and a body: equals smithy called directly", async () => {
    const creds = { ...CREDS, sessionToken: "FQoGZXIvYXdzEXAMPLESESSIONTOKEN" };
    const auth = sigv4Auth({ service: "widgets", region: "eu-west-1", credentials: creds, now: () => T0 + 1234 });
    const body = '{"name":"w 1"}';
    const req = outgoing(
      "https://widgets.eu-west-1.api.aws/widgets/a%2Fb%20c?view=full&tag=b&tag=a",
      "POST",
      { "content-type": "application/json", "x-custom": "  x  y " },
      body,
    );
    await auth.authorize(req, ctx);
    const direct = await smithySign(
      { applyChecksum: true, creds, service: "widgets", region: "eu-west-1" },
      {
        method: "POST",
        protocol: "https:",
        hostname: "widgets.eu-west-1.api.aws",
        path: "/widgets/a%2Fb%20c",
        query: { view: "full", tag: ["b", "a"] },
        headers: { host: "widgets.eu-west-1.api.aws", "content-type": "application/json", "x-custom": "x  y" },
        body,
      },
      T0 + 1234,
    );
    expect(req.headers.get("authorization")).toBe(direct.headers.authorization);
    expect(req.headers.get("x-amz-security-token")).toBe(creds.sessionToken);
    expect(req.headers.get("x-amz-content-sha256")).toBe(sha256hex(body));
    expect(req.headers.get("authorization")).toContain(
      "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-custom,",
    );
  });

  it("bad region -> ValidationError; static credentials without keys -> AuthError", () => {
    for (const region of ["US-EAST-1", "us east 1", "../evil", ""]) {
      expect(() => sigv4Auth({ service: "widgets", region, credentials: CREDS })).toThrow(ValidationError);
    }
    expect(() => widgets({ credentials: { accessKeyId: "", secretAccessKey: "" } })).toThrow(AuthError);
  });

  it("credential provider: memoized, concurrent callers share one call, refreshed 5 minutes before expiration", async () => {
    let t = T0;
    let calls = 0;
    const provider = vi.fn(async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return {
        accessKeyId: `AKID${calls}`,
        secretAccessKey: `secret-${calls}`,
        sessionToken: `token-${calls}`,
        expiration: new Date(t + 10 * 60_000),
      };
    });
    const auth = widgets({ credentials: provider, now: () => t });
    const sign = async () => {
      const req = outgoing("https://widgets.us-east-1.api.aws/");
      await auth.authorize(req, ctx);
      return req.headers;
    };
    const first = await Promise.all([sign(), sign(), sign()]);
    expect(provider).toHaveBeenCalledTimes(1);
    for (const h of first) expect(h.get("authorization")).toContain("Credential=AKID1/");
    t += 4 * 60_000; // 6 minutes left: still fresh
    expect((await sign()).get("x-amz-security-token")).toBe("token-1");
    expect(provider).toHaveBeenCalledTimes(1);
    t += 2 * 60_000; // 4 minutes left: refresh
    const h = await sign();
    expect(provider).toHaveBeenCalledTimes(2);
    expect(h.get("authorization")).toContain("Credential=AKID2/");
    expect(h.get("x-amz-security-token")).toBe("token-2");
  });

  it("a provider without expiration is called once", async () => {
    const provider = vi.fn(async () => CREDS);
    const auth = widgets({ credentials: provider });
    for (let i = 0; i < 3; i++) await auth.authorize(outgoing("https://h.example/"), ctx);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it("default credentials come from AWS_* environment variables", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDENV");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "env-secret-key");
    vi.stubEnv("AWS_SESSION_TOKEN", "env-session-token");
    const auth = widgets({ credentials: undefined, now: () => T0 });
    const req = outgoing("https://h.example/");
    await auth.authorize(req, ctx);
    expect(req.headers.get("authorization")).toContain("Credential=AKIDENV/20150830/us-east-1/widgets/aws4_request");
    expect(req.headers.get("x-amz-security-token")).toBe("env-session-token");
  });
});

describe("SigV4 over HTTP (server re-signs with aws4fetch)", () => {
  it("GET with path and query verifies; POST with a body verifies", async () => {
    server.handle(verifying());
    const client = awsFixtureClient(server.url, { auth: widgets() });
    const get = await client.getWidget({ widgetId: "a/b ü", view: "full details&x=1" });
    expect(get.error).toBeUndefined();
    expect(get.data).toEqual({ verified: true });
    expect(server.requests[0]!.url).toBe("/widgets/a%2Fb%20%C3%BC?view=full%20details%26x%3D1");
    const post = await client.createWidget({ name: "w", tags: ["x", "y"] });
    expect(post.data).toEqual({ verified: true });
    expect(server.requests[1]).toMatchObject({ method: "POST", body: '{"name":"w","tags":["x","y"]}' });
    expect(server.requests[1]!.headers["x-amz-content-sha256"]).toBe(sha256hex('{"name":"w","tags":["x","y"]}'));
  });

  it("the verifier is not a rubber stamp: a wrong secret is refused", async () => {
    server.handle(verifying({ creds: { ...CREDS, secretAccessKey: "not-the-secret" } }));
    const client = awsFixtureClient(server.url, { auth: widgets() });
    const { error } = await client.getWidget({ widgetId: "w1" });
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error?.body as { message: string } | undefined)?.message).toMatch(/^signature mismatch/);
  });

  it("temporary credentials add a signed X-Amz-Security-Token", async () => {
    server.handle(verifying());
    const creds = { ...CREDS, sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//token+/=" };
    const client = awsFixtureClient(server.url, {
      auth: widgets({ credentials: async () => creds }),
    });
    const { data } = await client.getWidget({ widgetId: "w1" });
    expect(data).toEqual({ verified: true });
    expect(server.requests[0]!.headers["x-amz-security-token"]).toBe(creds.sessionToken);
    expect(server.requests[0]!.headers.authorization).toContain("x-amz-security-token");
  });

  it("a retried request is signed again with a new X-Amz-Date", async () => {
    let t = Date.UTC(2024, 4, 1, 10, 0, 0);
    const verify = verifying();
    server.handle(async (q, res, rec, n) => {
      if (n === 1) {
        t += 7000; // the clock moves on before the retry
        json(res, 500, { message: "try again" }, { "x-amzn-errortype": "InternalServerException" });
        return;
      }
      await verify(q, res, rec);
    });
    const client = awsFixtureClient(server.url, {
      auth: widgets({ now: () => t }),
    });
    const { data } = await client.getWidget({ widgetId: "w1" });
    expect(data).toEqual({ verified: true });
    const [a, b] = server.requests;
    expect(a!.headers["x-amz-date"]).toBe("20240501T100000Z");
    expect(b!.headers["x-amz-date"]).toBe("20240501T100007Z");
    expect(a!.headers.authorization).not.toBe(b!.headers.authorization);
    expect(await verifySigV4(a!, { ...CREDS, region: "us-east-1", service: "widgets" })).toBeUndefined();
  });

  it("clock skew: 403 InvalidSignatureException with a Date 1 h ahead -> one corrected retry that succeeds", async () => {
    const clientNow = Date.UTC(2024, 4, 1, 10, 0, 0);
    const serverNow = clientNow + 3_600_000;
    const verify = verifying();
    server.handle(async (q, res, rec) => {
      const date = parseAmzDate(String(rec.headers["x-amz-date"]));
      if (Math.abs(date - serverNow) > 300_000) {
        json(
          res,
          403,
          { message: "Signature expired" },
          { "x-amzn-errortype": "InvalidSignatureException:http://internal/", date: new Date(serverNow).toUTCString() },
        );
        return;
      }
      await verify(q, res, rec);
    });
    const auth = widgets({ now: () => clientNow });
    const client = awsFixtureClient(server.url, { auth, retry: { baseDelayMs: 60_000 } });
    const { data, error } = await client.getWidget({ widgetId: "w1" });
    expect(error).toBeUndefined();
    expect(data).toEqual({ verified: true });
    expect(server.requests.map((r) => r.headers["x-amz-date"])).toEqual(["20240501T100000Z", "20240501T110000Z"]);
    expect(auth.clockOffsetMs).toBe(3_600_000);
    // The correction sticks: the next call is right the first time (non-idempotent POST too).
    server.handle(verify);
    expect((await client.createWidget({ name: "w" })).data).toEqual({ verified: true });
    expect(server.requests).toHaveLength(1);
  });

  it("no correction when the server's Date agrees with the client", async () => {
    server.handle((_q, res) =>
      json(res, 403, { message: "bad" }, { "x-amzn-errortype": "InvalidSignatureException", date: new Date().toUTCString() }),
    );
    const auth = widgets();
    const { error } = await awsFixtureClient(server.url, { auth }).getWidget({ widgetId: "w1" });
    expect(error).toMatchObject({ status: 403, rawCode: "InvalidSignatureException", attempts: 1 });
    expect(server.requests).toHaveLength(1);
    expect(auth.clockOffsetMs).toBe(0);
  });
});

describe("SigV4 credential failures", () => {
  it("no credentials anywhere -> AuthError, nothing sent", async () => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "");
    server.handle(verifying());
    const client = awsFixtureClient(server.url, { auth: widgets({ credentials: undefined }) });
    const e = await rejection(client.getWidget({ widgetId: "w1" }));
    expect(e).toBeInstanceOf(AuthError);
    expect((e as Error).message).toMatch(/No AWS credentials/);
    expect(server.requests).toHaveLength(0);
  });

  it("a failing provider -> AuthError (provider message not copied), not retried as a connection error", async () => {
    const provider = vi.fn(async (): Promise<AwsCredentialIdentity> => {
      throw new Error("sts said: bad secret wJalrXUtnFEMI");
    });
    server.handle(verifying());
    const e = await rejection(
      awsFixtureClient(server.url, { auth: widgets({ credentials: provider }) }).getWidget({
        widgetId: "w1",
      }),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect((e as Error).message).toBe("The AWS credential provider failed: Error.");
    expect(provider).toHaveBeenCalledTimes(1);
    expect(server.requests).toHaveLength(0);
  });

  it("a provider returning no keys -> AuthError", async () => {
    const auth = widgets({ credentials: async () => ({ accessKeyId: "", secretAccessKey: "" }) });
    await expect(auth.authorize(outgoing("https://h.example/"), ctx)).rejects.toThrow(AuthError);
  });

  it("a provider that throws synchronously once does not poison later calls", async () => {
    let n = 0;
    const provider = (() => {
      n++;
      if (n === 1) throw new Error("not yet");
      return Promise.resolve(CREDS);
    }) as () => Promise<AwsCredentialIdentity>;
    const auth = widgets({ credentials: provider });
    await expect(auth.authorize(outgoing("https://h.example/"), ctx)).rejects.toThrow(AuthError);
    const req = outgoing("https://h.example/");
    await auth.authorize(req, ctx);
    expect(req.headers.get("authorization")).toContain("Credential=AKIDEXAMPLE/");
    expect(n).toBe(2);
  });
});

describe("a credential provider that never answers", () => {
  it("bounds the call by its timeout, and the next call asks the provider again", async () => {
    let calls = 0;
    const provider = vi.fn((): Promise<AwsCredentialIdentity> => (++calls === 1 ? new Promise(() => {}) : Promise.resolve(CREDS)));
    server.handle(verifying());
    const client = awsFixtureClient(server.url, {
      auth: widgets({ credentials: provider }),
      retry: { maxAttempts: 1 },
    });
    const e = await rejection(client.getWidget({ widgetId: "w1" }, { timeoutMs: 100 }));
    expect(e).toMatchObject({ name: "TimeoutError", attempts: 1 });
    expect(server.requests).toHaveLength(0);
    // Had the hanging promise stayed memoized, this call would wait on it until its own timeout.
    const { data } = await client.getWidget({ widgetId: "w1" }, { timeoutMs: Number.POSITIVE_INFINITY });
    expect(data).toEqual({ verified: true });
    expect(provider).toHaveBeenCalledTimes(2);
    expect(server.requests).toHaveLength(1);
  });
});

describe("awsClientConfig", () => {
  it("a FIPS environment with a custom baseUrl -> ValidationError naming both (AWS endpoint rules)", () => {
    const e = (() => {
      try {
        awsClientConfig(awsApi, { region: "us-east-1", credentials: CREDS, environment: "fips", baseUrl: "https://proxy.example" });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ parameter: "baseUrl", rule: "conflict" });
    expect((e as Error).message).toContain('environment "fips"');
    expect(() => awsClientConfig(awsApi, { region: "us-east-1", credentials: CREDS, baseUrl: "https://proxy.example" })).not.toThrow();
  });

  it("fills {region} in the server URL and signs with the spec's signing name", async () => {
    const cfg = awsClientConfig(awsApi, { region: "eu-central-1", credentials: CREDS });
    expect(cfg.serverVariables).toEqual({ region: "eu-central-1" });
    const req = outgoing("https://widgets.eu-central-1.api.aws/");
    await cfg.auth!.authorize(req, ctx);
    expect(req.headers.get("authorization")).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/eu-central-1\/widgets\/aws4_request/);
  });

  it("region from AWS_REGION; missing region -> ValidationError; bad region -> ValidationError", () => {
    vi.stubEnv("AWS_REGION", "ap-south-1");
    vi.stubEnv("AWS_DEFAULT_REGION", "");
    expect(awsClientConfig(awsApi, { credentials: CREDS }).serverVariables).toEqual({ region: "ap-south-1" });
    vi.stubEnv("AWS_REGION", "");
    expect(() => awsClientConfig(awsApi, { credentials: CREDS })).toThrow(ValidationError);
    expect(() => awsClientConfig(awsApi, { region: "Evil/Region", credentials: CREDS })).toThrow(ValidationError);
  });
});
