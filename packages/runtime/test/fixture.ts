/**
 * Hand-written ApiDef fixtures (not generated): the smallest APIs that exercise every runtime path.
 * `httpApi` is keyed by status (like Mayar/Fusebill), `awsApi` by AWS error code (restJson1).
 */
import type { ApiClient, ApiDef, ApiError, BaseClient, Constraint, OperationDef, PaginationDef, ParamDef } from "../dist/index.js";
import { CORE, createApiClient, type ClientCore, type ClientCoreConfig, type OperationSet } from "../dist/internal.js";
import { awsRestJsonProtocol } from "../dist/sigv4.js";

/** The documented errors by status, as the generator emits them (`{ "400": { code: "BadRequest" }, … }`). */
const httpErrors: Record<string, { code: string }> = Object.fromEntries(
  "400 BadRequest 401 Unauthorized 404 NotFound 429 TooManyRequests 500 InternalServerError 502 BadGateway 503 ServiceUnavailable 504 GatewayTimeout"
    .split(" ")
    .flatMap((word, i, words) => (i % 2 === 0 ? [[word, { code: words[i + 1]! }]] : [])),
);

export const httpApi = {
  id: "fixture",
  title: "Fixture API",
  version: "1.0.0",
  protocol: "http",
  servers: [
    { url: "https://{host}.example.test/v1", environment: "production", variables: { host: { default: "api", enum: ["api", "eu"] } } },
    { url: "https://sandbox.example.test/v1", environment: "sandbox", variables: {} },
  ],
  securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
  operations: {
    getThing: {
      operationId: "getThing",
      method: "get",
      path: "/things/{thingId}",
      idempotent: true,
      params: [
        { name: "thingId", in: "path", key: "thingId", required: true, schema: { type: "string", minLength: 1, maxLength: 64 } },
        { name: "expand", in: "query", key: "expand", required: false, schema: { type: "string", enum: ["owner", "parts"] } },
        { name: "q", in: "query", key: "q", required: false, schema: { type: "string" } },
        { name: "X-Trace", in: "header", key: "trace", required: false, schema: { type: "string" } },
      ],
      success: [200],
      errors: httpErrors,
    },
    createThing: {
      operationId: "createThing",
      method: "post",
      path: "/things",
      idempotent: false,
      body: { required: true, contentType: "application/json" },
      params: [
        { name: "name", in: "body", key: "name", required: true, schema: { type: "string", minLength: 2, maxLength: 8 } },
        { name: "code", in: "body", key: "code", required: false, schema: { type: "string", pattern: "^[A-Z]{3}-\\d{2}$" } },
        { name: "kind", in: "body", key: "kind", required: false, schema: { type: "string", enum: ["basic", "pro"] } },
        { name: "count", in: "body", key: "count", required: false, schema: { type: "integer", minimum: 0, maximum: 5 } },
        { name: "ownerId", in: "body", key: "ownerId", required: false, schema: { type: "string", format: "uuid" } },
        { name: "note", in: "body", key: "note", required: false, schema: { type: ["string", "null"], maxLength: 20 } },
        { name: "X-Request-Tag", in: "header", key: "requestTag", required: false, schema: { type: "string" } },
      ],
      success: [201],
      errors: httpErrors,
    },
    /** Idempotent POST (`x-idempotent: true` in a spec). */
    syncThing: {
      operationId: "syncThing",
      method: "post",
      path: "/things/{thingId}/sync",
      idempotent: true,
      params: [{ name: "thingId", in: "path", key: "thingId", required: true, schema: { type: "string" } }],
      success: [200],
      errors: httpErrors,
    },
    deleteThing: {
      operationId: "deleteThing",
      method: "delete",
      path: "/things/{thingId}",
      idempotent: true,
      params: [{ name: "thingId", in: "path", key: "thingId", required: true, schema: { type: "string", pattern: "^t-[0-9]+$" } }],
      success: [204],
      errors: httpErrors,
    },
  },
} as const satisfies ApiDef;

export const awsErrorCodes = {
  ValidationException: { status: 400 },
  AccessDeniedException: { status: 403 },
  ResourceNotFoundException: { status: 404 },
  ThrottlingException: { status: 429, throttling: true },
  InternalServerException: { status: 500, retryable: true },
  ConflictException: { status: 409 },
} as const;

export const awsApi = {
  id: "aws-fixture",
  title: "AWS Fixture API",
  version: "2024-01-01",
  protocol: "aws-rest-json",
  servers: [{ url: "https://widgets.{region}.api.aws", environment: "production", variables: { region: { default: "us-east-1" } } }],
  securitySchemes: { awsSigV4: { type: "apiKey", in: "header", name: "Authorization", signingName: "widgets" } },
  operations: {
    getWidget: {
      operationId: "getWidget",
      method: "get",
      path: "/widgets/{widgetId}",
      idempotent: true,
      params: [
        { name: "widgetId", in: "path", key: "widgetId", required: true, schema: { type: "string", minLength: 1 } },
        { name: "view", in: "query", key: "view", required: false, schema: { type: "string" } },
      ],
      success: [200],
      errors: { "400": { code: "BadRequest" }, "404": { code: "NotFound" }, "500": { code: "InternalServerError" } },
      errorCodes: awsErrorCodes,
    },
    createWidget: {
      operationId: "createWidget",
      method: "post",
      path: "/widgets",
      idempotent: false,
      body: { required: true, contentType: "application/json" },
      params: [
        { name: "name", in: "body", key: "name", required: true, schema: { type: "string" } },
        { name: "tags", in: "body", key: "tags", required: false, schema: { type: "array" } },
      ],
      success: [200],
      errors: { "400": { code: "BadRequest" }, "500": { code: "InternalServerError" } },
      errorCodes: awsErrorCodes,
    },
  },
} as const satisfies ApiDef;

type In = Readonly<Record<string, unknown>>;
type Call = (input?: In, options?: Parameters<ClientCore["call"]>[2]) => ReturnType<ClientCore["call"]>;

/** A hand-written stand-in for the generated operation functions (`allOperations`): one per operation. */
export function bindAll(api: ApiDef): OperationSet {
  const out: Record<string, (client: BaseClient, input?: In, options?: Parameters<ClientCore["call"]>[2]) => Promise<unknown>> = {};
  for (const [name, op] of Object.entries(api.operations) as [string, OperationDef][]) {
    out[name] = (client, input, options) => client[CORE].call(op, input, options);
  }
  return out;
}

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type Json<T> = { headers: Record<string, unknown>; content: { "application/json": T } };
type Unused = { put?: never; delete?: never; options?: never; head?: never; patch?: never; trace?: never };

/** openapi-typescript-shaped `paths` of the fixture, for typed raw calls. */
export interface FixturePaths {
  "/things/{thingId}": Unused & {
    parameters: NoParams;
    get: {
      parameters: { query?: { q?: string }; header?: never; path: { thingId: string }; cookie?: never };
      requestBody?: never;
      responses: { 200: Json<{ id: string }>; 503: Json<{ message: string }> };
    };
    post?: never;
  };
  "/things": Unused & {
    parameters: NoParams;
    get?: never;
    post: {
      parameters: NoParams;
      requestBody: { content: { "application/json": { name: string } } };
      responses: { 201: Json<{ id: string }>; 500: Json<{ message: string }> };
    };
  };
}

export type FixtureOps = { [K in keyof typeof httpApi.operations]: Call };
export type FixtureClient = ApiClient<FixtureOps, FixturePaths>;

/**
 * A client configuration for tests: tiny backoff so retries are fast. No per-attempt timeout unless a test sets one:
 * an outcome must not depend on the machine's speed (a hang fails through vitest's test timeout).
 */
const testConfig = (baseUrl: string, config: Omit<ClientCoreConfig, "baseUrl">): ClientCoreConfig => ({
  baseUrl,
  timeoutMs: Number.POSITIVE_INFINITY,
  ...config,
  retry: { baseDelayMs: 1, maxDelayMs: 5, ...config.retry },
});

/** The fixture client against a local server. */
export function fixtureClient(baseUrl: string, config: Omit<ClientCoreConfig, "baseUrl"> = {}): FixtureClient {
  return createApiClient<FixtureOps, FixturePaths>(httpApi, bindAll(httpApi), testConfig(baseUrl, config));
}

export type AwsOps = { [K in keyof typeof awsApi.operations]: Call };

export function awsFixtureClient(baseUrl: string, config: Omit<ClientCoreConfig, "baseUrl">): ApiClient<AwsOps, Record<string, never>> {
  return createApiClient<AwsOps, Record<string, never>>(
    awsApi,
    bindAll(awsApi),
    testConfig(baseUrl, { protocol: awsRestJsonProtocol, ...config }),
  );
}

export type { ApiError };

/** An optional parameter named as its input key (an integer unless `schema` says otherwise). */
const optional = (where: "query" | "body", name: string, schema: Constraint = { type: "integer" }): ParamDef => ({
  ...{ name, in: where, key: name, required: false, schema },
});
/** A list operation: idempotent, a 200 with a body; a POST takes a JSON body. */
const listOp = (operationId: string, method: "get" | "post", path: string, params: ParamDef[]): OperationDef => ({
  ...{ operationId, method, path, idempotent: true, params, success: [200], successBody: true, errors: httpErrors },
  ...(method === "post" ? { body: { required: true, contentType: "application/json" } } : {}),
});

/** Paginated list operations (what the generator emits from `x-pagination`): the data and its `PaginationDef`. */
export const pagedApi = {
  id: "paged-fixture",
  title: "Paged Fixture API",
  version: "1.0.0",
  protocol: "http",
  servers: [{ url: "https://api.example.test/v1", environment: "production", variables: {} }],
  securitySchemes: {},
  operations: {
    /** Mayar-like: `?startingAfter=&limit=` -> `{ data, nextStartingAfter, hasMore }`. */
    listCursor: listOp("listCursor", "get", "/things", [
      optional("query", "limit", { type: "integer", minimum: 1, maximum: 50 }),
      optional("query", "startingAfter", { type: "string" }),
    ]),
    /** AWS-like: POST body `{ maxResults, nextToken }` -> `{ items, nextToken }` (`x-idempotent`). */
    listToken: listOp("listToken", "post", "/things/search", [
      optional("body", "maxResults"),
      optional("body", "nextToken", { type: "string" }),
    ]),
    /** Fusebill-like: `?pageNumber=&pageSize=`, first page 0, the body is the array. */
    listPage: listOp("listPage", "get", "/pages", [optional("query", "pageNumber"), optional("query", "pageSize")]),
    /** `?offset=&limit=` -> `{ rows, total }`. */
    listOffset: listOp("listOffset", "get", "/rows", [optional("query", "offset"), optional("query", "limit")]),
  },
} as const satisfies ApiDef;

export const pagination = {
  listCursor: {
    kind: "cursor",
    inputToken: "startingAfter",
    outputToken: "nextStartingAfter",
    items: "data",
    pageSize: "limit",
    hasMore: "hasMore",
  },
  listToken: { kind: "token", inputToken: "nextToken", outputToken: "nextToken", items: "items", pageSize: "maxResults" },
  listPage: { kind: "page", page: "pageNumber", firstPage: 0, pageSize: "pageSize", items: "" },
  listOffset: { kind: "offset", offset: "offset", pageSize: "limit", items: "rows", total: "total" },
} as const satisfies Record<keyof typeof pagedApi.operations, PaginationDef>;

/** A base client (no methods) of the paged fixture against a local server. */
export function pagedClient(baseUrl: string, config: Omit<ClientCoreConfig, "baseUrl"> = {}): BaseClient {
  return createApiClient<object, Record<string, never>>(pagedApi, {}, testConfig(baseUrl, config));
}

/** A POST with an idempotency token (`x-idempotency-token`): the generator marks it idempotent and wraps the input. */
export const tokenOp = {
  ...{ operationId: "createWithToken", method: "post", path: "/orders", idempotent: true, success: [201], successBody: true },
  body: { required: true, contentType: "application/json" },
  params: [
    { name: "item", in: "body", key: "item", required: true, schema: { type: "string" } },
    { name: "clientToken", in: "body", key: "clientToken", required: false, schema: { type: "string", minLength: 1, maxLength: 64 } },
  ],
  errors: httpErrors,
} as const satisfies OperationDef;

/** A JSON body that is not an object with properties (CloudCockpit's JSON-string bodies): one `body` input, name "". */
export const stringBodyOp = {
  ...{ operationId: "setPoNumber", method: "patch", path: "/orders/{orderId}/po-number", success: [200] },
  ...{ idempotent: false, successBody: true },
  body: { required: false, contentType: "application/json" },
  params: [
    { name: "orderId", in: "path", key: "orderId", required: true, schema: { type: "string" } },
    { name: "", in: "body", key: "body", required: false, schema: { type: "string", maxLength: 10 } },
  ],
  errors: httpErrors,
} as const satisfies OperationDef;

/**
 * A parameter that travels in the body or the query (`x-one-of-locations`, Mayar's productId), and client-level header
 * parameters the factory fills in on every call (`paramDefaults`: CloudCockpit's X-Tenant and X-Correlation-Id).
 */
export const clientParamsOp = {
  operationId: "stopThing",
  method: "post",
  path: "/things/{thingId}/stop",
  idempotent: true,
  alternatives: [{ key: "productId", locations: ["body", "query"], default: "body" }],
  body: { required: false, contentType: "application/json" },
  params: [
    { name: "thingId", in: "path", key: "thingId", required: true, schema: { type: "string" } },
    { name: "productId", in: "query", key: "productId", required: false, schema: { type: "string" } },
    { name: "productId", in: "body", key: "productId", required: false, schema: { type: "string" } },
    { name: "X-Tenant", in: "header", key: "tenant", required: true, schema: { type: "string" } },
    { name: "X-Correlation-Id", in: "header", key: "correlationId", required: false, schema: { type: "string" } },
  ],
  success: [200],
  errors: httpErrors,
} as const satisfies OperationDef;
