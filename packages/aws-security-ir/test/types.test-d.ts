// Type tests (compiled by the typecheck, never run): what is Security IR's own. Every operation's error codes, their
// statuses and input keys are checked for every API by the conformance suite (TypeMismatches in conformance.test.ts).
import { expectTypeOf } from "vitest";
import type { AwsSecurityIrClient, components } from "../dist/index.js";

declare const client: AwsSecurityIrClient;

export async function sharedStatus(): Promise<void> {
  const { error } = await client.cancelMembership({ membershipId: "m-abcd1234efgh" });
  // Two modelled errors share HTTP 400: the code (X-Amzn-Errortype), not the status, selects the body type.
  if (error?.code === "ValidationException") {
    expectTypeOf(error.status).toEqualTypeOf<400>();
    expectTypeOf(error.body!.reason).toEqualTypeOf<components["schemas"]["ValidationExceptionReason"]>();
  }
  if (error?.code === "SecurityIncidentResponseNotActiveException") {
    expectTypeOf(error.status).toEqualTypeOf<400>();
    // @ts-expect-error only ValidationException has fieldList
    void error.body?.fieldList;
  }
}
