// Type tests: checked by `tsgo -p tsconfig.test.json` (the typecheck task), never executed.
// Every `@ts-expect-error` must hit a real type error, or the typecheck fails.
import { expectTypeOf } from "vitest";
import {
  createFusebillClient,
  type ApiError,
  type CancelSubscriptionData,
  type CancelSubscriptionError,
  type CancelSubscriptionInput,
  type components,
  type FusebillClient,
} from "../dist/index.js";

type ErrorResponse = components["schemas"]["ErrorResponse"];

declare const client: FusebillClient;
declare const throwing: FusebillClient<true>;

export async function inputs(): Promise<void> {
  await client.cancelSubscription({ subscriptionId: 12345, cancellationOption: "None" });
  await client.cancelSubscription({ subscriptionId: 12345, cancellationOption: "Full" });

  // @ts-expect-error subscriptionId is a number (int64), not a string
  await client.cancelSubscription({ subscriptionId: "12345", cancellationOption: "None" });
  // @ts-expect-error cancellationOption is required
  await client.cancelSubscription({ subscriptionId: 12345 });
  // @ts-expect-error subscriptionId is required
  await client.cancelSubscription({ cancellationOption: "None" });
  // @ts-expect-error "Partial" is not a CancellationOption
  await client.cancelSubscription({ subscriptionId: 12345, cancellationOption: "Partial" });
  // @ts-expect-error the enum is case-sensitive
  await client.cancelSubscription({ subscriptionId: 12345, cancellationOption: "none" });

  expectTypeOf<CancelSubscriptionInput["cancellationOption"]>().toEqualTypeOf<"None" | "Unearned" | "Full">();
  expectTypeOf<CancelSubscriptionInput["subscriptionId"]>().toEqualTypeOf<number>();
}

export function options(): void {
  createFusebillClient({ apiKey: "k", environment: "legacy-staging" });
  // @ts-expect-error there is no sandbox host: sandbox accounts use production with a sandbox key
  createFusebillClient({ apiKey: "k", environment: "sandbox" });
  // @ts-expect-error apiKey is required
  createFusebillClient({});
}

export async function results(): Promise<void> {
  const { data, error } = await client.cancelSubscription({ subscriptionId: 1, cancellationOption: "None" });
  if (!error) {
    expectTypeOf(data).toEqualTypeOf<CancelSubscriptionData>();
    expectTypeOf(data.status).toEqualTypeOf<components["schemas"]["SubscriptionStatus"]>();
    expectTypeOf(data.id).toEqualTypeOf<number>();
    return;
  }
  expectTypeOf(error).toEqualTypeOf<CancelSubscriptionError>();
  expectTypeOf(error).toMatchTypeOf<ApiError>();
  expectTypeOf(error.code).toEqualTypeOf<
    "BadRequest" | "Unauthorized" | "NotFound" | "Conflict" | "TooManyRequests" | "InternalServerError" | "UnknownError"
  >();

  // @ts-expect-error "Forbidden" is not a documented code of this operation
  if (error.code === "Forbidden") return;
  // @ts-expect-error codes are names, not numbers
  if (error.code === 409) return;

  if (error.code === "Conflict") {
    expectTypeOf(error.status).toEqualTypeOf<409>();
    expectTypeOf(error.body).toEqualTypeOf<ErrorResponse | undefined>();
    expectTypeOf(error.body!.Errors[0]!.Value).toEqualTypeOf<string>();
  }
  if (error.code === "InternalServerError") expectTypeOf(error.status).toEqualTypeOf<500>();
  if (error.code === "UnknownError") {
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.body).toEqualTypeOf<unknown>();
  }
}

export async function throwOnError(): Promise<void> {
  const result = await throwing.cancelSubscription({ subscriptionId: 1, cancellationOption: "Full" });
  expectTypeOf(result.data).toEqualTypeOf<CancelSubscriptionData>();
  expectTypeOf(result.error).toEqualTypeOf<undefined>();
}
