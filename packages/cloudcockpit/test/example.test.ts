import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { main } from "../examples/usage.js";
import { send, startServer, type TestServer } from "@subscription-apis/test-kit";

const TENANT = examples["cancelCustomerSubscription.parameters.header.X-Tenant"];
const CUSTOMER_ID = examples["cancelCustomerSubscription.parameters.path.customerId"];
const SUBSCRIPTION_ID = examples["cancelCustomerSubscription.parameters.path.subscriptionId"];
const CLIENT_SECRET = "example~secret_9Zx8Yw7Vu6";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
beforeEach(() => {
  vi.stubEnv("CLOUDCOCKPIT_TENANT", TENANT);
  vi.stubEnv("CLOUDCOCKPIT_CUSTOMER_ID", CUSTOMER_ID);
  vi.stubEnv("CLOUDCOCKPIT_SUBSCRIPTION_ID", SUBSCRIPTION_ID);
  vi.stubEnv("CLOUDCOCKPIT_TOKEN", undefined);
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

  it("with client credentials: gets a token, cancels, prints the 202 outcome", async () => {
    vi.stubEnv("CLOUDCOCKPIT_CLIENT_ID", "example-client-id");
    vi.stubEnv("CLOUDCOCKPIT_CLIENT_SECRET", CLIENT_SECRET);
    vi.stubEnv("CLOUDCOCKPIT_TOKEN_URL", `${server.origin}/tenant/oauth2/v2.0/token`);
    server.handle((req, res) =>
      req.pathname.endsWith("/token")
        ? send(res, 200, { token_type: "Bearer", expires_in: 3599, access_token: "example-access-token" })
        : send(res, 202),
    );
    const line = await main(server.origin);
    expect(line).toBe("cancellation accepted (202): poll the subscription's status.name for the outcome");
    expect(console.log).toHaveBeenCalledWith(line);

    const [tokenReq, apiReq] = server.received;
    expect(new URLSearchParams(tokenReq!.body).get("client_secret")).toBe(CLIENT_SECRET);
    expect(apiReq!.method).toBe("DELETE");
    expect(apiReq!.pathname).toBe(`/v1/customers/${CUSTOMER_ID}/subscriptions/${SUBSCRIPTION_ID}`);
    expect(apiReq!.headers.authorization).toBe("Bearer example-access-token");
    expect(apiReq!.headers["x-tenant"]).toBe(TENANT);
  });

  it("with a token: switches on error.code and prints both sides of a 409 Conflict", async () => {
    vi.stubEnv("CLOUDCOCKPIT_TOKEN", "example-bearer-token");
    server.handle((_req, res) => send(res, 409, examples["cancelCustomerSubscription.responses.409.example"]));
    expect(await main(server.origin)).toBe("conflict: portal quantity 25, provider quantity 20");
    expect(server.received[0]!.headers.authorization).toBe("Bearer example-bearer-token");
  });

  it("with a token: a 403 without body takes the Forbidden branch", async () => {
    vi.stubEnv("CLOUDCOCKPIT_TOKEN", "example-bearer-token");
    server.handle((_req, res) => send(res, 403));
    expect(await main(server.origin)).toBe("Forbidden: check the credentials and the tenant");
  });
});
