import {
  bearerAuth,
  clientCredentialsProvider,
  ValidationError,
  type ApiClient,
  type BaseClient,
  type BaseClientOptions,
  type FetchFn,
  type TokenSource,
} from "@subscription-apis/runtime";
import { createApiClient, type ClientCoreConfig } from "@subscription-apis/runtime/internal";
import { allOperations, service, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";

/** The Azure AD client-credentials flow CloudCockpit documents (token URL and scope come from the spec). */
const flow = service.securitySchemes.azureAdClientCredentials;

export interface CloudCockpitClientCredentials {
  /** From the CloudCockpit portal's "API Access" page. */
  clientId: string;
  clientSecret: string;
  /** Override the documented token URL (tests, sovereign clouds). */
  tokenUrl?: string;
  fetch?: FetchFn;
}

export interface CloudCockpitClientOptions<TThrow extends boolean = false> extends BaseClientOptions {
  /** The CloudCockpit API host (only `production` is documented). */
  environment?: (typeof service.servers)[number]["environment"];
  /** Your portal domain, sent as the required `X-Tenant` header on every call. */
  tenant: string;
  /** A bearer JWT, or a provider returning one. Give this or `clientCredentials`. */
  token?: TokenSource;
  /** Client id and secret: the client fetches, caches and refreshes the Azure AD token itself. */
  clientCredentials?: CloudCockpitClientCredentials;
  throwOnError?: TThrow;
}

/** Client-level inputs: optional per call (the client sends them on every call). */
type ClientDefaults = "tenant" | "correlationId";

export type CloudCockpitClient<TThrow extends boolean = false> = ApiClient<
  Operations<TThrow, ClientDefaults>,
  paths,
  TThrow,
  ClientDefaults
>;

/** A client without operation methods: call the operations you import as functions, `cancelCustomerSubscription(client, input)`. */
export type CloudCockpitCore<TThrow extends boolean = false> = BaseClient<paths, TThrow, ClientDefaults>;

/** Azure AD client-credentials token provider for CloudCockpit: cached, refreshed 5 minutes before expiry. */
export function cloudCockpitTokenProvider(credentials: CloudCockpitClientCredentials) {
  return clientCredentialsProvider({
    tokenUrl: credentials.tokenUrl ?? flow.tokenUrl,
    scope: flow.scopes[0],
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    ...(credentials.fetch ? { fetch: credentials.fetch } : {}),
  });
}

function config(options: CloudCockpitClientOptions<boolean>): ClientCoreConfig {
  const { tenant, token, clientCredentials, ...rest } = options;
  if ((token === undefined) === (clientCredentials === undefined)) {
    throw new ValidationError("client", "token", "required", "pass exactly one of `token` or `clientCredentials`");
  }
  const provider = clientCredentials ? cloudCockpitTokenProvider(clientCredentials) : undefined;
  // The provider lists the client secret and every token it fetched: all are redacted from errors and logs.
  const auth = provider ? bearerAuth(provider, "token", provider.secrets) : bearerAuth(token as TokenSource, "token");
  return { ...rest, auth, paramDefaults: { tenant, correlationId: () => globalThis.crypto.randomUUID() } };
}

/**
 * A client for the CloudCockpit CSP API. Every call carries `X-Tenant` and an `X-Correlation-Id`
 * (a fresh UUID unless you pass `correlationId`).
 */
export function createCloudCockpitClient<TThrow extends boolean = false>(
  options: CloudCockpitClientOptions<TThrow>,
): CloudCockpitClient<TThrow> {
  return createApiClient(service, allOperations, config(options));
}

/**
 * The same client without operation methods, for bundles that call a few operations: import those
 * (`cancelCustomerSubscription(client, input)`) and a bundler leaves the others out. Same options, same results.
 */
export function createCloudCockpitCore<TThrow extends boolean = false>(
  options: CloudCockpitClientOptions<TThrow>,
): CloudCockpitCore<TThrow> {
  return createApiClient(service, {}, config(options));
}
