import { expect, it } from "vitest";
import { createAwsSecurityIrMock } from "../src/generated/testing.js";
import { createAwsSecurityIrClient } from "../src/index.js";

it("createAwsSecurityIrMock answers a documented common error by code", async () => {
  const mock = createAwsSecurityIrMock();
  mock.scenario("getMembership", { error: "RequestExpired" });
  const { error } = await createAwsSecurityIrClient({
    region: mock.region,
    credentials: mock.credentials,
    fetch: mock.fetch,
  }).getMembership({ membershipId: "m-abcd1234efgh" });
  expect(error?.code).toBe("RequestExpired");
});
