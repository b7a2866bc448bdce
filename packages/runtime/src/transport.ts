import { AbortError, ApiClientError, ConnectionError, TimeoutError } from "./errors.js";
import type { SecretRegistry } from "./redact.js";
import {
  AWS_THROTTLING_CODES,
  AWS_TRANSIENT_CODES,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
  type ResolvedRetry,
} from "./retry.js";
import type { ApiDef, OperationDef } from "./types.js";

export interface AttemptContext {
  readonly operationId: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The request body as sent (needed to sign it). */
  readonly body: string | undefined;
}

/** The request of one attempt, before it is sent: auth sets headers on it. */
export interface OutgoingRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** Credentials for one API. Applied beneath the middleware chain, once per attempt (so SigV4 re-signs each retry). */
export interface Auth {
  /** Set the auth headers of one attempt (mutates `request.headers`). */
  authorize(request: OutgoingRequest, ctx: AttemptContext): void | Promise<void>;
  /** Receives the client's secret registry once, to register what must never appear in errors or logs. */
  register?(secrets: SecretRegistry): void;
  /**
   * Inspect a failed response; return true to retry at once (e.g. SigV4 clock-skew correction from `Date`).
   * Counts as an attempt.
   */
  onErrorResponse?(response: Response, code: string | undefined): boolean;
}

/** The only fetch shape the runtime calls: one Request in, one Response out. `globalThis.fetch` fits. */
export type FetchFn = (request: Request) => Promise<Response>;

export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

export interface TransportConfig {
  readonly api: ApiDef;
  readonly op: OperationDef;
  readonly fetch: FetchFn;
  readonly auth: Auth | undefined;
  readonly retry: ResolvedRetry;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly logger: Logger | undefined;
  readonly secrets: SecretRegistry;
}

/** What the transport learnt while sending: handed to the result/error builders. */
export interface TransportState {
  attempts: number;
  /** The final response body as text (the Response handed upward may be consumed by openapi-fetch). */
  text: string;
}

/** Node/undici error codes that prove the request never reached the server: safe to retry any method. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Sanitize an AWS error code as the SDKs do: cut at the first ':', keep what follows '#'. */
export function sanitizeErrorCode(raw: unknown): string | undefined {
  if (typeof raw !== "string" || raw === "") return undefined;
  let code = raw;
  const colon = code.indexOf(":");
  if (colon >= 0) code = code.slice(0, colon);
  const hash = code.indexOf("#");
  if (hash >= 0) code = code.slice(hash + 1);
  return code.trim() || undefined;
}

/** AWS error code of a response: `X-Amzn-Errortype`, else body `__type` / `code`. */
export function awsErrorCode(headers: Headers, body: unknown): string | undefined {
  const fromHeader = sanitizeErrorCode(headers.get("x-amzn-errortype"));
  if (fromHeader) return fromHeader;
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    return sanitizeErrorCode(b.__type) ?? sanitizeErrorCode(b.code) ?? sanitizeErrorCode(b.Code);
  }
  return undefined;
}

export function tryParseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError("The request was aborted by the caller."));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError("The request was aborted by the caller."));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A `fetch` for one call: the attempt loop. openapi-fetch builds the request and runs the middleware;
 * this function then, for each attempt: copies the request, applies auth (fresh signature), arms a
 * per-attempt timeout, sends, reads the whole body under that timeout, and decides whether to retry.
 * It returns a fully-buffered Response, so nothing downstream can hang or crash on a broken stream.
 */
export function createTransport(cfg: TransportConfig, state: TransportState): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    const { op, retry, signal } = cfg;
    const body = request.body === null ? undefined : await request.text();
    const url = new URL(request.url);
    const idempotent = op.idempotent;
    for (let attempt = 1; ; attempt++) {
      state.attempts = attempt;
      if (signal?.aborted) throw new AbortError("The request was aborted by the caller.");
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, cfg.timeoutMs);
      const onAbort = () => controller.abort();
      signal?.addEventListener("abort", onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };

      let response: Response;
      let text: string;
      try {
        const headers = new Headers(request.headers);
        if (cfg.auth) await cfg.auth.authorize({ url, method: request.method, headers, body }, { operationId: op.operationId, attempt, body });
        const raw = await cfg.fetch(new Request(url, { method: request.method, headers, body, signal: controller.signal }));
        text = await raw.text();
        response = new Response(raw.status === 204 || raw.status === 304 ? null : text, {
          status: raw.status,
          statusText: raw.statusText,
          headers: raw.headers,
        });
      } catch (e) {
        cleanup();
        if (signal?.aborted) throw new AbortError("The request was aborted by the caller.");
        if (e instanceof ApiClientError) throw e; // auth failures, validation: not transport faults
        const code = errorCode(e);
        const retryable = timedOut ? idempotent || retry.retryNonIdempotent : idempotent || retry.retryNonIdempotent || (code !== undefined && NOT_SENT.has(code));
        const what = timedOut ? `timed out after ${cfg.timeoutMs} ms` : `failed to connect${code ? ` (${code})` : ""}`;
        if (retryable && attempt < retry.maxAttempts) {
          const delay = retryDelay(attempt, retry, undefined);
          cfg.logger?.warn?.(`${op.operationId}: attempt ${attempt}/${retry.maxAttempts} ${what}; retrying in ${delay} ms`);
          await sleep(delay, signal);
          continue;
        }
        const message = cfg.secrets.redact(`${op.operationId}: ${what} (attempt ${attempt} of ${retry.maxAttempts})`);
        if (timedOut) throw new TimeoutError(message, attempt, cfg.timeoutMs);
        throw new ConnectionError(message, attempt, { cause: e instanceof Error ? new Error(cfg.secrets.redact(e.message)) : undefined });
      }
      cleanup();
      state.text = text;

      if (response.ok || attempt >= retry.maxAttempts) return response;

      const status = response.status;
      let code: string | undefined;
      if (cfg.api.protocol === "aws-rest-json") code = awsErrorCode(response.headers, tryParseJson(text));
      if (cfg.auth?.onErrorResponse?.(response, code)) {
        cfg.logger?.warn?.(`${op.operationId}: attempt ${attempt}/${retry.maxAttempts} got ${code ?? status}; clock corrected, retrying now`);
        continue;
      }
      const known = code !== undefined ? op.errorCodes?.[code] : undefined;
      const throttling = code !== undefined && (AWS_THROTTLING_CODES.has(code) || known?.throttling === true);
      const canRepeat = idempotent || retry.retryNonIdempotent;
      const retryable =
        isRetryableStatus(status, idempotent, retry) ||
        throttling ||
        (canRepeat && (known?.retryable === true || (code !== undefined && AWS_TRANSIENT_CODES.has(code))));
      if (!retryable) return response;
      const delay = retryDelay(attempt, retry, parseRetryAfter(response.headers.get("retry-after")));
      cfg.logger?.warn?.(`${op.operationId}: attempt ${attempt}/${retry.maxAttempts} got HTTP ${status}${code ? ` ${code}` : ""}; retrying in ${delay} ms`);
      await sleep(delay, signal);
    }
  };
}
