import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { main } from "../examples/usage.js";
import { send, startServer, type TestServer } from "@subscription-apis/test-kit";

const API_KEY = Buffer.from("0:fusebill-example-secret-42b7").toString("base64");

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
beforeEach(() => {
  vi.stubEnv("FUSEBILL_API_KEY", API_KEY);
  vi.stubEnv("FUSEBILL_SUBSCRIPTION_ID", "12345");
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

describe("examples/usage.ts", () => {
  it("is embedded verbatim in README.md", () => {
    const example = readFileSync(new URL("../examples/usage.ts", import.meta.url), "utf8");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it("cancels the subscription from the environment and prints its new status", async () => {
    server.handle((_req, res) => send(res, 200, examples["cancelSubscription.responses.200.example"]));
    const line = await main(`${server.origin}/v1`);
    expect(line).toBe("subscription 12345 is now Cancelled");
    expect(console.log).toHaveBeenCalledWith(line);
    const req = server.received[0]!;
    expect(req.method).toBe("POST");
    expect(req.pathname).toBe("/v1/subscriptionCancellation");
    expect(req.headers.authorization).toBe(`Basic ${API_KEY}`);
    expect(JSON.parse(req.body)).toEqual({ subscriptionId: 12345, cancellationOption: "Unearned" });
  });

  it("switches on error.code: 409 Conflict prints the vendor's reason", async () => {
    const body = examples["cancelSubscription.responses.409.businessRuleViolation"];
    server.handle((_req, res) => send(res, 409, body));
    expect(await main(`${server.origin}/v1`)).toBe(`not cancellable: ${body.Errors[0]!.Value}`);
  });

  it("switches on error.code: 500 InternalServerError falls to the default branch, not retried", async () => {
    const body = examples["cancelSubscription.responses.500.serverError"];
    server.handle((_req, res) => send(res, 500, body));
    expect(await main(`${server.origin}/v1`)).toBe(`InternalServerError: ${body.Errors[0]!.Value}`);
    expect(server.received).toHaveLength(1);
  });

  it("handles an undocumented status (UnknownError) without a body", async () => {
    server.handle((_req, res) => {
      res.writeHead(418, { "content-type": "text/plain" });
      res.end("I'm a teapot");
    });
    expect(await main(`${server.origin}/v1`)).toBe("HTTP 418: cancelSubscription: UnknownError (HTTP 418): I'm a teapot");
  });
});
