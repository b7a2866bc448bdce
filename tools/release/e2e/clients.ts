/**
 * The per-API part of the release round trip (release-roundtrip.test.ts), from each API's generated descriptor (no
 * per-API entry): how to run its README usage example, and the smoke consumer that calls every operation.
 */
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";

export interface Harness {
  env: Record<string, string>;
  operationId: string;
  /** Checks the auth of the request the example sent. */
  auth: RegExp;
}

/** The value of a factory option path (`apiKey`, `credentials.accessKeyId`) in the fake options. */
const optionValue = (options: Record<string, unknown>, path: string): unknown =>
  path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], options);

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** How to run the README example: the variables it reads (the descriptor's `env`), filled from the fake options. */
export function harness(d: ApiDescriptor, base: string): Harness {
  const options = d.fakeOptions(base) as Record<string, unknown>;
  const env: Record<string, string> = {};
  for (const v of d.env) {
    const value = optionValue(options, v.option);
    if (value !== undefined) env[v.name] = String(value);
    else if (v.required) throw new Error(`${d.id}: no fake value for ${v.name} (option ${v.option})`);
  }
  const a = d.auth;
  const auth =
    a.kind === "sigv4"
      ? new RegExp(
          `^AWS4-HMAC-SHA256 Credential=${reEscape(a.accessKeyId)}/\\d{8}/${reEscape(a.region)}/${reEscape(a.signingName)}/aws4_request`,
        )
      : new RegExp(`^${reEscape(a.value)}$`);
  return { env, operationId: d.cancelOperation, auth };
}

/**
 * A consumer written here (not by the package authors), as TypeScript source: each API's client with fake
 * credentials (`baseUrl` = `<base>/<id>` of the mock server), then every operation called with the spec's example
 * input. It prints `{ "<id> <operationId>": { ok, status } }`, `ok` = no error.
 */
export function smokeConsumer(descriptors: readonly ApiDescriptor[]): string {
  const head: string[] = [];
  const body: string[] = [];
  descriptors.forEach((d, i) => {
    head.push(`import { ${d.factories.client} } from "${d.packageName}";`);
    const { baseUrl: _, ...options } = d.fakeOptions("") as Record<string, unknown>;
    body.push(`const c${i} = ${d.factories.client}({ ...${JSON.stringify(options)}, baseUrl: \`\${base}/${d.id}\` });`);
    for (const op of Object.values(d.operations)) {
      body.push(`out[${JSON.stringify(`${d.id} ${op.name}`)}] = result(await c${i}.${op.name}(${JSON.stringify(op.exampleInput)}));`);
    }
  });
  return `${head.join("\n")}
import { ApiError } from "@subscription-apis/runtime";

const base = process.argv[2] ?? "";
const out: Record<string, { ok: boolean; status: number }> = {};
const result = (r: { error?: unknown; response: Response }) => ({ ok: r.error === undefined, status: r.response.status });

${body.join("\n")}

// The clients' errors are instances of the runtime's error classes.
if (typeof ApiError !== "function") throw new Error("ApiError is not exported by @subscription-apis/runtime");
console.log(JSON.stringify(out));
`;
}
