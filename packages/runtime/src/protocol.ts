/**
 * A protocol object: how an API's error responses are read and retried. The factory injects one
 * (`httpProtocol` by default, `awsRestJsonProtocol` from `./sigv4` for AWS APIs), so a non-AWS bundle carries
 * no AWS code. Consulted once per non-2xx attempt; its answer is stored on the attempt's `Outcome`.
 */
import type { OperationDef } from "./types.js";

/** How an error code is retried whatever the operation documents. */
export type RetryKind = "throttling" | "transient" | "clock-skew";

export interface Protocol {
  /**
   * The error code of a non-2xx response: `code` is the documented one (or "UnknownError"), `raw` what the server
   * sent when the protocol carries codes (AWS), else undefined.
   */
  errorCode(op: OperationDef, status: number, headers: Headers, body: unknown): { code: string; raw: string | undefined };
  /** Throttling (retried like a 429), transient (retried when repeatable), clock skew (re-signed at once). */
  retryKind?(code: string): RetryKind | undefined;
}

/** Plain HTTP APIs: errors keyed by status (`404` -> the spec's `NotFound`). */
export const httpProtocol: Protocol = {
  errorCode: (op, status) => ({ code: op.errors[status]?.code ?? "UnknownError", raw: undefined }),
};
