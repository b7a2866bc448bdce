/**
 * The per-API descriptor the generator emits into `src/generated/descriptor.ts` of every client package (its
 * `./descriptor` subpath): what the repository's tools (docs samples, release round trip, size consumers, bench,
 * reliability matrix, READMEs) need to know about an API, all derived from its spec. Internal, outside semver.
 */
import type { ApiDef, HttpMethod } from "./types.js";

/** How a test server checks the auth of a request made with `fakeOptions`. */
export type DescriptorAuth =
  /** The header (lower case) carries exactly `value` (`Bearer <token>`, `Basic <key>`, …). */
  | { readonly kind: "header"; readonly header: string; readonly value: string }
  /** The query parameter `name` carries exactly `value`. */
  | { readonly kind: "query"; readonly name: string; readonly value: string }
  /** SigV4: verify the signature with these fake keys (e.g. with `tools/test-kit`'s verifier). */
  | {
      readonly kind: "sigv4";
      readonly signingName: string;
      readonly region: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
    };

/** The credential of `env` (the spec's first security requirement) and how it goes on the wire. */
export type DescriptorCredential =
  /** `Authorization: Bearer <option>` */
  | { readonly kind: "bearer"; readonly option: string }
  /** `<param>: <prefix><option>` in a header, or `?<param>=<option>` */
  | { readonly kind: "apiKey"; readonly option: string; readonly in: "header" | "query"; readonly param: string; readonly prefix: string }
  /** `username` and `password` */
  | { readonly kind: "basic"; readonly option: "username" }
  /** `<option>: { clientId, clientSecret }`, exchanged at `tokenUrl` for a bearer token */
  | { readonly kind: "oauth2"; readonly option: string; readonly tokenUrl: string; readonly scope: string }
  | { readonly kind: "sigv4"; readonly signingName: string };

/** An environment variable a runnable example reads, and the factory option (or input) it feeds. */
export interface DescriptorEnv {
  readonly name: string;
  /** Factory option it feeds (`apiKey`, `tenant`, `region`, `credentials.accessKeyId`) or `baseUrl`. */
  readonly option: string;
  readonly required: boolean;
  readonly description: string;
}

export interface OperationDescriptor {
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly idempotent: boolean;
  /** Input key of the idempotency token the client fills in (`x-idempotency-token`). */
  readonly idempotencyToken?: string;
  /** A valid input built from the spec's examples (schema-derived values where the spec has none). */
  readonly exampleInput: Readonly<Record<string, unknown>>;
  /** The first documented success response, with the spec's example body (undefined: no body). */
  readonly exampleResponse: { readonly status: number; readonly body?: unknown };
  /** Documented error codes by status (`"default"` included when documented). */
  readonly errors: Readonly<Record<string, string>>;
  /** AWS APIs: the documented error codes and their statuses. */
  readonly errorCodes?: Readonly<Record<string, number>>;
}

// biome-ignore lint/suspicious/noExplicitAny: each package instantiates it with its own option and client types; tools read it untyped
export interface ApiDescriptor<TOptions = any, TClient = any, TCore = any> {
  readonly id: string;
  readonly packageName: string;
  /** `CloudCockpit` (the factory's name part). */
  readonly name: string;
  /** The spec's `info.title`. */
  readonly displayName: string;
  readonly version: string;
  readonly protocol: "http" | "aws-rest-json";
  readonly factories: { readonly client: string; readonly core: string };
  readonly createClient: (options: TOptions) => TClient;
  readonly createCore: (options: TOptions) => TCore;
  /** Client options with fake credentials of the right shape, pointed at `baseUrl`. */
  readonly fakeOptions: (baseUrl: string) => TOptions;
  /** The credential a runnable example (and a curl line) sends. */
  readonly credential: DescriptorCredential;
  /** How a request made with `fakeOptions` is authenticated. */
  readonly auth: DescriptorAuth;
  /** The fake secret values of `fakeOptions` (never to appear in an error or a log). */
  readonly secrets: readonly string[];
  /** What a runnable example reads from the environment (credentials first, then `<ID>_BASE_URL`). */
  readonly env: readonly DescriptorEnv[];
  /** The operation a smoke test or the README example calls: the `cancel…` one, else the first. */
  readonly cancelOperation: string;
  readonly operations: Readonly<Record<string, OperationDescriptor>>;
  /** The generated operation data (`api` of `src/generated/api.ts`): servers, security schemes, parameters, bodies. */
  readonly api: ApiDef;
}
