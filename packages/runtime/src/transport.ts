/**
 * The attempt loop of one call. For each attempt: copy the request, authorize the copy (a fresh signature),
 * arm a per-attempt timeout, send, read the whole body under that timeout, and build the attempt's `Outcome`
 * (body parsed once, error code extracted once by the protocol). The retry decision and the caller's result /
 * error builder both read that one outcome.
 */
import { ApiClientError, AuthError, ConnectionError, TimeoutError } from "./errors.js";
import type { Protocol } from "./protocol.js";
import type { SecretRegistry } from "./redact.js";
import { aborted, isRetryableStatus, parseRetryAfter, retryDelay, sleep, startTimer, type ResolvedRetry } from "./retry.js";
import type { OperationDef } from "./types.js";
import { buffered, failure, nextHop } from "#platform";

export interface AttemptContext {
  readonly operationId: string;
  /** 1-based attempt number. */
  readonly attempt: number;
  /** The request body as sent (needed to sign it; only JSON bodies are signed: the generator allows no other on SigV4 APIs). */
  readonly body: BodyInit | undefined;
  /** Aborted when this attempt ends early (its timeout, the caller's signal). */
  readonly signal: AbortSignal;
}

/** A request: built by the client (or read from a raw client's Request); each attempt authorizes its own copy. */
export interface OutgoingRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | undefined;
}

/** Credentials for one API: they authorize each attempt (so SigV4 re-signs each retry). Nothing else. */
export interface Auth {
  /** Set the auth headers of one attempt (mutates `request.headers`). */
  authorize(request: OutgoingRequest, ctx: AttemptContext): void | Promise<void>;
  /** Receives the client's secret registry once, to register what must never appear in errors or logs. */
  register?(secrets: SecretRegistry): void;
  /**
   * The server says the signing clock is off (the protocol classified its error code as clock skew): correct it
   * from the server's time (ms since epoch, NaN when it sent none). Return true to re-send at once.
   */
  correctClock?(serverTimeMs: number): boolean;
}

/** The only fetch shape the runtime calls: one Request in, one Response out. `globalThis.fetch` fits. */
export type FetchFn = (request: Request) => Promise<Response>;

export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

/** What one call learnt from its last attempt: read by the retry policy and by the result / error builder. */
export interface Outcome {
  /** Fully buffered: reading its body or headers cannot hang or fail. */
  readonly response: Response;
  readonly text: string;
  /**
   * `text` parsed as JSON, once (undefined: empty or not JSON); for the success of a `text` operation its text, of a
   * `blob` operation a Blob (read whole under the attempt's timeout; `text` is then "" for both).
   */
  readonly body: unknown;
  /** Non-2xx only: the documented error code (or "UnknownError"), extracted once by the protocol. */
  readonly code: string | undefined;
  /** Non-2xx only: the code the server sent, when the protocol carries codes (AWS). */
  readonly rawCode: string | undefined;
  readonly attempts: number;
}

/** What a client sends with (the same for all its calls). */
export interface SendContext {
  readonly fetch: FetchFn;
  readonly auth: Auth | undefined;
  readonly protocol: Protocol;
  readonly logger: Logger | undefined;
  readonly secrets: SecretRegistry;
}

/** What one call sends with. */
export interface SendCall {
  readonly op: OperationDef;
  readonly retry: ResolvedRetry;
  /** Per attempt; `Infinity` disables it. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal | null | undefined;
}

const MAX_REDIRECTS = 5;
/** Statuses whose Response cannot carry a body (the Response constructor throws otherwise). */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** `text` as JSON; undefined when empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The fetch used when the client is given none (globalThis.fetch, looked up per call). */
export const defaultFetch: FetchFn = (input) => globalThis.fetch(input);

/**
 * The Request handed to a custom `fetch`: its `signal` is the attempt's (pass it on when forwarding). It is not
 * given to the Request constructor, whose signal-following costs as much as the rest of the Request; the attempt
 * ends on its own when that signal fires, whatever the custom fetch does.
 */
class AttemptRequest extends Request {
  readonly #signal: () => AbortSignal;
  constructor(url: URL, init: RequestInit, signal: () => AbortSignal) {
    super(url, init);
    this.#signal = signal;
  }
  override get signal(): AbortSignal {
    return this.#signal();
  }
}

/** Send one call: attempts, redirects, retries. Resolves with the last attempt's outcome, or throws (no HTTP response). */
export async function send(
  ctx: SendContext,
  call: SendCall,
  request: Omit<OutgoingRequest, "headers"> & { readonly headers: HeadersInit },
): Promise<Outcome> {
  const { op, retry, signal } = call;
  const { protocol, secrets } = ctx;
  const { body, url } = request;
  const idempotent = op.idempotent;
  const canRepeat = idempotent || retry.retryNonIdempotent;
  const log = (line: string) => ctx.logger?.warn?.(secrets.redact(`${op.operationId}: ${line}`));
  const custom = ctx.fetch !== defaultFetch;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted();
    const of = `attempt ${attempt}/${retry.maxAttempts}`;
    // The attempt's AbortSignal is built only when something asks for it (the default fetch, an auth that waits, a
    // custom fetch reading `request.signal`): building one per attempt costs as much as the rest of the Request.
    // Without a timeout and a caller's signal nothing can end the attempt early, and nothing is waited on.
    const abortable = Number.isFinite(call.timeoutMs) || !!signal;
    let controller: AbortController | undefined;
    let ended = false;
    const attemptSignal = () => {
      if (!controller) {
        controller = new AbortController();
        if (ended) controller.abort();
      }
      return controller.signal;
    };
    let timedOut = false;
    // Rejects what the attempt is waiting on (auth, a custom fetch, the body) when it ends early.
    let stopWaiting: ((reason: unknown) => void) | undefined;
    const stop = () => {
      ended = true;
      controller?.abort();
      stopWaiting?.(new Error("attempt ended"));
    };
    const timer = startTimer(call.timeoutMs, () => {
      timedOut = true;
      stop();
    });
    signal?.addEventListener("abort", stop, { once: true });
    const until = <T>(work: Promise<T>): Promise<T> => {
      if (!abortable) return work;
      if (ended) return Promise.reject(new Error("attempt ended"));
      return new Promise<T>((resolve, reject) => {
        stopWaiting = reject;
        work.then(resolve, reject);
      });
    };

    let raw: Response;
    let got: string | Blob;
    // A `text` or `blob` success: read by the Response method of that name (anything else is read as text).
    let reader: OperationDef["response"] | false;
    let hops = 0;
    try {
      // Redirects are followed here, not by fetch: fetch would forward credential headers other than
      // Authorization (X-Api-Key, X-Amz-Security-Token) to another origin, and would replay a SigV4
      // signature for a different path. Same-origin hops are re-authorized; other origins are not followed.
      let target = url;
      let method = request.method;
      let sendBody = body;
      for (;;) {
        const headers = new Headers(request.headers);
        if (sendBody === undefined && body !== undefined) headers.delete("content-type"); // 303 turned it into a GET
        if (ctx.auth) {
          try {
            const work = ctx.auth.authorize(
              { url: target, method, headers, body: sendBody },
              {
                operationId: op.operationId,
                attempt,
                body: sendBody,
                get signal() {
                  return attemptSignal();
                },
              },
            );
            // A synchronous auth (a fixed key) costs no promise; an async one (token provider, SigV4) is awaited
            // until the attempt ends: a hanging credential provider or token endpoint cannot outlive it.
            if (work) await until(work);
          } catch (e) {
            // A bug or bad value inside auth is not a network fault: never retried as one, never echoed.
            if (e instanceof ApiClientError || ended) throw e;
            throw new AuthError(`${op.operationId}: applying credentials failed (${e instanceof Error ? e.name : "error"}).`);
          }
        }
        // `duplex`: Node's fetch needs it to send a ReadableStream body (browsers ignore it for other bodies).
        const init = { method, headers, body: sendBody ?? null, redirect: "manual", duplex: "half" } as RequestInit;
        if (custom) raw = await until(ctx.fetch(new AttemptRequest(target, init, attemptSignal)));
        else {
          // The default fetch takes the URL and init as they are (and aborts the socket itself).
          if (abortable) init.signal = attemptSignal();
          raw = await globalThis.fetch(target, init);
        }
        if (raw.type === "opaqueredirect") {
          // Browsers hide the Location of a manual redirect: it cannot be checked, so it is not followed.
          throw new ConnectionError(secrets.redact(`${op.operationId}: redirect not followed (its Location is hidden)`), attempt);
        }
        const hop = hops < MAX_REDIRECTS ? nextHop(raw, target, method) : undefined;
        if (!hop) break;
        await raw.body?.cancel();
        target = hop.url;
        method = hop.method;
        if (method === "GET") sendBody = undefined;
        hops++;
      }
      // A body cut short (before its declared length, or the connection broke) rejects here: a connection failure.
      reader = raw.ok && op.response;
      const read = raw[reader || "text"]();
      got = await (custom ? until<string | Blob>(read) : read);
    } catch (e) {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
      if (signal?.aborted) throw aborted();
      if (e instanceof ApiClientError) throw e; // auth failures, validation: not transport faults
      const { code, notSent } = failure(e);
      const neverSent = hops === 0 && notSent;
      const what = timedOut
        ? `timed out after ${call.timeoutMs} ms`
        : notSent
          ? `failed to connect (${code})`
          : `connection failed${code ? ` (${code})` : ""}`;
      if ((canRepeat || (!timedOut && neverSent)) && attempt < retry.maxAttempts) {
        const delay = retryDelay(attempt, retry, undefined);
        log(`${of} ${what}; retrying in ${delay} ms`);
        await sleep(delay, signal);
        continue;
      }
      const message = secrets.redact(`${op.operationId}: ${what} (attempt ${attempt} of ${retry.maxAttempts})`);
      if (timedOut) throw new TimeoutError(message, attempt, call.timeoutMs);
      throw new ConnectionError(message, attempt, { cause: e instanceof Error ? new Error(secrets.redact(e.message)) : undefined });
    }
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);

    const status = raw.status;
    const text = reader ? "" : (got as string);
    const parsed = reader ? got : parseJson(text);
    const error = raw.ok ? undefined : protocol.errorCode(op, status, raw.headers, parsed);
    const outcome: Outcome = {
      response: buffered(NULL_BODY_STATUS.has(status) ? null : got, raw),
      text,
      body: parsed,
      code: error?.code,
      rawCode: error?.raw,
      attempts: attempt,
    };
    if (!error || attempt >= retry.maxAttempts) return outcome;

    // The retry decision reads the same outcome the error builder will.
    const rawCode = error.raw;
    const kind = rawCode === undefined ? undefined : protocol.retryKind?.(rawCode);
    if (kind === "clock-skew" && ctx.auth?.correctClock?.(Date.parse(raw.headers.get("date") ?? ""))) {
      log(`${of} got ${rawCode}; clock corrected, retrying now`);
      continue;
    }
    // A documented code (the protocol only returns the server's code as `code` when the operation lists it).
    const known = rawCode !== undefined && error.code === rawCode ? op.errorCodes?.[rawCode] : undefined;
    const retryable =
      isRetryableStatus(status, idempotent, retry) ||
      kind === "throttling" ||
      known?.throttling === true ||
      (canRepeat && (known?.retryable === true || kind === "transient"));
    if (!retryable) return outcome;
    const delay = retryDelay(attempt, retry, parseRetryAfter(raw.headers.get("retry-after")));
    log(`${of} got HTTP ${status}${rawCode ? ` ${rawCode}` : ""}; retrying in ${delay} ms`);
    await sleep(delay, signal);
  }
}
