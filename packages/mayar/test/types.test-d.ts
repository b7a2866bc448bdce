// Type tests (compiled by the typecheck, never run): what is Mayar's own. Every operation's error codes, their
// statuses and input keys are checked for every API by the conformance suite (TypeMismatches in conformance.test.ts).
import { expectTypeOf } from "vitest";
import type { CancelMembershipMemberInput, components, MayarClient } from "../dist/index.js";

declare const client: MayarClient;
const memberId = "MBR8X2QK";

export async function productId(): Promise<void> {
  // productId goes in the body or the query (x-one-of-locations): required in one of them, so never undefined.
  expectTypeOf<CancelMembershipMemberInput["productId"]>().toEqualTypeOf<string>();
  // @ts-expect-error productId is required
  await client.cancelMembershipMember({ memberId });
  // @ts-expect-error an x-one-of-locations input cannot be undefined
  await client.cancelMembershipMember({ memberId, productId: undefined });
}

export async function defaultResponse(): Promise<void> {
  // The spec's `default` response documents the same envelope for any other status.
  const { error } = await client.cancelMembershipMember({ memberId, productId: "p" });
  if (error?.code === "UnknownError") expectTypeOf(error.body).toEqualTypeOf<components["schemas"]["ErrorResponse"] | undefined>();
}
