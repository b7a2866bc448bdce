import { AbortError, ApiClientError, AuthError, ConnectionError, TimeoutError } from "./errors.js";
import type { SecretRegistry } from "./redact.js";
import { isRetryableStatus, parseRetryAfter, retryDelay, type ResolvedRetry } from "./retry.js";
import type { ApiDef, OperationDef } from "./types.js";

export interface AttemptContext {
  readonly operationId: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The request body as sent (needed to sign it). */
  readonly body: string | undefined;
  /** Aborted when this attempt ends early (its timeout, the caller's signal). */
  readonly signal: AbortSignal;
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
  /**
   * Classify an error code the operation's model may not list: "throttling" (retried like a 429) or "transient"
   * (retried when the operation may be repeated). SigV4 auth applies the AWS SDK standard retry codes.
   */
  classifyErrorCode?(code: string): "throttling" | "transient" | undefined;
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

/** setTimeout fires at once for delays above 2^31-1 ms: clamp instead. */
const MAX_TIMER_MS = 2_147_483_647;

const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Statuses whose Response cannot carry a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortError("The request was aborted by the caller."));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError("The request was aborted by the caller."));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The attempt loop of one call. The client (or, for raw calls, openapi-fetch) builds the request; then,
 * for each attempt, this function: copies the request, applies auth (fresh signature), arms a
 * per-attempt timeout, sends, reads the whole body under that timeout, and decides whether to retry.
 * It returns a fully-buffered Response, so nothing downstream can hang or crash on a broken stream.
 */
/** A request before its first attempt: the transport copies it for each attempt and signs each copy. */
export interface PreparedRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
}

/** Adapt a fetch `Request` (from openapi-fetch's raw client) to the transport. */
export async function prepareRequest(request: Request): Promise<PreparedRequest> {
  return {
    url: new URL(request.url),
    method: request.method,
    headers: request.headers,
    body: request.body === null ? undefined : await request.text(),
  };
}

/** The fetch used when the client is given none (globalThis.fetch, looked up per call). */
export const defaultFetch: FetchFn = (input) => globalThis.fetch(input);

/**
 * The fully-buffered Response handed upward: its body stream (a ReadableStream, costly to build) is only created
 * when something reads it; until then the text is kept as is. It behaves as `new Response(text, init)`.
 */
class BufferedResponse extends Response {
  readonly #text: string | null;
  readonly #raw: Response;
  #headers: Headers | undefined;
  #inner: Response | undefined;
  constructor(text: string | null, raw: Response) {
    super(null, { status: raw.status, statusText: raw.statusText });
    this.#text = text;
    this.#raw = raw;
  }
  /** A copy of the received headers, made when first read (a success is usually returned without reading them). */
  override get headers(): Headers {
    return (this.#headers ??= new Headers(this.#raw.headers));
  }
  #full(): Response {
    return (this.#inner ??= new Response(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers }));
  }
  override get body(): Response["body"] {
    return this.#full().body;
  }
  override get bodyUsed(): boolean {
    return this.#inner?.bodyUsed ?? false;
  }
  override text() {
    return this.#full().text();
  }
  override json() {
    return this.#full().json();
  }
  override arrayBuffer() {
    return this.#full().arrayBuffer();
  }
  override blob() {
    return this.#full().blob();
  }
  override formData() {
    return this.#full().formData();
  }
  override bytes() {
    return this.#full().bytes();
  }
  override clone() {
    return this.#full().clone();
  }
}

/** The signal auth sees in an attempt nothing can abort (no timeout, no caller's signal). */
let NEVER: AbortSignal | undefined;

export function createTransport(cfg: TransportConfig, state: TransportState): (request: PreparedRequest) => Promise<Response> {
  return async (request: PreparedRequest) => {
    const { op, retry, signal } = cfg;
    const { body, url } = request;
    const idempotent = op.idempotent;
    // Infinity (or NaN) disables the per-attempt timeout; huge values are clamped (setTimeout would fire at once).
    const timeoutMs = Number.isFinite(cfg.timeoutMs) ? Math.min(Math.max(0, cfg.timeoutMs), MAX_TIMER_MS) : undefined;
    const log = (line: string) => cfg.logger?.warn?.(cfg.secrets.redact(line));
    for (let attempt = 1; ; attempt++) {
      state.attempts = attempt;
      if (signal?.aborted) throw new AbortError("The request was aborted by the caller.");
      // Without a timeout and a caller's signal nothing can end the attempt early: no controller, and the Request
      // follows no signal (the costliest part of building one on Node). Auth then sees a signal that never aborts.
      const controller = timeoutMs === undefined && !signal ? undefined : new AbortController();
      const attemptSignal = controller ? controller.signal : (NEVER ??= new AbortController().signal);
      let timedOut = false;
      // Rejects what the attempt is waiting on (auth) when it ends early: no abort listener per attempt.
      let stopWaiting: ((reason: unknown) => void) | undefined;
      const stop = () => {
        controller!.abort();
        stopWaiting?.(attemptSignal.reason);
      };
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              stop();
            }, timeoutMs);
      signal?.addEventListener("abort", stop, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", stop);
      };

      let response: Response;
      let text: string;
      let hops = 0;
      try {
        // Redirects are followed here, not by fetch: fetch would forward credential headers other than
        // Authorization (X-Api-Key, X-Amz-Security-Token) to another origin, and would replay a SigV4
        // signature for a different path. Same-origin hops are re-authorized; other origins are not followed.
        let target = url;
        let method = request.method;
        let sendBody = body;
        let raw: Response;
        for (;;) {
          const headers = new Headers(request.headers);
          if (sendBody === undefined && body !== undefined) headers.delete("content-type"); // 303 turned it into a GET
          if (cfg.auth) {
            const ctx = { operationId: op.operationId, attempt, body: sendBody, signal: attemptSignal };
            try {
              const work = cfg.auth.authorize({ url: target, method, headers, body: sendBody }, ctx);
              // A synchronous auth (a fixed key) costs no promise; an async one (token provider, SigV4) is awaited
              // until the attempt ends: a hanging credential provider or token endpoint cannot outlive it.
              if (work) {
                if (attemptSignal.aborted) throw attemptSignal.reason;
                await new Promise<void>((resolve, reject) => {
                  stopWaiting = reject;
                  work.then(resolve, reject);
                });
                stopWaiting = undefined;
              }
            } catch (e) {
              // A bug or bad value inside auth is not a network fault: never retried as one, never echoed.
              if (e instanceof ApiClientError || attemptSignal.aborted) throw e;
              throw new AuthError(`${op.operationId}: applying credentials failed (${e instanceof Error ? e.name : "error"}).`);
            }
          }
          const init: RequestInit = { method, headers, body: sendBody ?? null, signal: controller?.signal ?? null, redirect: "manual" };
          // The default fetch takes the URL and init as they are: fetch(new Request(...)) would build the Request twice.
          raw = await (cfg.fetch === defaultFetch ? globalThis.fetch(target, init) : cfg.fetch(new Request(target, init)));
          if (raw.type === "opaqueredirect") {
            // Browsers hide the Location of a manual redirect: it cannot be checked, so it is not followed.
            throw new ConnectionError(
              cfg.secrets.redact(`${op.operationId}: the server answered with a redirect, which is not followed in this runtime`),
              attempt,
            );
          }
          const location = REDIRECT_STATUS.has(raw.status) ? raw.headers.get("location") : null;
          if (location === null || hops >= MAX_REDIRECTS) break;
          let next: URL;
          try {
            next = new URL(location, target);
          } catch {
            break;
          }
          if (next.origin !== target.origin) break; // handed back as a 3xx ApiError, credentials stay home
          await raw.body?.cancel();
          if (raw.status === 303 ? method !== "HEAD" : (raw.status === 301 || raw.status === 302) && method === "POST") {
            method = "GET";
            sendBody = undefined;
          }
          target = next;
          hops++;
        }
        text = await raw.text();
        response = new BufferedResponse(NULL_BODY_STATUS.has(raw.status) ? null : text, raw);
      } catch (e) {
        cleanup();
        if (signal?.aborted) throw new AbortError("The request was aborted by the caller.");
        if (e instanceof ApiClientError) throw e; // auth failures, validation: not transport faults
        const code = errorCode(e);
        const neverSent = hops === 0 && code !== undefined && NOT_SENT.has(code);
        const retryable = idempotent || retry.retryNonIdempotent || (!timedOut && neverSent);
        const what = timedOut
          ? `timed out after ${cfg.timeoutMs} ms`
          : code !== undefined && NOT_SENT.has(code)
            ? `failed to connect (${code})`
            : `connection failed${code ? ` (${code})` : ""}`;
        if (retryable && attempt < retry.maxAttempts) {
          const delay = retryDelay(attempt, retry, undefined);
          log(`${op.operationId}: attempt ${attempt}/${retry.maxAttempts} ${what}; retrying in ${delay} ms`);
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
        log(`${op.operationId}: attempt ${attempt}/${retry.maxAttempts} got ${code ?? status}; clock corrected, retrying now`);
        continue;
      }
      const known =
        code !== undefined && op.errorCodes !== undefined && Object.hasOwn(op.errorCodes, code) ? op.errorCodes[code] : undefined;
      const kind = code === undefined ? undefined : cfg.auth?.classifyErrorCode?.(code);
      const throttling = kind === "throttling" || known?.throttling === true;
      const canRepeat = idempotent || retry.retryNonIdempotent;
      const retryable =
        isRetryableStatus(status, idempotent, retry) || throttling || (canRepeat && (known?.retryable === true || kind === "transient"));
      if (!retryable) return response;
      const delay = retryDelay(attempt, retry, parseRetryAfter(response.headers.get("retry-after")));
      log(
        `${op.operationId}: attempt ${attempt}/${retry.maxAttempts} got HTTP ${status}${code ? ` ${code}` : ""}; retrying in ${delay} ms`,
      );
      await sleep(delay, signal);
    }
  };
}
