/**
 * Type tests: enforced by `tsgo -p tsconfig.test.json` (the package's `typecheck` task, a dependency of `test`).
 * Every `@ts-expect-error` must still be an error, or the typecheck fails.
 */
import { expectTypeOf } from "vitest";
import {
  type ApiError,
  bearerAuth,
  clientCredentialsProvider,
  type ApiResult,
  type ApiSuccess,
  type Auth,
  type BaseClientOptions,
  type CallOptions,
  type BaseClient,
  type Operation,
  type OperationFn,
  type RetryOptions,
  type TokenProvider,
} from "../dist/index.js";
import { createApiClient, type ClientCore } from "../dist/internal.js";
import { rawClient } from "../dist/raw.js";
import { sigv4Auth, type AwsClientOptions } from "../dist/sigv4.js";
import { fixtureClient, type FixtureClient } from "./fixture.js";

type Data = { id: string };
type NotFound = ApiError<"NotFound", 404, { message: string }>;
type Unknown = ApiError<"UnknownError", number, unknown>;
type Err = NotFound | Unknown;

declare const op: OperationFn<{ thingId: string }, Data, Err, false>;
declare const opThrow: OperationFn<{ thingId: string }, Data, Err, true>;

// Results: { data, error } discriminated on error; throwOnError: true removes the error branch.
expectTypeOf(op).returns.resolves.toEqualTypeOf<ApiResult<Data, Err>>();
expectTypeOf(opThrow).returns.resolves.toEqualTypeOf<ApiSuccess<Data>>();
async function narrowing() {
  const r = await op({ thingId: "t" });
  if (r.error) {
    expectTypeOf(r.data).toEqualTypeOf<undefined>();
    if (r.error.code === "NotFound") {
      expectTypeOf(r.error.status).toEqualTypeOf<404>();
      expectTypeOf(r.error.body).toEqualTypeOf<{ message: string } | undefined>();
    }
  } else {
    expectTypeOf(r.data).toEqualTypeOf<Data>();
  }
  const s = await opThrow({ thingId: "t" });
  expectTypeOf(s.data).toEqualTypeOf<Data>();
  // @ts-expect-error input is typed
  await op({ thingID: "t" });
  // @ts-expect-error per-call options are typed
  await op({ thingId: "t" }, { retries: 3 });
}
void narrowing;

// Options names (public API).
expectTypeOf<RetryOptions>().toEqualTypeOf<{
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRetryAfterMs?: number;
  retryNonIdempotent?: boolean;
}>();
expectTypeOf<keyof CallOptions>().toEqualTypeOf<"signal" | "retry" | "timeoutMs" | "headers" | "locations">();
expectTypeOf<keyof BaseClientOptions>().toEqualTypeOf<
  "baseUrl" | "environment" | "retry" | "timeoutMs" | "throwOnError" | "headers" | "fetch" | "logger"
>();
expectTypeOf<keyof AwsClientOptions>().toEqualTypeOf<"region" | "credentials">();

// ApiError is a real class with typed fields.
expectTypeOf<ApiError<"X", 400, { a: 1 }>["code"]>().toEqualTypeOf<"X">();
expectTypeOf<ApiError["rawBody"]>().toEqualTypeOf<string | undefined>();
expectTypeOf<ApiError["headers"]>().toEqualTypeOf<Headers>();

// Auth factories.
expectTypeOf(bearerAuth("x")).toEqualTypeOf<Auth>();
const s = sigv4Auth({ service: "svc", region: "us-east-1" });
expectTypeOf(s.clockOffsetMs).toEqualTypeOf<number>();
expectTypeOf(s).toMatchTypeOf<Auth>();
// @ts-expect-error clockOffsetMs is read-only
s.clockOffsetMs = 5;
// @ts-expect-error service is required
sigv4Auth({ region: "us-east-1" });
const provider = clientCredentialsProvider({
  tokenUrl: "https://idp/token",
  clientId: "id",
  clientSecret: "secret",
  scope: "s",
  timeoutMs: 1000,
});
expectTypeOf(provider).toEqualTypeOf<TokenProvider>();
expectTypeOf(provider.secrets).toEqualTypeOf<readonly string[]>();
expectTypeOf(provider).returns.resolves.toEqualTypeOf<string>();

// Client shape: operations + baseUrl; rawClient(client) is typed by the API's paths.
declare const client: FixtureClient;
expectTypeOf(client.baseUrl).toEqualTypeOf<string>();
async function raw() {
  const { data } = await rawClient(client).GET("/things/{thingId}", { params: { path: { thingId: "t" } } });
  expectTypeOf(data).toEqualTypeOf<{ id: string } | undefined>();
  // @ts-expect-error path params are required
  await rawClient(client).GET("/things/{thingId}", {});
  // @ts-expect-error unknown path
  await rawClient(client).GET("/nope");
  // @ts-expect-error body is typed
  await rawClient(client).POST("/things", { body: { title: "x" } });
}
void raw;

// createApiClient types the methods as the factory declares them.
declare const core: ClientCore;
const built = createApiClient<{ ping(): Promise<number> }, Record<string, never>>({} as never, { ping: async () => 1 }, {});
expectTypeOf(built.ping).returns.resolves.toEqualTypeOf<number>();
expectTypeOf(core.call).parameters.toMatchTypeOf<[unknown, Readonly<Record<string, unknown>> | undefined, CallOptions?]>();
// @ts-expect-error unknown client option
fixtureClient("http://127.0.0.1", { timeout: 5 });

// Operation functions (tree-shakable): the result follows the client's throwOnError, the input its client-filled keys.
declare const opFn: Operation<{ thingId: string; tenant: string }, Data, Err>;
declare const plain: BaseClient<unknown, false, never>;
declare const throwing: BaseClient<unknown, true, never>;
declare const tenanted: BaseClient<unknown, false, "tenant">;
expectTypeOf(opFn(plain, { thingId: "t", tenant: "x" })).resolves.toEqualTypeOf<ApiResult<Data, Err>>();
expectTypeOf(opFn(throwing, { thingId: "t", tenant: "x" })).resolves.toEqualTypeOf<ApiSuccess<Data>>();
void opFn(tenanted, { thingId: "t" });
// @ts-expect-error tenant is required when the client does not fill it in
void opFn(plain, { thingId: "t" });
// @ts-expect-error a client is required
void opFn({ baseUrl: "x" }, { thingId: "t", tenant: "x" });
