import type { ApiClient, BaseClient, BaseClientOptions } from "@subscription-apis/runtime";
import { createApiClient } from "@subscription-apis/runtime/internal";
import { awsClientConfig, type AwsClientOptions } from "@subscription-apis/runtime/sigv4";
import { allOperations, service, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@subscription-apis/runtime/sigv4";

export interface AwsQBusinessClientOptions<TThrow extends boolean = false> extends BaseClientOptions, AwsClientOptions {
  /** Endpoint family from the spec's servers (default `production`: the dual-stack `*.api.aws` host). */
  environment?: (typeof service.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type AwsQBusinessClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths, TThrow>;

/** A client without operation methods: call the operations you import as functions, `cancelSubscription(client, input)`. */
export type AwsQBusinessCore<TThrow extends boolean = false> = BaseClient<paths, TThrow, never>;

/**
 * A client for Amazon Q Business, signed with SigV4 (signing name from the spec). Every retry is re-signed.
 * `region` and `credentials` default to AWS_REGION and the AWS_* key variables.
 */
export function createAwsQBusinessClient<TThrow extends boolean = false>(
  options: AwsQBusinessClientOptions<TThrow> = {},
): AwsQBusinessClient<TThrow> {
  return createApiClient(service, allOperations, awsClientConfig(service, options));
}

/**
 * The same client without operation methods, for bundles that call a few operations: import those
 * (`cancelSubscription(client, input)`) and a bundler leaves the others out. Same options, same results.
 */
export function createAwsQBusinessCore<TThrow extends boolean = false>(
  options: AwsQBusinessClientOptions<TThrow> = {},
): AwsQBusinessCore<TThrow> {
  return createApiClient(service, {}, awsClientConfig(service, options));
}
