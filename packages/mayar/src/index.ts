import { bearerAuth, type ApiClient, type BaseClient, type BaseClientOptions, type TokenSource } from "@subscription-apis/runtime";
import { createApiClient, type ClientCoreConfig } from "@subscription-apis/runtime/internal";
import { allOperations, service, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";

export interface MayarClientOptions<TThrow extends boolean = false> extends BaseClientOptions {
  /** Mayar API key (production and sandbox keys differ), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: TokenSource;
  /** `production` (api.mayar.id, default) or `sandbox` (api.mayar.club). */
  environment?: (typeof service.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type MayarClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths, TThrow>;

/** A client without operation methods: call the operations you import as functions, `cancelMembershipMember(client, input)`. */
export type MayarCore<TThrow extends boolean = false> = BaseClient<paths, TThrow, never>;

function config(options: MayarClientOptions<boolean>): ClientCoreConfig {
  const { apiKey, ...rest } = options;
  return { ...rest, auth: bearerAuth(apiKey, "apiKey") };
}

/** A client for the Mayar Headless API v2. */
export function createMayarClient<TThrow extends boolean = false>(options: MayarClientOptions<TThrow>): MayarClient<TThrow> {
  return createApiClient(service, allOperations, config(options));
}

/**
 * The same client without operation methods, for bundles that call a few operations: import those
 * (`cancelMembershipMember(client, input)`) and a bundler leaves the others out. Same options, same results.
 */
export function createMayarCore<TThrow extends boolean = false>(options: MayarClientOptions<TThrow>): MayarCore<TThrow> {
  return createApiClient(service, {}, config(options));
}
