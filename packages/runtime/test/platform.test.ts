/**
 * `#platform`: Node follows same-origin redirects, reads undici's error codes and hands back a lazily built
 * Response; the browser variant (what a browser bundle gets) does none of that, and its Response is a plain copy.
 */
import { describe, expect, it } from "vitest";
import * as browser from "../dist/platform.browser.js";
import * as node from "../dist/platform.node.js";

const redirect = (status: number, location: string) => new Response(null, { status, headers: { location } });
const target = new URL("https://api.example.test/v1/things/1");

describe("#platform", () => {
  it("Node: same-origin redirects only; 303 (and 301/302 after a POST) become a GET", () => {
    expect(node.nextHop(redirect(307, "/v1/things/2"), target, "POST")).toEqual({
      url: new URL("https://api.example.test/v1/things/2"),
      method: "POST",
    });
    expect(node.nextHop(redirect(303, "/v1/things/2"), target, "PUT")?.method).toBe("GET");
    expect(node.nextHop(redirect(302, "/v1/things/2"), target, "POST")?.method).toBe("GET");
    expect(node.nextHop(redirect(302, "https://evil.example/steal"), target, "GET")).toBeUndefined();
    expect(node.nextHop(new Response("{}", { status: 200 }), target, "GET")).toBeUndefined();
    expect(browser.nextHop(redirect(307, "/v1/things/2"), target, "GET")).toBeUndefined();
  });

  it("Node: a refused connection proves nothing was sent (the code is on the error's cause); browsers carry no codes", () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) });
    expect(node.failure(refused)).toEqual({ code: "ECONNREFUSED", notSent: true });
    expect(node.failure(Object.assign(new Error("reset"), { code: "ECONNRESET" }))).toEqual({ code: "ECONNRESET", notSent: false });
    expect(browser.failure(refused)).toEqual({ code: undefined, notSent: false });
  });

  it.each([
    ["node", node.buffered],
    ["browser", browser.buffered],
  ] as const)("%s: the buffered Response reads like the original, as often as wanted", async (_name, buffered) => {
    const raw = new Response('{"a":1}', { status: 201, statusText: "Created", headers: { "x-request-id": "r-1" } });
    const text = await raw.text();
    const r = buffered(text, raw);
    expect([r.status, r.statusText, r.ok, r.headers.get("x-request-id")]).toEqual([201, "Created", true, "r-1"]);
    expect(await r.clone().json()).toEqual({ a: 1 });
    expect(await r.text()).toBe('{"a":1}');
  });
});
