/**
 * One error hierarchy for every client (Stainless-style):
 *
 *   ApiClientError
 *   ├── ValidationError        bad input, found before anything was sent
 *   ├── ConnectionError        no HTTP response (DNS, refused, reset, malformed response)
 *   │   └── TimeoutError       an attempt exceeded its per-attempt timeout
 *   ├── AbortError             the caller's AbortSignal fired
 *   ├── AuthError              credentials could not be obtained (token endpoint, missing keys)
 *   ├── InvalidResponseError   a 2xx response whose body is not the promised JSON
 *   └── ApiError               the server answered with a non-2xx status (typed: code, status, body)
 *       ├── BadRequestError (400)  ├── AuthenticationError (401)  ├── PaymentRequiredError (402)
 *       ├── PermissionDeniedError (403)  ├── NotFoundError (404)  ├── ConflictError (409)
 *       ├── LockedError (423)  ├── RateLimitError (429)  └── InternalServerError (>= 500)
 *
 * No error carries request headers, credentials or signatures: messages and bodies pass through
 * the client's secret registry, and `toJSON()` lists only the documented fields.
 */

/** The documented fields `toJSON()` lists (those an error has): never headers, causes or undocumented codes. */
const JSON_FIELDS = ["operationId", "parameter", "rule", "code", "status", "requestId", "body", "rawBody", "attempts", "timeoutMs"];

export class ApiClientError extends Error {
  override name = "ApiClientError";
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    for (const k of JSON_FIELDS) if (k in this) out[k] = (this as Record<string, unknown>)[k];
    return out;
  }
}

export class ValidationError extends ApiClientError {
  override name = "ValidationError";
  constructor(
    readonly operationId: string,
    /** The input key (and wire name) that failed, e.g. `membershipId`. */
    readonly parameter: string,
    /** The rule that failed, e.g. `pattern`, `required`, `maxLength`, `enum`, `header-injection`. */
    readonly rule: string,
    detail: string,
  ) {
    super(`${operationId}: invalid parameter "${parameter}" (${rule}): ${detail}. No request was sent.`);
  }
}

export class ConnectionError extends ApiClientError {
  override name = "ConnectionError";
  constructor(
    message: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
  constructor(
    message: string,
    attempts: number,
    readonly timeoutMs: number,
  ) {
    super(message, attempts);
  }
}

export class AbortError extends ApiClientError {
  override name = "AbortError";
}

export class AuthError extends ApiClientError {
  override name = "AuthError";
}

/** Thrown when a 2xx response body is not the JSON the spec promises. */
export class InvalidResponseError extends ApiClientError {
  override name = "InvalidResponseError";
  constructor(
    message: string,
    readonly status: number,
    readonly rawBody: string,
  ) {
    super(message);
  }
}

export interface ApiErrorInit<C extends string, S extends number, B> {
  operationId: string;
  code: C;
  status: S;
  body: B | undefined;
  /** The body as received when it was not JSON (HTML error pages, plain text), else undefined. */
  rawBody?: string | undefined;
  /** The code the server sent when it is not documented (then `code` is "UnknownError"). */
  rawCode?: string | undefined;
  requestId?: string | undefined;
  headers: Headers;
  attempts: number;
  message: string;
}

export class ApiError<C extends string = string, S extends number = number, B = unknown> extends ApiClientError {
  override name = "ApiError";
  declare readonly operationId: string;
  /** Discriminant: the AWS error code (`ValidationException`) or the status name (`NotFound`). */
  declare readonly code: C;
  declare readonly status: S;
  /** The parsed error body, when the server sent JSON. */
  declare readonly body: B | undefined;
  declare readonly rawBody: string | undefined;
  declare readonly rawCode: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly headers: Headers;
  declare readonly attempts: number;

  constructor(init: ApiErrorInit<C, S, B>) {
    const { message, ...fields } = init;
    super(message);
    Object.assign(this, fields);
  }
}

export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
export class PaymentRequiredError extends ApiError {
  override name = "PaymentRequiredError";
}
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
export class LockedError extends ApiError {
  override name = "LockedError";
}
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

const byStatus: Record<number, new (init: ApiErrorInit<string, number, unknown>) => ApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  402: PaymentRequiredError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  423: LockedError,
  429: RateLimitError,
};

/** Build the right subclass for a status. */
export function createApiError(init: ApiErrorInit<string, number, unknown>): ApiError {
  const Ctor = byStatus[init.status] ?? (init.status >= 500 ? InternalServerError : ApiError);
  return new Ctor(init);
}
