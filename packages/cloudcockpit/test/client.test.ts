/**
 * What is CloudCockpit's own (everything else: the conformance suite, packages/runtime, tools/reliability): the
 * client-level X-Tenant and a fresh X-Correlation-Id per call, and the Azure AD client-credentials flow the spec
 * declares (its scope), wired into the factory.
 */
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { examples } from "../dist/generated/examples.js";
import { createCloudCockpitClient, ValidationError, type CancelCustomerSubscriptionInput } from "../dist/index.js";
import { send, startServer, type TestServer } from "@subscription-apis/test-kit";

const TENANT = examples["cancelCustomerSubscription.parameters.header.X-Tenant"];
/** Without `tenant`: the client sends its own (a client-level parameter, optional per call). */
const INPUT: CancelCustomerSubscriptionInput = {
  customerId: examples["cancelCustomerSubscription.parameters.path.customerId"],
  subscriptionId: examples["cancelCustomerSubscription.parameters.path.subscriptionId"],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

it("sends the client's X-Tenant and a fresh X-Correlation-Id on every call; a correlation id echoed back is the requestId", async () => {
  server.handle((req, res) =>
    send(res, 404, { message: "no such subscription" }, { "x-correlation-id": String(req.headers["x-correlation-id"]) }),
  );
  const client = createCloudCockpitClient({ tenant: TENANT, token: "t", baseUrl: server.origin, retry: { maxAttempts: 1 } });
  const first = await client.cancelCustomerSubscription(INPUT);
  await client.cancelCustomerSubscription(INPUT);
  const [a, b] = server.received.map((r) => [r.headers["x-tenant"], r.headers["x-correlation-id"]] as const);
  expect([a![0], b![0]]).toEqual([TENANT, TENANT]);
  expect(a![1]).toMatch(UUID);
  expect(b![1]).toMatch(UUID);
  expect(b![1]).not.toBe(a![1]);
  expect(first.error?.requestId).toBe(a![1]);
});

it("clientCredentials: posts the spec's scope to the token endpoint, then calls the API with the issued token", async () => {
  server.handle((req, res) =>
    req.pathname.endsWith("/token")
      ? send(res, 200, { token_type: "Bearer", expires_in: 3599, access_token: "issued-token" })
      : send(res, 202),
  );
  const credentials = { clientId: "client-id", clientSecret: "cc~Secret.Value", tokenUrl: `${server.origin}/tenant-id/oauth2/v2.0/token` };
  const { error } = await createCloudCockpitClient({
    tenant: TENANT,
    clientCredentials: credentials,
    baseUrl: server.origin,
  }).cancelCustomerSubscription(INPUT);
  expect(error).toBeUndefined();
  const [token, call] = server.received;
  expect(Object.fromEntries(new URLSearchParams(token!.body))).toEqual({
    grant_type: "client_credentials",
    client_id: "client-id",
    client_secret: "cc~Secret.Value",
    scope: "api://b92a36a4-feb8-4f47-a69c-29a180aa6d0a/.default",
  });
  expect(call!.headers.authorization).toBe("Bearer issued-token");
});

it("takes exactly one of token or clientCredentials", () => {
  const clientCredentials = { clientId: "id", clientSecret: "secret" };
  expect(() => createCloudCockpitClient({ tenant: TENANT })).toThrow(ValidationError);
  expect(() => createCloudCockpitClient({ tenant: TENANT, token: "t", clientCredentials })).toThrow(ValidationError);
});
