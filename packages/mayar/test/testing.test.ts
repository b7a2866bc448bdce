import { expect, it } from "vitest";
import { createMayarMock, examples } from "../src/generated/testing.js";
import { createMayarClient } from "../src/index.js";

it("createMayarMock is bound to this API: the client gets the spec's example", async () => {
  const client = createMayarClient({ apiKey: "k", fetch: createMayarMock().fetch });
  const { data } = await client.cancelMembershipMember({ memberId: "MBR8X2QK", productId: "p-1" });
  expect(data).toEqual(examples["cancelMembershipMember.responses.200.example"]);
});
