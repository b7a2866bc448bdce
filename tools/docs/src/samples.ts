import type { ApiDef, OperationDef, ParamDef, SecuritySchemeDef } from "@subscription-apis/runtime";
import { deref } from "@subscription-apis/test-kit/workspace";

type Json = any;

/** One own property of the factory's options interface, read from the package's `dist/index.d.ts`. */
export interface OptionProp {
  name: string;
  optional: boolean;
  type: string;
}

/** The client factory of an API package (`createMayarClient`) and its options interface. */
export interface FactoryInfo {
  name: string;
  /** `MayarClientOptions` */
  optionsType: string;
  /** The options argument may be left out (`options = {}`). */
  optionsOptional: boolean;
  props: OptionProp[];
}

/** An `x-codeSamples` entry (Redoc renders one tab per entry, in order). */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface SampleTarget {
  id: string;
  packageName: string;
  api: ApiDef;
  factory: FactoryInfo;
}

/** Reads `export declare function <factory>(options: <Type><...>)` and the own properties of `<Type>` from a .d.ts. */
export function parseFactory(dts: string, factory: string): FactoryInfo {
  const fn = new RegExp(`export declare function ${factory}\\b[^(]*\\(options(\\?)?: (\\w+)`).exec(dts);
  if (!fn) throw new Error(`${factory}: declaration not found in index.d.ts`);
  const optionsType = fn[2] as string;
  const start = new RegExp(`export interface ${optionsType}\\b[^{]*\\{\\n`).exec(dts);
  if (!start) throw new Error(`${factory}: interface ${optionsType} not found in index.d.ts`);
  const bodyStart = start.index + start[0].length;
  const bodyEnd = dts.indexOf("\n}", bodyStart);
  const props: OptionProp[] = [];
  for (const line of dts.slice(bodyStart, bodyEnd).split("\n")) {
    const m = /^ {4}(\w+)(\?)?: (.+);$/.exec(line);
    if (m) props.push({ name: m[1] as string, optional: m[2] === "?", type: m[3] as string });
  }
  // `options = {}` compiles to `options?:`; a required options argument has at least one required property.
  return { name: factory, optionsType, optionsOptional: fn[1] === "?", props };
}

export { deref };

function firstExample(node: Json): unknown {
  if (!node) return undefined;
  if (node.example !== undefined) return node.example;
  if (node.examples && typeof node.examples === "object") {
    const first = Object.values(node.examples)[0] as Json;
    if (first && first.value !== undefined) return first.value;
  }
  return undefined;
}

export function specOperation(spec: Json, op: OperationDef): { pathItem: Json; operation: Json } {
  const pathItem = spec.paths?.[op.path];
  const operation = pathItem?.[op.method];
  if (!operation) throw new Error(`${op.operationId}: ${op.method.toUpperCase()} ${op.path} is not in the bundled spec`);
  return { pathItem, operation };
}

function requestMedia(spec: Json, op: OperationDef): Json {
  if (!op.body) return undefined;
  const { operation } = specOperation(spec, op);
  const body = deref(spec, operation.requestBody);
  return body?.content?.[op.body.contentType];
}

/** The spec's example for one parameter: the parameter's own example, else the request body example's property. */
export function paramExample(spec: Json, op: OperationDef, param: ParamDef): unknown {
  const { pathItem, operation } = specOperation(spec, op);
  let value: unknown;
  if (param.in === "body") {
    const media = requestMedia(spec, op);
    const bodyExample = firstExample(media) as Json;
    if (bodyExample && typeof bodyExample === "object" && param.name in bodyExample) value = bodyExample[param.name];
    if (value === undefined) {
      const schema = deref(spec, media?.schema);
      value = firstExample(deref(spec, schema?.properties?.[param.name]));
    }
  } else {
    const params: Json[] = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])].map((p: Json) => deref(spec, p));
    const found = params.find((p) => p.name === param.name && p.in === param.in);
    value = firstExample(found) ?? firstExample(deref(spec, found?.schema));
  }
  if (value === undefined) throw new Error(`${op.operationId}: no example for ${param.in} parameter ${param.name} in the spec`);
  return value;
}

/**
 * The inputs of a sample: required parameters, the body members of the spec's request body example (so a sample sends
 * the vendor's example body), and one location of each "send it here or there" alternative.
 */
export function sampleInput(spec: Json, op: OperationDef): Array<{ key: string; param: ParamDef; value: unknown }> {
  const out: Array<{ key: string; param: ParamDef; value: unknown }> = [];
  const example = firstExample(requestMedia(spec, op)) as Json;
  const inExample = (param: ParamDef) => param.in === "body" && example !== null && typeof example === "object" && param.name in example;
  for (const param of op.params) {
    if (out.some((e) => e.key === param.key)) continue;
    const alternative = op.alternatives?.find((a) => a.key === param.key);
    if (!param.required && !alternative && !inExample(param)) continue;
    const chosen = alternative ? (op.params.find((p) => p.key === param.key && p.in === alternative.default) ?? param) : param;
    out.push({ key: param.key, param: chosen, value: paramExample(spec, op, chosen) });
  }
  return out;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function tsKey(key: string): string {
  return IDENT.test(key) ? key : JSON.stringify(key);
}

/** An object literal, one property per line; values are TypeScript expressions (nested objects as entry lists). */
type Entry = [key: string, value: string | Entry[]];

function objectLiteral(entries: Entry[], indent = ""): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  const lines = entries.map(([k, v]) => `${inner}${tsKey(k)}: ${typeof v === "string" ? v : objectLiteral(v, inner)},`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

export function envName(id: string, what: string): string {
  return `${id}_${what}`
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

function sigv4Scheme(api: ApiDef): SecuritySchemeDef | undefined {
  return Object.values(api.securitySchemes).find((s) => s.signingName);
}

function serverVariable(api: ApiDef, name: string): string | undefined {
  return api.servers[0]?.variables[name]?.default;
}

/** The first security requirement the spec lists (operation level first), resolved to its scheme. */
function primaryScheme(spec: Json, target: SampleTarget, op: OperationDef): { name: string; scheme: Json } | undefined {
  const { operation } = specOperation(spec, op);
  const requirements: Json[] = operation.security ?? spec.security ?? [];
  const name = requirements.flatMap((r) => Object.keys(r))[0];
  if (!name) return undefined;
  return { name, scheme: spec.components?.securitySchemes?.[name] ?? target.api.securitySchemes[name] };
}

/** The client options of the sample: region for AWS, credentials from the environment, client-level parameters. */
export function sampleClientOptions(spec: Json, target: SampleTarget): { entries: Entry[]; comments: string[]; clientParams: string[] } {
  const { api, factory, id } = target;
  const entries: Entry[] = [];
  const comments: string[] = [];
  /** Operation inputs given once to the client (e.g. CloudCockpit's tenant): left out of the call. */
  const clientParams: string[] = [];
  const ops = Object.values(api.operations);
  const aws = sigv4Scheme(api);
  if (aws) {
    const region = serverVariable(api, "region");
    if (!region) throw new Error(`${id}: SigV4 API without a {region} server variable`);
    entries.push(["region", JSON.stringify(region)]);
    comments.push(
      "// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN),",
      "// or pass `credentials` (keys, or a provider such as fromNodeProviderChain()).",
    );
  }
  let auth = Boolean(aws);
  for (const prop of factory.props) {
    if (prop.optional) continue;
    const owner = ops.find((o) => o.params.some((p) => p.key === prop.name));
    if (owner) {
      const param = owner.params.find((p) => p.key === prop.name) as ParamDef;
      entries.push([prop.name, JSON.stringify(paramExample(spec, owner, param))]);
      clientParams.push(prop.name);
    } else if (/key|token|secret/i.test(prop.name)) {
      entries.push([prop.name, `process.env.${envName(id, prop.name)}!`]);
      auth = true;
    } else {
      throw new Error(`${id}: ${factory.optionsType}.${prop.name} is required and the docs generator has no sample value for it`);
    }
  }
  if (!auth) {
    const has = (name: string) => factory.props.some((p) => p.name === name);
    const oauth = Object.values(api.securitySchemes).find((s) => s.type === "oauth2" && s.tokenUrl);
    if (oauth && has("clientCredentials")) {
      entries.push([
        "clientCredentials",
        [
          ["clientId", `process.env.${envName(id, "clientId")}!`],
          ["clientSecret", `process.env.${envName(id, "clientSecret")}!`],
        ],
      ]);
    } else if (has("token")) {
      entries.push(["token", `process.env.${envName(id, "token")}!`]);
    } else if (has("apiKey")) {
      entries.push(["apiKey", `process.env.${envName(id, "apiKey")}!`]);
    }
  }
  return { entries, comments, clientParams };
}

/** `// label: "A" | "B" | ...` wrapped at `width` columns, continuation lines indented. */
function unionComment(indent: string, label: string, items: string[], width = 80): string[] {
  const lines: string[] = [];
  let line = `${indent}// ${label}:`;
  for (const [i, item] of items.entries()) {
    const piece = ` ${JSON.stringify(item)}${i < items.length - 1 ? " |" : ""}`;
    if (line.length + piece.length > width && !line.endsWith(":")) {
      lines.push(line);
      line = `${indent}//  `;
    }
    line += piece;
  }
  lines.push(line);
  return lines;
}

/** Our TypeScript client call for one operation, with the spec's parameter examples. */
export function typescriptSample(spec: Json, target: SampleTarget, op: OperationDef): string {
  const { entries, comments, clientParams } = sampleClientOptions(spec, target);
  const input = sampleInput(spec, op)
    .filter(({ key }) => !clientParams.includes(key))
    .map(({ key, value }): Entry => [key, JSON.stringify(value)]);
  const codes = op.errorCodes ? Object.keys(op.errorCodes) : Object.values(op.errors).map((e) => e.code);
  const args = entries.length === 0 && target.factory.optionsOptional ? "" : objectLiteral(entries);
  return [
    `import { ${target.factory.name} } from "${target.packageName}";`,
    "",
    ...comments,
    `const client = ${target.factory.name}(${args});`,
    "",
    `const { data, error, response } = await client.${op.operationId}(${objectLiteral(input)});`,
    "if (error) {",
    ...unionComment("  ", "error.code", [...new Set([...codes, "UnknownError"])]),
    "  console.error(error.status, error.code, error.message);",
    "} else {",
    "  console.log(response.status, data);",
    "}",
    "",
  ].join("\n");
}

function shellSingleQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function serverUrl(api: ApiDef): string {
  const server = api.servers[0];
  if (!server) throw new Error(`${api.id}: no servers`);
  return server.url.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = server.variables[name]?.default;
    if (value === undefined) throw new Error(`${api.id}: server variable ${name} has no default`);
    return value;
  });
}

/** A curl line for one operation: first server, the spec's examples, and the auth the spec declares. */
export function curlSample(spec: Json, target: SampleTarget, op: OperationDef): string {
  const { api, id } = target;
  const inputs = sampleInput(spec, op);
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const entry = inputs.find((e) => e.param.in === "path" && e.param.name === name);
    if (!entry) throw new Error(`${op.operationId}: no example for path parameter ${name}`);
    return encodeURIComponent(String(entry.value));
  });
  const query = new URLSearchParams();
  for (const e of inputs) if (e.param.in === "query") query.append(e.param.name, String(e.value));
  const qs = query.size > 0 ? `?${query.toString()}` : "";
  const comments: string[] = [];
  const args: string[] = [`curl --request ${op.method.toUpperCase()} "${serverUrl(api)}${path}${qs}"`];

  const aws = sigv4Scheme(api);
  if (aws) {
    const region = serverVariable(api, "region");
    args.push(`--aws-sigv4 "aws:amz:${region}:${aws.signingName}"`, `--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
    comments.push('# Temporary credentials: also pass --header "X-Amz-Security-Token: $AWS_SESSION_TOKEN"');
  } else {
    const primary = primaryScheme(spec, target, op);
    const scheme = primary?.scheme;
    if (scheme?.type === "oauth2" || (scheme?.type === "http" && scheme.scheme === "bearer")) {
      const jwt = scheme.type === "oauth2" || scheme.bearerFormat === "JWT";
      const env = envName(id, jwt ? "token" : "apiKey");
      if (scheme.type === "oauth2")
        comments.push(`# ${env}: an access token from the OAuth 2.0 client-credentials flow (see Authentication)`);
      args.push(`--header "Authorization: Bearer $${env}"`);
    } else if (scheme?.type === "http" && scheme.scheme === "basic") {
      args.push(`--user "$${envName(id, "username")}:$${envName(id, "password")}"`);
    } else if (scheme?.type === "apiKey" && scheme.in === "header") {
      // A literal prefix the scheme documents, e.g. "Authorization: Basic <APIKey>".
      const prefix = new RegExp(`${scheme.name}: (\\w+) <`).exec(scheme.description ?? "")?.[1];
      args.push(`--header "${scheme.name}: ${prefix ? `${prefix} ` : ""}$${envName(id, "apiKey")}"`);
    } else if (scheme?.type === "apiKey" && scheme.in === "query") {
      args[0] = args[0]?.replace(/"$/, `${qs ? "&" : "?"}${scheme.name}=$${envName(id, "apiKey")}"`) as string;
    } else if (primary) {
      throw new Error(`${id}: security scheme ${primary.name} (${scheme?.type}) has no curl form in the docs generator`);
    }
  }
  for (const e of inputs) if (e.param.in === "header") args.push(`--header ${shellSingleQuote(`${e.param.name}: ${String(e.value)}`)}`);
  const bodyInputs = inputs.filter((e) => e.param.in === "body");
  if (op.body && (op.body.required || bodyInputs.length > 0)) {
    const example = firstExample(requestMedia(spec, op)) ?? Object.fromEntries(bodyInputs.map((e) => [e.param.name, e.value]));
    args.push(`--header "Content-Type: ${op.body.contentType}"`, `--data ${shellSingleQuote(JSON.stringify(example))}`);
  }
  return [...comments, args.join(" \\\n  "), ""].join("\n");
}

/** The `x-codeSamples` of one operation: our TypeScript client, then curl. */
export function codeSamples(spec: Json, target: SampleTarget, op: OperationDef): CodeSample[] {
  return [
    { lang: "TypeScript", label: "TypeScript", source: typescriptSample(spec, target, op) },
    { lang: "Shell", label: "curl", source: curlSample(spec, target, op) },
  ];
}
