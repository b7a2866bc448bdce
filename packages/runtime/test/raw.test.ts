import { describe, expect, it } from "vitest";
import { AbortError, AuthError, bearerAuth, TimeoutError } from "../dist/index.js";
import { rawClient } from "../dist/raw.js";
import { sigv4Auth } from "../dist/sigv4.js";
import { awsFixtureClient, fixtureClient } from "./fixture.js";
import { json, rejection, useServer } from "./helpers.js";
import { verifySigV4 } from "./sigv4-helpers.js";

const TOKEN = "raw-token-abcdef123456";
const server = useServer();

const client = (extra: Parameters<typeof fixtureClient>[1] = {}) => fixtureClient(server.url, { auth: bearerAuth(TOKEN), ...extra });

describe("rawClient(client) (openapi-fetch) goes through auth, retries and timeouts", () => {
  it("GET: auth header, path encoding, retry on 503", async () => {
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 503, { message: "busy" }) : json(res, 200, { id: "a/b" })));
    const { data, error, response } = await rawClient(client()).GET("/things/{thingId}", {
      params: { path: { thingId: "a/b" }, query: { q: "x y" } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: "a/b" });
    expect(response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
    for (const r of server.requests) {
      expect(r).toMatchObject({ method: "GET", url: "/things/a%2Fb?q=x%20y" });
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it("GET: attempts bounded by maxAttempts; the final error response is returned", async () => {
    server.handle((_q, res) => json(res, 503, { message: "down" }));
    const { error, response } = await rawClient(client({ retry: { maxAttempts: 2 } })).GET("/things/{thingId}", {
      params: { path: { thingId: "t" } },
    });
    expect(response.status).toBe(503);
    expect(error).toEqual({ message: "down" });
    expect(server.requests).toHaveLength(2);
  });

  it("per-attempt timeout -> TimeoutError after maxAttempts", async () => {
    server.handle(() => {});
    const e = await rejection(rawClient(client({ timeoutMs: 400 })).GET("/things/{thingId}", { params: { path: { thingId: "t" } } }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).attempts).toBe(3);
  });

  it("caller signal -> AbortError", async () => {
    const controller = new AbortController();
    server.handle(() => setTimeout(() => controller.abort(), 10));
    const e = await rejection(
      rawClient(client()).GET("/things/{thingId}", { params: { path: { thingId: "t" } }, signal: controller.signal }),
    );
    expect(e).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("auth failure -> AuthError, nothing sent", async () => {
    server.handle((_q, res) => json(res, 200, {}));
    const e = await rejection(
      rawClient(fixtureClient(server.url, { auth: bearerAuth(async () => "") })).GET("/things/{thingId}", {
        params: { path: { thingId: "t" } },
      }),
    );
    expect(e).toBeInstanceOf(AuthError);
    expect(server.requests).toHaveLength(0);
  });

  it("middleware runs once per call, beneath which every attempt is re-authorized", async () => {
    let seen = 0;
    server.handle((_q, res, _r, n) => (n === 1 ? json(res, 502, {}) : json(res, 200, { id: "t" })));
    const c = client();
    const middleware = [
      {
        onRequest: ({ request }: { request: Request }) => {
          seen++;
          request.headers.set("x-mw", "1");
        },
      },
    ];
    await rawClient(c, { middleware }).GET("/things/{thingId}", { params: { path: { thingId: "t" } } });
    expect(seen).toBe(1);
    expect(server.requests.map((r) => [r.headers["x-mw"], r.headers.authorization])).toEqual([
      ["1", `Bearer ${TOKEN}`],
      ["1", `Bearer ${TOKEN}`],
    ]);
  });

  it("SigV4 raw calls are signed and verify", async () => {
    const creds = { accessKeyId: "AKIDRAW", secretAccessKey: "raw-secret-key-0123456789" };
    server.handle(async (_q, res, rec) => {
      const reason = await verifySigV4(rec, { ...creds, region: "eu-west-1", service: "widgets" });
      json(res, reason ? 403 : 200, { reason: reason ?? null });
    });
    const c = awsFixtureClient(server.url, { auth: sigv4Auth({ service: "widgets", region: "eu-west-1", credentials: creds }) });
    const raw = rawClient(c) as unknown as { GET(path: string, init?: object): Promise<{ data?: unknown; response: Response }> };
    const { data, response } = await raw.GET("/widgets/w%201?view=a&view=b");
    expect(response.status).toBe(200);
    expect(data).toEqual({ reason: null });
  });
});
