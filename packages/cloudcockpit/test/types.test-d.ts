// Type tests (compiled by the typecheck, never run): what is CloudCockpit's own. Every operation's error codes, their
// statuses and input keys are checked for every API by the conformance suite (TypeMismatches in conformance.test.ts).
import { expectTypeOf } from "vitest";
import { type CancelCustomerSubscriptionInput, type CloudCockpitClient, type components, createCloudCockpitClient } from "../dist/index.js";

declare const client: CloudCockpitClient;

export async function tenant(): Promise<void> {
  // X-Tenant is client-level: required once by the factory, optional per call (a call's value overrides it).
  expectTypeOf<CancelCustomerSubscriptionInput["tenant"]>().toEqualTypeOf<string | undefined>();
  // @ts-expect-error tenant is required
  createCloudCockpitClient({ token: "jwt" });
  const { error } = await client.cancelCustomerSubscription({ customerId: "c", subscriptionId: "s" });
  // 409 is the portal-vs-provider comparison, not the ErrorResponse envelope; 401 and 403 document no body.
  if (error?.code === "Conflict") expectTypeOf(error.body).toEqualTypeOf<components["schemas"]["SubscriptionConflict"] | undefined>();
  if (error?.code === "Forbidden") expectTypeOf(error.body).toEqualTypeOf<undefined>();
}
