/**
 * Retry policy: which outcomes are retried, and how long to wait.
 *
 * - Idempotent operations (GET/PUT/DELETE, or `x-idempotent` in the spec) retry on connection
 *   errors, timeouts, 408, 429, 500, 502, 503, 504 and on error codes the vendor marks retryable.
 * - Non-idempotent operations (a POST that cancels something) retry only on 429, and on connection
 *   errors where the request provably never reached the server (connection refused, DNS).
 * - Delay: `Retry-After` (seconds or HTTP date) when the server sends it, capped at `maxRetryAfterMs`;
 *   else exponential backoff `min(maxDelayMs, baseDelayMs * 2^(attempt-1))` with up to 25 % jitter.
 */

import { AbortError, ValidationError } from "./errors.js";

export interface RetryOptions {
  /** Total attempts including the first (AWS SDK default 3). 1 disables retries. */
  maxAttempts?: number;
  /** First backoff delay in ms (default 200). */
  baseDelayMs?: number;
  /** Largest backoff delay in ms (default 8000). */
  maxDelayMs?: number;
  /** Largest honoured Retry-After in ms (default 20000); longer waits are capped to this. */
  maxRetryAfterMs?: number;
  /** Retry POST operations on 5xx too (only when you know the operation is safe to repeat). */
  retryNonIdempotent?: boolean;
}

export interface ResolvedRetry {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxRetryAfterMs: number;
  retryNonIdempotent: boolean;
}

const DEFAULTS: ResolvedRetry = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 8000, maxRetryAfterMs: 20000, retryNonIdempotent: false };

export function resolveRetry(...layers: (RetryOptions | undefined)[]): ResolvedRetry {
  const r = { ...DEFAULTS } as Record<string, number | boolean>;
  for (const l of layers) {
    for (const [name, value] of Object.entries(l ?? {})) {
      if (value === undefined || !(name in DEFAULTS)) continue;
      if (name === "retryNonIdempotent") {
        r[name] = value;
        continue;
      }
      // NaN would make `attempt >= maxAttempts` never true: a retryable status would then loop forever.
      if (typeof value !== "number" || Number.isNaN(value)) {
        const got = value === null ? "null" : typeof value === "number" ? "NaN" : typeof value;
        throw new ValidationError("client", `retry.${name}`, "type", `expected a number, got ${got}`);
      }
      r[name] = name === "maxAttempts" ? Math.max(1, Math.floor(value)) : Math.max(0, value);
    }
  }
  return r as unknown as ResolvedRetry;
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
export function isRetryableStatus(status: number, idempotent: boolean, policy: ResolvedRetry): boolean {
  if (status === 429) return true;
  if (!idempotent && !policy.retryNonIdempotent) return false;
  return TRANSIENT_STATUS.has(status);
}

/** Parse Retry-After (delta-seconds or HTTP-date) into milliseconds; undefined when absent/invalid. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Delay before attempt `attempt + 1` (attempt is 1-based: the one that just failed). Always within [0, cap]. */
export function retryDelay(attempt: number, policy: ResolvedRetry, retryAfterMs: number | undefined, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.min(exp, Math.max(0, Math.round(exp * (1 - random() * 0.25))));
}

/** setTimeout fires at once for delays above 2^31-1 ms: every timer of the runtime is clamped here, once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Start a timer; `Infinity` (or NaN) starts none. */
export function startTimer(ms: number, fn: () => void): ReturnType<typeof setTimeout> | undefined {
  return Number.isFinite(ms) ? setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS)) : undefined;
}

/** The error of a call the caller's signal aborted. */
export const aborted = () => new AbortError("The request was aborted by the caller.");

/** Wait `ms` (a backoff); the caller's signal ends the wait with AbortError. */
export function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = startTimer(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
