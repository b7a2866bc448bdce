import { expect, it } from "vitest";
import { createAwsQBusinessMock } from "../src/generated/testing.js";
import { createAwsQBusinessClient } from "../src/index.js";

it("createAwsQBusinessMock verifies this API's signing name", async () => {
  const mock = createAwsQBusinessMock();
  const { error } = await createAwsQBusinessClient({
    region: mock.region,
    credentials: mock.credentials,
    fetch: mock.fetch,
  }).listSubscriptions({ applicationId: "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" });
  expect([error, mock.requests[0]?.url.host]).toEqual([undefined, "qbusiness.us-east-1.api.aws"]);
});
