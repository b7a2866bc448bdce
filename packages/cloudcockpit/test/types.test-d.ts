// Type tests: checked by `tsgo -p tsconfig.test.json` (the typecheck task), never executed.
// Every `@ts-expect-error` must hit a real type error, or the typecheck fails.
import { expectTypeOf } from "vitest";
import {
  createCloudCockpitClient,
  type ApiError,
  type CancelCustomerSubscriptionData,
  type CancelCustomerSubscriptionError,
  type CancelCustomerSubscriptionInput,
  type CloudCockpitClient,
  type CloudCockpitClientOptions,
  type components,
} from "../dist/index.js";

type ErrorResponse = components["schemas"]["ErrorResponse"];
type SubscriptionConflict = components["schemas"]["SubscriptionConflict"];

declare const client: CloudCockpitClient;
declare const throwing: CloudCockpitClient<true>;
const ids = { customerId: "0f8b2c6e-3d4a-4b1f-9a7e-6c5d2e1f8a90", subscriptionId: "7a3e9c1d-52b4-4e8f-a6d0-1b2c3d4e5f60" };
const tenant = "portal.example.com";

export async function inputs(): Promise<void> {
  await client.cancelCustomerSubscription({ ...ids, tenant });
  await client.cancelCustomerSubscription({ ...ids, tenant, correlationId: "5b0f4d2e-8c1a-4f3b-9e7d-2a6c1b9f0e34" });

  // @ts-expect-error customerId is required
  await client.cancelCustomerSubscription({ subscriptionId: ids.subscriptionId, tenant });
  // @ts-expect-error subscriptionId is required
  await client.cancelCustomerSubscription({ customerId: ids.customerId, tenant });
  // @ts-expect-error customerId is a (uuid) string, not a number
  await client.cancelCustomerSubscription({ ...ids, customerId: 42, tenant });
  // @ts-expect-error correlationId is a string
  await client.cancelCustomerSubscription({ ...ids, tenant, correlationId: 1 });
  // @ts-expect-error a DELETE takes no body
  await client.cancelCustomerSubscription({ ...ids, tenant, reason: "customer request" });

  // `tenant` comes from the client option on every call: optional per call.
  await client.cancelCustomerSubscription(ids);
  expectTypeOf<CancelCustomerSubscriptionInput["customerId"]>().toEqualTypeOf<string>();
}

export function options(): void {
  createCloudCockpitClient({ tenant, token: "jwt" });
  createCloudCockpitClient({ tenant, token: async () => "jwt", environment: "production" });
  createCloudCockpitClient({ tenant, clientCredentials: { clientId: "id", clientSecret: "secret" } });
  expectTypeOf<CloudCockpitClientOptions["environment"]>().toEqualTypeOf<"production" | undefined>();
  // @ts-expect-error only the documented server exists
  createCloudCockpitClient({ tenant, token: "jwt", environment: "sandbox" });
  // @ts-expect-error tenant is required
  createCloudCockpitClient({ token: "jwt" });
  // @ts-expect-error clientCredentials needs a clientSecret
  createCloudCockpitClient({ tenant, clientCredentials: { clientId: "id" } });
}

export async function results(): Promise<void> {
  const { data, error } = await client.cancelCustomerSubscription({ ...ids, tenant });
  expectTypeOf(data).toEqualTypeOf<CancelCustomerSubscriptionData>();
  expectTypeOf(data).toEqualTypeOf<undefined>();
  if (!error) return;

  expectTypeOf(error).toEqualTypeOf<CancelCustomerSubscriptionError>();
  expectTypeOf(error).toMatchTypeOf<ApiError>();
  expectTypeOf(error.code).toEqualTypeOf<
    "BadRequest" | "Unauthorized" | "Forbidden" | "NotFound" | "Conflict" | "InternalServerError" | "UnknownError"
  >();

  // @ts-expect-error "TooManyRequests" is not a documented code of this operation
  if (error.code === "TooManyRequests") return;
  // @ts-expect-error codes are PascalCase names
  if (error.code === "conflict") return;

  switch (error.code) {
    case "Conflict":
      expectTypeOf(error.status).toEqualTypeOf<409>();
      expectTypeOf(error.body).toEqualTypeOf<SubscriptionConflict | undefined>();
      expectTypeOf(error.body!.portalSubscription!.quantity).toEqualTypeOf<number | undefined>();
      // @ts-expect-error a SubscriptionConflict is not an ErrorResponse
      error.body?.description;
      // @ts-expect-error "Weekly" is not a BillingFrequency name (OneTime | Monthly | Annual | Triennial | None)
      if (error.body?.providerSubscription?.nextBillingFrequency?.name === "Weekly") return;
      // @ts-expect-error "TwoYears" is not a Term name
      if (error.body?.portalSubscription?.autoRenewSettings?.term?.name === "TwoYears") return;
      break;
    case "Unauthorized":
    case "Forbidden":
      // No body is documented for 401/403.
      expectTypeOf(error.body).toEqualTypeOf<undefined>();
      break;
    case "BadRequest":
    case "NotFound":
    case "InternalServerError":
      expectTypeOf(error.body).toEqualTypeOf<ErrorResponse | undefined>();
      break;
    default:
      expectTypeOf(error.code).toEqualTypeOf<"UnknownError">();
      expectTypeOf(error.status).toEqualTypeOf<number>();
  }
}

export async function throwOnError(): Promise<void> {
  const result = await throwing.cancelCustomerSubscription({ ...ids, tenant });
  expectTypeOf(result.data).toEqualTypeOf<undefined>();
  expectTypeOf(result.error).toEqualTypeOf<undefined>();
}
