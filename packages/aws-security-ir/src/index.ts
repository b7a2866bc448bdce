import { createApiClient, type ApiClient, type BaseClientOptions } from "@subscription-apis/runtime";
import { awsClientConfig, type AwsClientOptions } from "@subscription-apis/runtime/sigv4";
import { api, bindOperations, type Operations } from "./generated/api.js";
import type { paths } from "./generated/schema.js";

export * from "./generated/api.js";
export type { components, operations, paths } from "./generated/schema.js";
export * from "@subscription-apis/runtime/errors";
export { rawClient, type RawClientOptions } from "@subscription-apis/runtime/raw";
export type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@subscription-apis/runtime/sigv4";

export interface AwsSecurityIrClientOptions<TThrow extends boolean = false> extends BaseClientOptions, AwsClientOptions {
  /** Endpoint family from the spec's servers (default `production`: the dual-stack `*.api.aws` host). */
  environment?: (typeof api.servers)[number]["environment"];
  throwOnError?: TThrow;
}

export type AwsSecurityIrClient<TThrow extends boolean = false> = ApiClient<Operations<TThrow>, paths>;

/**
 * A client for AWS Security Incident Response, signed with SigV4 (signing name from the spec). Every retry is re-signed.
 * `region` and `credentials` default to AWS_REGION and the AWS_* key variables.
 */
export function createAwsSecurityIrClient<TThrow extends boolean = false>(
  options: AwsSecurityIrClientOptions<TThrow> = {},
): AwsSecurityIrClient<TThrow> {
  return createApiClient(api, bindOperations<TThrow>, awsClientConfig(api, options));
}
