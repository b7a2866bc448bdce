import { createApiClient, headerAuth, type ApiClient, type BaseClientOptions, type TokenSource } from "@subscription-apis/runtime";
import { api, bindOperations, type Operations } from "./generated/api.js";
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
  environment?: (typeof api.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type FusebillClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths>;

/** A client for the Fusebill (Stax Bill) v1 API. */
export function createFusebillClient<TThrow extends boolean = false>(options: FusebillClientOptions<TThrow>): FusebillClient<TThrow> {
  const { apiKey, ...rest } = options;
  return createApiClient(api, bindOperations<TThrow>, { ...rest, auth: headerAuth({ prefix: "Basic ", value: apiKey, what: "apiKey" }) });
}
