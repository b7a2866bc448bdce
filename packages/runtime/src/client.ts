import { type ApiError, createApiError, InvalidResponseError, ValidationError } from "./errors.js";
import { SecretRegistry } from "./redact.js";
import { resolveRetry, type RetryOptions } from "./retry.js";
import {
  awsErrorCode,
  createTransport,
  defaultFetch,
  prepareRequest,
  tryParseJson,
  type Auth,
  type FetchFn,
  type Logger,
  type TransportState,
} from "./transport.js";
import type { ApiDef, OperationDef, ParamLocation } from "./types.js";
import { assertHeaderValue, buildParams } from "./validate.js";

/** Moved to errors.ts (so `@subscription-apis/runtime/errors` exports it); re-exported here for compatibility. */
export { InvalidResponseError };

/** Options every client accepts. */
export interface BaseClientOptions {
  /** Full base URL (proxies, tests). Overrides `environment` and server variables. */
  baseUrl?: string;
  /** Which documented server to use (`x-environment` in the spec; the first server by default). */
  environment?: string;
  /** Retries (attempts, backoff, Retry-After cap). Default: 3 attempts. */
  retry?: RetryOptions;
  /** Per-attempt timeout in ms (each retry gets a fresh one; the body is read under it). Default 30000; `Infinity` disables it. */
  timeoutMs?: number;
  /** Throw `ApiError` subclasses instead of returning `{ error }`. Default false. */
  throwOnError?: boolean;
  /** Extra headers on every request (CR/LF rejected). */
  headers?: Record<string, string>;
  /**
   * Custom fetch (defaults to globalThis.fetch). Called once per attempt (and per followed same-origin
   * redirect), after signing, with `redirect: "manual"`: redirects to another origin are not followed.
   */
  fetch?: FetchFn;
  /** Receives one line per retry. Never receives headers, credentials or bodies. */
  logger?: Logger;
}

/** Options every call accepts (they override the client's). */
export interface CallOptions {
  signal?: AbortSignal;
  retry?: RetryOptions;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Where to send inputs the API accepts in several places (e.g. `{ productId: "query" }`). */
  locations?: Readonly<Record<string, ParamLocation>>;
}

export type ApiResult<D, E> = { data: D; error?: undefined; response: Response } | { data?: undefined; error: E; response: Response };

export type ApiSuccess<D> = { data: D; error?: undefined; response: Response };

/** An operation method: `client.cancelMembership(input, options)`. */
export type OperationFn<I, D, E, TThrow extends boolean> = (
  input: I,
  options?: CallOptions,
) => Promise<TThrow extends true ? ApiSuccess<D> : ApiResult<D, E>>;

/** `I` with the keys in `K` made optional: inputs the client fills in (e.g. a tenant header from the client options). */
export type WithDefaults<I, K extends string> = [K] extends [never] ? I : Omit<I, K & keyof I> & Partial<Pick<I, K & keyof I>>;

export interface ClientCoreConfig extends BaseClientOptions {
  auth?: Auth;
  /** Values used for inputs the caller does not pass (client-level parameters such as a tenant). */
  paramDefaults?: Readonly<Record<string, unknown | (() => unknown)>>;
  /** Server variable values (`{ region: "eu-west-1" }`), validated before use. */
  serverVariables?: Readonly<Record<string, string | undefined>>;
}

export interface ClientCore {
  readonly api: ApiDef;
  readonly baseUrl: string;
  /** Client-level headers (for the raw client). */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** Send any Request with the client's auth, retries and timeouts (method-based retry policy): the raw client's fetch. */
  rawFetch(request: Request): Promise<Response>;
  call(
    op: OperationDef,
    input: Readonly<Record<string, unknown>> | undefined,
    options?: CallOptions,
  ): Promise<ApiResult<unknown, ApiError>>;
}

const SERVER_VARIABLE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/;

/** Resolve the base URL from the spec's servers, environment and variables (or an explicit override). */
export function resolveBaseUrl(api: ApiDef, cfg: Pick<ClientCoreConfig, "baseUrl" | "environment" | "serverVariables">): string {
  if (cfg.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(cfg.baseUrl);
    } catch {
      throw new ValidationError("client", "baseUrl", "url", `"${cfg.baseUrl}" is not an absolute URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new ValidationError("client", "baseUrl", "url", "must be http(s)");
    return cfg.baseUrl.replace(/\/+$/, "");
  }
  const server = cfg.environment === undefined ? api.servers[0] : api.servers.find((s) => s.environment === cfg.environment);
  if (!server) {
    const names = api.servers.map((s) => s.environment).join(", ");
    throw new ValidationError("client", "environment", "enum", `"${String(cfg.environment)}" is not one of: ${names}`);
  }
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const def = server.variables[name];
    const value = cfg.serverVariables?.[name] ?? def?.default;
    if (value === undefined || value === "") throw new ValidationError("client", name, "required", "server variable is required");
    if (!SERVER_VARIABLE.test(value))
      throw new ValidationError("client", name, "pattern", `server variable must match ${SERVER_VARIABLE.source}`);
    if (def?.enum && !def.enum.includes(value)) throw new ValidationError("client", name, "enum", `must be one of ${def.enum.join(", ")}`);
    return value;
  });
}

const REQUEST_ID_HEADERS = ["x-amzn-requestid", "x-amzn-request-id", "x-amz-request-id", "x-request-id", "x-correlation-id"];

function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const b = body as Record<string, unknown>;
  for (const key of ["message", "Message", "description", "error_description", "error"]) {
    if (typeof b[key] === "string" && b[key] !== "") return b[key] as string;
  }
  const list = b.Errors ?? b.errors;
  if (Array.isArray(list) && list[0] && typeof list[0] === "object") {
    const first = list[0] as Record<string, unknown>;
    const text = first.Value ?? first.message ?? first.description;
    if (typeof text === "string") return text;
    if (Array.isArray(text) && typeof text[0] === "string") return text[0];
  }
  return undefined;
}

/** Build the typed ApiError for a non-2xx response. Never throws: any body (HTML, empty, garbage) gives an error. */
export function toApiError(
  api: ApiDef,
  op: OperationDef,
  response: Response,
  text: string,
  attempts: number,
  secrets: SecretRegistry,
): ApiError {
  const status = response.status;
  const parsed = tryParseJson(text);
  const isJson = parsed !== undefined && typeof parsed === "object";
  let code: string;
  let rawCode: string | undefined;
  if (api.protocol === "aws-rest-json") {
    rawCode = awsErrorCode(response.headers, parsed);
    code = rawCode !== undefined && op.errorCodes !== undefined && Object.hasOwn(op.errorCodes, rawCode) ? rawCode : "UnknownError";
  } else {
    code = op.errors[String(status)]?.code ?? "UnknownError";
  }
  let requestId: string | undefined;
  for (const h of REQUEST_ID_HEADERS) {
    const v = response.headers.get(h);
    if (v) {
      requestId = secrets.redact(v);
      break;
    }
  }
  if (rawCode !== undefined) rawCode = secrets.redact(rawCode);
  // Redact first, then truncate: truncating first could cut a secret in half and leave its prefix unredacted.
  const rawBody = isJson ? undefined : secrets.redact(text).slice(0, 4096);
  // The error keeps the response headers (rate-limit, request ids); a server may echo credentials in them.
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    headers.append(name, secrets.redact(value));
  });
  const detail =
    (isJson ? messageOf(parsed) : undefined) ??
    (rawBody ? rawBody.slice(0, 200).replace(/\s+/g, " ").trim() : undefined) ??
    response.statusText;
  const label = code === "UnknownError" && rawCode ? `UnknownError (${rawCode})` : code;
  const message = secrets.redact(`${op.operationId}: ${label} (HTTP ${status})${detail ? `: ${detail}` : ""}`);
  return createApiError({
    operationId: op.operationId,
    code,
    status,
    body: isJson ? secrets.redactValue(parsed) : undefined,
    rawBody,
    rawCode: rawCode === code ? undefined : rawCode,
    requestId,
    headers,
    attempts,
    message,
  });
}

/** `timeoutMs` must be a non-negative number; `Infinity` disables the per-attempt timeout. */
function checkTimeout(operationId: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || Number.isNaN(value))
    throw new ValidationError(operationId, "timeoutMs", "type", "expected a number of milliseconds (Infinity: no timeout)");
  if (value < 0) throw new ValidationError(operationId, "timeoutMs", "minimum", "must be >= 0");
  return value;
}

/** The shared client engine: one per client instance, used by the generated operation wrappers. */
export function createClientCore(api: ApiDef, config: ClientCoreConfig): ClientCore {
  const secrets = new SecretRegistry();
  config.auth?.register?.(secrets);
  const baseUrl = resolveBaseUrl(api, config);
  const baseFetch = config.fetch ?? defaultFetch;
  const clientRetry = resolveRetry(config.retry);
  const clientTimeout = checkTimeout("client", config.timeoutMs) ?? 30_000;
  for (const [name, value] of Object.entries(config.headers ?? {})) assertHeaderValue("client", name, value);
  const transportFor = (op: OperationDef, options: CallOptions, state: TransportState) =>
    createTransport(
      {
        api,
        op,
        fetch: baseFetch,
        auth: config.auth,
        retry: options.retry ? resolveRetry(config.retry, options.retry) : clientRetry,
        timeoutMs: options.timeoutMs ?? clientTimeout,
        signal: options.signal,
        logger: config.logger,
        secrets,
      },
      state,
    );
  // Raw calls (rawClient(client).GET(...)) get the same auth, retries and timeouts, with a method-based policy.
  const rawFetch = async (request: Request): Promise<Response> => {
    const method = request.method.toLowerCase() as OperationDef["method"];
    const op: OperationDef = {
      operationId: `${request.method} ${new URL(request.url).pathname}`,
      method,
      path: "",
      idempotent: method !== "post" && method !== "patch",
      params: [],
      success: [],
      errors: {},
    };
    return transportFor(op, { signal: request.signal }, { attempts: 0, text: "" })(await prepareRequest(request));
  };
  const defaults = config.paramDefaults ?? {};
  const hasDynamicDefaults = Object.values(defaults).some((v) => typeof v === "function");

  async function call(
    op: OperationDef,
    input: Readonly<Record<string, unknown>> = {},
    options: CallOptions = {},
  ): Promise<ApiResult<unknown, ApiError>> {
    let resolvedDefaults: Readonly<Record<string, unknown>> = defaults;
    if (hasDynamicDefaults) {
      const d: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(defaults)) d[k] = typeof v === "function" && input[k] === undefined ? (v as () => unknown)() : v;
      resolvedDefaults = d;
    }
    const params = buildParams(op, input, resolvedDefaults, options.locations);
    if (options.headers) for (const [name, value] of Object.entries(options.headers)) assertHeaderValue(op.operationId, name, value);
    checkTimeout(op.operationId, options.timeoutMs);
    const state: TransportState = { attempts: 0, text: "" };
    // Build the request directly (no Request object until the transport sends an attempt).
    let path = op.path;
    for (const [name, value] of Object.entries(params.path)) path = path.replace(`{${name}}`, () => encodeURIComponent(value));
    let query = "";
    if (params.query) {
      for (const [k, v] of Object.entries(params.query)) {
        for (const item of Array.isArray(v) ? v : [v])
          query += `${query ? "&" : "?"}${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`;
      }
    }
    const headers = new Headers(config.headers);
    if (params.header) for (const [k, v] of Object.entries(params.header)) headers.set(k, v);
    if (options.headers) for (const [k, v] of Object.entries(options.headers)) headers.set(k, v);
    let body: string | undefined;
    if (params.body !== undefined) {
      body = JSON.stringify(params.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const response = await transportFor(
      op,
      options,
      state,
    )({ url: new URL(baseUrl + path + query), method: op.method.toUpperCase(), headers, body });
    const text = state.text;
    if (response.ok) {
      let data: unknown;
      if (text === "" && op.successBody && response.status !== 204 && response.status !== 205) {
        throw new InvalidResponseError(
          secrets.redact(`${op.operationId}: HTTP ${response.status} response has an empty body; the API documents a JSON body`),
          response.status,
          "",
        );
      }
      if (text !== "") {
        try {
          data = JSON.parse(text);
        } catch {
          throw new InvalidResponseError(
            secrets.redact(`${op.operationId}: HTTP ${response.status} response is not valid JSON`),
            response.status,
            secrets.redact(text).slice(0, 1024),
          );
        }
      }
      return { data, response };
    }
    const error = toApiError(api, op, response, text, state.attempts, secrets);
    if (config.throwOnError) throw error;
    return { error, response };
  }

  return { api, baseUrl, headers: config.headers, rawFetch, call };
}

/** Where a client keeps its core (for `rawClient`). */
export const CORE: unique symbol = Symbol.for("@subscription-apis/runtime/core");

/** What every generated client factory returns: the operation methods (plus `rawClient(client)` for raw calls). */
export type ApiClient<Ops, Paths extends {}> = Ops & {
  /** The resolved server URL. */
  readonly baseUrl: string;
  readonly [CORE]: ClientCore;
  /** Type only: the openapi-typescript `paths` of this API (for `rawClient`). */
  readonly __paths?: Paths;
};

/** Build a client from the generated `api` data and `bindOperations`. */
export function createApiClient<Ops, Paths extends {}>(
  api: ApiDef,
  bind: (core: ClientCore) => Ops,
  config: ClientCoreConfig,
): ApiClient<Ops, Paths> {
  const core = createClientCore(api, config);
  return Object.assign(bind(core) as object, { baseUrl: core.baseUrl, [CORE]: core }) as ApiClient<Ops, Paths>;
}
