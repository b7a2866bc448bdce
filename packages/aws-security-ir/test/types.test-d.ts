// Type tests: compiled by `tsgo -p tsconfig.test.json` (the typecheck task), never executed.
// Every `@ts-expect-error` must be needed: the typecheck fails if the line below it compiles.
import { describe, expectTypeOf, test } from "vitest";
import {
  createAwsSecurityIrClient,
  type ApiError,
  type AwsSecurityIrClient,
  type CancelMembershipData,
  type CancelMembershipError,
  type CancelMembershipInput,
  type components,
  rawClient,
} from "../dist/index.js";

declare const client: AwsSecurityIrClient;
type Schemas = components["schemas"];

describe("cancelMembership input", () => {
  test("the documented input compiles", () => {
    expectTypeOf(client.cancelMembership).parameter(0).toEqualTypeOf<CancelMembershipInput>();
    expectTypeOf<CancelMembershipInput>().toEqualTypeOf<{ membershipId: string }>();
    void client.cancelMembership(
      { membershipId: "m-abcd1234efgh" },
      { timeoutMs: 1000, retry: { maxAttempts: 1 }, signal: AbortSignal.timeout(5000) },
    );
  });

  test("a wrong parameter type does not compile", () => {
    // @ts-expect-error membershipId is a string
    void client.cancelMembership({ membershipId: 123 });
  });

  test("a missing path parameter does not compile", () => {
    // @ts-expect-error membershipId is required
    void client.cancelMembership({});
    // @ts-expect-error the input object is required
    void client.cancelMembership();
  });

  test("an unknown input key does not compile", () => {
    // @ts-expect-error cancelMembership has no `force` parameter
    void client.cancelMembership({ membershipId: "m-abcd1234efgh", force: true });
  });

  test("unknown call options and client options do not compile", () => {
    // @ts-expect-error `retries` is not a call option (it is `retry`)
    void client.cancelMembership({ membershipId: "m-abcd1234efgh" }, { retries: 2 });
    // @ts-expect-error `staging` is not one of the spec's environments
    createAwsSecurityIrClient({ environment: "staging" });
    // @ts-expect-error credentials need both keys
    createAwsSecurityIrClient({ credentials: { accessKeyId: "AKIDEXAMPLE" } });
    createAwsSecurityIrClient({
      environment: "fips",
      region: "us-east-1",
      credentials: async () => ({ accessKeyId: "a", secretAccessKey: "b" }),
    });
  });
});

describe("cancelMembership result", () => {
  test("data has the documented shape", async () => {
    const result = await client.cancelMembership({ membershipId: "m-abcd1234efgh" });
    expectTypeOf(result.data).toEqualTypeOf<CancelMembershipData | undefined>();
    expectTypeOf<CancelMembershipData>().toEqualTypeOf<{ membershipId: string }>();
    if (result.error) return;
    expectTypeOf(result.data).toEqualTypeOf<{ membershipId: string }>();
    expectTypeOf(result.data.membershipId).toBeString();
    // @ts-expect-error the response has no `status` member
    void result.data.status;
  });

  test("narrowing error.code gives the typed body", async () => {
    const { error } = await client.cancelMembership({ membershipId: "m-abcd1234efgh" });
    if (!error) return;
    expectTypeOf(error).toEqualTypeOf<CancelMembershipError>();
    expectTypeOf(error).toExtend<ApiError>();
    switch (error.code) {
      case "ValidationException":
        expectTypeOf(error.status).toEqualTypeOf<400>();
        expectTypeOf(error.body).toEqualTypeOf<Schemas["ValidationException"] | undefined>();
        expectTypeOf(error.body!.fieldList).toEqualTypeOf<{ name: string; message: string }[] | undefined>();
        expectTypeOf(error.body!.reason).toEqualTypeOf<"UNKNOWN_OPERATION" | "CANNOT_PARSE" | "FIELD_VALIDATION_FAILED" | "OTHER">();
        break;
      case "SecurityIncidentResponseNotActiveException":
        expectTypeOf(error.status).toEqualTypeOf<400>();
        expectTypeOf(error.body).toEqualTypeOf<{ message: string } | undefined>();
        // @ts-expect-error only ValidationException has fieldList
        void error.body?.fieldList;
        break;
      case "ServiceQuotaExceededException":
        expectTypeOf(error.status).toEqualTypeOf<402>();
        expectTypeOf(error.body!.quotaCode).toBeString();
        expectTypeOf(error.body!.serviceCode).toBeString();
        break;
      case "ConflictException":
        expectTypeOf(error.status).toEqualTypeOf<409>();
        expectTypeOf(error.body!.resourceId).toBeString();
        break;
      case "InvalidTokenException":
        expectTypeOf(error.status).toEqualTypeOf<423>();
        break;
      case "ThrottlingException":
        expectTypeOf(error.status).toEqualTypeOf<429>();
        expectTypeOf(error.body!.quotaCode).toEqualTypeOf<string | undefined>();
        break;
      case "UnknownError":
        expectTypeOf(error.status).toEqualTypeOf<number>();
        expectTypeOf(error.body).toBeUnknown();
        break;
      case "ExpiredTokenException":
      case "ServiceUnavailable":
        // AWS Common Errors: body shape not documented (CommonError, message optional)
        expectTypeOf(error.body).toEqualTypeOf<Schemas["CommonError"] | undefined>();
        expectTypeOf(error.body!.message).toEqualTypeOf<string | undefined>();
        break;
      default:
        expectTypeOf(error.code).toEqualTypeOf<
          | "AccessDeniedException"
          | "ResourceNotFoundException"
          | "InternalServerException"
          // the other AWS Common Errors
          | "MalformedHttpRequestException"
          | "RequestAbortedException"
          | "RequestExpired"
          | "ValidationError"
          | "NotAuthorized"
          | "IncompleteSignature"
          | "OptInRequired"
          | "UnrecognizedClientException"
          | "UnknownOperationException"
          | "RequestTimeoutException"
          | "InternalFailure"
        >();
    }
    expectTypeOf(error.requestId).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.attempts).toBeNumber();
  });

  test("comparing error.code to a code the operation cannot return is a type error", async () => {
    const { error } = await client.cancelMembership({ membershipId: "m-abcd1234efgh" });
    // @ts-expect-error ServiceUnavailableException is not an error of cancelMembership
    if (error?.code === "ServiceUnavailableException") return;
    // @ts-expect-error status names are not AWS codes
    if (error?.code === "NotFound") return;
  });

  test("throwOnError: true makes data non-optional", async () => {
    const throwing = createAwsSecurityIrClient({ throwOnError: true });
    const { data, error } = await throwing.cancelMembership({ membershipId: "m-abcd1234efgh" });
    expectTypeOf(data).toEqualTypeOf<CancelMembershipData>();
    expectTypeOf(error).toEqualTypeOf<undefined>();
  });

  test("the raw client is typed by path", async () => {
    const { data } = await rawClient(client).PUT("/v1/membership/{membershipId}", { params: { path: { membershipId: "m-abcd1234efgh" } } });
    expectTypeOf(data).toEqualTypeOf<CancelMembershipData | undefined>();
    // @ts-expect-error cancelMembership is a PUT; there is no DELETE on this path
    void rawClient(client).DELETE("/v1/membership/{membershipId}", { params: { path: { membershipId: "m-abcd1234efgh" } } });
  });
});
