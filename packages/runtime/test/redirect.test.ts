import { describe, expect, it } from "vitest";
import { ApiError, bearerAuth, headerAuth } from "../dist/index.js";
import { sigv4Auth } from "../dist/sigv4.js";
import { awsFixtureClient, fixtureClient } from "./fixture.js";
import { json, useServer } from "./helpers.js";
import { verifySigV4 } from "./sigv4-helpers.js";

const API_KEY = "x-api-key-secret-0123456789";
const CREDS = { accessKeyId: "AKIDREDIRECT", secretAccessKey: "redirect-secret-key", sessionToken: "redirect-session-token-abcdef" };

const server = useServer();
const other = useServer();
other.handle((_q, res) => json(res, 200, { stolen: true }));

const redirect = (res: Parameters<typeof json>[0], status: number, location: string) => {
  res.writeHead(status, { location, "content-length": "0" });
  res.end();
};

describe("redirects", () => {
  it("a same-origin redirect is followed and re-authorized", async () => {
    server.handle((_q, res, rec) => (rec.url.startsWith("/things/") ? redirect(res, 307, "/moved/t-1") : json(res, 200, { id: "moved" })));
    const { data } = await fixtureClient(server.url, { auth: bearerAuth("bearer-token-123456") }).getThing({ thingId: "t-1" });
    expect(data).toEqual({ id: "moved" });
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/things/t-1", "Bearer bearer-token-123456"],
      ["/moved/t-1", "Bearer bearer-token-123456"],
    ]);
  });

  it("SigV4: the redirected request is signed for its new path (a replayed signature would not verify)", async () => {
    server.handle(async (_q, res, rec) => {
      if (rec.url.startsWith("/widgets/")) return redirect(res, 308, "/v2/widgets/w1?x=1");
      const reason = await verifySigV4(rec, { ...CREDS, region: "us-east-1", service: "widgets" });
      json(res, reason ? 403 : 200, { reason: reason ?? null });
    });
    const { data } = await awsFixtureClient(server.url, {
      auth: sigv4Auth({ service: "widgets", region: "us-east-1", credentials: CREDS }),
    }).getWidget({ widgetId: "w1" });
    expect(data).toEqual({ reason: null });
    expect(server.requests.map((r) => r.url)).toEqual(["/widgets/w1", "/v2/widgets/w1?x=1"]);
  });

  it("303 after POST continues as a GET without the body", async () => {
    server.handle((_q, res, rec) => (rec.method === "POST" ? redirect(res, 303, "/things/t-5") : json(res, 200, { id: "t-5" })));
    const { data } = await fixtureClient(server.url).createThing({ name: "box" });
    expect(data).toEqual({ id: "t-5" });
    expect(server.requests.map((r) => [r.method, r.url, r.body, r.headers["content-type"]])).toEqual([
      ["POST", "/things", '{"name":"box"}', "application/json"],
      ["GET", "/things/t-5", "", undefined],
    ]);
  });

  it.each([
    ["custom header auth (X-Api-Key)", () => headerAuth({ header: "X-Api-Key", prefix: "", value: API_KEY, what: "apiKey" })],
    ["SigV4 with a session token", () => sigv4Auth({ service: "widgets", region: "us-east-1", credentials: CREDS })],
  ])("a cross-origin redirect is not followed: %s never reaches the other origin", async (_name, auth) => {
    server.handle((_q, res) => redirect(res, 302, `${other.url}/collect`));
    other.handle((_q, res) => json(res, 200, { stolen: true }));
    const { data, error } = await fixtureClient(server.url, { auth: auth() }).getThing({ thingId: "t-1" });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 302, code: "UnknownError", attempts: 1 });
    expect(error!.headers.get("location")).toBe(`${other.url}/collect`);
    expect(server.requests).toHaveLength(1);
    expect(other.requests).toHaveLength(0);
  });

  it("a redirect loop stops after 5 hops", async () => {
    server.handle((_q, res, _r, n) => redirect(res, 302, `/loop/${n}`));
    const { error } = await fixtureClient(server.url).getThing({ thingId: "t-1" });
    expect(error).toMatchObject({ status: 302 });
    expect(server.requests).toHaveLength(6);
  });
});
