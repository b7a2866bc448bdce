import { bearerAuth, createApiClient, type ApiClient, type BaseClientOptions, type TokenSource } from "@subscription-apis/runtime";
import { api, bindOperations, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";

export interface MayarClientOptions<TThrow extends boolean = false> extends BaseClientOptions {
  /** Mayar API key (production and sandbox keys differ), sent as `Authorization: Bearer <apiKey>`. */
  apiKey: TokenSource;
  /** `production` (api.mayar.id, default) or `sandbox` (api.mayar.club). */
  environment?: (typeof api.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type MayarClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths>;

/** A client for the Mayar Headless API v2. */
export function createMayarClient<TThrow extends boolean = false>(options: MayarClientOptions<TThrow>): MayarClient<TThrow> {
  const { apiKey, ...rest } = options;
  return createApiClient(api, bindOperations<TThrow>, { ...rest, auth: bearerAuth(apiKey, "apiKey") });
}
