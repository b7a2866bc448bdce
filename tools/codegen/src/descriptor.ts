/**
 * `src/generated/descriptor.ts` (the package's `./descriptor` subpath, internal): what the tools need to know about
 * an API — factories, fake credentials and the auth they produce, the environment of a runnable example, and per
 * operation its example input and response taken from the spec's own examples. Shared with the README emitter.
 */
import { header } from "./emit.js";
import { names, type ClientModel, type SchemeModel } from "./factory.js";
import { inputKey, type ApiOut, type OperationOut } from "./surface.js";

type Json = Record<string, any>;

function deref(doc: Json, v: any): any {
  if (!v || typeof v !== "object" || typeof v.$ref !== "string" || !v.$ref.startsWith("#/")) return v;
  let cur: any = doc;
  for (const part of v.$ref.slice(2).split("/")) cur = cur?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return deref(doc, cur);
}

/** The first example of a parameter, media type or schema (`example`, then `examples`). */
function firstExample(doc: Json, node: any): unknown {
  const n = deref(doc, node);
  if (!n || typeof n !== "object") return undefined;
  if (n.example !== undefined) return n.example;
  if (n.examples && typeof n.examples === "object" && !Array.isArray(n.examples)) {
    for (const ex of Object.values<any>(n.examples)) {
      const v = deref(doc, ex)?.value;
      if (v !== undefined) return v;
    }
  }
  if (Array.isArray(n.examples) && n.examples.length) return n.examples[0];
  return n.schema ? firstExample(doc, n.schema) : undefined;
}

/** A value that fits a schema, for a required input the spec gives no example of. */
function sample(doc: Json, raw: any, depth = 0): unknown {
  const s = deref(doc, raw) ?? {};
  const ex = firstExample(doc, s);
  if (ex !== undefined) return ex;
  if (s.enum?.length) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const alt = s.oneOf?.[0] ?? s.anyOf?.[0] ?? s.allOf?.[0];
  if (alt) return sample(doc, alt, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  switch (type) {
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return depth > 4 ? [] : [sample(doc, s.items, depth + 1)];
    case "object": {
      const out: Json = {};
      if (depth > 4) return out;
      for (const k of s.required ?? []) out[k] = sample(doc, s.properties?.[k], depth + 1);
      return out;
    }
    default:
      if (s.format === "uuid") return "00000000-0000-4000-8000-000000000000";
      if (s.format === "date-time") return "2026-01-01T00:00:00Z";
      return "x".repeat(Math.max(1, s.minLength ?? 8));
  }
}

export interface OperationExample {
  input: Json;
  response: { status: number; body: unknown };
}

/** An operation's example input (without the client-level parameters and the idempotency token) and response. */
export function operationExample(doc: Json, op: OperationOut, model: ClientModel): OperationExample {
  const item = deref(doc, doc.paths?.[op.path]) ?? {};
  const rawOp = item[op.method] ?? {};
  const clientKeys = new Set(model.params.map((p) => p.key));
  const input: Json = {};
  const rawParams = [...(item.parameters ?? []), ...(rawOp.parameters ?? [])].map((p: any) => deref(doc, p));
  for (const p of op.params) {
    if (p.in === "body" || clientKeys.has(p.key) || p.idempotencyToken) continue;
    const raw = rawParams.find((x: any) => x?.name === p.name && x?.in === p.in);
    const ex = firstExample(doc, raw);
    if (ex !== undefined) input[p.key] = ex;
    else if (p.required) input[p.key] = sample(doc, raw?.schema);
  }
  const media = deref(doc, rawOp.requestBody)?.content?.[op.body?.contentType ?? "application/json"];
  if (media) {
    const body = firstExample(doc, media) ?? (op.body?.required ? sample(doc, media.schema) : undefined);
    const whole = op.params.some((p) => p.in === "body" && p.name === "");
    if (body !== undefined && whole) input.body = body;
    else if (body && typeof body === "object") {
      for (const [k, v] of Object.entries(body)) {
        const p = op.params.find((x) => x.in === "body" && x.name === k);
        if (p && !p.idempotencyToken) input[p.key] = v;
      }
    }
  }
  for (const alt of op.alternatives ?? []) {
    if (input[alt.key] === undefined) {
      const raw = rawParams.find((x: any) => inputKey(x?.name ?? "", "query") === alt.key);
      input[alt.key] = firstExample(doc, raw) ?? sample(doc, raw?.schema);
    }
  }
  const status = op.success[0]!;
  const res = deref(doc, rawOp.responses?.[String(status)]);
  const resMedia = res?.content?.["application/json"];
  return { input, response: { status, body: resMedia ? firstExample(doc, resMedia) : undefined } };
}

export const cancelOperation = (api: ApiOut) =>
  Object.keys(api.operations).find((id) => /^cancel/i.test(id)) ?? Object.keys(api.operations)[0]!;

const snake = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();

/** The alternative a runnable example and the fake options use: a static credential when there is one. */
export const primary = (model: ClientModel): SchemeModel => model.alternatives[0]!;

export interface EnvVar {
  name: string;
  option: string;
  required: boolean;
  description: string;
}

/** The environment a runnable example reads: the credential of the primary alternative, required client options, base URL. */
export function exampleEnv(api: ApiOut, model: ClientModel): EnvVar[] {
  const ID = snake(api.id);
  const a = primary(model);
  const out: EnvVar[] = [];
  if (a.kind === "sigv4") {
    out.push({ name: "AWS_REGION", option: "region", required: true, description: "AWS region (also the signing region)" });
    out.push({ name: "AWS_ACCESS_KEY_ID", option: "credentials.accessKeyId", required: true, description: "AWS access key id" });
    out.push({
      name: "AWS_SECRET_ACCESS_KEY",
      option: "credentials.secretAccessKey",
      required: true,
      description: "AWS secret access key",
    });
  } else if (a.kind === "basic") {
    out.push({ name: `${ID}_USERNAME`, option: "username", required: true, description: "HTTP Basic user name" });
    out.push({ name: `${ID}_PASSWORD`, option: "password", required: true, description: "HTTP Basic password" });
  } else if (a.kind === "oauth2") {
    out.push({ name: `${ID}_CLIENT_ID`, option: `${a.option}.clientId`, required: true, description: "OAuth2 client id" });
    out.push({ name: `${ID}_CLIENT_SECRET`, option: `${a.option}.clientSecret`, required: true, description: "OAuth2 client secret" });
  } else {
    out.push({
      name: `${ID}_${snake(a.option)}`,
      option: a.option,
      required: true,
      description: a.description ?? (a.kind === "bearer" ? "bearer token" : "API key"),
    });
  }
  for (const p of model.params)
    if (p.option?.required)
      out.push({
        name: `${ID}_${snake(p.option.name)}`,
        option: p.option.name,
        required: true,
        description: p.option.description ?? `sent as ${p.name}`,
      });
  out.push({ name: `${ID}_BASE_URL`, option: "baseUrl", required: false, description: "override the server (proxies, tests)" });
  return out;
}

/** Fake options (as TypeScript source, given `baseUrl`), the auth they produce and their secret values. */
function fakes(api: ApiOut, model: ClientModel): { options: string; auth: Json; secrets: string[] } {
  const a = primary(model);
  const fake = `fake-${api.id}-${a.kind === "sigv4" ? "secret" : a.option}-0123456789`;
  const extra = model.params.filter((p) => p.option?.required).map((p) => `${p.option!.name}: ${JSON.stringify(p.example ?? "example")}`);
  const opt = (s: string) => `{ baseUrl, ${[...extra, s].join(", ")} }`;
  switch (a.kind) {
    case "sigv4": {
      const region = api.servers[0]?.variables.region?.default ?? "us-east-1";
      return {
        options: opt(
          `region: ${JSON.stringify(region)}, credentials: { accessKeyId: "AKIDFAKEEXAMPLE", secretAccessKey: ${JSON.stringify(fake)} }`,
        ),
        auth: { kind: "sigv4", signingName: a.signingName, region, accessKeyId: "AKIDFAKEEXAMPLE", secretAccessKey: fake },
        secrets: [fake],
      };
    }
    case "bearer":
      return {
        options: opt(`${a.option}: ${JSON.stringify(fake)}`),
        auth: { kind: "header", header: "authorization", value: `Bearer ${fake}` },
        secrets: [fake],
      };
    case "apiKey":
      return {
        options: opt(`${a.option}: ${JSON.stringify(fake)}`),
        auth:
          a.in === "query"
            ? { kind: "query", name: a.param, value: fake }
            : { kind: "header", header: a.param.toLowerCase(), value: `${a.prefix}${fake}` },
        secrets: [fake],
      };
    case "basic":
      return {
        options: opt(`username: "fake-user", password: ${JSON.stringify(fake)}`),
        auth: { kind: "header", header: "authorization", value: `Basic ${Buffer.from(`fake-user:${fake}`).toString("base64")}` },
        secrets: [fake],
      };
    case "oauth2": {
      // The client fetches its token from the test server itself (`<baseUrl>/oauth2/token`), which answers `fake`.
      return {
        options: opt(
          `${a.option}: { clientId: "fake-client", clientSecret: ${JSON.stringify(fake)}, tokenUrl: \`\${baseUrl}/oauth2/token\` }`,
        ),
        auth: { kind: "header", header: "authorization", value: `Bearer ${fake}` },
        secrets: [fake],
      };
    }
  }
}

export function emitDescriptor(api: ApiOut, model: ClientModel, doc: Json, packageName: string, specPath: string): string {
  const n = names(model);
  const f = fakes(api, model);
  const credential = Object.fromEntries(Object.entries(primary(model)).filter(([k]) => k !== "scheme" && k !== "description"));
  const ops: Json = {};
  for (const op of Object.values(api.operations)) {
    const ex = operationExample(doc, op, model);
    const token = op.params.find((p) => p.idempotencyToken);
    ops[op.operationId] = {
      name: op.operationId,
      method: op.method,
      path: op.path,
      idempotent: op.idempotent,
      ...(token ? { idempotencyToken: token.key } : {}),
      exampleInput: ex.input,
      exampleResponse: ex.response.body === undefined ? { status: ex.response.status } : ex.response,
      errors: Object.fromEntries(Object.entries(op.errors).map(([s, e]) => [s, e.code])),
      ...(op.errorCodes ? { errorCodes: Object.fromEntries(Object.entries(op.errorCodes).map(([c, e]) => [c, e.status])) } : {}),
    };
  }
  const json = (v: unknown) => JSON.stringify(v, null, 2).replace(/\n/g, "\n  ");
  return [
    header(api.id, specPath),
    `import type { ApiDescriptor } from "@subscription-apis/runtime/internal";`,
    `import { api } from "./api.js";`,
    `import { ${n.client}, ${n.core}, type ${n.options} } from "./client.js";\n`,
    `/** ${api.title}, for the repository's tools (internal: not part of the package's semver-covered API). */`,
    `export const descriptor = {`,
    `  id: ${JSON.stringify(api.id)},`,
    `  packageName: ${JSON.stringify(packageName)},`,
    `  name: ${JSON.stringify(model.name)},`,
    `  displayName: ${JSON.stringify(api.title)},`,
    `  version: ${JSON.stringify(api.version)},`,
    `  protocol: ${JSON.stringify(api.protocol)},`,
    `  factories: { client: ${JSON.stringify(n.client)}, core: ${JSON.stringify(n.core)} },`,
    `  createClient: ${n.client},`,
    `  createCore: ${n.core},`,
    `  fakeOptions: (baseUrl: string): ${n.options} => (${f.options}),`,
    `  credential: ${JSON.stringify(credential)},`,
    `  auth: ${json(f.auth)},`,
    `  secrets: ${JSON.stringify(f.secrets)},`,
    `  env: ${json(exampleEnv(api, model))},`,
    `  cancelOperation: ${JSON.stringify(cancelOperation(api))},`,
    `  operations: ${json(ops)},`,
    `  api,`,
    `} as const satisfies ApiDescriptor<${n.options}>;`,
    "",
  ].join("\n");
}
