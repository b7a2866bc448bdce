/**
 * A working client of any registered API for tests and benchmarks against a local server, derived from the spec and
 * the package like the docs' TypeScript samples (no per-API table): the sample's options with the environment it
 * reads replaced by fake values, and each operation's example input.
 */
import type { OperationDef } from "@subscription-apis/runtime";
import type { DocsApi, Json } from "./registry.js";
import { envName, sampleClientOptions, sampleInput } from "./samples.js";

/** The fake value of an environment variable a sample reads, derived from its name. */
export const fakeEnv = (name: string) =>
  name.startsWith("AWS_SECRET") ? "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" : `fake-${name.toLowerCase()}`;

/** AWS's documented example keys, for SigV4 clients. */
export const FAKE_AWS_CREDENTIALS = { accessKeyId: fakeEnv("AWS_ACCESS_KEY_ID"), secretAccessKey: fakeEnv("AWS_SECRET_ACCESS_KEY") };

/**
 * The client options (without `baseUrl`) of the API's TypeScript sample with fake credentials: fake AWS keys for
 * SigV4, and a bearer `token` instead of OAuth client credentials where the factory takes one (a local server has no
 * token endpoint). `clientParams`: operation inputs that the options carry (e.g. a tenant), left out of the inputs.
 */
export function fakeClientOptions(api: DocsApi, spec: Json): { options: Record<string, unknown>; clientParams: string[] } {
  const { entries, clientParams } = sampleClientOptions(spec, api);
  const value = (v: unknown): unknown => {
    if (Array.isArray(v)) return Object.fromEntries(v.map(([k, x]) => [k, value(x)]));
    const env = /^process\.env\.(\w+)!$/.exec(String(v));
    return env ? fakeEnv(env[1] as string) : JSON.parse(String(v));
  };
  const options: Record<string, unknown> = Object.fromEntries(entries.map(([k, v]) => [k, value(v)]));
  if (Object.values(api.api.securitySchemes).some((x) => x.signingName)) options.credentials = FAKE_AWS_CREDENTIALS;
  if (options.clientCredentials && api.factory.props.some((p) => p.name === "token")) {
    delete options.clientCredentials;
    options.token = fakeEnv(envName(api.id, "token"));
  }
  return { options, clientParams };
}

/** The example input of `op` (the spec's examples, as the TypeScript sample passes them), minus client-level parameters. */
export function exampleInput(api: DocsApi, spec: Json, op: OperationDef): Record<string, unknown> {
  const { clientParams } = sampleClientOptions(spec, api);
  return Object.fromEntries(
    sampleInput(spec, op)
      .filter(({ key }) => !clientParams.includes(key))
      .map(({ key, value }) => [key, value]),
  );
}
