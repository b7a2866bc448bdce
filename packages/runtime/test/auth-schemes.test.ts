/** The auth of the generated factories for HTTP Basic and a query-parameter API key, against a local server. */
import { describe, expect, it } from "vitest";
import { AuthError } from "../dist/index.js";
import { basicAuth, queryAuth } from "../dist/internal.js";
import { fixtureClient } from "./fixture.js";
import { expectNoSecret, json, rejection, useServer } from "./helpers.js";

const PASSWORD = "pw-Zq8~vR2:xY7_é";
const server = useServer();

describe("basicAuth", () => {
  it("sends base64(user:password) of the UTF-8 bytes, from a string or a provider", async () => {
    server.handle((_q, res) => json(res, 200, {}));
    const expected = `Basic ${Buffer.from(`acct:${PASSWORD}`, "utf8").toString("base64")}`;
    for (const password of [PASSWORD, async () => PASSWORD]) {
      await fixtureClient(server.url, { auth: basicAuth("acct", password) }).getThing({ thingId: "t1" });
      expect(server.requests.at(-1)!.headers.authorization).toBe(expected);
    }
  });

  it("refuses a user name with ':' and an empty password, without quoting the password", async () => {
    expect(() => basicAuth("a:b", PASSWORD)).toThrow(/username must not contain ':'/);
    expect(() => basicAuth("acct", "")).toThrow(AuthError);
    const e = await rejection(fixtureClient(server.url, { auth: basicAuth("acct", () => "") }).getThing({ thingId: "t1" }));
    expect(String(e)).toMatch(/password is missing or empty/);
  });

  it("redacts the password and the encoded value when the server echoes them", async () => {
    const encoded = Buffer.from(`acct:${PASSWORD}`).toString("base64");
    server.handle((_q, res) => json(res, 400, { message: `bad ${PASSWORD} / ${encoded}` }));
    const { error } = await fixtureClient(server.url, { auth: basicAuth("acct", PASSWORD) }).getThing({ thingId: "t1" });
    expectNoSecret(error, PASSWORD, [encoded]);
  });
});

describe("queryAuth", () => {
  it("adds the key as a query parameter next to the call's own, and redacts it", async () => {
    const key = "qk/Secret+1";
    server.handle((_q, res) => json(res, 400, { message: `key ${key} refused` }));
    const { error } = await fixtureClient(server.url, { auth: queryAuth("api_key", key, "apiKey") }).getThing({ thingId: "t1", q: "x" });
    const url = new URL(server.requests[0]!.url, server.url);
    expect(url.searchParams.get("api_key")).toBe(key);
    expect(url.searchParams.get("q")).toBe("x");
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expectNoSecret(error, key);
  });
});
