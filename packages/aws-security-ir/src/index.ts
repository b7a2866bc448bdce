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

export interface AwsSecurityIrClientOptions<TThrow extends boolean = false> extends BaseClientOptions, AwsClientOptions {
  /** Endpoint family from the spec's servers (default `production`: the dual-stack `*.api.aws` host). */
  environment?: (typeof service.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type AwsSecurityIrClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths, TThrow>;

/** A client without operation methods: call the operations you import as functions, `cancelMembership(client, input)`. */
export type AwsSecurityIrCore<TThrow extends boolean = false> = BaseClient<paths, TThrow, never>;

/**
 * A client for AWS Security Incident Response, signed with SigV4 (signing name from the spec). Every retry is re-signed.
 * `region` and `credentials` default to AWS_REGION and the AWS_* key variables.
 */
export function createAwsSecurityIrClient<TThrow extends boolean = false>(
  options: AwsSecurityIrClientOptions<TThrow> = {},
): AwsSecurityIrClient<TThrow> {
  return createApiClient(service, allOperations, awsClientConfig(service, options));
}

/**
 * The same client without operation methods, for bundles that call a few operations: import those
 * (`cancelMembership(client, input)`) and a bundler leaves the others out. Same options, same results.
 */
export function createAwsSecurityIrCore<TThrow extends boolean = false>(
  options: AwsSecurityIrClientOptions<TThrow> = {},
): AwsSecurityIrCore<TThrow> {
  return createApiClient(service, {}, awsClientConfig(service, options));
}
