/**
 * The matrix every area runs: protocol (http, aws-rest-json) × idempotency (idempotent, not idempotent, not
 * idempotent but with an idempotency token), built on the runtime's own fixture APIs (packages/runtime/test/
 * fixture.ts) and driven through the BUILT runtime (its dist), exactly as a generated client drives it. No
 * per-API table: a new API adds nothing here, because what this suite proves is the runtime's behaviour.
 */
import {
  bearerAuth,
  clientCredentialsProvider,
  headerAuth,
  type ApiDef,
  type ApiError,
  type ApiResult,
  type CallOptions,
  type FetchFn,
  type Logger,
  type OperationDef,
  type RetryOptions,
  type TokenSource,
} from "@subscription-apis/runtime";
import { CORE, createApiClient, withIdempotencyToken, type ClientCoreConfig } from "@subscription-apis/runtime/internal";
import { awsClientConfig, type AwsClientOptions } from "@subscription-apis/runtime/sigv4";
import { awsApi, httpApi, tokenOp } from "../../../../packages/runtime/test/fixture.js";

export type Protocol = "http" | "aws-rest-json";
export type Idempotency = "idempotent" | "not idempotent" | "idempotency token";
export const PROTOCOLS: readonly Protocol[] = ["http", "aws-rest-json"];
export const IDEMPOTENCY: readonly Idempotency[] = ["idempotent", "not idempotent", "idempotency token"];

export interface Cell {
  /** `<protocol> / <idempotency>`: the column of the fault matrix. */
  id: string;
  protocol: Protocol;
  idempotency: Idempotency;
  api: ApiDef;
  op: OperationDef;
  /** Body key of the idempotency token the generated function fills in (idempotency-token cells). */
  tokenKey?: string;
  /** A valid input; `vary(i)` a distinct valid input per index, `idOf(i)` what the server sees of it. */
  input: Record<string, unknown>;
  vary(i: number): Record<string, unknown>;
  idOf(i: number): string;
  successStatus: number;
  /** The success body the servers answer with (undefined: the operation documents none, the server sends none). */
  successBody: unknown;
}

const CREATED = { id: "t-1", name: "ab", status: "created" };

/** A cell: `vary(i)` sets `key` to `<prefix><i>` in the valid input, which is what the server sees of it. */
function cell(
  protocol: Protocol,
  idempotency: Idempotency,
  op: OperationDef,
  [key, prefix, first]: [key: string, prefix: string, first: string],
  successStatus: number,
  successBody: unknown,
): Cell {
  const api = protocol === "http" ? httpApi : awsApi;
  const tokenKey = op.params.some((p) => p.key === "clientToken") ? "clientToken" : undefined;
  return {
    ...{ id: `${protocol} / ${idempotency}`, protocol, idempotency, api, op, successStatus, successBody },
    ...(tokenKey ? { tokenKey } : {}),
    input: { [key]: first },
    vary: (i) => ({ [key]: `${prefix}${i}` }),
    idOf: (i) => `${prefix}${i}`,
  };
}

const { createThing, deleteThing } = httpApi.operations;
const { createWidget, getWidget } = awsApi.operations;
export const CELLS: readonly Cell[] = [
  // DELETE answering 202 without a body (the shape of CloudCockpit's cancellation).
  cell("http", "idempotent", { ...deleteThing, success: [202] }, ["thingId", "t-", "t-1"], 202, undefined),
  cell("http", "not idempotent", { ...createThing, successBody: true }, ["name", "n", "ab"], 201, CREATED),
  cell("http", "idempotency token", tokenOp, ["item", "item-", "ab"], 201, CREATED),
  cell("aws-rest-json", "idempotent", { ...getWidget, successBody: true }, ["widgetId", "w-", "w-1"], 200, { widgetId: "w-1" }),
  cell("aws-rest-json", "not idempotent", { ...createWidget, successBody: true }, ["name", "widget-", "widget"], 200, { widgetId: "w-1" }),
  cell(
    "aws-rest-json",
    "idempotency token",
    { ...tokenOp, path: "/widgets/orders", success: [200], errors: createWidget.errors, errorCodes: createWidget.errorCodes },
    ["item", "widget-", "widget"],
    200,
    { orderId: "o-1", status: "CREATING" },
  ),
];

export const cellOf = (protocol: Protocol, idempotency: Idempotency): Cell =>
  CELLS.find((c) => c.protocol === protocol && c.idempotency === idempotency)!;

/** How the client authenticates: every auth kind the runtime offers a generated factory. */
export type AuthSpec =
  | { kind: "bearer key"; key: TokenSource }
  | { kind: "basic key"; key: TokenSource }
  | { kind: "oauth client credentials"; clientId: string; clientSecret: string; tokenUrl: string }
  | { kind: "aws sigv4"; credentials: AwsClientOptions["credentials"] };
export type AuthKind = AuthSpec["kind"];

export const AWS_CREDENTIALS = {
  accessKeyId: "AKIDRELIABILITYTEST",
  secretAccessKey: "aws-secret-reliability-0123456789abcdefghij",
  sessionToken: "aws-session-token-reliability-9876543210zyxwv",
};
const DEFAULT_AUTH: Record<Protocol, AuthSpec> = {
  http: { kind: "bearer key", key: "http-live-key-reliability-5f2c9a7e" },
  "aws-rest-json": { kind: "aws sigv4", credentials: AWS_CREDENTIALS },
};

export interface MakeOptions {
  baseUrl: string;
  retry?: RetryOptions;
  timeoutMs?: number;
  logger?: Logger;
  fetch?: FetchFn;
  throwOnError?: boolean;
  headers?: Record<string, string>;
  auth?: AuthSpec;
}

/** A client reduced to its cell's one operation, called as the generated operation function calls it. */
export interface BoundClient {
  call(input?: Record<string, unknown>, options?: CallOptions): Promise<ApiResult<unknown, ApiError>>;
}

function authConfig(c: Cell, auth: AuthSpec, rest: ClientCoreConfig): ClientCoreConfig {
  switch (auth.kind) {
    case "bearer key":
      return { ...rest, auth: bearerAuth(auth.key, "apiKey") };
    case "basic key":
      return { ...rest, auth: headerAuth({ prefix: "Basic ", value: auth.key, what: "apiKey" }) };
    case "oauth client credentials": {
      const { kind: _kind, ...credentials } = auth;
      const provider = clientCredentialsProvider({ ...credentials, scope: "https://api.example.test/.default" });
      return { ...rest, auth: bearerAuth(provider, "token", provider.secrets) };
    }
    case "aws sigv4":
      return awsClientConfig(c.api, { ...rest, region: "us-east-1", ...(auth.credentials ? { credentials: auth.credentials } : {}) });
  }
}

export function make(c: Cell, o: MakeOptions): BoundClient {
  const { auth = DEFAULT_AUTH[c.protocol], ...rest } = o;
  const client = createApiClient(c.api, {}, authConfig(c, auth, { throwOnError: false, ...rest }));
  return {
    call: (input = c.input, options) =>
      client[CORE].call(c.op, c.tokenKey ? withIdempotencyToken(input, c.tokenKey) : input, options) as Promise<
        ApiResult<unknown, ApiError>
      >,
  };
}

/** A call's outcome: its result, or what it threw. */
export async function settle<T>(call: Promise<T>): Promise<{ result?: T; thrown?: unknown }> {
  try {
    return { result: await call };
  } catch (thrown) {
    return { thrown };
  }
}
