import { expect, it } from "vitest";
import { createFusebillMock, examples } from "../src/generated/testing.js";
import { createFusebillClient } from "../src/index.js";

it("createFusebillMock answers the client with this spec's example", async () => {
  const { data } = await createFusebillClient({ apiKey: "k", fetch: createFusebillMock().fetch }).cancelSubscription({
    subscriptionId: 1,
    cancellationOption: "None",
  });
  expect(data).toEqual(examples["cancelSubscription.responses.200.example"]);
});
