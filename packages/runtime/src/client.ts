/**
 * The client: builds a call from the generated operation data (validate, URL, headers, JSON body), hands it to
 * the attempt loop (transport.ts) and turns the outcome into `{ data }` or a typed `ApiError`.
 */
import { type ApiError, createApiError, InvalidResponseError, ValidationError } from "./errors.js";
import { httpProtocol, type Protocol } from "./protocol.js";
import { SecretRegistry } from "./redact.js";
import { resolveRetry, type RetryOptions } from "./retry.js";
import { defaultFetch, send, type Auth, type FetchFn, type Logger, type Outcome, type SendCall, type SendContext } from "./transport.js";
import type { OperationDef, ParamLocation, ServiceDef } from "./types.js";
import { assertHeaderValue, buildParams } from "./validate.js";

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
   * The Request's `signal` fires when the attempt times out or the caller aborts (pass it on when forwarding).
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

/** The client configuration a factory builds from its options (internal: see `@subscription-apis/runtime/internal`). */
export interface ClientCoreConfig extends BaseClientOptions {
  auth?: Auth;
  /** How error responses are read and retried (default `httpProtocol`; AWS APIs: `awsRestJsonProtocol`). */
  protocol?: Protocol;
  /** Values used for inputs the caller does not pass (client-level parameters such as a tenant). */
  paramDefaults?: Readonly<Record<string, unknown | (() => unknown)>>;
  /** Server variable values (`{ region: "eu-west-1" }`), validated before use. */
  serverVariables?: Readonly<Record<string, string | undefined>>;
}

export interface ClientCore {
  readonly service: ServiceDef;
  readonly baseUrl: string;
  /** Client-level headers (for the raw client). */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** Send a request with the client's auth, protocol, retries and timeouts (the raw client builds on it). */
  send(op: OperationDef, options: SendOptions, request: Parameters<typeof send>[2]): Promise<Outcome>;
  call(
    op: OperationDef,
    input: Readonly<Record<string, unknown>> | undefined,
    options?: CallOptions,
  ): Promise<ApiResult<unknown, ApiError>>;
}

/** The per-call options `send` takes (a call's, or a raw request's signal). */
export interface SendOptions {
  signal?: AbortSignal | null;
  retry?: RetryOptions;
  timeoutMs?: number;
}

const SERVER_VARIABLE = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62})$/;

/** Resolve the base URL from the spec's servers, environment and variables (or an explicit override). */
export function resolveBaseUrl(service: ServiceDef, cfg: Pick<ClientCoreConfig, "baseUrl" | "environment" | "serverVariables">): string {
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
  const server = cfg.environment === undefined ? service.servers[0] : service.servers.find((s) => s.environment === cfg.environment);
  if (!server) {
    const names = service.servers.map((s) => s.environment).join(", ");
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

/** Build the typed ApiError of a non-2xx outcome (its body and code as the attempt loop read them). Never throws. */
export function toApiError(op: OperationDef, outcome: Outcome, secrets: SecretRegistry): ApiError {
  const { response, text, body } = outcome;
  const status = response.status;
  const code = outcome.code ?? "UnknownError";
  const isJson = body !== undefined && typeof body === "object";
  let requestId: string | undefined;
  for (const h of REQUEST_ID_HEADERS) {
    const v = response.headers.get(h);
    if (v) {
      requestId = secrets.redact(v);
      break;
    }
  }
  const rawCode = outcome.rawCode === undefined ? undefined : secrets.redact(outcome.rawCode);
  // Redact first, then truncate: truncating first could cut a secret in half and leave its prefix unredacted.
  const rawBody = isJson ? undefined : secrets.redact(text).slice(0, 4096);
  // The error keeps the response headers (rate-limit, request ids); a server may echo credentials in them.
  const headers = new Headers();
  response.headers.forEach((value, name) => {
    headers.append(name, secrets.redact(value));
  });
  // messageOf reads only a parsed JSON object; an empty detail falls through to the next one.
  const detail = messageOf(body) || rawBody?.slice(0, 200).replace(/\s+/g, " ").trim() || response.statusText;
  const label = code === "UnknownError" && rawCode ? `UnknownError (${rawCode})` : code;
  return createApiError({
    operationId: op.operationId,
    code,
    status,
    body: isJson ? secrets.redactValue(body) : undefined,
    rawBody,
    rawCode: rawCode === code ? undefined : rawCode,
    requestId,
    headers,
    attempts: outcome.attempts,
    message: secrets.redact(`${op.operationId}: ${label} (HTTP ${status})${detail ? `: ${detail}` : ""}`),
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

/** The shared client engine: one per client instance, used by the generated operations. */
export function createClientCore(service: ServiceDef, config: ClientCoreConfig): ClientCore {
  const secrets = new SecretRegistry();
  config.auth?.register?.(secrets);
  const baseUrl = resolveBaseUrl(service, config);
  const clientRetry = resolveRetry(config.retry);
  const clientTimeout = checkTimeout("client", config.timeoutMs) ?? 30_000;
  // Client headers are checked once, here, and kept lowercased (one key per header, as Headers would).
  const clientHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    assertHeaderValue("client", name, value);
    clientHeaders[name.toLowerCase()] = value;
  }
  const ctx: SendContext = {
    fetch: config.fetch ?? defaultFetch,
    auth: config.auth,
    protocol: config.protocol ?? httpProtocol,
    logger: config.logger,
    secrets,
  };
  const sendFor = (op: OperationDef, options: SendOptions): SendCall => ({
    op,
    retry: options.retry ? resolveRetry(config.retry, options.retry) : clientRetry,
    timeoutMs: options.timeoutMs ?? clientTimeout,
    signal: options.signal,
  });
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
    checkTimeout(op.operationId, options.timeoutMs);
    // `Accept` from the spec: the documented success content types (JSON unless the operation says otherwise).
    const headers: Record<string, string> = { accept: op.accept ?? "application/json", ...clientHeaders };
    let path = op.path;
    let query = "";
    let body: BodyInit | undefined;
    if (op.encode) [path, query, body, options] = op.encode(op, params, headers, options, input);
    else {
      for (const [name, value] of Object.entries(params.path)) path = path.replace(`{${name}}`, () => encodeURIComponent(value));
      if (params.query) {
        for (const [k, v] of Object.entries(params.query)) {
          for (const item of Array.isArray(v) ? v : [v])
            query += `${query ? "&" : "?"}${encodeURIComponent(k)}=${encodeURIComponent(String(item))}`;
        }
      }
      for (const [k, v] of Object.entries(params.header ?? {})) headers[k.toLowerCase()] = v;
      if (params.body !== undefined) {
        body = JSON.stringify(params.body);
        headers["content-type"] ??= "application/json";
      }
    }
    for (const [k, v] of Object.entries(options.headers ?? {})) {
      assertHeaderValue(op.operationId, k, v);
      headers[k.toLowerCase()] = v;
    }
    const outcome = await send(ctx, sendFor(op, options), {
      url: new URL(baseUrl + path + query),
      method: op.method.toUpperCase(),
      headers,
      body,
    });
    const { response, text } = outcome;
    const status = response.status;
    if (response.ok) {
      // An empty body where the API documents JSON (but a 204/205, which has none), or a body that is not JSON.
      if (text ? outcome.body === undefined : op.successBody && status !== 204 && status !== 205)
        throw new InvalidResponseError(
          secrets.redact(`${op.operationId}: HTTP ${status} response is not the documented JSON${text ? "" : " (empty body)"}`),
          status,
          secrets.redact(text).slice(0, 1024),
        );
      return { data: outcome.body, response };
    }
    const error = toApiError(op, outcome, secrets);
    if (config.throwOnError) throw error;
    return { error, response };
  }

  return {
    service,
    baseUrl,
    headers: config.headers,
    send: (op, options, request) => send(ctx, sendFor(op, options), request),
    call,
  };
}

/** Where a client keeps its core (for the operation functions and `rawClient`). */
export const CORE: unique symbol = Symbol.for("@subscription-apis/runtime/core");

/**
 * A client without operation methods (`create<Api>Core`): pass it to the operation functions you import,
 * `cancelMembershipMember(client, input)`, and a bundler keeps only those. `rawClient(client)` works on it too.
 */
export interface BaseClient<Paths = unknown, TThrow extends boolean = boolean, TDefaults extends string = string> {
  /** The resolved server URL. */
  readonly baseUrl: string;
  readonly [CORE]: ClientCore;
  /** Type only: the API's openapi-typescript `paths` (for `rawClient`), `throwOnError` and client-filled inputs. */
  readonly __types?: { paths: Paths; throwOnError: TThrow; defaults: TDefaults };
}

/** What every client factory returns: one method per operation (plus `rawClient(client)` for raw calls). */
export type ApiClient<Ops, Paths extends {}, TThrow extends boolean = false, TDefaults extends string = never> = Ops &
  BaseClient<Paths, TThrow, TDefaults>;

/** An operation as a function of a client: what the generator emits per operation (tree-shakable). */
export type Operation<I, D, E> = <TThrow extends boolean = false, TDefaults extends string = never>(
  client: BaseClient<unknown, TThrow, TDefaults>,
  input: WithDefaults<I, TDefaults>,
  options?: CallOptions,
) => Promise<TThrow extends true ? ApiSuccess<D> : ApiResult<D, E>>;

/** The generated operation functions a client gets as methods (any input and result types). */
export type OperationSet = Readonly<Record<string, (client: never, input: never, options?: CallOptions) => Promise<unknown>>>;

/** Build a client from the generated `service` data and operation functions (`{}`: a base client). */
export function createApiClient<Ops, Paths extends {}, TThrow extends boolean = false, TDefaults extends string = never>(
  service: ServiceDef,
  operations: OperationSet,
  config: ClientCoreConfig,
): ApiClient<Ops, Paths, TThrow, TDefaults> {
  const core = createClientCore(service, config);
  const client: Record<string | symbol, unknown> = { baseUrl: core.baseUrl, [CORE]: core };
  for (const [name, fn] of Object.entries(operations)) {
    client[name] = (input: unknown, options?: CallOptions) => fn(client as never, input as never, options);
  }
  return client as ApiClient<Ops, Paths, TThrow, TDefaults>;
}
