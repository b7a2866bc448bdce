/**
 * Secret redaction. Every auth registers the secrets it handles (API keys, tokens, AWS secret keys,
 * session tokens, signatures); every message the runtime builds, and every error body it keeps,
 * passes through `redact` before it is stored on an error or logged.
 */
export const REDACTED = "[REDACTED]";

/** How many per-request secrets (SigV4 signatures) are remembered: enough for every call in flight. */
const RECENT = 256;

export class SecretRegistry {
  readonly #secrets = new Set<string>();
  readonly #recent: string[] = [];

  /** Register a short-lived secret (a request signature): kept in a bounded ring, oldest dropped first. */
  addRecent(value: string | undefined | null): void {
    if (typeof value !== "string" || value.length < 4 || this.#recent.includes(value)) return;
    this.#recent.push(value);
    if (this.#recent.length > RECENT) this.#recent.shift();
  }

  /** Register a secret value (ignored when shorter than 4 characters: it would redact noise). */
  add(value: string | undefined | null): void {
    if (typeof value === "string" && value.length >= 4) this.#secrets.add(value);
  }

  get size(): number {
    return this.#secrets.size;
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    for (const secret of this.#recent) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    // SigV4 signatures and bearer/basic credentials never travel in messages even if unregistered.
    return out
      .replace(/(Signature=)[0-9a-f]{16,}/gi, `$1${REDACTED}`)
      .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`);
  }

  /** Deep-redact a parsed JSON value (strings only; structure is kept). */
  redactValue<T>(value: T): T {
    if (this.#secrets.size === 0 && !mayHoldCredential(value)) return value;
    return walk(value, (s) => this.redact(s)) as T;
  }
}

function mayHoldCredential(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return /Signature=|Bearer |Basic /i.test(text ?? "");
}

function walk(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, fn));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, fn);
    return out;
  }
  return value;
}
