/**
 * @subscription-apis/runtime/internal: the machinery behind the generated clients — the client core, the attempt
 * loop and its outcome, protocol objects, validation, retry arithmetic, redaction.
 *
 * NOT covered by semver: it changes with the generator (tools/codegen) and the client packages; a change here is
 * released as a runtime minor (0.x), which the clients' `^0.y` range does not pick up. Do not import it from
 * application code.
 */
export {
  createApiClient,
  createClientCore,
  CORE,
  resolveBaseUrl,
  toApiError,
  type ClientCore,
  type ClientCoreConfig,
  type OperationSet,
  type SendOptions,
} from "./client.js";
export { httpProtocol, type Protocol, type RetryKind } from "./protocol.js";
export { defaultFetch, send, type Outcome, type SendCall, type SendContext } from "./transport.js";
export { assertHeaderValue, buildParams, checkConstraint, headerProblem, type BuiltParams, type LocationChoice } from "./validate.js";
export {
  isRetryableStatus,
  parseRetryAfter,
  resolveRetry,
  retryDelay,
  sleep,
  startTimer,
  type ResolvedRetry,
  type RetryOptions,
} from "./retry.js";
export { REDACTED, SecretRegistry } from "./redact.js";
export { paginate } from "./paginate.js";
export { withIdempotencyToken } from "./idempotency.js";
export { binaryBody, encodeRequest, multipartBody, textBody } from "./encode.js";
export { formBody } from "./form.js";
export { basicAuth, queryAuth } from "./auth.js";
export type { ApiDescriptor, DescriptorAuth, DescriptorCredential, DescriptorEnv, OperationDescriptor } from "./descriptor.js";
