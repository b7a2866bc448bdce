export * from "./errors.js";
export * from "./types.js";
export {
  createApiClient,
  CORE,
  createClientCore,
  resolveBaseUrl,
  toApiError,
  type ApiClient,
  type ApiResult,
  type ApiSuccess,
  type BaseClientOptions,
  type CallOptions,
  type ClientCore,
  type ClientCoreConfig,
  type OperationFn,
  type WithDefaults,
} from "./client.js";
export {
  bearerAuth,
  headerAuth,
  clientCredentialsProvider,
  type ClientCredentialsOptions,
  type TokenProvider,
  type TokenSource,
} from "./auth.js";
export { SecretRegistry, REDACTED } from "./redact.js";
export { parseRetryAfter, retryDelay, resolveRetry, isRetryableStatus, type RetryOptions, type ResolvedRetry } from "./retry.js";
export {
  awsErrorCode,
  sanitizeErrorCode,
  type FetchFn,
  type Auth,
  type AttemptContext,
  type Logger,
  type OutgoingRequest,
} from "./transport.js";
export { checkConstraint, buildParams } from "./validate.js";
