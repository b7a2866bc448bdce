/**
 * @subscription-apis/runtime: what a user of the generated clients calls or names. Semver-bound.
 * The machinery the generated code and the factories use is in `@subscription-apis/runtime/internal`
 * (outside semver: it changes with the generator, in lockstep with the client packages).
 */
export * from "./errors.js";
export type * from "./types.js";
export type {
  ApiClient,
  ApiResult,
  ApiSuccess,
  BaseClient,
  BaseClientOptions,
  CallOptions,
  Operation,
  OperationFn,
  WithDefaults,
} from "./client.js";
export {
  bearerAuth,
  headerAuth,
  clientCredentialsProvider,
  type ClientCredentialsOptions,
  type TokenProvider,
  type TokenSource,
} from "./auth.js";
export type { Paginated, Paginator } from "./paginate.js";
export type { RetryOptions } from "./retry.js";
export type { AttemptContext, Auth, FetchFn, Logger, OutgoingRequest } from "./transport.js";
export { rawClient, type RawClientOptions } from "./raw.js";
