import { expect, it } from "vitest";
import { createCloudCockpitMock } from "../src/generated/testing.js";
import { createCloudCockpitClient } from "../src/index.js";

it("createCloudCockpitMock checks this API's X-Tenant (a documented 400 without it)", async () => {
  const mock = createCloudCockpitMock();
  const ids = { customerId: "0f8b2c6e-3d4a-4b1f-9a7e-6c5d2e1f8a90", subscriptionId: "7a3e9c1d-52b4-4e8f-a6d0-1b2c3d4e5f60" };
  const url = `https://app-cloudcockpitapi-prod-01.azurewebsites.net/v1/customers/${ids.customerId}/subscriptions/${ids.subscriptionId}`;
  const res = await mock.fetch(new Request(url, { method: "DELETE", headers: { authorization: "Bearer t" } }));
  expect([res.status, mock.requests[0]?.rejected]).toEqual([400, "X-Tenant (header) is required"]);
  const { error } = await createCloudCockpitClient({ token: "t", tenant: "x", fetch: mock.fetch }).cancelCustomerSubscription(ids);
  expect(error).toBeUndefined();
});
