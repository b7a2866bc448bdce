import { ApiClientError, AuthError, ValidationError } from "./errors.js";
import { SecretRegistry } from "./redact.js";
import { startTimer } from "./retry.js";
import { assertHeaderValue } from "./validate.js";
import { defaultFetch, parseJson, type Auth, type FetchFn, type OutgoingRequest } from "./transport.js";

/** A string, or a function returning one (sync or async) — e.g. a token provider. */
export type TokenSource = string | (() => string | Promise<string>);

function checkSecret(value: unknown, what: string): string {
  if (typeof value !== "string" || value === "") throw new AuthError(`${what} is missing or empty.`);
  assertHeaderValue("client", what, value, "credentials");
  return value;
}

/** Call a token provider; its failures become AuthError (its message is not copied: it may quote the secret). */
async function fromProvider(source: () => string | Promise<string>, what: string): Promise<unknown> {
  try {
    return await source();
  } catch (e) {
    if (e instanceof ApiClientError) throw e;
    throw new AuthError(`The ${what} provider failed: ${e instanceof Error ? e.name : "error"}.`);
  }
}

/**
 * `Authorization: <prefix><value>` from a fixed string or a provider called per attempt.
 * Used for `Bearer <token>` (Mayar, CloudCockpit) and `Basic <apiKey>` (Fusebill: the key is sent verbatim).
 */
export function headerAuth(opts: {
  header?: string;
  prefix: string;
  value: TokenSource;
  what: string;
  alsoRedact?: readonly string[];
}): Auth {
  const header = opts.header ?? "Authorization";
  let secrets: SecretRegistry | undefined;
  if (typeof opts.value === "string") checkSecret(opts.value, opts.what);
  return {
    register(registry) {
      secrets = registry;
      if (typeof opts.value === "string") registry.add(opts.value);
      for (const s of opts.alsoRedact ?? []) registry.add(s);
    },
    authorize(req: OutgoingRequest) {
      const apply = (raw: unknown) => {
        const value = checkSecret(raw, opts.what);
        secrets?.add(value);
        for (const s of opts.alsoRedact ?? []) secrets?.add(s);
        req.headers.set(header, `${opts.prefix}${value}`);
      };
      // A fixed key is applied synchronously (no promise per attempt); a provider is awaited.
      if (typeof opts.value !== "function") return apply(opts.value);
      return fromProvider(opts.value, opts.what).then(apply);
    },
  };
}

/**
 * HTTP Basic (RFC 7617): `Authorization: Basic base64(<username>:<password>)`, computed per attempt when the
 * password is a provider. The password and the encoded value are redacted from errors and logs.
 */
export function basicAuth(username: string, password: TokenSource): Auth {
  checkSecret(username, "username");
  if (username.includes(":")) throw new AuthError("username must not contain ':' (HTTP Basic, RFC 7617).");
  const encode = (pw: unknown) => {
    const secret = checkSecret(pw, "password");
    return { secret, value: btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${secret}`))) };
  };
  let registry: SecretRegistry | undefined;
  const fixed = typeof password === "string" ? encode(password) : undefined;
  return {
    register(r) {
      registry = r;
      r.add(fixed?.secret);
      r.add(fixed?.value);
    },
    authorize(req: OutgoingRequest) {
      const apply = (pw: unknown) => {
        const { secret, value } = encode(pw);
        registry?.add(secret);
        registry?.add(value);
        req.headers.set("Authorization", `Basic ${value}`);
      };
      if (typeof password !== "function") return apply(password);
      return fromProvider(password, "password").then(apply);
    },
  };
}

/** An API key sent as the query parameter `name` (OpenAPI `apiKey` `in: query`); redacted from errors and logs. */
export function queryAuth(name: string, value: TokenSource, what: string): Auth {
  let registry: SecretRegistry | undefined;
  if (typeof value === "string") checkSecret(value, what);
  return {
    register(r) {
      registry = r;
      if (typeof value === "string") r.add(value);
    },
    authorize(req: OutgoingRequest) {
      const apply = (raw: unknown) => {
        const key = checkSecret(raw, what);
        registry?.add(key);
        registry?.add(encodeURIComponent(key));
        req.url.searchParams.set(name, key);
      };
      if (typeof value !== "function") return apply(value);
      return fromProvider(value, what).then(apply);
    },
  };
}

export function bearerAuth(token: TokenSource, what = "token", alsoRedact?: readonly string[]): Auth {
  return headerAuth({ prefix: "Bearer ", value: token, what, ...(alsoRedact ? { alsoRedact } : {}) });
}

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Refresh this long before `expires_in` runs out (default 5 minutes). */
  refreshBeforeMs?: number;
  fetch?: FetchFn;
  /** Clock, for tests. */
  now?: () => number;
  /** Timeout of one token request (connect + full body), default 30000 ms. */
  timeoutMs?: number;
}

/** A token provider with the secret values it handles, so clients can redact them. */
export interface TokenProvider {
  (): Promise<string>;
  readonly secrets: readonly string[];
}

/**
 * OAuth2 client-credentials token provider (RFC 6749 §4.4), e.g. Azure AD for CloudCockpit.
 * Caches the token and refreshes it `refreshBeforeMs` before expiry; concurrent callers share one request.
 */
export function clientCredentialsProvider(opts: ClientCredentialsOptions): TokenProvider {
  const doFetch = opts.fetch ?? defaultFetch;
  const now = opts.now ?? Date.now;
  const refreshBefore = opts.refreshBeforeMs ?? 300_000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  checkSecret(opts.clientId, "clientId");
  checkSecret(opts.clientSecret, "clientSecret");
  let origin: string;
  try {
    origin = new URL(opts.tokenUrl).origin;
  } catch {
    throw new ValidationError("client", "tokenUrl", "url", "is not an absolute URL");
  }
  // Token endpoints sometimes echo what they were sent: nothing from a response reaches a message unredacted.
  const registry = new SecretRegistry();
  registry.add(opts.clientSecret);
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const seen: string[] = [opts.clientSecret];

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
      scope: opts.scope,
    });
    let res: Response;
    let text: string;
    const controller = new AbortController();
    const timer = startTimer(timeoutMs, () => controller.abort());
    try {
      res = await doFetch(
        new Request(opts.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form.toString(),
          signal: controller.signal,
        }),
      );
      text = await res.text();
    } catch {
      if (controller.signal.aborted) throw new AuthError(`The token endpoint ${origin} did not answer within ${timeoutMs} ms.`);
      throw new AuthError(`Could not reach the token endpoint ${origin}.`);
    } finally {
      clearTimeout(timer);
    }
    let body: Record<string, unknown> = {};
    const parsed = parseJson(text); // undefined when empty or not JSON
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    if (!res.ok || typeof body.access_token !== "string") {
      const reason = typeof body.error === "string" && body.error !== "" ? registry.redact(body.error).slice(0, 200) : `HTTP ${res.status}`;
      throw new AuthError(`The token endpoint refused client credentials: ${reason}.`);
    }
    const token = body.access_token;
    seen.push(token);
    registry.add(token);
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in ?? 3599);
    cached = { token, expiresAt: now() + (Number.isFinite(expiresIn) ? expiresIn : 3599) * 1000 };
    return token;
  }

  const provider = (async () => {
    if (cached && now() < cached.expiresAt - refreshBefore) return cached.token;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }) as TokenProvider;
  Object.defineProperty(provider, "secrets", { get: () => seen });
  return provider;
}
