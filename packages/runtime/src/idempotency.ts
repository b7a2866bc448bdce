/**
 * Idempotency tokens (`x-idempotency-token: true` on an input, the AWS `@idempotencyToken` trait): the generated
 * operation fills one in, once per call, when the caller leaves it out. The request is built once per call, so
 * every retry of that call sends the same token. Only operations with such an input import this.
 */

/** `input` with `key` set to a fresh `crypto.randomUUID()` when the caller did not set it (else `input` itself). */
export function withIdempotencyToken<I>(input: I, key: string): I {
  const given = input as Readonly<Record<string, unknown>> | undefined;
  return given?.[key] === undefined ? ({ ...given, [key]: crypto.randomUUID() } as I) : input;
}
