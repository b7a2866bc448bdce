/**
 * The `x-codeSamples` of an operation, from the API's generated descriptor only (factory, environment, credential,
 * the spec's example input and the generated operation data): our TypeScript client call and a curl line.
 */
import type { OperationDef, ParamDef } from "@subscription-apis/runtime";
import type { ApiDescriptor } from "@subscription-apis/runtime/internal";

/** An `x-codeSamples` entry (Redoc renders one tab per entry, in order). */
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** A value placed where the client sends it (an input sent "here or there" goes to its default location). */
interface Placed {
  param: ParamDef;
  value: unknown;
}

export function operationDef(d: ApiDescriptor, operationId: string): OperationDef {
  const op = d.api.operations[operationId];
  if (!op) throw new Error(`${d.id}: no operation ${operationId} in the generated api data`);
  return op;
}

/** The example input of the descriptor (the spec's examples), each value with the parameter that carries it. */
export function placedInput(d: ApiDescriptor, op: OperationDef): Placed[] {
  const input = d.operations[op.operationId]?.exampleInput ?? {};
  return Object.entries(input).map(([key, value]) => {
    const at = op.alternatives?.find((a) => a.key === key)?.default;
    const param = op.params.find((p) => p.key === key && (!at || p.in === at));
    if (!param) throw new Error(`${d.id}.${op.operationId}: example input ${key} is not a parameter of the operation`);
    return { param, value };
  });
}

/** The environment variable that feeds a factory option (`apiKey`, `credentials.accessKeyId`). */
function envOf(d: ApiDescriptor, option: string): string {
  const found = d.env.find((e) => e.option === option);
  if (!found) throw new Error(`${d.id}: the descriptor's env has no variable for the option ${option}`);
  return found.name;
}

const isBinaryBody = (op: OperationDef) => Boolean(op.body && !/json|form|^text\//.test(op.body.contentType));
/**
 * An input whose example names a local file the sample sends: a binary body, or a multipart part of bytes (the
 * generator gives such a part no constraint).
 */
export const isFileInput = (op: OperationDef, p: ParamDef) =>
  p.in === "body" && (op.body?.contentType === "multipart/form-data" ? !p.schema : isBinaryBody(op));

/** Object literal source, one property per line; a value is a TypeScript expression or a nested entry list. */
type Entry = [key: string, value: string | Entry[]];
function objectLiteral(entries: Entry[], indent = ""): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  const lines = entries.map(([k, v]) => `${inner}${key(k)}: ${typeof v === "string" ? v : objectLiteral(v, inner)},`);
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** `// label: "A" | "B" | ...` wrapped at 80 columns, continuation lines indented. */
function unionComment(label: string, items: string[]): string[] {
  const lines: string[] = [];
  let line = `  // ${label}:`;
  for (const [i, item] of items.entries()) {
    const piece = ` ${JSON.stringify(item)}${i < items.length - 1 ? " |" : ""}`;
    if (line.length + piece.length > 80 && !line.endsWith(":")) {
      lines.push(line);
      line = "  //  ";
    }
    line += piece;
  }
  return [...lines, line];
}

/** Our TypeScript client call: options from the environment the descriptor names, the spec's example input. */
export function typescriptSample(d: ApiDescriptor, operationId: string): string {
  const op = operationDef(d, operationId);
  const options: Entry[] = [];
  for (const e of d.env.filter((e) => e.required && e.option !== "baseUrl")) {
    const [head, sub] = e.option.split(".") as [string, string | undefined];
    const value = `process.env.${e.name}!`;
    if (!sub) options.push([head, value]);
    else {
      const group = options.find(([k]) => k === head)?.[1] as Entry[] | undefined;
      if (group) group.push([sub, value]);
      else options.push([head, [[sub, value]]]);
    }
  }
  let files = false;
  const input = placedInput(d, op).map(({ param, value }): Entry => {
    if (!isFileInput(op, param)) return [param.key, JSON.stringify(value)];
    files = true;
    const type = op.body?.encoding?.[param.name]?.contentType ?? (isBinaryBody(op) ? op.body?.contentType : undefined);
    return [param.key, `await openAsBlob(${JSON.stringify(value)}${type ? `, { type: ${JSON.stringify(type)} }` : ""})`];
  });
  const desc = d.operations[operationId]!;
  const codes = [...new Set([...(desc.errorCodes ? Object.keys(desc.errorCodes) : Object.values(desc.errors)), "UnknownError"])];
  return [
    ...(files ? [`import { openAsBlob } from "node:fs";`] : []),
    `import { ${d.factories.client} } from "${d.packageName}";`,
    "",
    `const client = ${d.factories.client}(${objectLiteral(options)});`,
    "",
    `const { data, error, response } = await client.${operationId}(${objectLiteral(input)});`,
    "if (error) {",
    ...unionComment("error.code", codes),
    "  console.error(error.status, error.code, error.message);",
    "} else {",
    "  console.log(response.status, data);",
    "}",
    "",
  ].join("\n");
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
const text = (v: unknown) => (typeof v === "string" ? v : v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/** Percent-encoded as the client encodes a form (RFC 3986: only unreserved characters kept). */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The key/value pairs of a form-encoded body per the OpenAPI `encoding` object: `deepObject` as bracket keys
 * (`items[0][price]`), `form` exploded as repeated keys (an object: its own pairs), `form` unexploded comma-joined.
 */
export function formPairs(op: OperationDef, body: Record<string, unknown>): [string, string][] {
  const pairs: [string, string][] = [];
  const deep = (key: string, v: unknown): void => {
    if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) deep(`${key}[${k}]`, x);
    else pairs.push([key, text(v)]);
  };
  for (const [name, v] of Object.entries(body)) {
    const { style = "form", explode = style === "form" } = op.body?.encoding?.[name] ?? {};
    const object = v !== null && typeof v === "object" && !Array.isArray(v);
    if (style === "deepObject") deep(name, v);
    else if (!explode && (object || Array.isArray(v)))
      pairs.push([name, (object ? Object.entries(v).flat() : (v as unknown[])).map(text).join(",")]);
    else if (Array.isArray(v)) for (const x of v) pairs.push([name, text(x)]);
    else if (object) for (const [k, x] of Object.entries(v)) pairs.push([k, text(x)]);
    else pairs.push([name, text(v)]);
  }
  return pairs;
}

/** curl's body arguments for the operation's content type. */
function curlBody(op: OperationDef, body: Placed[]): string[] {
  const media = op.body?.contentType ?? "application/json";
  const whole = body.find((b) => b.param.name === "");
  const value = whole ? whole.value : Object.fromEntries(body.map((b) => [b.param.name, b.value]));
  if (media === "application/x-www-form-urlencoded")
    return formPairs(op, value as Record<string, unknown>).map(([k, v]) => {
      // Bracket keys unescaped, as the client sends them. curl encodes a space as "+" and the client as "%20".
      const key = encode(k).replace(/%5B/g, "[").replace(/%5D/g, "]");
      return v.includes(" ") ? `--data ${quote(`${key}=${encode(v)}`)}` : `--data-urlencode ${quote(`${key}=${v}`)}`;
    });
  if (media === "multipart/form-data") {
    return body.flatMap(({ param, value: v }) => {
      const type = op.body?.encoding?.[param.name]?.contentType;
      const items = Array.isArray(v) && !type?.includes("json") ? v : [v];
      return items.map((item) => {
        if (isFileInput(op, param)) return `--form ${quote(`${param.name}=@${text(item)}${type ? `;type=${type}` : ""}`)}`;
        const json = item !== null && typeof item === "object";
        if (!type && !json) return `--form-string ${quote(`${param.name}=${text(item)}`)}`;
        return `--form ${quote(`${param.name}=${text(item)};type=${type ?? "application/json"}`)}`;
      });
    });
  }
  const data = media.includes("json")
    ? `--data ${quote(JSON.stringify(value))}`
    : `--data-binary ${isBinaryBody(op) ? "@" : ""}${quote(text(value))}`;
  return [`--header "Content-Type: ${media}"`, data];
}

/** A curl line: the first server with its variables' defaults, the example input, the descriptor's credential. */
export function curlSample(d: ApiDescriptor, operationId: string): string {
  const op = operationDef(d, operationId);
  const server = d.api.servers[0];
  if (!server) throw new Error(`${d.id}: no servers`);
  const variable = (name: string) => {
    const value = server.variables[name]?.default;
    if (value === undefined) throw new Error(`${d.id}: server variable ${name} has no default`);
    return value;
  };
  const input = placedInput(d, op);
  const sigv4 = d.credential.kind === "sigv4";
  for (const { param, value } of input)
    if (
      param.in !== "body" &&
      value !== null &&
      typeof value === "object" &&
      !(param.in === "query" && Array.isArray(value) && !param.style)
    )
      throw new Error(
        `${d.id}.${operationId}: ${param.in} parameter ${param.name} (${param.style ?? "array or object"}) has no curl form in the docs generator`,
      );
  // Client-level parameters (a tenant header) come from the environment, like the TypeScript sample's options.
  const fromEnv = d.env.flatMap((e) => op.params.filter((p) => p.key === e.option).map((param) => ({ param, value: `$${e.name}` })));
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const found = input.find((e) => e.param.in === "path" && e.param.name === name);
    if (!found) throw new Error(`${d.id}.${operationId}: no example for path parameter ${name}`);
    return encodeURIComponent(text(found.value));
  });
  const query = new URLSearchParams();
  for (const { param, value } of input.filter((e) => e.param.in === "query"))
    for (const v of Array.isArray(value) ? value : [value]) query.append(param.name, text(v));
  // curl before 8 signs the query as written: SigV4 needs it sorted by name.
  if (sigv4) query.sort();
  const queryText = [query.toString(), ...fromEnv.filter((e) => e.param.in === "query").map((e) => `${e.param.name}=${e.value}`)];
  const args: string[] = [];
  const comments: string[] = [];
  const c = d.credential;
  if (c.kind === "sigv4") {
    args.push(
      `--aws-sigv4 "aws:amz:${variable("region")}:${c.signingName}"`,
      `--user "$${envOf(d, "credentials.accessKeyId")}:$${envOf(d, "credentials.secretAccessKey")}"`,
    );
    comments.push('# Temporary credentials: also pass --header "X-Amz-Security-Token: $AWS_SESSION_TOKEN"');
  } else if (c.kind === "basic") args.push(`--user "$${envOf(d, "username")}:$${envOf(d, "password")}"`);
  else if (c.kind === "apiKey" && c.in === "query") queryText.push(`${c.param}=$${envOf(d, c.option)}`);
  else if (c.kind === "apiKey") args.push(`--header "${c.param}: ${c.prefix}$${envOf(d, c.option)}"`);
  else {
    const env = c.kind === "bearer" ? envOf(d, c.option) : envOf(d, `${c.option}.clientId`).replace(/CLIENT_ID$/, "ACCESS_TOKEN");
    if (c.kind === "oauth2") comments.push(`# ${env}: an access token from the OAuth 2.0 client-credentials flow (${c.tokenUrl})`);
    args.push(`--header "Authorization: Bearer $${env}"`);
  }
  for (const { param, value } of fromEnv.filter((e) => e.param.in === "header")) args.push(`--header "${param.name}: ${value}"`);
  for (const { param, value } of input.filter((e) => e.param.in === "header"))
    args.push(`--header ${quote(`${param.name}: ${text(value)}`)}`);
  const body = input.filter((e) => e.param.in === "body");
  if (body.length > 0) args.push(...curlBody(op, body));
  const qs = queryText.filter(Boolean).join("&");
  const url = `${server.url.replace(/\{(\w+)\}/g, (_, name: string) => variable(name))}${path}${qs ? `?${qs}` : ""}`;
  return [...comments, [`curl --request ${op.method.toUpperCase()} "${url}"`, ...args].join(" \\\n  "), ""].join("\n");
}

/** The `x-codeSamples` of one operation: our TypeScript client, then curl. */
export function codeSamples(d: ApiDescriptor, operationId: string): CodeSample[] {
  return [
    { lang: "TypeScript", label: "TypeScript", source: typescriptSample(d, operationId) },
    { lang: "Shell", label: "curl", source: curlSample(d, operationId) },
  ];
}
