/**
 * The five generated clients as one table, so every area of the suite runs the same matrix.
 * Everything is imported from the BUILT packages (their dist), exactly as a user would.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as qbusiness from "@subscription-apis/aws-qbusiness";
import * as securityIr from "@subscription-apis/aws-security-ir";
import * as cloudcockpit from "@subscription-apis/cloudcockpit";
import * as fusebill from "@subscription-apis/fusebill";
import * as mayar from "@subscription-apis/mayar";
import type { ApiDef, ApiError, ApiResult, CallOptions, FetchFn, Logger, OperationDef, RetryOptions } from "@subscription-apis/runtime";

export type ClientId = "mayar" | "fusebill" | "cloudcockpit" | "aws-security-ir" | "aws-qbusiness";
export const CLIENT_IDS: readonly ClientId[] = ["mayar", "fusebill", "cloudcockpit", "aws-security-ir", "aws-qbusiness"];

export interface MakeOptions {
  baseUrl: string;
  retry?: RetryOptions;
  timeoutMs?: number;
  logger?: Logger;
  fetch?: FetchFn;
  throwOnError?: boolean;
  headers?: Record<string, string>;
  /** Override the credentials (secrets area): whatever the factory takes. */
  credentials?: Record<string, unknown>;
}

/** A client reduced to its one operation. */
export interface BoundClient {
  call(input?: Record<string, unknown>, options?: CallOptions): Promise<ApiResult<unknown, ApiError>>;
}

export interface ClientCase {
  id: ClientId;
  api: ApiDef;
  op: OperationDef;
  /** HTTP method as sent (asserted against the generated data). */
  method: "POST" | "PUT" | "DELETE";
  /** Retried on 5xx / timeouts / resets (hard-coded per the spec, then checked against the generated data). */
  idempotent: boolean;
  /** A valid input; `vary(i)` gives a distinct valid input per index (load tests). */
  input: Record<string, unknown>;
  vary(i: number): Record<string, unknown>;
  /** The id a server sees for `vary(i)` (path segment or body field), to prove no cross-talk under load. */
  idOf(i: number): string;
  /** Documented success status and example body (undefined: no body). */
  successStatus: number;
  successBody: unknown;
  /** Default credentials (fake, never valid anywhere). */
  credentials: Record<string, unknown>;
  make(opts: MakeOptions): BoundClient;
  /** The error classes, from this package's own entry point. */
  errors: typeof mayar;
}

const require = createRequire(import.meta.url);

/** The generated `examples` (dist/generated/examples.js) of a package: realistic bodies for the servers. */
async function examplesOf(pkg: string): Promise<Record<string, unknown>> {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  const mod = (await import(pathToFileURL(join(dir, "dist", "generated", "examples.js")).href)) as { examples: Record<string, unknown> };
  return mod.examples;
}

const pad = (i: number, n: number) => String(i).padStart(n, "0");
const uuidOf = (i: number) => `00000000-0000-4000-8000-${pad(i, 12)}`;

export const AWS_CREDENTIALS = {
  accessKeyId: "AKIDRELIABILITYTEST",
  secretAccessKey: "aws-secret-reliability-0123456789abcdefghij",
  sessionToken: "aws-session-token-reliability-9876543210zyxwv",
};

export async function loadClients(): Promise<ClientCase[]> {
  const ex = {
    mayar: await examplesOf("@subscription-apis/mayar"),
    fusebill: await examplesOf("@subscription-apis/fusebill"),
    ir: await examplesOf("@subscription-apis/aws-security-ir"),
    qb: await examplesOf("@subscription-apis/aws-qbusiness"),
  };
  const base = (o: MakeOptions) => ({
    baseUrl: o.baseUrl,
    ...(o.retry ? { retry: o.retry } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.headers ? { headers: o.headers } : {}),
    throwOnError: o.throwOnError ?? false,
  });
  const cases: ClientCase[] = [
    {
      id: "mayar",
      api: mayar.api,
      op: mayar.api.operations.cancelMembershipMember,
      method: "POST",
      idempotent: false,
      input: { memberId: "MBR8X2QK", productId: "7c9d2e1f-4a5b-4c6d-8e9f-0a1b2c3d4e5f" },
      vary: (i) => ({ memberId: `MBR${pad(i, 6)}`, productId: "7c9d2e1f-4a5b-4c6d-8e9f-0a1b2c3d4e5f" }),
      idOf: (i) => `MBR${pad(i, 6)}`,
      successStatus: 200,
      successBody: ex.mayar["cancelMembershipMember.responses.200.example"],
      credentials: { apiKey: "mayar-live-key-reliability-5f2c9a7e" },
      make(o) {
        const c = mayar.createMayarClient({
          ...base(o),
          apiKey: "mayar-live-key-reliability-5f2c9a7e",
          ...o.credentials,
        } as mayar.MayarClientOptions);
        return { call: (input, options) => c.cancelMembershipMember(input as never, options) };
      },
      errors: mayar,
    },
    {
      id: "fusebill",
      api: fusebill.api,
      op: fusebill.api.operations.cancelSubscription,
      method: "POST",
      idempotent: false,
      input: { subscriptionId: 12345678, cancellationOption: "Unearned" },
      vary: (i) => ({ subscriptionId: 1_000_000 + i, cancellationOption: "None" }),
      idOf: (i) => String(1_000_000 + i),
      successStatus: 200,
      successBody: ex.fusebill["cancelSubscription.responses.200.example"],
      credentials: { apiKey: "MDpmdXNlYmlsbC1yZWxpYWJpbGl0eS1rZXk=" },
      make(o) {
        const c = fusebill.createFusebillClient({
          ...base(o),
          apiKey: "MDpmdXNlYmlsbC1yZWxpYWJpbGl0eS1rZXk=",
          ...o.credentials,
        } as fusebill.FusebillClientOptions);
        return { call: (input, options) => c.cancelSubscription(input as never, options) };
      },
      errors: fusebill as unknown as typeof mayar,
    },
    {
      id: "cloudcockpit",
      api: cloudcockpit.api,
      op: cloudcockpit.api.operations.cancelCustomerSubscription,
      method: "DELETE",
      idempotent: true,
      input: { customerId: "3fa85f64-5717-4562-b3fc-2c963f66afa6", subscriptionId: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d" },
      vary: (i) => ({ customerId: uuidOf(i), subscriptionId: "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d" }),
      idOf: (i) => uuidOf(i),
      successStatus: 202,
      successBody: undefined,
      credentials: { tenant: "contoso.cloudcockpit.example", token: "eyJhbGciOiJSUzI1NiJ9.cloudcockpit-reliability-token.c2ln" },
      make(o) {
        const c = cloudcockpit.createCloudCockpitClient({
          ...base(o),
          tenant: "contoso.cloudcockpit.example",
          ...(o.credentials && "clientCredentials" in o.credentials
            ? {}
            : { token: "eyJhbGciOiJSUzI1NiJ9.cloudcockpit-reliability-token.c2ln" }),
          ...o.credentials,
        } as cloudcockpit.CloudCockpitClientOptions);
        return { call: (input, options) => c.cancelCustomerSubscription(input as never, options) };
      },
      errors: cloudcockpit as unknown as typeof mayar,
    },
    {
      id: "aws-security-ir",
      api: securityIr.api,
      op: securityIr.api.operations.cancelMembership,
      method: "PUT",
      idempotent: true,
      input: { membershipId: "m-abcdef1234567890" },
      vary: (i) => ({ membershipId: `m-${pad(i, 10)}` }),
      idOf: (i) => `m-${pad(i, 10)}`,
      successStatus: 200,
      successBody: ex.ir["cancelMembership.responses.200.example"],
      credentials: { region: "us-east-1", credentials: AWS_CREDENTIALS },
      make(o) {
        const c = securityIr.createAwsSecurityIrClient({
          ...base(o),
          region: "us-east-1",
          credentials: AWS_CREDENTIALS,
          ...o.credentials,
        } as securityIr.AwsSecurityIrClientOptions);
        return { call: (input, options) => c.cancelMembership(input as never, options) };
      },
      errors: securityIr as unknown as typeof mayar,
    },
    {
      id: "aws-qbusiness",
      api: qbusiness.api,
      op: qbusiness.api.operations.cancelSubscription,
      method: "DELETE",
      idempotent: true,
      input: { applicationId: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", subscriptionId: "sub-0123456789" },
      vary: (i) => ({ applicationId: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d", subscriptionId: `sub-${pad(i, 6)}` }),
      idOf: (i) => `sub-${pad(i, 6)}`,
      successStatus: 200,
      successBody: ex.qb["cancelSubscription.responses.200.example"],
      credentials: { region: "us-east-1", credentials: AWS_CREDENTIALS },
      make(o) {
        const c = qbusiness.createAwsQBusinessClient({
          ...base(o),
          region: "us-east-1",
          credentials: AWS_CREDENTIALS,
          ...o.credentials,
        } as qbusiness.AwsQBusinessClientOptions);
        return { call: (input, options) => c.cancelSubscription(input as never, options) };
      },
      errors: qbusiness as unknown as typeof mayar,
    },
  ];
  for (const c of cases) {
    // Calls without an input use the case's valid input.
    const make = c.make;
    c.make = (o) => {
      const bound = make(o);
      return { call: (input = c.input, options) => bound.call(input, options) };
    };
    // The hard-coded policy above must match what the generator emitted, or the expectations are meaningless.
    if (c.op.method.toUpperCase() !== c.method) throw new Error(`${c.id}: method ${c.op.method} != ${c.method}`);
    if (c.op.idempotent !== c.idempotent) throw new Error(`${c.id}: idempotent ${c.op.idempotent} != ${c.idempotent}`);
  }
  return cases;
}
