import { describe, expect, it, vi } from "vitest";
import { AuthError, bearerAuth, clientCredentialsProvider, TimeoutError } from "../dist/index.js";
import { fixtureClient } from "./fixture.js";
import { closedPort, expectNoSecret, json, rejection, useServer, text } from "./helpers.js";

const SECRET = "cc-secret-Zq8~vR2.xY7_pL4";
const CLIENT_ID = "11111111-2222-3333-4444-555555555555";
const SCOPE = "api://cloudcockpit/.default";

const idp = useServer();
const api = useServer();

const tokenUrl = () => `${idp.url}/tenant-id/oauth2/v2.0/token`;
const ccProvider = (extra: Partial<Parameters<typeof clientCredentialsProvider>[0]> = {}) =>
  clientCredentialsProvider({ tokenUrl: tokenUrl(), clientId: CLIENT_ID, clientSecret: SECRET, scope: SCOPE, ...extra });
let issued = 0;
function issuing(expiresIn: number | string = 3599, delayMs = 0) {
  issued = 0;
  idp.handle((_q, res) => {
    issued++;
    const n = issued;
    const answer = () => json(res, 200, { token_type: "Bearer", expires_in: expiresIn, access_token: `access-token-${n}` });
    if (delayMs === 0) answer();
    else setTimeout(answer, delayMs);
  });
}

describe("clientCredentialsProvider", () => {
  it("posts the RFC 6749 §4.4 form to the token endpoint", async () => {
    issuing();
    const provider = ccProvider();
    expect(await provider()).toBe("access-token-1");
    expect(idp.requests).toHaveLength(1);
    const [r] = idp.requests;
    expect(r).toMatchObject({ method: "POST", url: "/tenant-id/oauth2/v2.0/token" });
    expect(r!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(r!.headers.accept).toBe("application/json");
    expect(Object.fromEntries(new URLSearchParams(r!.body))).toEqual({
      grant_type: "client_credentials",
      client_id: CLIENT_ID,
      client_secret: SECRET,
      scope: SCOPE,
    });
  });

  it("caches the token and refreshes it refreshBeforeMs before expiry", async () => {
    issuing(3600);
    let t = 1_000_000;
    const provider = ccProvider({ now: () => t });
    expect(await provider()).toBe("access-token-1");
    t += 3_000_000; // 600 s left (> 300 s default margin)
    expect(await provider()).toBe("access-token-1");
    expect(idp.requests).toHaveLength(1);
    t += 301_000; // 299 s left
    expect(await provider()).toBe("access-token-2");
    expect(idp.requests).toHaveLength(2);
    expect(await provider()).toBe("access-token-2");
    expect(idp.requests).toHaveLength(2);
  });

  it("expires_in as a string (Azure AD v1) is honoured; refreshBeforeMs is configurable", async () => {
    issuing("120");
    let t = 0;
    const provider = ccProvider({ now: () => t, refreshBeforeMs: 10_000 });
    await provider();
    t = 109_000;
    expect(await provider()).toBe("access-token-1");
    t = 111_000;
    expect(await provider()).toBe("access-token-2");
  });

  it("concurrent callers share one token request", async () => {
    issuing(3599, 30);
    const provider = ccProvider();
    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider()));
    expect(tokens).toEqual(Array(5).fill("access-token-1"));
    expect(idp.requests).toHaveLength(1);
  });

  it.each([
    [
      "401 invalid_client echoing the secret",
      (res: Parameters<typeof json>[0]) =>
        json(res, 401, {
          error: `invalid_client: ${SECRET} is wrong`,
          error_description: `AADSTS7000215: Invalid client secret ${SECRET}`,
        }),
      /refused client credentials/,
    ],
    [
      "200 without access_token",
      (res: Parameters<typeof json>[0]) => json(res, 200, { token_type: "Bearer" }),
      /refused client credentials: HTTP 200/,
    ],
    [
      "HTML error page",
      (res: Parameters<typeof json>[0]) => text(res, 500, `<html>${SECRET}</html>`, { "content-type": "text/html" }),
      /HTTP 500/,
    ],
  ])("failure (%s) -> AuthError without the secret", async (_name, answer, message) => {
    idp.handle((_q, res) => answer(res));
    const provider = ccProvider();
    const e = await rejection(provider());
    expect(e).toBeInstanceOf(AuthError);
    expect((e as Error).message).toMatch(message);
    expectNoSecret(e, SECRET);
    // a failure is not cached: the next call asks again
    issuing();
    // Under load the timed-out request can reach the server after `issuing()`, which then numbers it first.
    expect(await provider()).toMatch(/^access-token-[12]$/);
  });

  it("unreachable token endpoint -> AuthError naming only the origin", async () => {
    const port = await closedPort();
    const provider = ccProvider({ tokenUrl: `http://127.0.0.1:${port}/t?client_secret=${SECRET}` });
    const e = await rejection(provider());
    expect(e).toBeInstanceOf(AuthError);
    expect((e as Error).message).toBe(`Could not reach the token endpoint http://127.0.0.1:${port}.`);
    expectNoSecret(e, SECRET);
  });

  it("a token endpoint that never answers -> AuthError after timeoutMs, and the provider recovers", async () => {
    idp.handle(() => {});
    // The provider's timer runs on a fake clock: the first call times out when the test says so, and the recovering
    // call cannot time out however slow the machine is (its timer never fires).
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const provider = ccProvider({ timeoutMs: 1000 });
      const pending = rejection(provider());
      await vi.advanceTimersByTimeAsync(1000);
      const e = await pending;
      expect(e).toBeInstanceOf(AuthError);
      expect((e as Error).message).toBe(`The token endpoint ${idp.url} did not answer within 1000 ms.`);
      issuing();
      // The timed-out request may reach the server after `issuing()`, which then numbers it first.
      expect(await provider()).toMatch(/^access-token-[12]$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("missing clientId/clientSecret -> AuthError at construction", () => {
    expect(() => ccProvider({ clientId: "" })).toThrow(AuthError);
    expect(() => ccProvider({ clientSecret: "" })).toThrow(AuthError);
  });
});

describe("client-credentials wired into a client (bearerAuth(provider))", () => {
  it("the API call carries the token; the token is fetched once for several calls", async () => {
    issuing();
    api.handle((_q, res) => json(res, 200, { id: "t-1" }));
    const provider = ccProvider();
    const client = fixtureClient(api.url, { auth: bearerAuth(provider, "token", provider.secrets) });
    await client.getThing({ thingId: "t-1" });
    await client.getThing({ thingId: "t-2" });
    expect(api.requests.map((r) => r.headers.authorization)).toEqual(["Bearer access-token-1", "Bearer access-token-1"]);
    expect(idp.requests).toHaveLength(1);
  });

  it("a refused token -> the call throws AuthError; nothing reaches the API", async () => {
    idp.handle((_q, res) => json(res, 400, { error: "invalid_client" }));
    api.handle((_q, res) => json(res, 200, {}));
    const provider = ccProvider();
    const e = await rejection(
      fixtureClient(api.url, { auth: bearerAuth(provider, "token", provider.secrets) }).getThing({ thingId: "t-1" }),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect(api.requests).toHaveLength(0);
    expect(idp.requests).toHaveLength(1); // AuthError is not retried
  });

  it("a hanging token endpoint cannot outlive the call's timeout", async () => {
    idp.handle(() => {});
    api.handle((_q, res) => json(res, 200, {}));
    const provider = ccProvider();
    const client = fixtureClient(api.url, {
      auth: bearerAuth(provider, "token", provider.secrets),
      timeoutMs: 80,
      retry: { maxAttempts: 1 },
    });
    const e = await rejection(client.getThing({ thingId: "t-1" }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(api.requests).toHaveLength(0);
  });
});
