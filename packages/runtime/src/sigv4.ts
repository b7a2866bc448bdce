/**
 * Everything AWS, in one entry point only the AWS packages import: SigV4 auth (on maintained signers), the
 * restJson1 protocol object (error codes, the AWS SDKs' retry classification) and `awsClientConfig`.
 */
import { createSigner } from "#signer";
import type { ClientCoreConfig } from "./client.js";
import { AuthError, ValidationError } from "./errors.js";
import type { Protocol, RetryKind } from "./protocol.js";
import type { SecretRegistry } from "./redact.js";
import type { AttemptContext, Auth, OutgoingRequest } from "./transport.js";
import type { ServiceDef } from "./types.js";
import { assertHeaderValue } from "./validate.js";

/** Same shape as the AWS SDK's `AwsCredentialIdentity`. */
export interface AwsCredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Same shape as the AWS SDK's `AwsCredentialIdentityProvider`: `fromNodeProviderChain()` plugs in as is. */
export type AwsCredentialIdentityProvider = () => Promise<AwsCredentialIdentity>;

export interface SigV4Options {
  /** Signing name, e.g. `security-ir`, `qbusiness`. */
  service: string;
  region: string;
  /** Static keys or a provider. Default: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Clock, for tests (ms since epoch). */
  now?: () => number;
}

/** Error codes after which AWS SDKs correct the clock from the response's `Date` header. */
const CLOCK_SKEW_CODES = [
  "AuthFailure",
  "InvalidSignatureException",
  "RequestExpired",
  "RequestInTheFuture",
  "RequestTimeTooSkewed",
  "SignatureDoesNotMatch",
];
/** AWS SDK standard retry: throttling and transient error codes retried whatever the model says. */
const THROTTLING_CODES = [
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
];
const TRANSIENT_CODES = ["TimeoutError", "RequestTimeout", "RequestTimeoutException"];
const RETRY_KINDS = new Map<string, RetryKind>([
  ...THROTTLING_CODES.map((c) => [c, "throttling"] as const),
  ...TRANSIENT_CODES.map((c) => [c, "transient"] as const),
  ...CLOCK_SKEW_CODES.map((c) => [c, "clock-skew"] as const),
]);
const SKEW_THRESHOLD_MS = 300_000;

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

/**
 * AWS restJson1: the error code comes from `X-Amzn-Errortype` (else the body), documented when the operation's
 * `errorCodes` list it; the AWS SDKs' throttling, transient and clock-skew codes are retried whatever the model says.
 */
export const awsRestJsonProtocol: Protocol = {
  errorCode(op, _status, headers, body) {
    const raw = awsErrorCode(headers, body);
    return { code: raw !== undefined && op.errorCodes && Object.hasOwn(op.errorCodes, raw) ? raw : "UnknownError", raw };
  },
  retryKind: (code) => RETRY_KINDS.get(code),
};

const REFRESH_BEFORE_MS = 300_000;

function env(name: string): string | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  const v = proc?.env?.[name];
  return v === "" ? undefined : v;
}

/** Credentials from the standard environment variables, or undefined. */
export function credentialsFromEnv(): AwsCredentialIdentity | undefined {
  const accessKeyId = env("AWS_ACCESS_KEY_ID");
  const secretAccessKey = env("AWS_SECRET_ACCESS_KEY");
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env("AWS_SESSION_TOKEN");
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

/** Region from AWS_REGION / AWS_DEFAULT_REGION. */
export function regionFromEnv(): string | undefined {
  return env("AWS_REGION") ?? env("AWS_DEFAULT_REGION");
}

/** Credentials go into headers (key id, session token): CR/LF/NUL or non-Latin-1 would be header injection. */
function checkCredentials(c: AwsCredentialIdentity): void {
  for (const name of ["accessKeyId", "secretAccessKey", "sessionToken"] as const) {
    const value = c[name];
    if (value !== undefined) assertHeaderValue("client", `credentials.${name}`, typeof value === "string" ? value : "\n", "credentials");
  }
}

const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$|^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * AWS Signature Version 4 with @smithy/signature-v4 (the AWS SDK's own signer): every attempt is
 * signed afresh with the current (skew-corrected) clock; temporary credentials add X-Amz-Security-Token.
 */
export function sigv4Auth(opts: SigV4Options): Auth & { readonly clockOffsetMs: number } {
  if (!REGION.test(opts.region)) throw new ValidationError("client", "region", "pattern", `"${opts.region}" is not an AWS region name`);
  const now = opts.now ?? Date.now;
  let secrets: SecretRegistry | undefined;
  let offset = 0;
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const source = opts.credentials;
  const staticCreds = source !== undefined && typeof source !== "function" ? source : undefined;
  if (staticCreds && (!staticCreds.accessKeyId || !staticCreds.secretAccessKey)) {
    throw new AuthError("The AWS credentials are missing accessKeyId or secretAccessKey.");
  }
  if (staticCreds) checkCredentials(staticCreds);

  async function resolve(): Promise<AwsCredentialIdentity> {
    if (staticCreds) return staticCreds;
    if (cached && (!cached.expiration || cached.expiration.getTime() - REFRESH_BEFORE_MS > now())) return cached;
    if (typeof source !== "function") {
      const fromEnv = credentialsFromEnv();
      if (!fromEnv)
        throw new AuthError(
          "No AWS credentials: pass `credentials` (keys or a provider such as fromNodeProviderChain()) or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
        );
      checkCredentials(fromEnv);
      cached = fromEnv;
      return fromEnv;
    }
    const load = async (): Promise<AwsCredentialIdentity> => {
      try {
        const c = await source();
        if (!c?.accessKeyId || !c.secretAccessKey) throw new AuthError("The AWS credential provider returned no keys.");
        checkCredentials(c);
        cached = c;
        return c;
      } catch (e) {
        if (e instanceof AuthError || e instanceof ValidationError) throw e;
        throw new AuthError(`The AWS credential provider failed: ${e instanceof Error ? e.name : "error"}.`);
      }
    };
    // `.finally` always runs asynchronously, after `pending` is assigned. (A try/finally inside the async
    // function ran synchronously when the provider threw synchronously, leaving a rejected `pending` forever.)
    pending ??= load().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  const sign = createSigner({
    service: opts.service,
    region: opts.region,
    credentials: async () => {
      const c = await resolve();
      secrets?.add(c.secretAccessKey);
      secrets?.add(c.sessionToken);
      return c;
    },
  });

  const auth = {
    get clockOffsetMs() {
      return offset;
    },
    register(registry: SecretRegistry) {
      secrets = registry;
      if (staticCreds) {
        registry.add(staticCreds.secretAccessKey);
        registry.add(staticCreds.sessionToken);
      }
    },
    async authorize(req: OutgoingRequest, ctx: AttemptContext) {
      // A provider that never answers must not stall every later call on the same promise: when the attempt
      // waiting on it ends (timeout, abort), the next attempt asks the provider again.
      // (Static keys never wait: no listener then.)
      if (staticCreds) await sign(req, new Date(now() + offset));
      else {
        const forget = () => {
          pending = undefined;
        };
        ctx.signal.addEventListener("abort", forget, { once: true });
        try {
          await sign(req, new Date(now() + offset));
        } finally {
          ctx.signal.removeEventListener("abort", forget);
        }
      }
      // A server may echo the bare signature (S3's SignatureProvided): it never appears in an error either.
      secrets?.addRecent(/Signature=([0-9a-f]+)/.exec(req.headers.get("authorization") ?? "")?.[1]);
    },
    correctClock(server: number) {
      if (Number.isNaN(server)) return false;
      const local = now();
      if (Math.abs(server - (local + offset)) < SKEW_THRESHOLD_MS) return false;
      offset = server - local;
      return true;
    },
  };
  return auth;
}

/** Options of an AWS client factory (the same for every AWS API). */
export interface AwsClientOptions {
  /** AWS region, e.g. `us-east-1`. Default: AWS_REGION / AWS_DEFAULT_REGION. */
  region?: string;
  /** Static keys or a provider (`fromNodeProviderChain()` fits). Default: the AWS_* environment variables. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/**
 * Client configuration for an AWS restJson1 API: the restJson1 protocol, SigV4 with the spec's signing name
 * (`x-aws-sigv4`) and the client's region, which also fills the server's `{region}` variable.
 */
export function awsClientConfig<T extends AwsClientOptions & ClientCoreConfig>(service: ServiceDef, options: T): ClientCoreConfig {
  const { region: given, credentials, ...rest } = options;
  // AWS endpoint rules: a FIPS endpoint cannot be combined with a custom one (the SDK raises the same error).
  if (rest.baseUrl !== undefined && rest.environment !== undefined && /fips/i.test(rest.environment)) {
    throw new ValidationError(
      "client",
      "baseUrl",
      "conflict",
      `a custom endpoint cannot be combined with environment "${rest.environment}" (FIPS)`,
    );
  }
  const region = given ?? regionFromEnv();
  if (!region) throw new ValidationError("client", "region", "required", "pass `region` or set AWS_REGION");
  const scheme = Object.values(service.securitySchemes).find((s) => s.signingName);
  if (!scheme?.signingName)
    throw new ValidationError("client", "securitySchemes", "x-aws-sigv4", `${service.id} declares no SigV4 signing name`);
  return {
    ...rest,
    protocol: awsRestJsonProtocol,
    serverVariables: { ...rest.serverVariables, region },
    auth: sigv4Auth({ service: scheme.signingName, region, ...(credentials ? { credentials } : {}) }),
  };
}
