// Type tests: compiled by `tsgo -p tsconfig.test.json` (the typecheck task), never executed.
// Every `@ts-expect-error` must be needed: the typecheck fails if the line below it compiles.
import { describe, expectTypeOf, test } from "vitest";
import {
  createAwsQBusinessClient,
  type ApiError,
  type AwsQBusinessClient,
  type CancelSubscriptionData,
  type CancelSubscriptionError,
  type CancelSubscriptionInput,
  type components,
  rawClient,
} from "../dist/index.js";

declare const client: AwsQBusinessClient;
const applicationId = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
const subscriptionId = "EXAMPLE-subscription-1";
type Schemas = components["schemas"];
type Tier = "Q_LITE" | "Q_BUSINESS";

describe("cancelSubscription input", () => {
  test("the documented input compiles", () => {
    expectTypeOf(client.cancelSubscription).parameter(0).toEqualTypeOf<CancelSubscriptionInput>();
    expectTypeOf<CancelSubscriptionInput>().toEqualTypeOf<{ applicationId: string; subscriptionId: string }>();
    void client.cancelSubscription(
      { applicationId, subscriptionId },
      { timeoutMs: 1000, signal: AbortSignal.timeout(5000), headers: { "x-trace": "1" } },
    );
  });

  test("a wrong parameter type does not compile", () => {
    // @ts-expect-error subscriptionId is a string
    void client.cancelSubscription({ applicationId, subscriptionId: 42 });
    // @ts-expect-error applicationId is a string
    void client.cancelSubscription({ applicationId: null, subscriptionId });
  });

  test("a missing path parameter does not compile", () => {
    // @ts-expect-error subscriptionId is required
    void client.cancelSubscription({ applicationId });
    // @ts-expect-error applicationId is required
    void client.cancelSubscription({ subscriptionId });
  });

  test("an unknown input key does not compile", () => {
    // @ts-expect-error cancelSubscription has no `principal` parameter
    void client.cancelSubscription({ applicationId, subscriptionId, principal: "user" });
  });

  test("unknown environments and incomplete credentials do not compile", () => {
    // @ts-expect-error `china-fips` is not a server of this spec
    createAwsQBusinessClient({ environment: "china-fips" });
    // @ts-expect-error credentials need a secretAccessKey
    createAwsQBusinessClient({ credentials: { accessKeyId: "AKIDEXAMPLE" } });
    createAwsQBusinessClient({
      environment: "china",
      region: "cn-north-1",
      credentials: async () => ({ accessKeyId: "a", secretAccessKey: "b" }),
    });
  });
});

describe("cancelSubscription result", () => {
  test("data has the documented shape (every member optional)", async () => {
    const result = await client.cancelSubscription({ applicationId, subscriptionId });
    expectTypeOf(result.data).toEqualTypeOf<CancelSubscriptionData | undefined>();
    if (result.error) return;
    expectTypeOf(result.data).toEqualTypeOf<{
      subscriptionArn?: string;
      currentSubscription?: { type?: Tier };
      nextSubscription?: { type?: Tier };
    }>();
    expectTypeOf(result.data.nextSubscription?.type).toEqualTypeOf<Tier | undefined>();
    // @ts-expect-error the response has no `status` member
    void result.data.status;
  });

  test("narrowing error.code gives the typed body", async () => {
    const { error } = await client.cancelSubscription({ applicationId, subscriptionId });
    if (!error) return;
    expectTypeOf(error).toEqualTypeOf<CancelSubscriptionError>();
    expectTypeOf(error).toExtend<ApiError>();
    switch (error.code) {
      case "ValidationException":
        expectTypeOf(error.status).toEqualTypeOf<400>();
        expectTypeOf(error.body).toEqualTypeOf<Schemas["ValidationException"] | undefined>();
        expectTypeOf(error.body!.fields).toEqualTypeOf<{ name: string; message: string }[] | undefined>();
        // Q Business has no OTHER reason (unlike Security IR).
        expectTypeOf(error.body!.reason).toEqualTypeOf<"CANNOT_PARSE" | "FIELD_VALIDATION_FAILED" | "UNKNOWN_OPERATION">();
        // @ts-expect-error the Q Business field list is `fields`, not `fieldList`
        void error.body?.fieldList;
        break;
      case "ResourceNotFoundException":
        expectTypeOf(error.status).toEqualTypeOf<404>();
        expectTypeOf(error.body).toEqualTypeOf<{ message: string; resourceId: string; resourceType: string } | undefined>();
        break;
      case "ThrottlingException":
        expectTypeOf(error.status).toEqualTypeOf<429>();
        expectTypeOf(error.body).toEqualTypeOf<{ message: string } | undefined>();
        break;
      case "UnknownError":
        expectTypeOf(error.status).toEqualTypeOf<number>();
        expectTypeOf(error.body).toBeUnknown();
        break;
      default:
        expectTypeOf(error.code).toEqualTypeOf<"AccessDeniedException" | "InternalServerException">();
    }
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
  });

  test("comparing error.code to a code the operation cannot return is a type error", async () => {
    const { error } = await client.cancelSubscription({ applicationId, subscriptionId });
    // @ts-expect-error ConflictException is not an error of cancelSubscription
    if (error?.code === "ConflictException") return;
    // @ts-expect-error status names are not AWS codes
    if (error?.code === "TooManyRequests") return;
  });

  test("throwOnError: true makes data non-optional", async () => {
    const throwing = createAwsQBusinessClient({ throwOnError: true });
    const { data, error } = await throwing.cancelSubscription({ applicationId, subscriptionId });
    expectTypeOf(data).toEqualTypeOf<CancelSubscriptionData>();
    expectTypeOf(error).toEqualTypeOf<undefined>();
  });

  test("the raw client is typed by path", async () => {
    const path = "/applications/{applicationId}/subscriptions/{subscriptionId}";
    const { data } = await rawClient(client).DELETE(path, { params: { path: { applicationId, subscriptionId } } });
    expectTypeOf(data).toEqualTypeOf<CancelSubscriptionData | undefined>();
    // @ts-expect-error the raw call needs both path labels
    void rawClient(client).DELETE(path, { params: { path: { applicationId } } });
  });
});
