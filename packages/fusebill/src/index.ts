import { headerAuth, type ApiClient, type BaseClient, type BaseClientOptions, type TokenSource } from "@subscription-apis/runtime";
import { createApiClient, type ClientCoreConfig } from "@subscription-apis/runtime/internal";
import { allOperations, service, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";

export interface FusebillClientOptions<TThrow extends boolean = false> extends BaseClientOptions {
  /**
   * The API key exactly as Fusebill issues it. It is already base64 (of `0:<secret>`), so it is sent
   * verbatim as `Authorization: Basic <apiKey>` and never re-encoded.
   */
  apiKey: TokenSource;
  /** `production` (secure.fusebill.com, also for sandbox keys; default) or `legacy-staging`. */
  environment?: (typeof service.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type FusebillClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths, TThrow>;

/** A client without operation methods: call the operations you import as functions, `cancelSubscription(client, input)`. */
export type FusebillCore<TThrow extends boolean = false> = BaseClient<paths, TThrow, never>;

function config(options: FusebillClientOptions<boolean>): ClientCoreConfig {
  const { apiKey, ...rest } = options;
  return { ...rest, auth: headerAuth({ prefix: "Basic ", value: apiKey, what: "apiKey" }) };
}

/** A client for the Fusebill (Stax Bill) v1 API. */
export function createFusebillClient<TThrow extends boolean = false>(options: FusebillClientOptions<TThrow>): FusebillClient<TThrow> {
  return createApiClient(service, allOperations, config(options));
}

/**
 * The same client without operation methods, for bundles that call a few operations: import those
 * (`cancelSubscription(client, input)`) and a bundler leaves the others out. Same options, same results.
 */
export function createFusebillCore<TThrow extends boolean = false>(options: FusebillClientOptions<TThrow>): FusebillCore<TThrow> {
  return createApiClient(service, {}, config(options));
}
