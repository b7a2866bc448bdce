import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { offlineHtml, operationAnchor, resolveFile, serveStatic } from "../src/index.js";

describe("offlineHtml", () => {
  it("replaces the Redocly badge logo from cdn.redoc.ly with an inline image and adds an inline favicon", () => {
    const html =
      "<html><head><title>x</title></head><body><script>src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`</script></body></html>";
    const out = offlineHtml(html, "x.html");
    expect(out).not.toContain("cdn.redoc.ly");
    expect(out).toContain("data:image/svg+xml,");
    expect(out).toContain('<link rel="icon" href="data:,">');
  });

  it("fails the build when a page would still load a remote script or font", () => {
    expect(() => offlineHtml('<head></head><script src="https://cdn.example.org/redoc.js"></script>', "x.html")).toThrow(/x\.html/);
    expect(() =>
      offlineHtml('<head></head><link href="https://fonts.googleapis.com/css?family=Roboto" rel="stylesheet">', "y.html"),
    ).toThrow(/y\.html/);
  });
});

describe("operationAnchor", () => {
  it("builds Redoc 3 routes", () => {
    expect(operationAnchor("cancelMembershipMember", "Membership")).toBe("#/membership/cancelmembershipmember");
  });
});

describe("static server", () => {
  const dir = mkdtempSync(join(tmpdir(), "sapi-docs-serve-"));
  mkdirSync(join(dir, "api"));
  writeFileSync(join(dir, "index.html"), "<p>landing</p>");
  writeFileSync(join(dir, "api", "index.html"), "<p>api</p>");

  it("never resolves outside the root", () => {
    expect(resolveFile(dir, "/../../etc/passwd")).toBeUndefined();
    expect(resolveFile(dir, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(resolveFile(dir, "/api/")).toBe(join(dir, "api", "index.html"));
  });

  it("serves files on 127.0.0.1, redirects directories to a trailing slash, 404s the rest", async () => {
    const server = await serveStatic(dir);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const landing = await fetch(server.url);
      expect(landing.status).toBe(200);
      expect(landing.headers.get("content-type")).toContain("text/html");
      expect(await landing.text()).toBe("<p>landing</p>");
      const redirect = await fetch(`${server.url}api`, { redirect: "manual" });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get("location")).toBe("/api/");
      expect((await fetch(`${server.url}missing.html`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
